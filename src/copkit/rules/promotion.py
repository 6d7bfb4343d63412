"""COP310 promote-trial and COP311 review-unused-adopted: promotion hints from adoption."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from copkit.findings import Finding
from copkit.rules.base import Options, Rule
from copkit.rules.context import LintContext


class PromoteTrialOptions(Options):
    min_teams: int = Field(
        default=3, ge=1, description="Adopting teams after which promotion is suggested."
    )


class PromoteTrialRule(Rule):
    """A practice in trial that enough teams have adopted is ready to be proposed for adoption.

    Rationale:
        Like the InnerSource Patterns community, which promotes a pattern once it has
        enough known instances, a trial practice used by several teams has the evidence
        adoption asks for.

    Fix:
        Collect approvals from community members and move `status` to `adopted`.

    Passing:
        status: trial
        adopted_by: [{team: search}]

    Failing:
        status: trial
        adopted_by: [{team: search}, {team: ads}, {team: payments}]
    """

    code = "COP310"
    name = "promote-trial"
    default_severity = "info"
    options_model = PromoteTrialOptions

    def check(self, context: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, PromoteTrialOptions)
        for practice in context.repository.practices.values():
            teams = {adoption.team for adoption in practice.adopted_by}
            if practice.status == "trial" and len(teams) >= options.min_teams:
                yield self.at(
                    context,
                    practice,
                    ("status",),
                    f"{len(teams)} teams use this trial practice; consider adopting it",
                )


class ReviewUnusedAdoptedRule(Rule):
    """An adopted practice that no team has adopted.

    Rationale:
        An adopted practice nobody uses is either undocumented in `adopted_by` or no
        longer practised. Either way it deserves a review: record who uses it, or
        deprecate it.

    Fix:
        List the teams using it in `adopted_by`, or deprecate it with a reason.

    Passing:
        status: adopted
        adopted_by: [{team: search}]

    Failing:
        status: adopted
        adopted_by: []
    """

    code = "COP311"
    name = "review-unused-adopted"
    default_severity = "info"

    def check(self, context: LintContext) -> Iterator[Finding]:
        for practice in context.repository.practices.values():
            if practice.status == "adopted" and not practice.adopted_by:
                yield self.at(
                    context,
                    practice,
                    ("status",),
                    "no team has adopted this practice; review whether it is still practised",
                )
