"""A safe, strict YAML reader.

It reads YAML the way a contributor means it, not the way YAML 1.1 guesses:

* only ``true`` / ``false`` are booleans (``on``, ``no``, ``yes`` stay text);
* only plain decimal numbers are numbers (``0755``, ``0x1F``, ``1:30`` stay text);
* dates stay text, so the models decide what a date is;
* duplicate keys, non-text keys, merge keys and unknown tags are refused;
* aliases may not expand a document beyond a bound (no billion laughs);
* nothing is ever constructed from a tag into a Python object.

Parsing uses libyaml (``yaml.CParser``) when it is available and PyYAML's pure
Python parser when it is not; both give the same values and the same positions.
Values carry no positions on the fast path: :func:`compose` rebuilds the node tree
with line and column on demand, only when a problem must be located.

Two constructors turn the parser's nodes into values. A lean one (:func:`_build`) handles
what entity files are made of (text keys, text, numbers, booleans, null, lists, mappings,
aliases) in one tight walk; anything else it meets (a duplicate, merge or non-text key, an
unknown tag, a parse error) hands the document to the full :class:`StrictConstructor`, which
decides and words every refusal. Both give the same values, so the refusals stay exactly
those of the full constructor.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from typing import Any, ClassVar

import yaml
from yaml.composer import Composer
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

try:
    from yaml.cyaml import CParser as _Parser  # type: ignore[attr-defined]

    HAVE_LIBYAML = True
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    HAVE_LIBYAML = False


@dataclass(frozen=True, slots=True)
class YamlProblem(Exception):
    """A document that cannot be read, with where and why."""

    code: str
    message: str
    line: int = 0
    column: int = 0
    hint: str | None = None


class StrictResolver(BaseResolver):
    """Implicit types close to the YAML 1.2 core schema, minus timestamps."""


StrictResolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)
StrictResolver.add_implicit_resolver(
    "tag:yaml.org,2002:int",
    re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"),
    list("-+0123456789"),
)
StrictResolver.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:\.[0-9]+|(?:0|[1-9][0-9]*)(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$"),
    list("-+0123456789."),
)
StrictResolver.add_implicit_resolver(
    "tag:yaml.org,2002:null",
    re.compile(r"^(?:~|null|Null|NULL|)$"),
    ["~", "n", "N", ""],
)


_INTERN_MAX = 80
"""Longest text interned: ids are at most 80 characters; prose is rarely repeated."""


class StrictConstructor(SafeConstructor):
    """Builds only text, numbers, booleans, null, lists and mappings."""

    yaml_constructors: ClassVar[dict[Any, Any]] = {}  # PyYAML's registry protocol

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[str, Any]:  # type: ignore[override]
        if not isinstance(node, MappingNode):
            raise ConstructorError(
                None, None, f"expected a mapping, found {node.id}", node.start_mark
            )
        mapping: dict[str, Any] = {}
        first_seen: dict[str, Node] = {}
        for key_node, value_node in node.value:
            if isinstance(key_node, ScalarNode) and key_node.value == "<<":
                raise _problem_at(
                    key_node,
                    "COP001",
                    "merge keys (`<<`) are not supported",
                    "write the fields out in full; each file stands on its own",
                )
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                raise _problem_at(
                    key_node,
                    "COP001",
                    f"a key must be text, found {type(key).__name__} {key!r}",
                    "field names are words such as `title` or `status`",
                )
            if key in first_seen:
                first = first_seen[key].start_mark
                raise _problem_at(
                    key_node,
                    "COP002",
                    f"duplicate key {key!r} (first at line {first.line + 1})",
                    "a key may appear once in a mapping; merge the two values or remove one",
                )
            first_seen[key] = key_node
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping

    def construct_yaml_str(self, node: Node) -> str:
        value: str = self.construct_scalar(node)  # type: ignore[arg-type]
        # Keys, ids and enum words recur across a repository (``person`` and each person's
        # id hundreds of times); one shared string each instead of one per occurrence.
        return sys.intern(value) if len(value) <= _INTERN_MAX else value

    def construct_unknown(self, node: Node) -> Any:
        raise _problem_at(
            node,
            "COP001",
            f"the tag {node.tag!r} is not allowed",
            "remove the `!tag`; copkit reads plain YAML values only",
        )


for _tag, _method in (
    ("tag:yaml.org,2002:null", SafeConstructor.construct_yaml_null),
    ("tag:yaml.org,2002:bool", SafeConstructor.construct_yaml_bool),
    ("tag:yaml.org,2002:int", SafeConstructor.construct_yaml_int),
    ("tag:yaml.org,2002:float", SafeConstructor.construct_yaml_float),
    ("tag:yaml.org,2002:str", StrictConstructor.construct_yaml_str),
    ("tag:yaml.org,2002:seq", SafeConstructor.construct_yaml_seq),
    ("tag:yaml.org,2002:map", SafeConstructor.construct_yaml_map),
    (None, StrictConstructor.construct_unknown),
):
    StrictConstructor.add_constructor(_tag, _method)  # type: ignore[type-var]


def _problem_at(node: Node, code: str, message: str, hint: str | None) -> YamlProblem:
    mark = node.start_mark
    return YamlProblem(code, message, mark.line + 1, mark.column + 1, hint)


_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_BY_FIRST_CHARACTER: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {
    first: tuple(resolvers)
    for first, resolvers in StrictResolver.yaml_implicit_resolvers.items()
    if first is not None
}
# The lean path relies on these: no wildcard resolvers and no path resolvers.
assert None not in StrictResolver.yaml_implicit_resolvers
assert not StrictResolver.yaml_path_resolvers


class _LeanResolver(StrictResolver):
    """:class:`StrictResolver`'s answers, with less work per value (the parser asks per node)."""

    def resolve(self, kind: type[Node], value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            if implicit[0]:
                for tag, regexp in _BY_FIRST_CHARACTER.get(value[:1], ()):
                    if regexp.match(value):
                        return tag
            return _STR
        return _SEQ if kind is SequenceNode else _MAP


if HAVE_LIBYAML:

    class _Loader(_Parser, StrictConstructor, StrictResolver):
        def __init__(self, stream: str) -> None:
            _Parser.__init__(self, stream)
            StrictConstructor.__init__(self)
            StrictResolver.__init__(self)

    class _Composer(_Parser, _LeanResolver):
        def __init__(self, stream: str) -> None:
            _Parser.__init__(self, stream)
            _LeanResolver.__init__(self)
            # libyaml's composer calls these two around every node, for path resolvers;
            # there are none (asserted above), so each call is answered by a C builtin
            # that ignores its arguments instead of a Python method that does nothing.
            self.descend_resolver = _IGNORE_TWO  # type: ignore[method-assign]
            self.ascend_resolver = _IGNORE_NONE  # type: ignore[method-assign]

    _IGNORE_TWO: Any = {}.get  # (parent, index) -> index; nothing else happens
    _IGNORE_NONE: Any = tuple  # () -> ()

else:  # pragma: no cover - exercised where libyaml is missing

    class _Loader(Reader, Scanner, Parser, Composer, StrictConstructor, StrictResolver):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)
            StrictConstructor.__init__(self)
            StrictResolver.__init__(self)

    class _Composer(Reader, Scanner, Parser, Composer, _LeanResolver):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)
            _LeanResolver.__init__(self)


