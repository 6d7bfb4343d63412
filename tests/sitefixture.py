"""A small real repository for site tests: two communities, their people, practices and
metrics, written over three commits with known authors and dates. ``xss=True`` adds a
corpus of hostile contributor text that must execute nothing on the built site."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.conftest import CONFIG, entity
from tests.gitrepo import GitRepo

ADA = ("Ada Lovelace", "ada@example.org")
BOB = ("Bob Byte", "bob@example.org")
OUTSIDER = ("Olly Outside", "olly@elsewhere.invalid")

# Each payload sets a distinct window.__xss value if it ever runs.
XSS_TITLE = "<script>window.__xss=1</script>Evil </title><script>window.__xss=11</script>"
XSS_BODY = """Intro with <script>window.__xss=3</script> a script.

[js link](javascript:window.__xss=4) and [data link](data:text/html,<script>window.__xss=5</script>)

<a href="#" onclick="window.__xss=6">handler</a> <img src=x onerror="window.__xss=2">

A paragraph with an attribute list
{: onclick="window.__xss=7" }

<div markdown="1" onmouseover="window.__xss=12">*md in html*</div>

```
code block {: onclick="window.__xss=13" }
```
"""
XSS_PIPE_SUMMARY = 'left | right {: onclick="window.__xss=14" }'


def files_commit_one() -> dict[str, Any]:
    return {
        "copkit.yaml": CONFIG + "site:\n  title: Test Guilds\n  changelog_days: 60\n",
        "communities/vocabulary.yaml": entity(
            "Taxonomy",
            "vocabulary",
            title="Vocabulary",
            tags=[
                {"id": "mlops", "label": "MLOps"},
                {"id": "testing", "label": "Testing"},
                {"id": "ethics", "label": "Ethics"},
            ],
            skills=[
                {"id": "python", "label": "Python"},
                {"id": "statistics", "label": "Statistics"},
            ],
        ),
        "communities/people/ada.yaml": entity(
            "Person",
            "ada",
            name="Ada Lovelace",
            emails=["ada@example.org"],
            unit="Research",
            skills=[{"skill": "python", "level": "expert"}],
            mentors=["python"],
        ),
        "communities/people/bob.yaml": entity(
            "Person",
            "bob",
            name="Bob Byte",
            emails=["bob@example.org"],
            unit="Platform",
            skills=[{"skill": "statistics", "level": "working"}],
            learning=["python"],
        ),
        "communities/people/cy.yaml": entity("Person", "cy", name="Cy Chen", unit="Platform"),
        "communities/mle/mle.yaml": entity(
            "Community",
            "mle",
            name="ML Engineering",
            summary="People who ship models.",
            stage="active",
            domain=["mlops"],
            sponsor="cy",
            leads=[
                {"person": "ada", "role": "chair", "since": "2025-01-01"},
                {"person": "bob", "role": "co-chair", "since": "2025-01-01"},
            ],
            members=[
                {"person": "ada", "level": "core"},
                {"person": "bob", "level": "active"},
                {"person": "cy", "level": "peripheral"},
            ],
            channels=[{"type": "chat", "name": "#mle", "url": "https://chat.example.org/mle"}],
            meetings={"cadence": "biweekly", "day": "tuesday", "time": "15:00"},
        ),
        "communities/mle/mle-charter.yaml": entity(
            "Charter",
            "mle-charter",
            community="mle",
            version="1.0",
            mission="Make model delivery boring.",
            in_scope=["Training pipelines"],
            review_date="2026-12-31",
        ),
        "communities/mle/practices/pin-data.yaml": entity(
            "Practice",
            "pin-data",
            title="Pin training data",
            community="mle",
            owners=["ada"],
            status="adopted",
            summary="Snapshot the data every model is trained on.",
            solution="Record the **dataset hash** next to the model.",
            tags=["mlops"],
        ),
    }


def files_commit_two() -> dict[str, Any]:
    return {
        "communities/mle/practices/review-models.yaml": entity(
            "Practice",
            "review-models",
            title="Review models before release",
            community="mle",
            owners=["bob"],
            status="trial",
            summary="A second pair of eyes on every model.",
            tags=["testing"],
        ),
        "communities/mle/practices/copy-data.yaml": entity(
            "Practice",
            "copy-data",
            title="Copy data by hand",
            community="mle",
            owners=["bob"],
            status="deprecated",
            summary="The old way.",
            superseded_by="pin-data",
            tags=["mlops"],
        ),
        "communities/mle/lead-time.yaml": entity(
            "Metric",
            "lead-time",
            name="Lead time",
            community="mle",
            unit="days",
            direction="lower-is-better",
            target=5.0,
            observations=[
                {"date": "2025-11-01", "value": 12.0},
                {"date": "2025-12-01", "value": 9.0},
                {"date": "2026-01-01", "value": 6.5},
            ],
        ),
    }


def files_commit_three(*, xss: bool) -> dict[str, Any]:
    files: dict[str, Any] = {
        "communities/ethics/ethics.yaml": entity(
            "Community",
            "ethics",
            name="AI Ethics",
            summary="Thinking before shipping.",
            stage="coalescing",
            domain=["ethics"],
            leads=[{"person": "cy", "role": "lead", "since": "2026-01-01"}],
            members=[{"person": "cy", "level": "core"}, {"person": "ada", "level": "active"}],
        ),
        "communities/ethics/practices/ethics-checklist.yaml": entity(
            "Practice",
            "ethics-checklist",
            title="Run the ethics checklist",
            community="ethics",
            owners=["cy"],
            status="proposed",
            summary="Ten questions before launch.",
            tags=["ethics"],
        ),
        "communities/mle/practices/pin-data.yaml": entity(
            "Practice",
            "pin-data",
            title="Pin training data",
            community="mle",
            owners=["ada"],
            status="adopted",
            summary="Snapshot the data every model is trained on.",
            solution="Record the **dataset hash** next to the model.",
            tags=["mlops"],
            approvals=[{"person": "bob", "date": "2026-02-20"}],
        ),
        "communities/mle/stories/outage-story.yaml": entity(
            "KnowledgeAsset",
            "outage-story",
            type="story",
            title="The day the data moved",
            community="mle",
            authors=["ada"],
            date="2026-02-01",
            summary="An outage and what we learned.",
            body="We lost a day. *Never again.*",
            practices=["pin-data"],
        ),
        "communities/mle/events/kickoff.yaml": entity(
            "Event",
            "kickoff",
            title="Kick-off",
            type="meetup",
            community="mle",
            date="2026-01-15",
            hosts=["ada"],
        ),
    }
    if xss:
        files.update(xss_files())
    return files


def xss_files() -> dict[str, Any]:
    return {
        "communities/people/mallory.yaml": entity(
            "Person",
            "mallory",
            name='"><svg onload=window.__xss=9>Mallory {: onclick="window.__xss=15" }',
            unit="Red | Team",
        ),
        "communities/evil/evil.yaml": entity(
            "Community",
            "evil",
            name="</title><script>window.__xss=8</script>Evil guild",
            summary='<img src=x onerror="window.__xss=16"> {: onclick="window.__xss=17" }',
            stage="potential",
            members=[{"person": "mallory", "level": "core"}],
        ),
        "communities/evil/practices/evil-practice.yaml": entity(
            "Practice",
            "evil-practice",
            title=XSS_TITLE,
            community="evil",
            owners=["mallory"],
            status="draft",
            summary=XSS_PIPE_SUMMARY,
            problem=XSS_BODY,
            solution="[ok](https://example.org/ok) <a href='mailto:x@example.org'>mail</a>",
            evidence=[
                {"title": "<b onclick='window.__xss=18'>evidence</b>", "url": "https://example.org"}
            ],
            applies_when=['{: onclick="window.__xss=19" }'],
        ),
        "communities/evil/evil-metric.yaml": entity(
            "Metric",
            "evil-metric",
            name="$\\alpha$ <script>window.__xss=20</script>",
            community="evil",
            unit="$x$ | <b>",
            direction="higher-is-better",
            observations=[{"date": "2026-01-01", "value": 1.0}],
        ),
    }


def build_fixture_repo(root: Path, *, xss: bool = False) -> Path:
    """Write the fixture repository as three real commits; return its root."""
    git = GitRepo(root)
    git.commit("Start MLE", author=ADA, date="2026-01-05T10:00:00", files=files_commit_one())
    git.commit("More practices", author=BOB, date="2026-02-10T11:00:00", files=files_commit_two())
    git.commit(
        "Ethics and approvals",
        author=OUTSIDER,
        date="2026-03-01T12:00:00",
        files=files_commit_three(xss=xss),
    )
    return root
