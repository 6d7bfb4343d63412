"""Git history, read once: every commit's time, author, the person behind it, and files.

One ``git log`` process streams the whole history of the data folder; lint, score and
the site all read the :class:`History` it produces. When history cannot be had (git
missing, not a repository, a shallow clone) the result says so and why, and callers
report *unknown* instead of guessing.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from copkit.history_cache import HistoryCache, history_base_key, is_full_sha
from copkit.load.cache import cache_disabled, cache_folder
from copkit.load.root import find_root

if TYPE_CHECKING:
    from copkit.repository import Repository

RECORD = "\x1e"
FIELD = "\x1f"
LOG_FORMAT = f"{RECORD}%H{FIELD}%P{FIELD}%at{FIELD}%aN{FIELD}%aE"


class GitRefError(ValueError):
    """A revision argument that is unsafe or does not name a commit (a usage error)."""


class GitMissingError(OSError):
    """No ``git`` on PATH where a command needs one: a fault of the machine, exit 1."""

    def __init__(self) -> None:
        super().__init__(GIT_MISSING)


GIT_MISSING = "git is not installed (no `git` on PATH)"


@dataclass(frozen=True, slots=True)
class FileChange:
    """One file a commit touched. ``old_path`` is set for renames and copies."""

    status: str
    """``A`` added, ``M`` modified, ``D`` deleted, ``R`` renamed, ``C`` copied, ``T`` type."""
    path: str
    old_path: str | None = None


@dataclass(frozen=True, slots=True)
class Commit:
    """One commit, with its author mapped to a Person when their e-mail is declared."""

    sha: str
    parents: tuple[str, ...]
    time: dt.datetime
    author_name: str
    author_email: str
    person: str | None
    """The Person id whose ``emails`` include the author's address, or None (outside)."""
    changes: tuple[FileChange, ...]

    @property
    def is_merge(self) -> bool:
        return len(self.parents) > 1

    @property
    def paths(self) -> tuple[str, ...]:
        return tuple(change.path for change in self.changes)


@dataclass
class History:
    """The history of a repository's data folder, oldest commit first."""

    available: bool
    """False when there is no usable history at all; ``reason`` says why."""
    reason: str | None = None
    shallow: bool = False
    """A shallow clone: history before the boundary is missing, so history-based
    measures are unknown. ``commits`` then holds only what is really there."""
    commits: list[Commit] = field(default_factory=list)
    head: str | None = None

    @property
    def complete(self) -> bool:
        """History is there and whole: measures built on it can be trusted."""
        return self.available and not self.shallow

    @cached_property
    def last_change(self) -> dict[str, Commit]:
        """Path (relative to the copkit root) -> the newest commit that touched it.

        A renamed file inherits its history from the old path.
        """
        result: dict[str, Commit] = {}
        for path, commits in self.commits_by_path.items():
            result[path] = commits[-1]
        return result

    @cached_property
    def commits_by_path(self) -> dict[str, list[Commit]]:
        """Path -> commits that touched it (oldest first), following renames forward."""
        by_path: dict[str, list[Commit]] = {}
        for commit in self.commits:
            for change in commit.changes:
                if change.status == "R" and change.old_path is not None:
                    earlier = by_path.pop(change.old_path, [])
                    by_path[change.path] = [*earlier, commit]
                elif change.status == "D":
                    by_path.pop(change.path, None)
                else:
                    by_path.setdefault(change.path, []).append(commit)
        return by_path

    def until(self, moment: dt.datetime) -> History:
        """The same history cut at ``moment`` (inclusive), for scores as of a date."""
        return History(
            available=self.available,
            reason=self.reason,
            shallow=self.shallow,
            commits=[commit for commit in self.commits if commit.time <= moment],
            head=self.head,
        )


