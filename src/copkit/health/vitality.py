"""Vitality: do people take part, often, do newcomers arrive, do contributors stay?

Every measure here reads git history; without complete history (or for a community whose
history is younger than the window) each is unknown, never 0.
"""

from __future__ import annotations

import datetime as dt

from copkit.health.facts import (
    CommunityFacts,
    MeasureFunction,
    not_expected,
    percent,
    plural,
    ratio_score,
    unknown,
)
from copkit.health.model import Measure

NAME = "vitality"
TITLE = "Vitality"


def participation(facts: CommunityFacts) -> Measure:
    """Active participation rate: share of members who contributed in the window.

    ``score = 100 * min(1, (active members / members) / expected share)``.
    """
    measure_id, name = "participation", "Active participation rate"
    days = facts.window_days
    gap = facts.history_gap(days)
    if gap:
        return unknown(measure_id, name, gap)
    members = facts.members
    if not members:
        return unknown(measure_id, name, "the community declares no members or leads")
    expected = facts.expect.participation
    if expected <= 0:
        return not_expected(measure_id, name, facts, "participation")
    recent = facts.since(days)
    member_set = set(members)
    active = {c.person for c in recent if c.person in member_set}
    others = {c.author for c in recent if c.person not in member_set}
    rate = len(active) / len(members)
    explanation = (
        f"{len(active)} of {plural(len(members), 'member')} contributed in the last "
        f"{days} days ({percent(rate)}; {percent(expected)} expected at stage {facts.stage})"
    )
    if others:
        explanation += f"; {plural(len(others), 'non-member')} also contributed"
    return Measure(measure_id, name, ratio_score(rate, expected), round(rate, 3), explanation + ".")


def frequency(facts: CommunityFacts) -> Measure:
    """Contribution frequency: commits to the community's files per 30 days in the window.

    ``score = 100 * min(1, commits * 30 / window_days / expected per 30 days)``.
    """
    measure_id, name = "frequency", "Contribution frequency"
    days = facts.window_days
    gap = facts.history_gap(days)
    if gap:
        return unknown(measure_id, name, gap)
    expected = facts.expect.commits_per_month
    if expected <= 0:
        return not_expected(measure_id, name, facts, "regular contribution")
    commits = len(facts.since(days))
    per_month = commits * 30 / days
    explanation = (
        f"{plural(commits, 'commit')} touched the community's files in the last {days} days "
        f"({per_month:.1f} per 30 days; {expected:g} expected at stage {facts.stage})."
    )
    return Measure(
        measure_id, name, ratio_score(per_month, expected), round(per_month, 2), explanation
    )


def new_members(facts: CommunityFacts) -> Measure:
    """New members: people who joined (declared ``since``) or first contributed in the window.

    ``score = 100 * min(1, newcomers / expected)``.
    """
    measure_id, name = "new_members", "New members"
    days = facts.window_days
    gap = facts.history_gap(days)
    if gap:
        return unknown(measure_id, name, gap)
    expected = facts.expect.new_members
    if expected <= 0:
        return not_expected(measure_id, name, facts, "growth")
    community = facts.community
    after, until = facts.window_start(days), facts.as_of  # facts.in_window, inlined
    joined = {
        m.person for m in community.members if m.since is not None and after < m.since <= until
    }
    joined.update(lead.person for lead in community.leads if after < lead.since <= until)
    start = facts.end - dt.timedelta(days=days)
    first = facts.activity.first_contributors(start, facts.end)
    newcomers = joined | first
    explanation = (
        f"{plural(len(newcomers), 'person', 'people')} joined or first contributed in the last "
        f"{days} days ({plural(len(joined), 'declared join')}, "
        f"{plural(len(first), 'first contribution')}; {expected:g} expected at stage "
        f"{facts.stage})."
    )
    return Measure(
        measure_id, name, ratio_score(len(newcomers), expected), len(newcomers), explanation
    )


def retention(facts: CommunityFacts) -> Measure:
    """Contributor retention: share of the previous window's contributors active in this one.

    ``score = 100 * retained / previous contributors``.
    """
    measure_id, name = "retention", "Contributor retention"
    days = facts.window_days
    gap = facts.history_gap(2 * days)
    if gap:
        return unknown(measure_id, name, gap)
    previous = {c.author for c in facts.since(days, offset=days)}
    if not previous:
        return unknown(
            measure_id,
            name,
            f"nobody contributed in the {days} days before the current window, "
            "so there is nobody to retain",
        )
    current = {c.author for c in facts.since(days)}
    retained = previous & current
    rate = len(retained) / len(previous)
    explanation = (
        f"{len(retained)} of the {plural(len(previous), 'contributor')} of the previous "
        f"{days} days contributed again in the last {days} days ({percent(rate)})."
    )
    return Measure(measure_id, name, 100.0 * rate, round(rate, 3), explanation)


MEASURES: tuple[MeasureFunction, ...] = (participation, frequency, new_members, retention)
