"""``copkit build`` / ``render``: real strict MkDocs builds of a real git repository."""

from __future__ import annotations

import filecmp
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

import pytest

from tests.conftest import REPO_ROOT
from tests.sitefixture import build_fixture_repo

Copkit = Callable[..., CompletedProcess[str]]
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def fixture_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_fixture_repo(tmp_path_factory.mktemp("build") / "repo")


def tree(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_strict_build_writes_every_page_and_keeps_entities_out_of_the_nav(
    fixture_repo: Path, tmp_path: Path, copkit: Copkit
) -> None:
    out = tmp_path / "public"
    result = copkit("build", str(fixture_repo), "-d", str(out), "--strict")
    assert result.returncode == 0, result.stderr
    for page in [
        "index.html",
        "communities/mle/index.html",
        "communities/mle/contributors/index.html",
        "practices/index.html",
        "practices/pin-data/index.html",
        "people/ada/index.html",
        "radar/index.html",
        "changelog/index.html",
        "tags/mlops/index.html",
        "skills/index.html",
        "skills/python/index.html",
        "network/index.html",
        "assets/copkit/charts/metric-lead-time.svg",
        "assets/copkit/catalog.js",
        "search/search_index.json",
    ]:
        assert (out / page).is_file(), page
    home = (out / "index.html").read_text(encoding="utf-8")
    nav = home[home.index('class="md-nav md-nav--primary"') :]
    nav = nav[: nav.index("</nav>")]
    assert "practices/pin-data/" not in nav
    assert "communities/mle/" not in nav
    assert "skills/python/" not in nav
    assert 'href="network/"' in nav
    assert "ML Engineering" in home
    assert "AI Ethics" in home
    assert "fonts.googleapis" not in home


def test_building_the_same_commit_twice_gives_byte_identical_files(
    fixture_repo: Path, tmp_path: Path, copkit: Copkit
) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    assert copkit("build", str(fixture_repo), "-d", str(first)).returncode == 0
    assert copkit("build", str(fixture_repo), "-d", str(second)).returncode == 0
    one, two = tree(first), tree(second)
    assert one.keys() == two.keys()
    different = [path for path in one if one[path] != two[path]]
    assert different == []
    assert "sitemap.xml.gz" in one


def test_the_build_leaves_no_scratch_pages_behind(
    fixture_repo: Path, tmp_path: Path, copkit: Copkit, monkeypatch: pytest.MonkeyPatch
) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))
    result = copkit("build", str(fixture_repo), "-d", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site/practices/pin-data/index.html").is_file()
    assert list(scratch.iterdir()) == []
    assert list((tmp_path / "site").glob("copkit-pages-*")) == []


def test_invalid_data_stops_a_strict_build_with_validate_messages_and_keeps_the_old_site(
    fixture_repo: Path, tmp_path: Path, copkit: Copkit
) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(fixture_repo, repo)
    out = tmp_path / "public"
    assert copkit("build", str(repo), "-d", str(out), "--strict").returncode == 0
    before = tree(out)
    practice = repo / "communities/mle/practices/pin-data.yaml"
    practice.write_text(
        practice.read_text(encoding="utf-8").replace("status: adopted", "status: shipped"),
        encoding="utf-8",
    )
    validate = copkit("validate", str(repo))
    build = copkit("build", str(repo), "-d", str(out), "--strict")
    assert build.returncode == 1
    messages = validate.stdout.splitlines()
    assert any(m.startswith("communities/mle/practices/pin-data.yaml:") for m in messages)
    for message in messages:
        assert message in build.stderr
    assert "Traceback" not in build.stderr
    assert tree(out) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".public")] == []


def test_the_projects_own_site_configuration_builds_strict(
    fixture_repo: Path, tmp_path: Path, copkit: Copkit
) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(fixture_repo, repo)
    shutil.copytree(REPO_ROOT / "site", repo / "site", ignore=shutil.ignore_patterns("build"))
    result = copkit("build", str(repo), "--strict")
    assert result.returncode == 0, result.stderr
    built = repo / "site" / "build"
    about = (built / "about/index.html").read_text(encoding="utf-8")
    assert "About this site" in about
    assert (built / "guides/site/index.html").is_file()
    assert (built / "practices/pin-data/index.html").is_file()
    nav = about[about.index('class="md-nav md-nav--primary"') :]
    nav = nav[: nav.index("</nav>")]
    assert 'href="../network/"' in nav
    assert 'href="../skills/"' in nav
    assert "skills/python/" not in nav


