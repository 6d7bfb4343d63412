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
# Markdown sections: every scheme and tag trick that must not survive sanitising.
XSS_MARKDOWN = """Body <svg onload="window.__xss=21"><circle/></svg>
and <img src=x onerror=window.__xss=22>.

[vb link](vbscript:msgbox) [mixed case](JaVaScRiPt:window.__xss=23)
[tabbed](java	script:window.__xss=24) [entity](&#106;avascript:window.__xss=25)
<a href="data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MjY8L3NjcmlwdD4=">b64</a>
<iframe src="javascript:window.__xss=27"></iframe><object data="javascript:x"></object>
<form action="javascript:window.__xss=28"><button>go</button></form>
<meta http-equiv="refresh" content="0;url=javascript:window.__xss=29">
<style>body{background:url(javascript:window.__xss=30)}</style>
<a href="https://example.org" style="position:fixed" onmouseover="window.__xss=31">styled</a>
"""
XSS_TEXT = (
    '"><script>window.__xss={n}</script><img src=x onerror=window.__xss={n}>'
    ' {{: onclick="window.__xss={n}" }}'
)
"""A plain-text field's payload; ``{n}`` makes each field's distinct."""
XSS_URL = "https://example.org/x?a=1&b={{:onclick=window.__xss={n}}}&c=%22%3E%3Cscript%3E{n}"
"""Valid (http, no spaces or quotes) yet full of characters an attribute or Markdown
could take for syntax: ``&``, ``{: }``, percent-encoded quotes and brackets."""


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
            title=XSS_TEXT.format(n=40),
            handle="mallory-h",
            skills=[{"skill": "evil-skill", "level": "expert"}],
            interests=["evil-tag"],
            mentors=["evil-skill"],
        ),
        "communities/evil/evil-vocabulary.yaml": entity(
            "Taxonomy",
            "evil-vocabulary",
            title=XSS_TEXT.format(n=41),
            tags=[
                {
                    "id": "evil-tag",
                    "label": XSS_TEXT.format(n=42),
                    "description": XSS_TEXT.format(n=43),
                }
            ],
            skills=[
                {
                    "id": "evil-skill",
                    "label": XSS_TEXT.format(n=44),
                    "description": XSS_TEXT.format(n=45),
                }
            ],
        ),
        "communities/evil/evil-objective.yaml": entity(
            "Objective",
            "evil-objective",
            title=XSS_TEXT.format(n=46),
            description=XSS_TEXT.format(n=47),
        ),
        "communities/evil/evil-charter.yaml": entity(
            "Charter",
            "evil-charter",
            community="evil",
            version=XSS_TEXT.format(n=48),
            mission=XSS_TEXT.format(n=49),
            in_scope=[XSS_TEXT.format(n=50)],
            out_of_scope=[XSS_TEXT.format(n=51)],
            governance={"decision_making": "consensus", "description": XSS_TEXT.format(n=52)},
            membership=XSS_TEXT.format(n=53),
            onboarding=[XSS_TEXT.format(n=54)],
            review_date="2027-01-01",
        ),
        "communities/evil/events/evil-event.yaml": entity(
            "Event",
            "evil-event",
            title=XSS_TEXT.format(n=55),
            type="meetup",
            community="evil",
            date="2026-02-15",
            hosts=["mallory"],
            summary=XSS_TEXT.format(n=56),
            outcomes=[XSS_TEXT.format(n=57)],
            tags=["evil-tag"],
            links=[{"title": XSS_TEXT.format(n=58), "url": XSS_URL.format(n=59)}],
        ),
        "communities/evil/stories/evil-story.yaml": entity(
            "KnowledgeAsset",
            "evil-story",
            type="failure",
            title=XSS_TEXT.format(n=60),
            community="evil",
            authors=["mallory"],
            date="2026-02-16",
            summary=XSS_TEXT.format(n=61),
            body=XSS_MARKDOWN,
            lessons=[XSS_TEXT.format(n=62)],
            tags=["evil-tag"],
            links=[{"title": XSS_TEXT.format(n=63), "url": XSS_URL.format(n=64)}],
        ),
        "communities/evil/evil.yaml": entity(
            "Community",
            "evil",
            name="</title><script>window.__xss=8</script>Evil guild",
            summary='<img src=x onerror="window.__xss=16"> {: onclick="window.__xss=17" }',
            stage="potential",
            domain=["evil-tag"],
            leads=[{"person": "mallory", "role": XSS_TEXT.format(n=65), "since": "2026-01-01"}],
            members=[{"person": "mallory", "level": "core"}],
            channels=[{"type": "chat", "name": XSS_TEXT.format(n=66), "url": XSS_URL.format(n=67)}],
            meetings={"cadence": "monthly", "format": XSS_TEXT.format(n=68)},
            objectives=["evil-objective"],
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
            consequences=XSS_MARKDOWN,
            tags=["evil-tag"],
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
