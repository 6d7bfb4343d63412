"""``copkit report``: what changed in each community between two commits, and why."""

from __future__ import annotations

import datetime as dt
import gc
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from copkit.commands.score import InvalidRepository, history_at, load_valid
from copkit.health import CommunityHealth, score_repository
from copkit.history import EarlierRead
from copkit.load.root import find_root
from copkit.loader import UsageError
from copkit.model import Community, Metric
from copkit.model.practice import PRACTICE_STATUSES
from copkit.removal import Removals
from copkit.reporting.health import TITLES, fmt
from copkit.repository import Repository
from copkit.snapshot import check_ref, commit_day, files_at


@dataclass(frozen=True)
class Facts:
    """What the comparison reads of a repository: communities, practices' statuses and
    metrics. Kept instead of the whole repository (every file's text and data), so that
    only one of the two points is fully in memory at a time."""

    communities: dict[str, Community]
    practice_status: dict[str, dict[str, str]]
    """Community id -> practice id -> status."""
    metrics: dict[str, Metric]
    metrics_of: dict[str, list[str]]
    """Community id -> its metrics' ids."""

    @classmethod
    def of(cls, repository: Repository) -> Facts:
        return cls(
            communities=dict(repository.communities),
            practice_status={
                community_id: {p.id: p.status for p in practices}
                for community_id, practices in repository.practices_of.items()
            },
            metrics=dict(repository.metrics),
            metrics_of={
                community_id: [m.id for m in metrics]
                for community_id, metrics in repository.metrics_of.items()
            },
        )


@dataclass
class Point:
    """One end of the comparison: the ref asked for, its commit and day, the scores then."""

    ref: str
    commit: str
    as_of: dt.date
    repository: Facts
    health: dict[str, CommunityHealth]

    def to_dict(self) -> dict[str, Any]:
        return {"ref": self.ref, "commit": self.commit, "as_of": self.as_of.isoformat()}


@dataclass
class CommunityChanges:
    """What changed in one community between the two points."""

    community: str
    name: str
    stage_then: str | None
    stage_now: str | None
    practices: dict[str, list[str]] = field(default_factory=dict)
    leads: dict[str, list[str]] = field(default_factory=dict)
    members: dict[str, list[str]] = field(default_factory=dict)
    metrics: list[dict[str, Any]] = field(default_factory=list)
    score_then: float | None = None
    score_now: float | None = None
    reasons: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "community": self.community,
            "name": self.name,
            "stage": {"then": self.stage_then, "now": self.stage_now},
            "practices": self.practices,
            "leads": self.leads,
            "members": self.members,
            "metrics": self.metrics,
            "score": {"then": self.score_then, "now": self.score_now},
            "reasons": self.reasons,
        }


def run(path: Path | None, *, from_ref: str, to_ref: str, output_format: str) -> int:
    """Compare the repository at two commits; print Markdown or JSON; return the exit code."""
    start = Path.cwd() if path is None else path
    if not start.is_dir():
        raise UsageError(f"{start}: no such folder")
    root, _config = find_root(start)
    old_sha = check_ref(root, from_ref, "--from")
    new_sha = check_ref(root, to_ref, "--to")
    # A snapshot is deleted in the background once loaded; leaving the block waits for it.
    with Removals() as removals:
        try:
            then, now = _points(root, (from_ref, old_sha), (to_ref, new_sha), removals)
        except InvalidRepository:
            return 1
        changes = compare(then, now)
        if output_format == "json":
            document = {
                "from": then.to_dict(),
                "to": now.to_dict(),
                "communities": {change.community: change.to_dict() for change in changes},
            }
            sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
        else:
            sys.stdout.write(to_markdown(then, now, changes))
    return 0


def _points(
    root: Path, old: tuple[str, str], new: tuple[str, str], removals: Removals
) -> tuple[Point, Point]:
    """The two points, each ``(ref, commit)``, loaded one after the other."""
    # The later history usually extends the earlier one: git then reads only the commits
    # between them.
    earlier = EarlierRead()
    with files_at(root, old[1], removals) as old_folder:
        old_repository = load_valid(old_folder, cache_from=root)
    then = _point(root, old_repository, *old, earlier)
    del old_repository
    # The earlier repository and its history are garbage now (only their Facts are kept);
    # free them before loading the later one, not at some later collection, so that the
    # two are never in memory together.
    gc.collect()
    # The later point is usually the commit checked out: then the work tree is read.
    with files_at(root, new[1], removals) as new_folder:
        new_repository = load_valid(new_folder, cache_from=root)
    return then, _point(root, new_repository, *new, earlier)


def _point(root: Path, repository: Repository, ref: str, sha: str, earlier: EarlierRead) -> Point:
    """The scores of ``repository`` (``root`` as it was at ``sha``; its files read)."""
    day = commit_day(root, sha)
    history = history_at(repository, root, sha, earlier=earlier)
    report = score_repository(repository, history, as_of=day, trend=False)
    return Point(ref, sha, day, Facts.of(repository), dict(report.communities))


def _leads(community: Community | None, day: dt.date) -> set[str]:
    if community is None:
        return set()
    return {
        lead.person
        for lead in community.leads
        if lead.since <= day and (lead.until is None or lead.until >= day)
    }


def _members(community: Community | None) -> set[str]:
    return set() if community is None else {member.person for member in community.members}


STATUS_RANK: dict[str, int] = {status: rank for rank, status in enumerate(PRACTICE_STATUSES)}


def _status_rank(status: str) -> int:
    return STATUS_RANK[status]


def _name(new: Community | None, old: Community | None, community_id: str) -> str:
    known = new or old
    return known.name if known is not None else community_id


