"""The file stem COP106 compares with the id is the one pathlib gives, for every file path."""

from __future__ import annotations

from pathlib import PurePosixPath

from hypothesis import given, settings
from hypothesis import strategies as st

from copkit.validation import _stem

COMPONENT = st.text(alphabet="ab.-_é", min_size=1, max_size=8).filter(lambda c: c != ".")


@settings(derandomize=True, max_examples=500)
@given(st.lists(COMPONENT, min_size=1, max_size=4))
def test_stem_is_pathlibs_stem(components: list[str]) -> None:
    path = "/".join(components)
    assert _stem(path) == PurePosixPath(path).stem


def test_stem_of_the_usual_and_the_odd_names() -> None:
    assert _stem("communities/people/ad/ada.yaml") == "ada"
    assert _stem("communities/x/.hidden") == ".hidden"
    assert _stem("communities/x/archive.tar.yaml") == "archive.tar"
    assert _stem("trailing.") == "trailing."
    assert _stem("plain") == "plain"
