"""COP230 adopted-approvals and COP231 self-approval: review before adoption."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from copkit.findings import Finding
from copkit.model.practice import PracticeStatus
from copkit.rules.base import Options, Rule
from copkit.rules.context import LintContext


def _adopted() -> list[PracticeStatus]:
    return ["adopted"]


class ApprovalsOptions(Options):
    min_approvals: int = Field(
        default=2, ge=1, description="Approvals needed from members who are not owners."
    )
    statuses: list[PracticeStatus] = Field(
        default_factory=lambda: _adopted(), description="Statuses that need the approvals."
    )


class AdoptedApprovalsRule(Rule):
    """An adopted practice lacks approvals from community members who are not its owners.

    Rationale:
        Adoption says "the community stands behind this". That needs review by peers:
        members of the owning community (members or leads) other than the practice's
        owners. Approvals by owners, by outsiders, or repeated by one person do not count.

    Fix:
        Ask members of the community to review, and add each as `approvals: - {person, date}`.

    Passing:
        owners: [ada]
        status: adopted
        approvals:
          - {person: bob, date: 2026-01-10}
          - {person: cy, date: 2026-01-12}

    Failing:
        owners: [ada]
        status: adopted
        approvals:
          - {person: bob, date: 2026-01-10}
    """

    code = "COP230"
    name = "adopted-approvals"
    default_severity = "error"
    options_model = ApprovalsOptions

    def check(self, context: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, ApprovalsOptions)
        for practice in context.repository.practices.values():
            if practice.status not in options.statuses:
                continue
            members = context.people_of.get(practice.community, frozenset())
            valid = {
                approval.person
                for approval in practice.approvals
                if approval.person in members and approval.person not in practice.owners
            }
            if len(valid) < options.min_approvals:
                yield self.at(
                    context,
                    practice,
                    ("approvals",) if practice.approvals else ("status",),
                    f"{practice.status} practice has {len(valid)} of {options.min_approvals} "
                    f"approvals needed from members of {practice.community!r} "
                    "who are not its owners",
                )


class SelfApprovalRule(Rule):
    """A practice is approved by one of its own owners.

    Rationale:
        Review means someone else looked. An owner's approval of their own practice adds
        nothing and hides how few independent reviews there are.

    Fix:
        Remove the owner's approval and ask a member who is not an owner to review.

    Passing:
        owners: [ada]
        approvals: [{person: bob, date: 2026-01-10}]

    Failing:
        owners: [ada]
        approvals: [{person: ada, date: 2026-01-10}]
    """

    code = "COP231"
    name = "self-approval"
    default_severity = "error"

    def check(self, context: LintContext) -> Iterator[Finding]:
        for practice in context.repository.practices.values():
            for index, approval in enumerate(practice.approvals):
                if approval.person in practice.owners:
                    yield self.at(
                        context,
                        practice,
                        ("approvals", index, "person"),
                        f"{approval.person!r} approves a practice they own",
                    )
