from tests.lintkit import LintRepo, person

COMMUNITY = "mle/mle.yaml"


def test_five_people_are_enough_for_an_active_community(lrepo: LintRepo) -> None:
    assert lrepo.codes("COP270") == []
    assert lrepo.codes("COP271") == []


def test_four_people_are_too_few_for_an_active_community(lrepo: LintRepo) -> None:
    lrepo.edit(COMMUNITY, members=lrepo.docs[COMMUNITY]["members"][:4])
    [finding] = lrepo.codes("COP270")
    assert finding.message == "active community has 4 people; it needs at least 5"


def test_leads_count_once_toward_size(lrepo: LintRepo) -> None:
    # ada and bob lead; members list only cy, dee, eve -> still 5 distinct people
    lrepo.edit(COMMUNITY, members=lrepo.docs[COMMUNITY]["members"][2:])
    assert lrepo.codes("COP270") == []


def test_too_large_is_a_hint_to_split(lrepo: LintRepo) -> None:
    lrepo.config("lint:\n  options:\n    COP271: {max_members: 4}\n")
    [finding] = lrepo.codes("COP271")
    assert (finding.severity, finding.message) == ("info", "community has 5 people, over 4")


def test_single_person_message_is_singular(lrepo: LintRepo) -> None:
    for name in ("bob", "cy", "dee", "eve"):
        lrepo.remove(f"people/{name}.yaml")
    lrepo.write("people/bob.yaml", person("bob", "Search"))
    lrepo.edit(
        COMMUNITY,
        stage="coalescing",
        leads=lrepo.docs[COMMUNITY]["leads"][:1],
        members=[{"person": "ada", "level": "core"}],
    )
    lrepo.edit("mle/practices/pin-data.yaml", approvals=None)
    [finding] = lrepo.codes("COP270")
    assert finding.message == "coalescing community has 1 person; it needs at least 3"
