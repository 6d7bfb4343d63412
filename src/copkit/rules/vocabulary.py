"""COP290 vocabulary-missing and COP291 unused-term: the controlled vocabulary."""

from __future__ import annotations

from collections.abc import Iterator

from copkit.findings import Finding
from copkit.references import references
from copkit.rules.base import Rule
from copkit.rules.context import LintContext


class VocabularyMissingRule(Rule):
    """Tags or skills are used, but the repository has no Taxonomy to check them against.

    Rationale:
        With a Taxonomy, every tag and skill must be defined there (validation reports
        unknown ones as COP108). Without one, nothing is checked: `mlops`, `ml-ops` and
        `MLOps` become three tags, and the catalog's filters split. Each unchecked use is
        a finding.

    Fix:
        Add a Taxonomy document listing the tags and skills in use.

    Passing:
        # with a Taxonomy defining tag mlops
        tags: [mlops]

    Failing:
        # no Taxonomy in the repository
        tags: [mlops]
    """

    code = "COP290"
    name = "vocabulary-missing"
    default_severity = "warning"

    def check(self, context: LintContext) -> Iterator[Finding]:
        repository = context.repository
        if repository.taxonomies:
            return
        for entity in repository.all_entities():
            for reference in references(entity):
                if reference.target in ("tag", "skill"):
                    yield self.at(
                        context,
                        entity,
                        reference.loc,
                        f"{reference.target} {reference.value!r} is not checked: "
                        "the repository has no Taxonomy",
                    )


class UnusedTermRule(Rule):
    """A tag defined in a Taxonomy is used by nothing.

    Rationale:
        A vocabulary that lists terms nobody uses offers filters that return nothing.
        Pruning keeps the catalog's tag cloud honest. In preview while its noise is judged.

    Fix:
        Remove the tag from the Taxonomy, or tag the practices it describes.

    Passing:
        tags: [{id: mlops, label: MLOps}]  # and a practice has tags: [mlops]

    Failing:
        tags: [{id: mlops, label: MLOps}]  # and nothing uses mlops
    """

    code = "COP291"
    name = "unused-term"
    default_severity = "info"
    preview = True

    def check(self, context: LintContext) -> Iterator[Finding]:
        repository = context.repository
        used = {
            reference.value
            for entity in repository.all_entities()
            for reference in references(entity)
            if reference.target == "tag"
        }
        for taxonomy in repository.taxonomies.values():
            for index, term in enumerate(taxonomy.tags):
                if term.id not in used:
                    yield self.at(
                        context, taxonomy, ("tags", index, "id"), f"tag {term.id!r} is never used"
                    )
