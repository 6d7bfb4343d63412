"""COP210 self-reference: an entity that refers to itself."""

from __future__ import annotations

from collections.abc import Iterator

from copkit.findings import Finding
from copkit.rules.base import Rule
from copkit.rules.context import LintContext


class SelfReferenceRule(Rule):
    """A community related to itself, or a practice that supersedes itself.

    Rationale:
        Schema validation only checks that a reference points at something that exists.
        A community listing itself as related, or a practice superseding itself, resolves
        fine but says nothing, and a practice that supersedes itself can never be replaced.

    Fix:
        Remove the entity's own id from `related`, `supersedes` or `superseded_by`.

    Passing:
        id: mle
        related: [data-eng]

    Failing:
        id: mle
        related: [mle]
    """

    code = "COP210"
    name = "self-reference"
    default_severity = "error"

    def check(self, context: LintContext) -> Iterator[Finding]:
        for community in context.repository.communities.values():
            for index, other in enumerate(community.related):
                if other == community.id:
                    yield self.at(
                        context, community, ("related", index), "the community relates to itself"
                    )
        for practice in context.repository.practices.values():
            for index, other in enumerate(practice.supersedes):
                if other == practice.id:
                    yield self.at(
                        context, practice, ("supersedes", index), "the practice supersedes itself"
                    )
            if practice.superseded_by == practice.id:
                yield self.at(
                    context, practice, ("superseded_by",), "the practice is superseded by itself"
                )
