from tests.lintkit import LintRepo


def test_tags_checked_against_a_taxonomy_pass(lrepo: LintRepo) -> None:
    assert lrepo.codes("COP290") == []


def test_tags_without_any_taxonomy_are_reported_per_use(lrepo: LintRepo) -> None:
    lrepo.remove("tax.yaml")
    findings = lrepo.codes("COP290")
    assert sorted((f.path, f.message) for f in findings) == [
        ("communities/mle/mle.yaml", "tag 'mlops' is not checked: the repository has no Taxonomy"),
        (
            "communities/mle/practices/pin-data.yaml",
            "tag 'mlops' is not checked: the repository has no Taxonomy",
        ),
    ]


def test_unused_tag_is_a_preview_finding(lrepo: LintRepo) -> None:
    assert lrepo.codes("COP291") == []
    lrepo.edit(
        "tax.yaml",
        tags=[{"id": "mlops", "label": "MLOps"}, {"id": "llm", "label": "LLMs"}],
    )
    [finding] = lrepo.codes("COP291")
    assert finding.message == "tag 'llm' is never used"
