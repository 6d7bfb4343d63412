"""COP260-COP262: lifecycle transitions, checked against the base branch in PR mode.

Practice status moves forward one step, or to ``deprecated`` from any live status;
``deprecated`` moves on to ``retired``; ``retired`` is final. Community stage moves to an
adjacent stage, either way, or to ``closed`` from any stage::

    draft -> proposed -> trial -> adopted -> deprecated -> retired
      \\________\\__________\\_____________/^

    potential <-> coalescing <-> active <-> stewardship <-> transforming <-> closed
    (any stage) -> closed

Entities new in the pull request may start at any status or stage.
"""

from __future__ import annotations

from collections.abc import Iterator

from copkit.findings import Finding
from copkit.model.community import STAGES
from copkit.model.practice import PRACTICE_STATUSES
from copkit.rules.base import Rule
from copkit.rules.context import LintContext


def practice_move_allowed(old: str, new: str) -> bool:
    """Whether a practice may go from status ``old`` to ``new`` in one change."""
    if old == new:
        return True
    if old == "retired":
        return False
    if new == "deprecated":
        return True
    return PRACTICE_STATUSES.index(new) == PRACTICE_STATUSES.index(old) + 1


def stage_move_allowed(old: str, new: str) -> bool:
    """Whether a community may go from stage ``old`` to ``new`` in one change."""
    if old == new or new == "closed":
        return True
    return abs(STAGES.index(new) - STAGES.index(old)) == 1


class PracticeStatusTransitionRule(Rule):
    """A pull request moves a practice's status by more than one step.

    Rationale:
        Each status is a stage of evidence: proposed practices are discussed, trial ones
        are tried by a few teams, adopted ones are approved. Jumping from `draft` to
        `adopted` skips the trial; going from `trial` to `retired` skips the deprecation
        that warns people still using it. Allowed moves: one step forward, or to
        `deprecated` from any live status. Practices new in the pull request may start
        anywhere. Runs with `copkit lint --base REF`.

    Fix:
        Move one step per pull request (for example `trial` -> `adopted`), or deprecate first.

    Passing:
        # base: status: trial
        status: adopted

    Failing:
        # base: status: trial
        status: retired
    """

    code = "COP260"
    name = "practice-status-transition"
    default_severity = "error"
    needs_base = True

    def check(self, context: LintContext) -> Iterator[Finding]:
        if context.base is None:
            return
        before = context.base.practices
        for practice in context.repository.practices.values():
            old = before.get(practice.id)
            if old is None or old.status == "retired":
                continue  # new practices start anywhere; revivals are COP262
            if not practice_move_allowed(old.status, practice.status):
                yield self.at(
                    context,
                    practice,
                    ("status",),
                    f"status moves from {old.status!r} to {practice.status!r}, "
                    "skipping the lifecycle",
                    hint="allowed from "
                    + repr(old.status)
                    + ": "
                    + ", ".join(
                        repr(s)
                        for s in PRACTICE_STATUSES
                        if s != old.status and practice_move_allowed(old.status, s)
                    ),
                )


class CommunityStageTransitionRule(Rule):
    """A pull request moves a community more than one stage at a time.

    Rationale:
        Stages describe how established a community is, and each has gates. A community
        that jumps from `potential` to `stewardship` has skipped the work those gates
        check. Allowed moves: to an adjacent stage either way, or to `closed` from any
        stage. Runs with `copkit lint --base REF`.

    Fix:
        Move one stage at a time, meeting each stage's gates on the way.

    Passing:
        # base: stage: coalescing
        stage: active

    Failing:
        # base: stage: potential
        stage: stewardship
    """

    code = "COP261"
    name = "community-stage-transition"
    default_severity = "error"
    needs_base = True

    def check(self, context: LintContext) -> Iterator[Finding]:
        if context.base is None:
            return
        before = context.base.communities
        for community in context.repository.communities.values():
            old = before.get(community.id)
            if old is not None and not stage_move_allowed(old.stage, community.stage):
                yield self.at(
                    context,
                    community,
                    ("stage",),
                    f"stage moves from {old.stage!r} to {community.stage!r}, skipping stages",
                )


class RetiredPracticeRevivedRule(Rule):
    """A pull request brings a retired practice back to life.

    Rationale:
        Retired is final: people were told to stop. Quietly reviving it under the same id
        loses that history. A practice worth bringing back is written as a new practice
        that `supersedes` the retired one. Runs with `copkit lint --base REF`.

    Fix:
        Keep the practice retired and write a new one with `supersedes: [<old id>]`.

    Passing:
        # base: status: retired
        status: retired

    Failing:
        # base: status: retired
        status: trial
    """

    code = "COP262"
    name = "retired-practice-revived"
    default_severity = "error"
    needs_base = True

    def check(self, context: LintContext) -> Iterator[Finding]:
        if context.base is None:
            return
        before = context.base.practices
        for practice in context.repository.practices.values():
            old = before.get(practice.id)
            if old is not None and old.status == "retired" and practice.status != "retired":
                yield self.at(
                    context,
                    practice,
                    ("status",),
                    f"retired practice is revived as {practice.status!r}",
                )
