"""Leadership and sustainability: enough leads, no single point of failure, a plan to hand over."""

from __future__ import annotations

from collections import Counter

from copkit.health.facts import (
    CommunityFacts,
    MeasureFunction,
    not_expected,
    plural,
    ratio_score,
    unknown,
)
from copkit.health.model import Measure

NAME = "leadership"
TITLE = "Leadership and sustainability"


def lead_distribution(facts: CommunityFacts) -> Measure:
    """Lead distribution: distinct people whose lead term covers the as-of day.

    ``score = 100 * min(1, current leads / expected leads)``.
    """
    measure_id, name = "lead_distribution", "Lead distribution"
    expected = facts.expect.leads
    if expected <= 0:
        return not_expected(measure_id, name, facts, "leadership")
    leads = facts.current_leads
    units = {
        person.unit
        for lead in leads
        if (person := facts.repository.people.get(lead.person)) is not None and person.unit
    }
    explanation = (
        f"{plural(len(leads), 'current lead')} ({expected:g} expected at stage {facts.stage})"
    )
    if leads:
        explanation += f", from {plural(len(units), 'unit')}" if units else ""
    return Measure(
        measure_id, name, ratio_score(len(leads), expected), len(leads), explanation + "."
    )


def bus_factor(facts: CommunityFacts) -> Measure:
    """Bus factor (CHAOSS): the fewest authors who made at least half of the commits.

    Counted over the long window, outside contributors included.
    ``score = 100 * min(1, bus factor / expected)``.
    """
    measure_id, name = "bus_factor", "Bus factor"
    gap = facts.history_gap(facts.window_days)
    if gap:
        return unknown(measure_id, name, gap)
    expected = facts.expect.bus_factor
    if expected <= 0:
        return not_expected(measure_id, name, facts, "a bus factor")
    days = facts.long_days
    counts = Counter(c.author for c in facts.since(days))
    total = sum(counts.values())
    if not total:
        return unknown(measure_id, name, f"nobody contributed in the last {days} days")
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    covered = 0
    factor = 0
    for _author, count in ranked:
        covered += count
        factor += 1
        if 2 * covered >= total:
            break
    top = ", ".join(
        f"{facts.person_name(author)} {count}" for author, count in ranked[: max(factor, 1)]
    )
    explanation = (
        f"{plural(factor, 'person', 'people')} made at least half of the "
        f"{plural(total, 'commit')} of the last {days} days ({top}; {expected:g} expected at "
        f"stage {facts.stage})."
    )
    return Measure(measure_id, name, ratio_score(factor, expected), factor, explanation)


def succession(facts: CommunityFacts) -> Measure:
    """Succession: share of current leads with a named successor. ``score = 100 * share``."""
    measure_id, name = "succession", "Successor named"
    leads = facts.current_leads
    if not leads:
        if not facts.expect.declarations:
            return not_expected(measure_id, name, facts, "succession planning")
        return Measure(measure_id, name, 0.0, 0, "No current lead, so no successor is named.")
    named = [lead for lead in leads if lead.successor is not None]
    if not named and not facts.expect.declarations:
        return not_expected(measure_id, name, facts, "succession planning")
    share = len(named) / len(leads)
    explanation = f"{len(named)} of {plural(len(leads), 'current lead')} named a successor."
    return Measure(measure_id, name, 100.0 * share, len(named), explanation)


def sponsor(facts: CommunityFacts) -> Measure:
    """Sponsorship: 100 when a sponsor is declared, else 0 (unknown where not expected)."""
    measure_id, name = "sponsor", "Sponsor"
    sponsor_id = facts.community.sponsor
    if sponsor_id is None:
        if not facts.expect.declarations:
            return not_expected(measure_id, name, facts, "a sponsor")
        return Measure(measure_id, name, 0.0, None, "No sponsor is declared.")
    explanation = f"Sponsored by {facts.person_name(sponsor_id)}."
    return Measure(measure_id, name, 100.0, sponsor_id, explanation)


MEASURES: tuple[MeasureFunction, ...] = (lead_distribution, bus_factor, succession, sponsor)
