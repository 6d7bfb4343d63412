"""The parsing helper: each file's text and values as a read here gives them, bad files left to
the loader, nothing trusted."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from copkit.load.cache import READER_VERSION, file_key
from copkit.load.prefetch import Prefetch
from copkit.load.yaml_reader import parse
from copkit.loader import load_repository
from tests.conftest import CONFIG, RepoWriter, entity, minimal_entities

MAX_BYTES = 4_000
MAX_NODES = 10_000


def write_files(folder: Path, count: int) -> list[Path]:
    """``count`` small YAML files, a few of them unreadable in different ways."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = folder / f"f{index:04d}.yaml"
        if index % 50 == 7:
            path.write_text("a: [unclosed\n", encoding="utf-8")
        elif index % 50 == 19:
            path.write_bytes(b"name: caf\xe9\n")  # Latin-1, not UTF-8
        elif index % 50 == 31:
            path.write_text("big: " + "x" * MAX_BYTES + "\n", encoding="utf-8")
        else:
            path.write_text(
                f"id: item-{index}\nn: {index}\nok: true\nlist: [a, '{index}', 1.5]\n"
                f"nested:\n  when: 2026-01-0{index % 9 + 1}\n  none:\n",
                encoding="utf-8",
            )
        paths.append(path)
    return paths


def start(paths: list[Path]) -> Prefetch:
    helper = Prefetch.start(
        paths,
        max_file_bytes=MAX_BYTES,
        max_nodes=MAX_NODES,
        reader_version=READER_VERSION,
        min_files=1,
    )
    assert helper is not None
    return helper


def wait_until_finished(helper: Prefetch) -> None:
    """Until the helper has sent everything (read as it comes: a full pipe would stop it)."""
    process = helper._process
    assert process is not None
    deadline = time.monotonic() + 60
    while helper._process is not None:
        helper._receive()
        assert time.monotonic() < deadline, "the helper did not finish"
        time.sleep(0.01)


def key_of(path: Path) -> str:
    return file_key(path.read_bytes(), READER_VERSION, MAX_NODES)


def test_a_finished_helper_gives_every_good_file_exactly_as_parsing_here(tmp_path: Path) -> None:
    paths = write_files(tmp_path / "files", 300)
    helper = start(paths)
    wait_until_finished(helper)
    arrived = {index: (key, text, values) for index, key, text, values in helper.arrived()}
    assert helper.arrived() == []  # each file is handed over once
    taken = 0
    for index, path in enumerate(paths):
        found = arrived.get(index)
        if index % 50 in (7, 19, 31):
            assert found is None, path.name  # left to the loader, which reports it
            continue
        assert found is not None, path.name
        text = path.read_text(encoding="utf-8")
        assert found == (key_of(path), text, parse(text, max_nodes=MAX_NODES))
        taken += 1
    helper.close()
    assert taken == helper.taken == 300 - 3 * 6


def test_text_and_values_come_from_the_one_read_of_the_helper(tmp_path: Path) -> None:
    paths = write_files(tmp_path / "files", 60)
    paths[-1].write_bytes(b"\xef\xbb\xbfid: with-bom\n")
    before = paths[-1].read_bytes()
    helper = start(paths)
    wait_until_finished(helper)
    paths[-1].write_text("id: changed\n", encoding="utf-8")  # after the helper read it
    found = {index: rest for index, *rest in helper.arrived()}[59]
    assert tuple(found) == (
        file_key(before, READER_VERSION, MAX_NODES),
        "id: with-bom\n",
        {"id": "with-bom"},
    )
    helper.close()


def test_the_loader_meets_the_helper_in_the_middle(tmp_path: Path) -> None:
    """Reading from the front, taking the helper's files as they come: each file once."""
    paths = write_files(tmp_path / "files", 2_000)
    helper = start(paths)
    answered_here = 0
    arrived: dict[int, object] = {}
    for index in range(len(paths)):
        for at, _key, _text, values in helper.arrived():
            assert at not in arrived
            arrived[at] = values
        if index >= helper.received_from:
            break
        answered_here += 1
        time.sleep(0.001)  # parsing here takes time; the helper catches up
    else:
        pytest.fail("the helper sent nothing")
    helper.close()
    assert helper.taken == len(arrived) > 0
    # Every file from the meeting on arrived, with no gap. The helper may have reached
    # into the loader's share by any number of chunks (on a busy machine the loader can
    # sleep through several): the loader skips those, so each file is still read once.
    failed = {index for index in range(len(paths)) if index % 50 in (7, 19, 31)}
    assert set(arrived) == set(range(min(arrived), len(paths))) - failed
    assert answered_here >= min(arrived)
    assert all(arrived[index]["n"] == index for index in arrived)  # type: ignore[index]