def read_history(
    root: Path,
    data_dir: Path,
    emails: Mapping[str, str],
    *,
    rev: str = "HEAD",
    earlier: EarlierRead | None = None,
) -> History:
    """Read the history of ``data_dir`` up to ``rev`` in one ``git log`` pass.

    ``emails`` maps lower-cased e-mail addresses to Person ids. Paths in the result
    are relative to ``root``. ``rev`` must already be checked with :func:`check_rev`
    when it comes from a user. With ``earlier``, a history read through the same holder
    before is extended when it can be, and this one is kept in it.
    """
    return PendingHistory(root, data_dir, rev=rev, earlier=earlier).result(emails)


@dataclass
class EarlierRead:
    """The last history read through it, for a later read in the same run to extend.

    ``copkit report`` reads the history at two commits. When the later one follows the
    earlier in a straight line, git needs to read only the commits between them, with or
    without the cache on disk.
    """

    place: tuple[str, str] | None = None
    """The repository's top folder and the data folder the text is the history of."""
    commit: str | None = None
    text: str | None = None


def early_history(path: Path | None) -> PendingHistory | None:
    """``git log`` for the data folder ``path``'s config most likely names, started now.

    For a command that reads history of HEAD after loading: started before its imports
    (pydantic and the models take about half a second), git has that much longer on the
    second core. The guess reads ``data:`` from ``copkit.yaml`` without validating the
    config; the command checks it with :meth:`PendingHistory.reads` against the folder
    it really loads and starts git again when they differ. None when there is no guess.
    """
    try:
        start = (Path.cwd() if path is None else path).resolve()
        if not start.is_dir():
            return None
        root, config = find_root(start)
        data = "communities"
        if config is not None:
            from copkit.load.yaml_reader import parse

            declared = parse(config.read_text(encoding="utf-8"), max_nodes=10_000)
            if isinstance(declared, dict) and isinstance(declared.get("data"), str):
                data = declared["data"]
        data_dir = root / data
        if config is None and not data_dir.is_dir():
            data_dir = root
        return PendingHistory(root, data_dir)
    except Exception:  # any surprise: no early start, the command starts git as before
        return None


