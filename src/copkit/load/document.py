"""A parsed YAML document that can say where any of its values was written."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from yaml.nodes import MappingNode, Node, SequenceNode

from copkit.load.yaml_reader import compose

Loc = Sequence[str | int]
"""A path into a document: mapping keys and list indexes, as pydantic reports them."""


@dataclass(slots=True)
class Document:
    """One file's text and values. Positions are computed only when asked for."""

    path: str
    """Path relative to the repository root, with forward slashes."""
    text: str
    data: Any
    _root: Node | None = field(default=None, repr=False)

    def locate(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of the value at ``loc``.

        With ``key=True`` the position of the mapping key is given instead (for an
        unknown field, the key is what to fix). When ``loc`` does not exist in full,
        the deepest part that does is located: a missing field points at its parent.
        """
        if self._root is None:
            self._root = compose(self.text)
        node = self._root
        if node is None:
            return (1, 1)
        last = len(loc) - 1
        for index, part in enumerate(loc):
            found = _child(node, part)
            if found is None:
                break
            key_node, value_node = found
            node = key_node if key and index == last and key_node is not None else value_node
        mark = node.start_mark
        return (mark.line + 1, mark.column + 1)

    def source_of(self, loc: Loc) -> str | None:
        """The text of a scalar exactly as written, e.g. ``0755`` before it became a number."""
        if self._root is None:
            self._root = compose(self.text)
        node = self._root
        for part in loc:
            if node is None:
                return None
            found = _child(node, part)
            if found is None:
                return None
            node = found[1]
        if node is None or isinstance(node, MappingNode | SequenceNode):
            return None
        return str(node.value)


def _child(node: Node, part: str | int) -> tuple[Node | None, Node] | None:
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == part:
                return key_node, value_node
        return None
    if isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return None, node.value[part]
    return None
