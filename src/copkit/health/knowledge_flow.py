"""Knowledge flow: is knowledge written down, kept fresh, adopted and shared?"""

from __future__ import annotations

import datetime as dt

from copkit.health.facts import (
    CommunityFacts,
    MeasureFunction,
    not_expected,
    plural,
    ratio_score,
    unknown,
)
from copkit.health.model import Measure

NAME = "knowledge_flow"
TITLE = "Knowledge flow"

LIVE_STATUSES = frozenset({"draft", "proposed", "trial", "adopted"})
ADOPTABLE_STATUSES = frozenset({"trial", "adopted"})


def practices_changed(facts: CommunityFacts) -> Measure:
    """Practices created or updated: practice files touched by commits in the window.

    ``score = 100 * min(1, practices changed / expected)``.
    """
    measure_id, name = "practices_changed", "Practices created and updated"
    days = facts.window_days
    gap = facts.history_gap(days)
    if gap:
        return unknown(measure_id, name, gap)
    expected = facts.expect.practices_changed
    if expected <= 0:
        return not_expected(measure_id, name, facts, "practice work")
    paths = facts.practice_files
    touched = {path for c in facts.since(days) for path in c.paths}
    changed = sorted(paths[path] for path in touched if path in paths)
    explanation = (
        f"{len(changed)} of {plural(len(paths), 'practice')} created or updated in the last "
        f"{days} days ({expected:g} expected at stage {facts.stage})."
    )
    return Measure(measure_id, name, ratio_score(len(changed), expected), len(changed), explanation)


def freshness(facts: CommunityFacts) -> Measure:
    """Freshness: share of live practices changed within ``freshness_days`` and not overdue.

    A practice is live while draft, proposed, trial or adopted. It is fresh when git shows a
    change in the last ``freshness_days`` days and its ``next_review`` date, if any, has not
    passed. ``score = 100 * fresh / live``.
    """
    measure_id, name = "freshness", "Practice freshness"
    missing = facts.history_missing()
    if missing:
        return unknown(measure_id, name, missing)
    live = [pair for pair in facts.practices_with_files if pair[0].status in LIVE_STATUSES]
    if not live:
        return unknown(measure_id, name, "the community has no live practices to keep fresh")
    days = facts.config.freshness_days
    cutoff = facts.end - dt.timedelta(days=days)
    stale: list[str] = []
    for practice, path in live:
        changed = facts.activity.last_change(path, facts.end)
        overdue = practice.next_review is not None and practice.next_review < facts.as_of
        if changed is None or changed < cutoff or overdue:
            stale.append(practice.id)
    fresh = len(live) - len(stale)
    explanation = (
        f"{fresh} of {plural(len(live), 'live practice')} fresh (changed in git in the last "
        f"{days} days and not past the review date)"
    )
    if stale:
        shown = ", ".join(stale[:5]) + (", ..." if len(stale) > 5 else "")
        explanation += f"; stale: {shown}"
    return Measure(
        measure_id, name, 100.0 * fresh / len(live), round(fresh / len(live), 3), explanation + "."
    )


def adoption(facts: CommunityFacts) -> Measure:
    """Adoption by teams: distinct teams using the community's trial or adopted practices.

    ``score = 100 * min(1, teams / expected)``.
    """
    measure_id, name = "adoption", "Adoption by teams"
    expected = facts.expect.adopting_teams
    if expected <= 0:
        return not_expected(measure_id, name, facts, "adoption by teams")
    teams: set[str] = set()
    for practice in facts.practices:
        if practice.status not in ADOPTABLE_STATUSES:
            continue
        for adoption_ in practice.adopted_by:
            if adoption_.since is None or adoption_.since <= facts.as_of:
                teams.add(adoption_.team.strip().casefold())
    explanation = (
        f"{plural(len(teams), 'team')} use the community's trial or adopted practices "
        f"({expected:g} expected at stage {facts.stage})."
    )
    return Measure(measure_id, name, ratio_score(len(teams), expected), len(teams), explanation)


def assets(facts: CommunityFacts) -> Measure:
    """Knowledge assets shared: assets dated in the long window.

    ``score = 100 * min(1, assets / expected)``.
    """
    measure_id, name = "assets", "Knowledge assets shared"
    expected = facts.expect.assets
    if expected <= 0:
        return not_expected(measure_id, name, facts, "sharing knowledge assets")
    days = facts.long_days
    count = sum(
        1
        for asset in facts.repository.assets_of.get(facts.community.id, [])
        if facts.in_window(asset.date, days)
    )
    explanation = (
        f"{plural(count, 'knowledge asset')} shared in the last {days} days "
        f"({expected:g} expected at stage {facts.stage})."
    )
    return Measure(measure_id, name, ratio_score(count, expected), count, explanation)


def events(facts: CommunityFacts) -> Measure:
    """Events held: events dated in the window. ``score = 100 * min(1, events / expected)``."""
    measure_id, name = "events", "Events held"
    expected = facts.expect.events
    if expected <= 0:
        return not_expected(measure_id, name, facts, "holding events")
    days = facts.window_days
    count = sum(
        1
        for event in facts.repository.events_of.get(facts.community.id, [])
        if facts.in_window(event.date, days)
    )
    explanation = (
        f"{plural(count, 'event')} held in the last {days} days "
        f"({expected:g} expected at stage {facts.stage})."
    )
    return Measure(measure_id, name, ratio_score(count, expected), count, explanation)


MEASURES: tuple[MeasureFunction, ...] = (practices_changed, freshness, adoption, assets, events)