class PendingHistory:
    """``git log`` started now, read in the background; :meth:`result` collects it.

    Reading history is mostly git's own work. Started before the repository is loaded,
    git runs on the second core while Python parses the files, and only the light
    parsing of its output (which needs the people's e-mails) waits for the load.
    """

    def __init__(
        self,
        root: Path,
        data_dir: Path,
        *,
        rev: str = "HEAD",
        earlier: EarlierRead | None = None,
    ) -> None:
        self._root = root
        self._data_dir = data_dir
        self._rev = rev
        self._earlier = earlier
        self._outcome: History | tuple[str, str, bool, set[str], str] | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self._cancelled = False
        self._thread = threading.Thread(target=self._run, name="copkit-git-log", daemon=True)
        self._thread.start()

    def reads(self, root: Path, data_dir: Path) -> bool:
        """Whether this is ``git log`` of HEAD for ``data_dir`` of the repository at ``root``."""
        return (self._root, self._data_dir, self._rev) == (root, data_dir, "HEAD")

    def result(self, emails: Mapping[str, str]) -> History:
        """The history, authors mapped to people through ``emails`` (waits for git)."""
        self._thread.join()
        outcome = self._outcome
        if outcome is None:
            return History(available=False, reason="cannot read git history")
        if isinstance(outcome, History):
            return outcome
        prefix, output, shallow, boundary, head = outcome
        commits: list[Commit] = []
        lower: dict[str, str | None] = {}
        shared: dict[str, str] = {}
        # git gives the newest commit first: asking it for --reverse would cost it a third
        # more time (it then walks the whole history before writing anything).
        for record in _oldest_first(output):
            if record:
                commit = _parse(record, prefix, emails, lower, shared)
                if commit is not None and commit.sha not in boundary:
                    commits.append(commit)
        return History(available=True, shallow=shallow, commits=commits, head=head)

    def cancel(self) -> None:
        """Stop git when the history is not needed after all (an invalid repository)."""
        self._cancelled = True
        process = self._process
        if process is not None and process.poll() is None:
            process.kill()
        self._thread.join()

    def _run(self) -> None:
        try:
            self._outcome = self._read()
        except OSError as error:
            self._outcome = History(available=False, reason=f"cannot run git: {error.strerror}")

    def _read(self) -> History | tuple[str, str, bool, set[str], str]:
        git = shutil.which("git")
        if git is None:
            return History(available=False, reason=GIT_MISSING)
        root = self._root
        facts = _git_facts(git, root)
        if isinstance(facts, str):
            return History(available=False, reason=facts)
        toplevel, shallow, boundary, head = facts
        if head is None:
            return History(available=False, reason="the git repository has no commits yet")
        prefix = _prefix(root, toplevel)
        data_spec = os.path.relpath(self._data_dir, toplevel).replace(os.sep, "/")
        if self._cancelled:
            return History(available=False, reason="cancelled")
        commit = head if self._rev == "HEAD" else self._rev
        cache, base = self._cache(git, toplevel, data_spec, shallow, boundary)
        if cache is not None and base is not None:
            cached = cache.get(base, commit)
            if cached is not None:
                return prefix, cached, shallow, boundary, head
        extended = None
        place = (str(toplevel), data_spec)
        if cache is not None and base is not None and not shallow:
            extended = self._extend(git, toplevel, data_spec, cache, base, commit)
        earlier = self._earlier
        if extended is None and earlier is not None and not shallow and earlier.place == place:
            extended = self._extend_read(git, toplevel, data_spec, earlier, commit)
        text = self._log(git, toplevel, data_spec, self._rev) if extended is None else extended[1]
        if isinstance(text, History):
            return text
        if cache is not None and base is not None and not self._cancelled:
            cache.put(base, commit, text, extends=extended[0] if extended else None)
        if earlier is not None and not shallow and is_full_sha(commit):
            earlier.place, earlier.commit, earlier.text = place, commit, text
        return prefix, text, shallow, boundary, head

    def _extend_read(
        self, git: str, toplevel: Path, data_spec: str, earlier: EarlierRead, commit: str
    ) -> tuple[str, str] | None:
        """The history read earlier in this run extended to ``commit`` (as :meth:`_extend`)."""
        before, text = earlier.commit, earlier.text
        if before is None or text is None or not is_full_sha(commit):
            return None
        if before == commit:
            return before, text
        if not _in_a_line(git, toplevel, before, commit):
            return None
        newer = self._log(git, toplevel, data_spec, f"{before}..{commit}")
        return None if isinstance(newer, History) else (before, newer + text)

    def _log(self, git: str, toplevel: Path, data_spec: str, revisions: str) -> str | History:
        """The text of the history's ``git log`` over ``revisions``, or why it failed."""
        command = _log_command(git, toplevel, data_spec, revisions)
        with subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_git_env()
        ) as process:
            self._process = process
            output, errors = process.communicate()
        if process.returncode != 0:
            stderr = errors.decode("utf-8", "replace").strip()
            message = stderr.splitlines()[-1] if stderr else "git log failed"
            return History(available=False, reason=f"cannot read git history: {message}")
        return output.decode("utf-8", "surrogateescape")

    def _extend(
        self, git: str, toplevel: Path, data_spec: str, cache: HistoryCache, base: str, commit: str
    ) -> tuple[str, str] | None:
        """A cached commit and its history extended to ``commit``, or None if none extends.

        ``git log`` at ``commit`` (newest first) prints the log of ``earlier..commit``
        followed by the log of ``earlier`` when the commits since ``earlier`` form one
        straight line from it (no merges): git's walk meets them one at a time before
        it reaches ``earlier``. Only then is the cached text reused; anything else (a
        merge, another branch, a rewritten history) reads the whole history from git.
        """
        if not is_full_sha(commit):
            return None
        for earlier in cache.commits(base)[:EXTEND_TRIES]:
            text = cache.get(base, earlier)
            if text is None or not _in_a_line(git, toplevel, earlier, commit):
                continue
            newer = self._log(git, toplevel, data_spec, f"{earlier}..{commit}")
            return None if isinstance(newer, History) else (earlier, newer + text)
        return None

    def _cache(
        self, git: str, toplevel: Path, data_spec: str, shallow: bool, boundary: set[str]
    ) -> tuple[HistoryCache | None, str | None]:
        if cache_disabled():
            return None, None
        folder = cache_folder(self._root)
        if folder is None:
            return None, None
        command = _log_command(git, toplevel, data_spec, "REVISIONS")
        base = history_base_key(
            git,
            _git_env(),
            toplevel=toplevel,
            command=command[3:],  # without git's path and -C folder
            shallow=shallow,
            boundary=boundary,
        )
        return HistoryCache(folder), base