def test_the_network_option_turns_the_analysis_off(
    fixture_repo: Path, tmp_path: Path, copkit: Copkit
) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(fixture_repo, repo)
    (repo / "site" / "docs").mkdir(parents=True)
    (repo / "site" / "mkdocs.yml").write_text(
        "site_name: No network\ndocs_dir: docs\ntheme:\n  name: material\n  font: false\n"
        "plugins:\n  - search\n  - copkit:\n      network: false\n",
        encoding="utf-8",
    )
    out = tmp_path / "public"
    result = copkit("build", str(repo), "-d", str(out), "--strict")
    assert result.returncode == 0, result.stderr
    assert not (out / "skills/python/index.html").exists()
    assert "network not computed" in (out / "network/index.html").read_text(encoding="utf-8")
    ada = (out / "people/ada/index.html").read_text(encoding="utf-8")
    assert "skills/python/" not in ada


def test_above_search_bodies_entity_pages_are_found_by_title_and_summary_only(
    fixture_repo: Path, tmp_path: Path, copkit: Copkit
) -> None:
    def build(name: str, copkit_options: str) -> dict[str, bytes]:
        repo = tmp_path / name
        shutil.copytree(fixture_repo, repo)
        (repo / "site" / "docs").mkdir(parents=True)
        (repo / "site" / "mkdocs.yml").write_text(
            "site_name: Search\ndocs_dir: docs\ntheme:\n  name: material\n  font: false\n"
            "markdown_extensions: [tables, attr_list, toc]\n"
            f"plugins:\n  - search\n  - copkit:{copkit_options}\n",
            encoding="utf-8",
        )
        result = copkit("build", str(repo), "-d", str(tmp_path / f"{name}-site"), "--strict")
        assert result.returncode == 0, result.stderr
        return tree(tmp_path / f"{name}-site")

    whole = build("whole", " {}")
    summaries = build("summaries", "\n      search_bodies: 0")
    index = "search/search_index.json"
    assert {k: v for k, v in summaries.items() if k != index} == {
        k: v for k, v in whole.items() if k != index
    }
    docs = json.loads(summaries[index])["docs"]
    page = [d for d in docs if d["location"].startswith("practices/review-models/")]
    assert [d["title"] for d in page] == ["Review models before release"]
    assert page[0]["location"] == "practices/review-models/"
    whole_docs = json.loads(whole[index])["docs"]
    sections = [d for d in whole_docs if d["location"].startswith("practices/review-models/#")]
    assert sections != []
    assert len(summaries[index]) < len(whole[index])
    # Pages that are not entity pages are still indexed whole.
    network = [d for d in docs if d["location"].startswith("network/")]
    assert len(network) > 1
    assert network == [d for d in whole_docs if d["location"].startswith("network/")]


def test_render_writes_plain_markdown_for_other_generators(
    fixture_repo: Path, tmp_path: Path, copkit: Copkit
) -> None:
    out = tmp_path / "md"
    result = copkit("render", str(fixture_repo), "--out", str(out))
    assert result.returncode == 0, result.stderr
    page = (out / "practices/pin-data.md").read_text(encoding="utf-8")
    assert page.startswith("# Pin training data\n")
    assert (out / "assets/copkit/charts/radar.svg").is_file()
    again = tmp_path / "md2"
    assert copkit("render", str(fixture_repo), "--out", str(again)).returncode == 0
    _match, mismatch, errors = filecmp.cmpfiles(out, again, list(tree(out)), shallow=False)
    assert mismatch == []
    assert errors == []


def test_build_of_a_missing_folder_is_a_usage_error(tmp_path: Path, copkit: Copkit) -> None:
    result = copkit("build", str(tmp_path / "nowhere"))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_long_directories_build_as_linked_pages_out_of_the_nav(
    fixture_repo: Path, tmp_path: Path, copkit: Copkit
) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(fixture_repo, repo)
    config = repo / "copkit.yaml"
    config.write_text(
        config.read_text(encoding="utf-8") + "  directory_page_size: 1\n", encoding="utf-8"
    )
    out = tmp_path / "public"
    # --strict: MkDocs fails the build on any link between the pages that does not resolve.
    result = copkit("build", str(repo), "-d", str(out), "--strict")
    assert result.returncode == 0, result.stderr
    second = (out / "people/pages/2/index.html").read_text(encoding="utf-8")
    assert 'href="../.."' in second or 'href="../../"' in second  # back to page 1
    assert "<strong>2</strong>" in second
    assert (out / "practices/pages/2/index.html").is_file()
    assert (out / "radar/pages/2/index.html").is_file()
    # The navigation (on every page) leads to each directory's first page only.
    home = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="people/"' in home
    assert 'href="practices/"' in home
    assert "pages/" not in home