def parse(text: str, *, max_nodes: int) -> Any:
    """Parse one YAML document into plain Python values, or raise :class:`YamlProblem`."""
    try:
        data = _build(compose(text))
        # An alias is written `*name`; a document without `*` cannot have one, so the
        # expansion check (a walk over every value) runs only where it could matter.
        if "*" in text:
            _check_expansion(data, max_nodes)
        return data
    except Exception:  # anything unusual: the full constructor decides
        return _parse_fully(text, max_nodes)


class _Unusual(Exception):
    """Something the lean constructor leaves to the full one."""


_SCALAR_CONSTRUCTOR = StrictConstructor()
_intern = sys.intern
_OTHER_SCALARS: dict[str, Any] = {
    "tag:yaml.org,2002:null": _SCALAR_CONSTRUCTOR.construct_yaml_null,
    "tag:yaml.org,2002:bool": _SCALAR_CONSTRUCTOR.construct_yaml_bool,
    "tag:yaml.org,2002:int": _SCALAR_CONSTRUCTOR.construct_yaml_int,
    "tag:yaml.org,2002:float": _SCALAR_CONSTRUCTOR.construct_yaml_float,
}


def _build(root: Node | None) -> Any:
    """The values of a node tree, as :class:`StrictConstructor` would build them.

    Raises :class:`_Unusual` for anything that constructor would refuse or that this
    walk does not handle, so the caller can hand the document over.
    """
    if root is None:
        return None
    # node id -> its container: aliases share it, as in PyYAML
    return _build_node(root, {})