EXTEND_TRIES = 2
"""Cached commits tried as the start of a straight line to the commit read."""


def _log_command(git: str, toplevel: Path, data_spec: str, revisions: str) -> list[str]:
    return [
        git,
        "-C",
        str(toplevel),
        "-c",
        "core.quotePath=false",
        "log",
        "-M",
        "--name-status",
        "-z",
        f"--format={LOG_FORMAT}",
        revisions,
        "--",
        data_spec,
    ]


def _in_a_line(git: str, toplevel: Path, earlier: str, commit: str) -> bool:
    """The commits after ``earlier`` up to ``commit`` are one chain of single parents."""
    result = subprocess.run(
        [git, "-C", str(toplevel), "rev-list", "--parents", f"{earlier}..{commit}", "--"],
        capture_output=True,
        text=True,
        env=_git_env(),
        check=False,
    )
    if result.returncode != 0:
        return False
    expected = commit
    for line in result.stdout.splitlines():  # newest first
        ids = line.split()
        if len(ids) != 2 or ids[0] != expected:
            return False
        expected = ids[1]
    return expected == earlier and bool(result.stdout)


def check_rev(root: Path, rev: str) -> str:
    """The full sha of commit ``rev``, or :class:`GitRefError` saying why not.

    Option-like values (``--output=x``) are refused before git sees them.
    """
    if not rev or rev.startswith("-") or any(char in rev for char in "\0\n\r "):
        raise GitRefError(f"{rev!r} is not a git revision")
    git = shutil.which("git")
    if git is None:
        raise GitMissingError
    result = subprocess.run(
        [
            git,
            "-C",
            str(root),
            "rev-parse",
            "--verify",
            "--quiet",
            "--end-of-options",
            f"{rev}^{{commit}}",
        ],
        capture_output=True,
        text=True,
        env=_git_env(),
        check=False,
    )
    if result.returncode != 0 or not result.stdout.strip():
        raise GitRefError(
            f"{rev!r} does not name a commit in this repository{_shallow_hint(git, root)}"
        )
    return result.stdout.strip()


def _shallow_hint(git: str, root: Path) -> str:
    result = subprocess.run(
        [git, "-C", str(root), "rev-parse", "--is-shallow-repository"],
        capture_output=True,
        text=True,
        env=_git_env(),
        check=False,
    )
    if result.stdout.strip() == "true":
        return " (the clone is shallow: fetch the whole history, e.g. `fetch-depth: 0`)"
    return ""


def _git_env() -> dict[str, str]:
    env = dict(os.environ)
    env["GIT_TERMINAL_PROMPT"] = "0"
    env["LC_ALL"] = "C"
    env.pop("GIT_DIR", None)
    env.pop("GIT_WORK_TREE", None)
    return env


