from tests.lintkit import LintRepo, person


def test_people_from_several_units_pass(lrepo: LintRepo) -> None:
    assert lrepo.codes("COP272") == []


def test_everyone_from_one_unit_is_reported(lrepo: LintRepo) -> None:
    for name in ("ada", "bob", "cy", "dee", "eve"):
        lrepo.write(f"people/{name}.yaml", person(name, "Payments"))
    [finding] = lrepo.codes("COP272")
    assert finding.message == "all 5 people with a known unit come from 'Payments'"


def test_too_few_known_units_are_not_judged(lrepo: LintRepo) -> None:
    for name in ("ada", "bob", "cy"):
        lrepo.write(f"people/{name}.yaml", person(name, "Payments"))
    for name in ("dee", "eve"):
        document = person(name, "x")
        del document["unit"]
        lrepo.write(f"people/{name}.yaml", document)
    assert lrepo.codes("COP272") == []  # 3 known units < min_people 4