@pytest.mark.parametrize(
    "script",
    [
        "import sys; sys.stdout.buffer.write(b'not a chunk at all' * 1000)",
        "import sys, struct; sys.stdout.buffer.write(struct.pack('<QQ', 5, 3) + b'abc')",
        "import sys, struct; sys.stdout.buffer.write(struct.pack('<QQ', 0, 2) + b'\\xff\\xff')",
        "raise SystemExit(3)",
    ],
    ids=["garbage", "out-of-order", "undecodable", "died"],
)
def test_a_helper_that_misbehaves_is_ignored(tmp_path: Path, script: str) -> None:
    paths = write_files(tmp_path / "files", 100)
    process = subprocess.Popen(
        [sys.executable, "-c", script], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE
    )
    process.wait(timeout=60)
    helper = Prefetch(process, len(paths))
    assert helper.arrived() == []
    helper.close()
    assert process.returncode is not None


def test_closing_stops_a_running_helper(tmp_path: Path) -> None:
    paths = write_files(tmp_path / "files", 50)
    process = subprocess.Popen(
        [sys.executable, "-c", "import time; time.sleep(60)"], stdout=subprocess.PIPE
    )
    helper = Prefetch(process, len(paths))
    assert helper.arrived() == []
    assert helper.received_from == len(paths)  # nothing arrived: the loader reads every file
    helper.close()
    assert process.poll() is not None  # killed and reaped, no zombie left behind


def test_parallel_off_or_few_files_means_no_helper(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = write_files(tmp_path / "files", 20)
    options = {"max_file_bytes": MAX_BYTES, "max_nodes": MAX_NODES, "reader_version": "v"}
    assert Prefetch.start(paths, **options) is None  # fewer files than a process start is worth
    monkeypatch.setenv("COPKIT_PARALLEL", "0")
    assert Prefetch.start(paths, min_files=1, **options) is None


def big_repository(root: Path, people: int) -> None:
    writer = RepoWriter(root)
    root.mkdir(parents=True, exist_ok=True)
    (root / "copkit.yaml").write_text(CONFIG, encoding="utf-8")
    for path, document in minimal_entities().items():
        writer.write(path, document)
    for index in range(people):
        writer.write(
            f"people/p{index:04d}.yaml",
            entity("Person", f"p{index:04d}", name=f"Person {index}", emails=[f"p{index}@x.org"]),
        )
    writer.write("people/zz-broken.yaml", "apiVersion: copkit/v1\nkind: Person\nid: [oops\n")
    writer.write("people/zz-unknown.yaml", entity("Person", "zz", name="Z", nickname="z"))


def test_loading_with_and_without_the_helper_gives_the_same_result(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big_repository(tmp_path / "repo", 1_200)
    monkeypatch.setenv("COPKIT_NO_CACHE", "1")
    started = []
    real_start = Prefetch.start.__func__  # type: ignore[attr-defined]

    def recording_start(cls: type[Prefetch], *args: object, **kwargs: object) -> Prefetch | None:
        helper = real_start(cls, *args, **kwargs)
        started.append(helper)
        return helper

    monkeypatch.setattr(Prefetch, "start", classmethod(recording_start))
    parallel = load_repository(tmp_path / "repo")
    assert started
    assert started[0] is not None  # the helper ran
    monkeypatch.setenv("COPKIT_PARALLEL", "0")
    single = load_repository(tmp_path / "repo")
    assert started[-1] is None
    assert parallel.findings.sorted() == single.findings.sorted()
    assert any(f.code == "COP103" for f in single.findings.sorted())  # the unknown field
    assert any(f.path.endswith("zz-broken.yaml") for f in single.findings.sorted())
    assert parallel.repository.people == single.repository.people
