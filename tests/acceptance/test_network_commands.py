"""The network commands through the real command line: text, JSON, errors, determinism."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_copkit
from tests.gitrepo import GitRepo
from tests.unit.network.builders import community, person, practice, taxonomy, write_org


@pytest.fixture(scope="module")
def org(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real git repository: two communities bridged by cal, a silo, mentors, a gap."""
    root = tmp_path_factory.mktemp("org") / "repo"
    git = GitRepo(root)
    files: dict[str, object] = {
        "copkit.yaml": "apiVersion: copkit/v1\nkind: Config\ndata: communities\n",
        "communities/vocabulary.yaml": taxonomy(),
        "communities/people/ann.yaml": person(
            "ann", skills={"drift-monitoring": "expert"}, mentors=["drift-monitoring"]
        ),
        "communities/people/bea.yaml": person("bea", learning=["drift-monitoring"]),
        "communities/people/cal.yaml": person("cal", skills={"python": "working"}),
        "communities/people/dan.yaml": person("dan", skills={"python": "expert"}),
        "communities/people/eve.yaml": person("eve", interests=["ethics"]),
        "communities/people/fay.yaml": person("fay"),
        "communities/a/a.yaml": community(
            "a", members={"ann": "core", "bea": "active", "cal": "active"}
        ),
        "communities/b/b.yaml": community("b", members={"dan": "core", "cal": "active"}),
        "communities/c/c.yaml": community("c", members={"eve": "core", "fay": "core"}),
        "communities/a/practices/watch-drift.yaml": practice(
            "watch-drift",
            "a",
            owners=["ann"],
            title="Watch production models for drift",
            skills=["drift-monitoring", "sql"],
        ),
    }
    git.commit("start", author=("Ann", "ann@example.org"), date="2026-03-01T10:00", files=files)
    return root


def run_json(*args: str) -> dict[str, object]:
    result = run_copkit(*args, "--format", "json")
    assert result.returncode == 0, result.stderr
    data: dict[str, object] = json.loads(result.stdout)
    return data


def test_experts_json_names_the_matching_skill(org: Path) -> None:
    data = run_json("experts", "monitoring drift", str(org))
    experts = data["experts"]
    assert isinstance(experts, list)
    assert experts[0]["person"] == "ann"
    assert experts[0]["skills"][0]["skill"] == "drift-monitoring"
    assert experts[0]["practices"][0]["roles"] == ["owner", "author"]
    assert data["history"] == {
        "available": True,
        "complete": True,
        "reason": None,
        "as_of": "2026-03-01T10:00:00+00:00",
    }


def test_experts_text_explains_each_result(org: Path) -> None:
    result = run_copkit("experts", "python", str(org), "--limit", "1")
    assert result.returncode == 0
    assert result.stdout.splitlines()[2].startswith("1. Dan (dan)")
    assert "- Python at expert level (skill 'python')" in result.stdout
    assert "2. " not in result.stdout


def test_mentors_gaps_and_network_json(org: Path) -> None:
    mentors = run_json("mentors", str(org))
    assert [(p["mentor"], p["mentee"]) for p in mentors["pairs"]] == [("ann", "bea")]  # type: ignore[union-attr]
    gaps = run_json("gaps", str(org))
    assert gaps["communities"] == [
        {
            "community": "a",
            "name": "A",
            "members": 3,
            "gaps": [
                {
                    "skill": "drift-monitoring",
                    "label": "Model drift monitoring",
                    "holders": ["ann"],
                    "needed_by": ["watch-drift"],
                },
                {"skill": "sql", "label": "SQL", "holders": [], "needed_by": ["watch-drift"]},
            ],
        }
    ]
    network = run_json("network", str(org))
    brokers = network["brokers"]
    assert isinstance(brokers, dict)
    assert [b["person"] for b in brokers["brokers"]] == ["cal"]
    assert [s["community"] for s in network["silos"]] == ["c"]  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "command",
    [["experts", "drift"], ["mentors"], ["gaps"], ["network"]],
    ids=lambda c: c[0],
)
def test_output_is_byte_identical_across_runs(org: Path, command: list[str]) -> None:
    first = run_copkit(*command, str(org), "--format", "json")
    second = run_copkit(*command, str(org), "--format", "json")
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout


def test_network_text_reports_each_section(org: Path) -> None:
    result = run_copkit("network", str(org))
    assert result.returncode == 0
    assert "Knowledge brokers (exact betweenness" in result.stdout
    assert "- Cal (cal) " in result.stdout
    assert "- C (c): none of its 2 members belongs to another community" in result.stdout


def test_bad_query_and_unknown_community_are_usage_errors(org: Path) -> None:
    result = run_copkit("experts", "the", str(org))
    assert (result.returncode, result.stderr) == (
        2,
        "copkit: error: the query 'the' has no searchable words\n",
    )
    result = run_copkit("experts", "python", str(org), "--community", "zzz")
    assert result.returncode == 2
    assert "there is no community 'zzz'" in result.stderr
    result = run_copkit("mentors", str(org), "--capacity", "0")
    assert result.returncode == 2


def test_invalid_repository_reports_errors_and_exits_1(tmp_path: Path) -> None:
    writer = write_org(tmp_path / "repo", {"people/ann.yaml": person("ann")})
    writer.write("people/bad.yaml", "apiVersion: copkit/v1\nkind: Person\nid: bad\n")
    for command in (["experts", "python"], ["mentors"], ["gaps"], ["network"]):
        result = run_copkit(*command, str(writer.root))
        assert result.returncode == 1, command
        assert "Traceback" not in result.stderr
        assert "communities/people/bad.yaml:" in result.stderr
        assert result.stderr.endswith("the repository has errors; fix them first\n")