def _build_node(node: Node, built: dict[int, Any]) -> Any:
    # A module function, not a closure: a nested function that calls itself is a reference
    # cycle, left for the cyclic collector to free after every file.
    kind = node.__class__
    if kind is ScalarNode:
        value = node.value
        if node.tag == _STR:
            return _intern(value) if len(value) <= _INTERN_MAX else value
        construct = _OTHER_SCALARS.get(node.tag)
        if construct is None:
            raise _Unusual
        return construct(node)
    known = built.get(id(node))
    if known is not None:
        return known
    if kind is MappingNode and node.tag == _MAP:
        mapping: dict[str, Any] = {}
        built[id(node)] = mapping
        for key_node, value_node in node.value:
            if key_node.__class__ is not ScalarNode or key_node.tag != _STR:
                raise _Unusual
            key = key_node.value
            if key in mapping or key == "<<":
                raise _Unusual
            mapping[_intern(key) if len(key) <= _INTERN_MAX else key] = _build_node(
                value_node, built
            )
        return mapping
    if kind is SequenceNode and node.tag == _SEQ:
        sequence: list[Any] = []
        built[id(node)] = sequence
        for child in node.value:
            sequence.append(_build_node(child, built))
        return sequence
    raise _Unusual


def _parse_fully(text: str, max_nodes: int) -> Any:
    """:func:`parse` with PyYAML's full constructor and its exact refusals."""
    try:
        loader = _Loader(text)
    except yaml.reader.ReaderError as error:
        raise _reader_problem(error, text) from None
    try:
        data = loader.get_single_data()
        # An alias is written `*name`; a document without `*` cannot have one, so the
        # expansion check (a walk over every value) runs only where it could matter.
        if "*" in text:
            _check_expansion(data, max_nodes)
        return data
    except YamlProblem:
        raise
    except yaml.reader.ReaderError as error:
        raise _reader_problem(error, text) from None
    except yaml.MarkedYAMLError as error:
        raise _translate(error, text) from None
    except yaml.YAMLError as error:
        raise YamlProblem("COP001", _first_line(str(error))) from None
    except RecursionError:
        raise YamlProblem(
            "COP001",
            "the document is nested too deeply to read",
            hint="flatten the structure; entity files are a few levels deep",
        ) from None
    finally:
        loader.dispose()


def compose(text: str) -> Node | None:
    """The node tree of a document, with line and column on every node."""
    composer = _Composer(text)
    try:
        return composer.get_single_node()
    finally:
        composer.dispose()


def _check_expansion(data: Any, max_nodes: int) -> None:
    """Refuse documents whose aliases expand to more than ``max_nodes`` values."""
    sizes: dict[int, int] = {}
    in_progress: set[int] = set()

    def size(value: Any) -> int:
        if not isinstance(value, dict | list):
            return 1
        key = id(value)
        if key in sizes:
            return sizes[key]
        if key in in_progress:
            raise YamlProblem(
                "COP003",
                "an alias refers to the structure that contains it",
                hint="remove the recursive `*alias`",
            )
        in_progress.add(key)
        children = value.values() if isinstance(value, dict) else value
        total = 1
        for child in children:
            total += size(child)
            if total > max_nodes:
                raise YamlProblem(
                    "COP003",
                    f"aliases expand this document to more than {max_nodes} values",
                    hint="write the values out instead of repeating `*alias` references",
                )
        in_progress.discard(key)
        sizes[key] = total
        return total

    size(data)


_TAB_PROBLEM = "found character '\\t' that cannot start any token"


def _reader_problem(error: yaml.reader.ReaderError, text: str) -> YamlProblem:
    position = max(0, min(error.position, len(text)))
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    return YamlProblem(
        "COP001",
        f"the character U+{error.character:04X} is not allowed in YAML",
        line,
        column,
        "remove the control character; write it as an escape such as \\t inside double quotes",
    )


def _translate(error: yaml.MarkedYAMLError, text: str) -> YamlProblem:
    mark = error.problem_mark or error.context_mark
    line = mark.line + 1 if mark else 0
    column = mark.column + 1 if mark else 0
    problem = error.problem or "malformed YAML"
    if "expected a single document" in problem or "but found another document" in problem:
        return YamlProblem(
            "COP007",
            "the file holds more than one YAML document",
            line,
            column,
            "keep one entity per file; move the part after `---` into a file of its own",
        )
    if _TAB_PROBLEM in problem or (
        "cannot start any token" in problem and _tab_in_indentation(text, line)
    ):
        return YamlProblem(
            "COP001",
            "a tab character is used for indentation",
            line,
            column,
            "YAML indents with spaces; replace the tab with spaces",
        )
    if "found undefined alias" in problem:
        return YamlProblem("COP001", problem, line, column, "define the `&anchor` before using it")
    context = f"{error.context}: " if error.context else ""
    return YamlProblem(
        "COP001",
        f"malformed YAML: {context}{problem}",
        line,
        column,
        "check the indentation and quoting around this position",
    )


def _tab_in_indentation(text: str, line: int) -> bool:
    lines = text.splitlines()
    if not 0 < line <= len(lines):
        return False
    content = lines[line - 1]
    return "\t" in content[: len(content) - len(content.lstrip())]


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else "malformed YAML"