def compare(then: Point, now: Point) -> list[CommunityChanges]:
    """Per community (in either point, by id): practices, people, metrics and score changes."""
    result: list[CommunityChanges] = []
    ids = sorted(set(then.repository.communities) | set(now.repository.communities))
    for community_id in ids:
        old = then.repository.communities.get(community_id)
        new = now.repository.communities.get(community_id)
        changes = CommunityChanges(
            community=community_id,
            name=_name(new, old, community_id),
            stage_then=old.stage if old else None,
            stage_now=new.stage if new else None,
        )
        _practice_changes(changes, then.repository, now.repository, community_id)
        for label, before, after in (
            ("leads", _leads(old, then.as_of), _leads(new, now.as_of)),
            ("members", _members(old), _members(new)),
        ):
            getattr(changes, label).update(
                {"joined": sorted(after - before), "left": sorted(before - after)}
            )
        _metric_changes(changes, then, now, community_id)
        _score_changes(changes, then.health.get(community_id), now.health.get(community_id))
        result.append(changes)
    return result


def _practice_changes(
    changes: CommunityChanges, old_repo: Facts, new_repo: Facts, community_id: str
) -> None:
    before = old_repo.practice_status.get(community_id, {})
    after = new_repo.practice_status.get(community_id, {})
    groups: dict[str, list[str]] = {
        "new": [],
        "promoted": [],
        "deprecated": [],
        "retired": [],
        "removed": [],
    }
    for practice_id, status in sorted(after.items()):
        previous = before.get(practice_id)
        if previous is None:
            groups["new"].append(practice_id)
        elif status != previous:
            if status in ("deprecated", "retired"):
                groups[status].append(practice_id)
            elif _status_rank(status) > _status_rank(previous):
                groups["promoted"].append(f"{practice_id} ({previous} -> {status})")
    groups["removed"] = sorted(set(before) - set(after))
    changes.practices = groups


def _latest(repository: Facts, metric_id: str, day: dt.date) -> float | None:
    metric = repository.metrics.get(metric_id)
    if metric is None:
        return None
    observed = [o for o in metric.observations if o.date <= day]
    return max(observed, key=lambda o: o.date).value if observed else None


def _metric_changes(changes: CommunityChanges, then: Point, now: Point, community_id: str) -> None:
    ids = set(then.repository.metrics_of.get(community_id, []))
    ids |= set(now.repository.metrics_of.get(community_id, []))
    for metric_id in sorted(ids):
        before = _latest(then.repository, metric_id, then.as_of)
        after = _latest(now.repository, metric_id, now.as_of)
        if before == after:
            continue
        metric = now.repository.metrics.get(metric_id) or then.repository.metrics[metric_id]
        changes.metrics.append(
            {
                "metric": metric_id,
                "name": metric.name,
                "unit": metric.unit,
                "then": before,
                "now": after,
                "target": metric.target,
                "direction": metric.direction,
            }
        )


def _score_changes(
    changes: CommunityChanges, old: CommunityHealth | None, new: CommunityHealth | None
) -> None:
    changes.score_then = old.overall if old else None
    changes.score_now = new.overall if new else None
    if old is None or new is None:
        changes.reasons.append(
            "The community did not exist then." if old is None else "The community was removed."
        )
        return
    for name, dimension in new.dimensions.items():
        previous = old.dimensions[name]
        if dimension.score == previous.score:
            continue
        moved = []
        for measure in dimension.measures:
            before = previous.measure(measure.id)
            if before.score != measure.score:
                moved.append(
                    f"{measure.name} {fmt(before.score)} -> {fmt(measure.score)} "
                    f"({measure.explanation.rstrip('.')})"
                )
        changes.reasons.append(
            f"{TITLES.get(name, name)} {fmt(previous.score)} -> {fmt(dimension.score)}: "
            + "; ".join(moved)
            + "."
        )
    if not changes.reasons and changes.score_then != changes.score_now:
        changes.reasons.append("The dimension weights changed.")


def _list(items: list[str]) -> str:
    return ", ".join(items) if items else "none"


def to_markdown(then: Point, now: Point, changes: list[CommunityChanges]) -> str:
    """The review as Markdown: one section per community."""
    lines = [
        "# Community review",
        "",
        f"From `{then.ref}` ({then.commit[:12]}, {then.as_of.isoformat()}) to `{now.ref}` "
        f"({now.commit[:12]}, {now.as_of.isoformat()}).",
    ]
    for change in changes:
        stage = (
            change.stage_now
            if change.stage_then == change.stage_now
            else f"{change.stage_then or '-'} -> {change.stage_now or '-'}"
        )
        lines.extend(
            [
                "",
                f"## {change.name} (`{change.community}`)",
                "",
                f"- Stage: {stage}",
                f"- Score: {fmt(change.score_then)} -> {fmt(change.score_now)}",
            ]
        )
        for group, items in change.practices.items():
            lines.append(f"- Practices {group}: {_list(items)}")
        lines.append(
            f"- Leads joined: {_list(change.leads['joined'])}; left: {_list(change.leads['left'])}"
        )
        lines.append(
            f"- Members joined: {_list(change.members['joined'])}; "
            f"left: {_list(change.members['left'])}"
        )
        if change.metrics:
            lines.append("- Metrics moved:")
            for moved in change.metrics:
                target = "" if moved["target"] is None else f" (target {moved['target']:g})"
                then_value = "none" if moved["then"] is None else f"{moved['then']:g}"
                now_value = "none" if moved["now"] is None else f"{moved['now']:g}"
                lines.append(
                    f"  - {moved['name']}: {then_value} -> {now_value} {moved['unit']}{target}"
                )
        else:
            lines.append("- Metrics moved: none")
        if change.reasons:
            lines.extend(["", "Why the score changed:", ""])
            lines.extend(f"- {reason}" for reason in change.reasons)
    return "\n".join(lines) + "\n"
