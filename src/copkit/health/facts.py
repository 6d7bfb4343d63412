"""The facts measures read: each community's contributions from git, and declared data as of a day.

:func:`index_activity` walks the one :class:`~copkit.history.History` once and files every
commit under the communities whose files it touched. Every score, the current one and each
trend point, then reads that index through :class:`CommunityFacts`, cut at its own moment
with a binary search: git is never read twice.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from copkit.health.model import HistoryStatus, Measure
from copkit.history import History
from copkit.model import Community, Practice
from copkit.model.community import Lead
from copkit.model.score_config import ScoreConfig, StageExpectation
from copkit.repository import Repository


@dataclass(frozen=True, slots=True)
class Contribution:
    """One commit, as seen by one community: who made it and which of its files it touched."""

    time: dt.datetime
    author: str
    """The Person id, or the author's e-mail address for an outside contributor."""
    person: str | None
    paths: tuple[str, ...]


@dataclass
class Activity:
    """One community's contributions, oldest first, searchable by time."""

    contributions: list[Contribution] = field(default_factory=list)
    _practices: list[tuple[Practice, str]] | None = field(default=None, repr=False)
    _practice_paths: dict[str, str] | None = field(default=None, repr=False)

    @cached_property
    def times(self) -> list[dt.datetime]:
        return [contribution.time for contribution in self.contributions]

    @cached_property
    def path_times(self) -> dict[str, list[dt.datetime]]:
        result: dict[str, list[dt.datetime]] = defaultdict(list)
        for contribution in self.contributions:
            for path in contribution.paths:
                result[path].append(contribution.time)
        return dict(result)

    @cached_property
    def first_seen(self) -> dict[str, dt.datetime]:
        """Author -> the time of their first contribution to the community."""
        result: dict[str, dt.datetime] = {}
        for contribution in self.contributions:
            result.setdefault(contribution.author, contribution.time)
        return result

    @cached_property
    def arrivals(self) -> tuple[list[dt.datetime], list[str]]:
        """First-contribution times (sorted) and the authors who made them, in step."""
        ordered = sorted((time, author) for author, time in self.first_seen.items())
        return [time for time, _ in ordered], [author for _, author in ordered]

    def first_contributors(self, start: dt.datetime, end: dt.datetime) -> set[str]:
        """Authors whose first contribution was at ``start <= time < end``."""
        times, authors = self.arrivals
        return set(authors[bisect.bisect_left(times, start) : bisect.bisect_left(times, end)])

    def between(self, start: dt.datetime, end: dt.datetime) -> list[Contribution]:
        """Contributions with ``start <= time < end``."""
        low = bisect.bisect_left(self.times, start)
        high = bisect.bisect_left(self.times, end)
        return self.contributions[low:high]

    def first_before(self, end: dt.datetime) -> dt.datetime | None:
        """The time of the first contribution before ``end``, if any."""
        if self.times and self.times[0] < end:
            return self.times[0]
        return None

    def practices_with_files(
        self, repository: Repository, community: str
    ) -> list[tuple[Practice, str]]:
        """``community``'s practices by id, each with its file, computed once for every moment."""
        if self._practices is None:
            self._practices = sorted(
                (
                    (practice, repository.path_of(practice))
                    for practice in repository.practices_of.get(community, [])
                ),
                key=lambda pair: pair[0].id,
            )
        return self._practices

    def practice_paths(self, repository: Repository, community: str) -> dict[str, str]:
        """Practice id -> file for ``community``'s practices, computed once."""
        if self._practice_paths is None:
            self._practice_paths = {
                practice.id: repository.path_of(practice)
                for practice in repository.practices_of.get(community, [])
            }
        return self._practice_paths

    def last_change(self, path: str, end: dt.datetime) -> dt.datetime | None:
        """The time of the last contribution before ``end`` that touched ``path``."""
        times = self.path_times.get(path)
        if not times:
            return None
        index = bisect.bisect_left(times, end)
        return times[index - 1] if index else None


def index_activity(repository: Repository, history: History) -> dict[str, Activity]:
    """Community id -> its contributions, from one walk over ``history``.

    A commit belongs to every community whose entity files it touched. Files are named
    as they are in ``repository``: the walk goes newest first so that a file's earlier
    names (before a rename) are credited to the file it became.
    """
    owner = repository.community_of_path
    later_name: dict[str, str] = {}
    per_community: dict[str, list[Contribution]] = defaultdict(list)
    for commit in reversed(history.commits):
        touched: dict[str, list[str]] = {}
        for change in commit.changes:
            final = later_name.get(change.path, change.path)
            community = owner.get(final)
            if community is not None:
                touched.setdefault(community, []).append(final)
            if change.status == "R" and change.old_path is not None:
                later_name[change.old_path] = final
            elif change.status == "A":
                # Before it was added, this path named some other (or no) file.
                later_name.pop(change.path, None)
        if not touched:
            continue
        author = commit.person or commit.author_email.lower()
        for community, paths in touched.items():
            per_community[community].append(
                Contribution(commit.time, author, commit.person, tuple(sorted(set(paths))))
            )
    result: dict[str, Activity] = {}
    for community, contributions in per_community.items():
        contributions.reverse()
        contributions.sort(key=lambda contribution: contribution.time)
        result[community] = Activity(contributions)
    return result


def day_end(day: dt.date) -> dt.datetime:
    """The first instant after ``day`` ends (UTC): windows end there, exclusive."""
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)


