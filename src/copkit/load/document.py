"""A parsed YAML document that can say where any of its values was written."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from yaml.nodes import MappingNode, Node, SequenceNode

from copkit.load.yaml_reader import compose

Loc = Sequence[str | int]
"""A path into a document: mapping keys and list indexes, as pydantic reports them."""

RECENT_TREES = 256
"""Documents that keep their node tree for further lookups; older trees are dropped.

A node tree costs ~30x its file's size: keeping one for every file with a finding held
~600 MB at 100,000 entities. Findings come document by document, so a few recent trees
answer almost every lookup; a dropped tree is simply composed again when asked for.
"""
_recent: OrderedDict[int, Document] = OrderedDict()


@dataclass(slots=True)
class Document:
    """One file's text and values. Positions are computed only when asked for."""

    path: str
    """Path relative to the repository root, with forward slashes."""
    text: str
    data: Any
    _root: Node | None = field(default=None, repr=False)
    released: bool = field(default=False, repr=False)
    """The text was let go (:meth:`release`): positions can no longer be found."""

    def release(self, *, keep_data: bool) -> None:
        """Let go of the text (and the values, unless ``keep_data``) once nothing will be
        located in this file again: a reader that only renders the checked entities."""
        self.text = ""
        self._root = None
        self.released = True
        if not keep_data:
            self.data = None

    def locate(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of the value at ``loc``.

        With ``key=True`` the position of the mapping key is given instead (for an
        unknown field, the key is what to fix). When ``loc`` does not exist in full,
        the deepest part that does is located: a missing field points at its parent.
        """
        node = self._tree()
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
        node = self._tree()
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

    def _tree(self) -> Node | None:
        """The node tree, composed on first use and kept while the document is recent."""
        if self.released:
            raise RuntimeError(f"{self.path}: its text was released; nothing can be located")
        if self._root is None:
            self._root = compose(self.text)
        _recent[id(self)] = self
        _recent.move_to_end(id(self))
        while len(_recent) > RECENT_TREES:
            _, oldest = _recent.popitem(last=False)
            oldest._root = None
        return self._root


def _child(node: Node, part: str | int) -> tuple[Node | None, Node] | None:
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == part:
                return key_node, value_node
        return None
    if isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return None, node.value[part]
    return None
