"""Document positions: computed on demand, with only recent node trees kept in memory."""

from __future__ import annotations

import pytest

from copkit.load import document as document_module
from copkit.load.document import Document
from copkit.load.yaml_reader import parse

TEXT = "id: a\nname: A\nskills:\n  - skill: python\n    level: expert\n"


def _document(path: str) -> Document:
    return Document(path, TEXT, parse(TEXT, max_nodes=1000))


def test_locate_and_source_of_point_at_what_was_written() -> None:
    doc = _document("a.yaml")
    assert doc.locate(["skills", 0, "level"]) == (5, 12)
    assert doc.locate(["skills", 0, "level"], key=True) == (5, 5)
    assert doc.locate(["skills", 3]) == (4, 3)  # missing: the deepest part that exists
    assert doc.source_of(["name"]) == "A"


def test_only_recent_documents_keep_their_node_tree() -> None:
    first = _document("first.yaml")
    assert first.locate(["name"]) == (2, 7)
    assert first._root is not None
    others = [_document(f"other-{n}.yaml") for n in range(document_module.RECENT_TREES)]
    for other in others:
        other.locate(["id"])
    assert first._root is None  # dropped: memory stays bounded however many files fail
    assert others[-1]._root is not None
    assert first.locate(["skills", 0, "skill"]) == (4, 12)  # composed again on demand
    assert first._root is not None


def test_a_released_document_keeps_its_path_and_refuses_to_locate() -> None:
    kept = _document("kept.yaml")
    kept.release(keep_data=True)
    assert (kept.path, kept.text, kept.data["name"]) == ("kept.yaml", "", "A")
    dropped = _document("dropped.yaml")
    dropped.locate(["name"])
    dropped.release(keep_data=False)
    assert dropped.data is None
    assert dropped._root is None
    with pytest.raises(RuntimeError, match=r"dropped\.yaml: its text was released"):
        dropped.locate(["name"])  # a wrong line 1 would be worse than no answer
    with pytest.raises(RuntimeError):
        dropped.source_of(["name"])
