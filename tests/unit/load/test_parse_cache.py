"""The parse cache: hits and misses, where it lives, failures ignored, output unchanged."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from copkit.load import cache as cache_module
from copkit.load.cache import FILE_NAME, ParseCache, cache_folder
from copkit.loader import load_repository
from tests.conftest import CONFIG, REPO_ROOT, RepoWriter, minimal_entities
from tests.gitrepo import GitRepo

ADA = ("Ada Lovelace", "ada@example.org")
ENTITY_COUNT = len(minimal_entities())


@pytest.fixture
def git_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    """The minimal organisation, committed to a real git repository."""
    monkeypatch.delenv("COPKIT_NO_CACHE", raising=False)
    root = tmp_path / "repo"
    git = GitRepo(root)
    files: dict[str, object] = {"copkit.yaml": CONFIG}
    files.update({f"communities/{path}": doc for path, doc in minimal_entities().items()})
    git.commit("start", author=ADA, date="2026-01-05T10:00:00", files=files)
    return git


def cache_file(root: Path) -> Path:
    return root / ".git" / "copkit" / "cache" / FILE_NAME


def load_counting(root: Path) -> tuple[ParseCache, object]:
    cache = ParseCache.for_repository(root)
    result = load_repository(root, cache=cache)
    return cache, result


def run(*args: str, cwd: Path) -> tuple[int, str, str]:
    """The real command line of this checkout, whatever the working folder."""
    path = os.pathsep.join(filter(None, [str(REPO_ROOT / "src"), os.environ.get("PYTHONPATH")]))
    result = subprocess.run(
        [sys.executable, "-m", "copkit", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": path},
        timeout=300,
        check=False,
    )
    return result.returncode, result.stdout, result.stderr


def test_cache_lives_in_the_git_directory_and_never_in_the_work_tree(git_repo: GitRepo) -> None:
    assert cache_folder(git_repo.root) == (git_repo.root / ".git" / "copkit" / "cache")
    load_repository(git_repo.root)
    assert cache_file(git_repo.root).is_file()
    status = subprocess.run(
        ["git", "status", "--porcelain", "--ignored"],
        cwd=git_repo.root,
        capture_output=True,
        text=True,
        check=True,
    )
    assert status.stdout == ""


def test_second_load_takes_every_file_from_the_cache(git_repo: GitRepo) -> None:
    cold, first = load_counting(git_repo.root)
    warm, second = load_counting(git_repo.root)
    assert (cold.hits, cold.misses) == (0, ENTITY_COUNT)
    assert (warm.hits, warm.misses) == (ENTITY_COUNT, 0)
    assert first.repository.people.keys() == second.repository.people.keys()  # type: ignore[attr-defined]


def test_values_really_come_from_the_cache(git_repo: GitRepo) -> None:
    load_repository(git_repo.root)
    path = cache_file(git_repo.root)
    content = json.loads(path.read_text())
    for _generation, values in content["entries"].values():
        if isinstance(values, dict) and values.get("id") == "ada":
            values["name"] = "Name From The Cache"
    path.write_text(json.dumps(content))
    repository = load_repository(git_repo.root).repository
    assert repository.people["ada"].name == "Name From The Cache"


def test_a_changed_file_misses_and_is_parsed_again(git_repo: GitRepo) -> None:
    load_repository(git_repo.root)
    person = git_repo.root / "communities" / "people" / "bob.yaml"
    person.write_text(person.read_text().replace("Bob Byte", "Robert Byte"))
    cache, result = load_counting(git_repo.root)
    assert (cache.hits, cache.misses) == (ENTITY_COUNT - 1, 1)
    assert result.repository.people["bob"].name == "Robert Byte"  # type: ignore[attr-defined]


def test_key_includes_reader_version_and_alias_bound(git_repo: GitRepo) -> None:
    raw = b"a: 1\n"
    file = cache_file(git_repo.root)
    current = ParseCache(file)
    assert current.key(raw, 100) != ParseCache(file, reader_version="other").key(raw, 100)
    assert current.key(raw, 100) != current.key(raw, 101)
    assert current.key(raw, 100) != current.key(b"a: 2\n", 100)
    load_repository(git_repo.root)
    newer = ParseCache(file, reader_version=cache_module.READER_VERSION + "-next")
    load_repository(git_repo.root, cache=newer)
    assert (newer.hits, newer.misses) == (0, ENTITY_COUNT)


@pytest.mark.parametrize(
    "content",
    [
        b"\x00\xff not json",
        b'{"format": 1, "generation": 3, "entries": {"tr',
        b"[]",
        b'{"format": 1, "generation": 1, "entries": []}',
        b'{"format": 999, "generation": 1, "entries": {}}',
        b'{"format": 1, "generation": "x", "entries": {}}',
        b"[" * 100_000,
    ],
)
def test_corrupt_cache_is_ignored_and_replaced(git_repo: GitRepo, content: bytes) -> None:
    expected = load_repository(git_repo.root, cache=ParseCache.off())
    file = cache_file(git_repo.root)
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_bytes(content)
    cache, result = load_counting(git_repo.root)
    assert cache.hits == 0
    assert result.findings.sorted() == expected.findings.sorted()  # type: ignore[attr-defined]
    assert sorted(result.repository.people) == sorted(expected.repository.people)  # type: ignore[attr-defined]
    warm, _ = load_counting(git_repo.root)
    assert warm.hits == ENTITY_COUNT


def test_entries_of_the_wrong_shape_are_misses(git_repo: GitRepo) -> None:
    load_repository(git_repo.root)
    file = cache_file(git_repo.root)
    content = json.loads(file.read_text())
    content["entries"] = dict.fromkeys(content["entries"], "not an entry")
    file.write_text(json.dumps(content))
    cache, result = load_counting(git_repo.root)
    assert (cache.hits, cache.misses) == (0, ENTITY_COUNT)
    assert result.ok  # type: ignore[attr-defined]


def test_unwritable_cache_folder_is_ignored(git_repo: GitRepo) -> None:
    # A file where the folder should be: creating the cache fails (even as root).
    (git_repo.root / ".git" / "copkit").write_text("in the way\n")
    cache, result = load_counting(git_repo.root)
    assert result.ok  # type: ignore[attr-defined]
    assert cache.misses == ENTITY_COUNT
    assert (git_repo.root / ".git" / "copkit").is_file()


def test_unreadable_cache_file_is_ignored(git_repo: GitRepo) -> None:
    cache_file(git_repo.root).mkdir(parents=True)  # a folder cannot be read as the cache
    cache, result = load_counting(git_repo.root)
    assert result.ok  # type: ignore[attr-defined]
    assert cache.hits == 0
    assert cache_file(git_repo.root).is_dir()
    assert not [p for p in cache_file(git_repo.root).parent.iterdir() if p.name != FILE_NAME]


def test_environment_variable_turns_the_cache_off(
    git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COPKIT_NO_CACHE", "1")
    assert not ParseCache.for_repository(git_repo.root).enabled
    load_repository(git_repo.root)
    assert not cache_file(git_repo.root).exists()


def test_no_cache_option_turns_the_cache_off(git_repo: GitRepo) -> None:
    code, _, _ = run("--no-cache", "validate", cwd=git_repo.root)
    assert code == 0
    assert not cache_file(git_repo.root).exists()
    code, _, _ = run("validate", cwd=git_repo.root)
    assert code == 0
    assert cache_file(git_repo.root).is_file()


def test_no_git_directory_means_no_cache(repo: RepoWriter, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COPKIT_NO_CACHE", raising=False)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(repo.root.parent))
    assert cache_folder(repo.root) is None
    assert not ParseCache.for_repository(repo.root).enabled
    assert load_repository(repo.root).ok
    assert not (repo.root / ".git").exists()


def test_score_and_validate_print_the_same_cold_warm_and_off(git_repo: GitRepo) -> None:
    commands = [
        ("score", "--format", "json", "--today", "2026-03-01"),
        ("score", "--format", "markdown", "--today", "2026-03-01"),
        ("validate", "--format", "json"),
        ("lint", "--format", "json", "--today", "2026-03-01"),
    ]
    for command in commands:
        cold = run(*command, cwd=git_repo.root)
        assert cache_file(git_repo.root).is_file()
        warm = run(*command, cwd=git_repo.root)
        off = run("--no-cache", *command, cwd=git_repo.root)
        assert cold == warm == off, command
        cache_file(git_repo.root).unlink()


BAD_FILES = {
    "bad/duplicate.yaml": "apiVersion: copkit/v1\nkind: Person\nid: x\nid: y\n",
    "bad/tab.yaml": "apiVersion: copkit/v1\nkind: Person\n\tid: x\n",
    "bad/tag.yaml": "apiVersion: copkit/v1\nkind: !!python/name:os.system Person\n",
    "bad/empty.yaml": "",
    "bad/list.yaml": "- a\n- b\n",
    "bad/unknown-field.yaml": "apiVersion: copkit/v1\nkind: Person\nid: zed\nname: Z\nshoe: 1\n",
    "bad/two.yaml": "a: 1\n---\nb: 2\n",
    "bad/alias.yaml": "a: &a [*a]\n",
}


def test_bad_files_are_reported_the_same_with_a_warm_cache(git_repo: GitRepo) -> None:
    for relative, text in BAD_FILES.items():
        path = git_repo.root / "communities" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (git_repo.root / "communities" / "bad" / "latin1.yaml").write_bytes(b"name: caf\xe9\n")
    cold = run("validate", "--format", "json", cwd=git_repo.root)
    warm = run("validate", "--format", "json", cwd=git_repo.root)
    off = run("--no-cache", "validate", "--format", "json", cwd=git_repo.root)
    assert cold[0] == 1
    assert cold == warm == off
    # Only what parsed is cached: the good files, the empty, list and unknown-field ones.
    entries = json.loads(cache_file(git_repo.root).read_text())["entries"]
    assert len(entries) == ENTITY_COUNT + 3


def test_snapshots_use_the_cache_of_the_repository_they_come_from(git_repo: GitRepo) -> None:
    sha = git_repo.repo.head.commit.hexsha
    code, _, _ = run("score", "--as-of", sha, "--format", "json", cwd=git_repo.root)
    assert code == 0
    entries = json.loads(cache_file(git_repo.root).read_text())["entries"]
    assert len(entries) == ENTITY_COUNT


def test_values_that_json_cannot_hold_are_not_cached(tmp_path: Path) -> None:
    file = tmp_path / "cache" / FILE_NAME
    cache = ParseCache(file)
    cache.put("infinite", {"x": float("inf")})
    cache.put("plain", {"x": 1.5, "y": [True, None, "text"]})
    cache.save()
    again = ParseCache(file)
    assert again.get("plain") == (True, {"x": 1.5, "y": [True, None, "text"]})
    assert again.get("infinite") == (False, None)


def test_values_nested_deeper_than_json_can_write_are_not_cached(tmp_path: Path) -> None:
    # A hostile file nests 5,000 lists: it parses (and fails validation), but the json
    # module cannot write it; the cache must leave it out, not crash the command.
    deep: object = []
    for _ in range(5_000):
        deep = [deep]
    file = tmp_path / "cache" / FILE_NAME
    cache = ParseCache(file)
    cache.put("deep", {"interests": deep})
    cache.put("plain", {"x": 1})
    cache.save()
    again = ParseCache(file)
    assert again.get("plain") == (True, {"x": 1})
    assert again.get("deep") == (False, None)


def test_cache_is_pruned_to_recent_entries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache_module, "SPARE_ENTRIES", 2)
    file = tmp_path / "cache" / FILE_NAME
    for run_number in range(5):
        cache = ParseCache(file)
        cache.put(f"run-{run_number}", run_number)
        cache.save()
    entries = json.loads(file.read_text())["entries"]
    # This run's entry, and the two most recent of the others.
    assert sorted(entries) == ["run-2", "run-3", "run-4"]


def test_write_is_atomic_and_leaves_no_temporary_files(tmp_path: Path) -> None:
    file = tmp_path / "cache" / FILE_NAME
    cache = ParseCache(file)
    cache.put("k", {"a": 1})
    cache.save()
    assert [p.name for p in file.parent.iterdir()] == [FILE_NAME]
    assert json.loads(file.read_text())["format"] == cache_module.FORMAT