@dataclass
class CommunityFacts:
    """Everything a measure may read about one community as of one day."""

    repository: Repository
    community: Community
    config: ScoreConfig
    as_of: dt.date
    activity: Activity
    history: HistoryStatus

    @property
    def stage(self) -> str:
        return self.community.stage

    @cached_property
    def expect(self) -> StageExpectation:
        return self.config.expectation(self.community.stage)

    @cached_property
    def end(self) -> dt.datetime:
        return day_end(self.as_of)

    @property
    def window_days(self) -> int:
        return self.config.window_days

    @property
    def long_days(self) -> int:
        return self.config.long_window_days

    def since(self, days: int, *, offset: int = 0) -> list[Contribution]:
        """Contributions in the ``days`` days ending ``offset`` days before the as-of day."""
        end = self.end - dt.timedelta(days=offset)
        return self.activity.between(end - dt.timedelta(days=days), end)

    def history_gap(self, days: int) -> str | None:
        """Why history cannot cover the last ``days`` days for this community, or None."""
        if not self.history.available:
            return f"no git history: {self.history.reason}"
        if self.history.shallow:
            return "the repository is a shallow clone, so its history is incomplete"
        first = self.activity.first_before(self.end)
        start = self.end - dt.timedelta(days=days)
        if first is None:
            return "none of the community's files had been committed yet"
        if first > start:
            return (
                f"the community's history starts on {first.date().isoformat()}, less than "
                f"{days} days before {self.as_of.isoformat()}"
            )
        return None

    def history_missing(self) -> str | None:
        """Why history cannot be read at all, or None (age of the community not checked)."""
        if not self.history.available:
            return f"no git history: {self.history.reason}"
        if self.history.shallow:
            return "the repository is a shallow clone, so its history is incomplete"
        return None

    def in_window(self, day: dt.date | None, days: int) -> bool:
        """Whether ``day`` is one of the ``days`` days ending on the as-of day."""
        return day is not None and self.window_start(days) < day <= self.as_of

    def window_start(self, days: int) -> dt.date:
        """The day before the first of the ``days`` days ending on the as-of day."""
        # Asked once per member and lead at every moment: the day is computed once per window.
        start = self._window_starts.get(days)
        if start is None:
            start = self._window_starts[days] = self.as_of - dt.timedelta(days=days)
        return start

    @cached_property
    def _window_starts(self) -> dict[int, dt.date]:
        return {}

    @cached_property
    def current_leads(self) -> list[Lead]:
        """Leads whose term has started and not ended on the as-of day."""
        seen: set[str] = set()
        leads: list[Lead] = []
        for lead in self.community.leads:
            started = lead.since <= self.as_of
            ended = lead.until is not None and lead.until < self.as_of
            if started and not ended and lead.person not in seen:
                seen.add(lead.person)
                leads.append(lead)
        return leads

    @cached_property
    def members(self) -> list[str]:
        """Person ids of members (who had joined by the as-of day) and current leads."""
        people = {
            member.person
            for member in self.community.members
            if member.since is None or member.since <= self.as_of
        }
        people.update(lead.person for lead in self.current_leads)
        return sorted(people)

    @cached_property
    def practices(self) -> list[Practice]:
        """The community's practices written by the as-of day, by id."""
        return [practice for practice, _ in self.practices_with_files]

    @cached_property
    def practices_with_files(self) -> list[tuple[Practice, str]]:
        """:attr:`practices`, each with its file (relative to the repository root)."""
        as_of = self.as_of
        every = self.activity.practices_with_files(self.repository, self.community.id)
        return [
            (practice, path)
            for practice, path in every
            if practice.created is None or practice.created <= as_of
        ]

    @cached_property
    def practice_files(self) -> dict[str, str]:
        """File -> id of :attr:`practices`: which of a commit's files were practices."""
        return {path: practice.id for practice, path in self.practices_with_files}

    def path_of(self, entity: Practice) -> str:
        """The entity's file, relative to the repository root."""
        return self.paths.get(entity.id) or self.repository.path_of(entity)

    @cached_property
    def paths(self) -> dict[str, str]:
        """Practice id -> file, shared by every moment of this community (see ``activity``)."""
        return self.activity.practice_paths(self.repository, self.community.id)

    def person_name(self, author: str) -> str:
        person = self.repository.people.get(author)
        return person.name if person is not None else author


MeasureFunction = Callable[[CommunityFacts], Measure]


def unknown(measure_id: str, name: str, reason: str) -> Measure:
    """A measure that could not be computed, and why."""
    return Measure(measure_id, name, None, None, f"Unknown: {reason}.", reason)


def not_expected(measure_id: str, name: str, facts: CommunityFacts, what: str) -> Measure:
    """A measure the community's stage does not expect, left out rather than failed."""
    reason = f"{what} is not expected of a community at stage {facts.stage}"
    return unknown(measure_id, name, reason)


def ratio_score(value: float, expected: float) -> float:
    """100 at or above ``expected``, falling linearly to 0 at 0."""
    if expected <= 0:
        return 100.0
    return 100.0 * min(1.0, max(0.0, value) / expected)


def plural(count: float, word: str, many: str | None = None) -> str:
    """``1 commit``, ``2 commits``; ``many`` for irregular plurals."""
    number = f"{count:g}" if isinstance(count, float) else str(count)
    return f"{number} {word if count == 1 else (many or word + 's')}"


def percent(ratio: float) -> str:
    return f"{round(100 * ratio):d}%"