def _git_facts(git: str, root: Path) -> tuple[Path, bool, set[str], str | None] | str:
    result = subprocess.run(
        [
            git,
            "-C",
            str(root),
            "rev-parse",
            "--show-toplevel",
            "--is-shallow-repository",
            "--git-path",
            "shallow",
        ],
        capture_output=True,
        text=True,
        env=_git_env(),
        check=False,
    )
    if result.returncode != 0:
        return "not a git repository (history-based checks need one)"
    lines = result.stdout.splitlines()
    if len(lines) < 3:
        return "cannot read git repository facts"
    toplevel = Path(lines[0])
    shallow = lines[1].strip() == "true"
    shallow_file = Path(lines[2])
    if not shallow_file.is_absolute():
        shallow_file = root / shallow_file
    boundary: set[str] = set()
    if shallow and shallow_file.is_file():
        boundary = set(shallow_file.read_text(encoding="ascii", errors="replace").split())
    head = subprocess.run(
        [git, "-C", str(root), "rev-parse", "--verify", "--quiet", "HEAD"],
        capture_output=True,
        text=True,
        env=_git_env(),
        check=False,
    )
    return toplevel, shallow, boundary, (head.stdout.strip() or None)


def _prefix(root: Path, toplevel: Path) -> str:
    relative = os.path.relpath(root.resolve(), toplevel.resolve()).replace(os.sep, "/")
    return "" if relative == "." else relative + "/"


def _oldest_first(output: str) -> Iterator[str]:
    """The records of ``git log``'s output (newest first), from the last to the first.

    The same as ``reversed(output.split(RECORD))`` without a list of every record: at
    200,000 commits that list was the log's size again (60 MB) while the commits were
    being made.
    """
    end = len(output)
    while end > 0:
        start = output.rfind(RECORD, 0, end)
        yield output[start + 1 : end]
        end = start


def _parse(
    record: str,
    prefix: str,
    emails: Mapping[str, str],
    lower: dict[str, str | None],
    shared: dict[str, str],
) -> Commit | None:
    """One commit of ``git log``'s output.

    Strings that recur (a path in every commit that touches it, an author's name and
    address, a sha as its children's parent) are one object through ``shared``: the
    history of 200,000 commits is held by every command that reads it.
    """
    header, _, body = record.partition("\0")
    fields = header.split(FIELD)
    if len(fields) != 5:
        return None
    sha, parents, timestamp, name, email = fields
    one = shared.setdefault
    tokens = body.lstrip("\n").split("\0")
    changes: list[FileChange] = []
    index = 0
    count = len(tokens)
    cut = len(prefix)
    while index < count:
        status = tokens[index].strip()
        if not status:
            index += 1
            continue
        letter = status[0]
        if letter == "R" or letter == "C":
            old = tokens[index + 1] if index + 1 < count else ""
            new = tokens[index + 2] if index + 2 < count else ""
            index += 3
            if new.startswith(prefix):
                new, old = new[cut:], old[cut:]
                changes.append(FileChange(letter, one(new, new), one(old, old)))
            continue
        path = tokens[index + 1] if index + 1 < count else ""
        index += 2
        if path.startswith(prefix):
            path = path[cut:]
            changes.append(FileChange(letter, one(path, path)))
    # Each author writes many commits: map their address once.
    if email in lower:
        person = lower[email]
    else:
        person = lower[email] = emails.get(email.lower())
    return Commit(
        sha=one(sha, sha),
        parents=tuple(one(parent, parent) for parent in parents.split()),
        time=dt.datetime.fromtimestamp(int(timestamp or 0), tz=dt.UTC),
        author_name=one(name, name),
        author_email=one(email, email),
        person=person,
        changes=tuple(changes),
    )


def history_of(repository: Repository, *, rev: str = "HEAD") -> History:
    """The history of ``repository``'s data folder, authors mapped to its people."""
    return read_history(
        repository.root, repository.data_dir, email_index(repository.people), rev=rev
    )


def email_index(people: Mapping[str, object]) -> dict[str, str]:
    """Lower-cased e-mail -> Person id, from every person's declared ``emails``."""
    index: dict[str, str] = {}
    for person_id, person in people.items():
        for email in getattr(person, "emails", ()):
            index.setdefault(str(email).lower(), person_id)
    return index
