"""Generate a synthetic copkit organisation as a real git repository.

    python benchmarks/generate.py OUT --entities 10000 --commits 20000 --seed 1

writes ``OUT/copkit.yaml`` and ``OUT/communities/`` (taxonomies, objectives, people,
communities with charters, practices, metrics, events and knowledge assets) and a git
history of ``--commits`` commits authored by the generated people, with dates spread over
the two years ending 2026-11-23.

How it works: the organisation is *simulated* one commit at a time. Each commit creates or
changes 1-5 entity files (a person joins a community, a practice moves to trial, a metric
gets an observation, a practice is renamed, ...), and only ever refers to entities that
already exist, so every commit of the history is a valid repository, not just the last one.
Every changed file is rendered to YAML and streamed, with the commit's author and date, into
one ``git fast-import`` process; the working tree is checked out from the result at the end.

The output depends only on ``(entities, commits, seed)``: the same arguments give the same
files and the same commit ids on any machine (no set iteration, no wall clock, fixed
time zones).

Import :func:`generate` to reuse it from other benchmarks.
"""

from __future__ import annotations

import argparse
import ast
import bisect
import datetime as dt
import hashlib
import json
import os
import random
import re
import subprocess
import sys
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

__all__ = ["END", "GENERATOR_VERSION", "Sizes", "generate", "plan_sizes"]

END = dt.datetime(2026, 11, 23, 16, 45, tzinfo=dt.UTC)
"""The date of the last commit; the history spans the two years before it."""
SPAN_DAYS = 730
DATA = "communities"
MANIFEST = "copkit-bench.json"
"""Written inside ``.git/`` of the output: the arguments and what was generated."""


def _code_digest() -> str:
    # The syntax tree, not the text: reformatting or editing a comment keeps cached
    # organisations; any change to the code (or a docstring) rebuilds them.
    tree = ast.parse(Path(__file__).read_text(encoding="utf-8"))
    return hashlib.sha256(ast.dump(tree).encode()).hexdigest()[:12]


GENERATOR_VERSION = _code_digest()
"""Changes whenever this file's code changes, so benchmark caches are rebuilt."""


# --------------------------------------------------------------------------------------
# Sizes


@dataclass(frozen=True)
class Sizes:
    """How many entities of each kind an organisation of ``total`` entity files has."""

    taxonomies: int
    objectives: int
    communities: int
    people: int
    metrics: int
    events: int
    assets: int
    practices: int
    charters: int
    destinies: tuple[str, ...]
    """The stage each community grows toward, in creation order."""

    @property
    def total(self) -> int:
        return (
            self.taxonomies
            + self.objectives
            + self.communities
            + self.charters
            + self.people
            + self.metrics
            + self.events
            + self.assets
            + self.practices
        )


MIN_ENTITIES = 60

_DESTINIES = ("potential", "coalescing", "active", "stewardship", "transforming", "closed")
_DESTINY_WEIGHTS = (8, 14, 50, 18, 6, 4)


def plan_sizes(entities: int, seed: int) -> Sizes:
    """Kinds in realistic proportions: for 10,000 files about 60 communities (most with a
    charter), 3,000 people, 5,700 practices, 350 metrics, 450 events and 350 assets."""
    if entities < MIN_ENTITIES:
        raise ValueError(f"--entities must be at least {MIN_ENTITIES}")
    rng = random.Random(f"sizes-{seed}")
    communities = max(3, round(entities * 0.006))
    destinies = list(rng.choices(_DESTINIES, _DESTINY_WEIGHTS, k=communities))
    destinies[0] = destinies[1] = "active"  # the first communities are the established ones
    charters = sum(1 for stage in destinies if stage != "potential")
    objectives = max(2, round(entities * 0.0012))
    people = round(entities * 0.30)
    metrics = max(2, round(entities * 0.035))
    events = max(2, round(entities * 0.045))
    assets = max(2, round(entities * 0.035))
    fixed = 2 + objectives + communities + charters + people + metrics + events + assets
    return Sizes(
        taxonomies=2,
        objectives=objectives,
        communities=communities,
        people=people,
        metrics=metrics,
        events=events,
        assets=assets,
        practices=entities - fixed,
        charters=charters,
        destinies=tuple(destinies),
    )


# --------------------------------------------------------------------------------------
# Vocabulary

# Word lists are written as comma-separated text to keep them compact and easy to edit.


def _csv(text: str) -> tuple[str, ...]:
    # An item may be wrapped over two lines: collapse its white space to single spaces.
    return tuple(" ".join(item.split()) for item in text.split(",") if item.strip())


_TOPICS = _csv(
    """
    ml-engineering, ai-ethics, data-platform, mlops, data-engineering, frontend, backend,
    platform-engineering, site-reliability, security, privacy, accessibility,
    design-systems, product-analytics, experimentation, testing, api-design, cloud-cost,
    observability, incident-response, developer-experience, mobile, data-governance,
    data-quality, nlp, computer-vision, recommender-systems, reinforcement-learning,
    forecasting, causal-inference, llm-applications, prompt-engineering, model-evaluation,
    responsible-ai, explainable-ai, edge-ai, ai-hardware, streaming, databases, search,
    payments, identity, infrastructure-as-code, kubernetes, release-engineering,
    technical-writing, agile-coaching, product-management, ux-research, service-design,
    architecture, domain-driven-design, event-driven-systems, performance, green-software,
    open-source, inner-source, code-review, pair-programming, career-growth, mentoring,
    hiring, onboarding, knowledge-management, customer-support-ai, supply-chain-analytics,
    predictive-maintenance, risk-modelling, fraud-detection, quantum-computing, robotics,
    iot, embedded, game-development, healthcare-ai, ai-for-social-good,
    reproducible-research, research-methods, statistics, visualisation, data-literacy,
    spreadsheets, automation, low-code, finops, compliance, threat-modelling,
    chaos-engineering, sustainability
    """
)
_VARIANTS = ("", "-guild", "-emea", "-apac", "-americas", "-chapter", "-sig", "-forum", "-lab")
_ACRONYMS = {"ml", "ai", "nlp", "llm", "api", "ux", "iot"}

_SKILLS = _csv(
    """
    python, java, kotlin, typescript, javascript, go, rust, scala, sql, r, c-plus-plus,
    swift, bash, terraform, kubernetes, docker, helm, aws, gcp, azure, linux, networking,
    postgresql, kafka, spark, airflow, dbt, pandas, numpy, pytorch, tensorflow, jax,
    scikit-learn, xgboost, hugging-face, langchain, vector-databases, feature-stores,
    model-serving, model-monitoring, data-modelling, etl, statistics, experiment-design,
    bayesian-methods, time-series, deep-learning, computer-vision, nlp,
    reinforcement-learning, prompt-design, evaluation, fairness-assessment,
    privacy-engineering, threat-modelling, penetration-testing, cryptography,
    identity-management, observability, prometheus, grafana, opentelemetry,
    incident-command, capacity-planning, performance-tuning, ci-cd, github-actions, gitops,
    release-management, api-design, graphql, grpc, rest, event-sourcing, domain-modelling,
    system-design, react, vue, css, accessibility-audits, design-tokens, figma,
    user-research, usability-testing, service-blueprints, product-discovery, roadmapping,
    okrs, facilitation, coaching, mentoring, technical-writing, public-speaking,
    stakeholder-management, negotiation, hiring, budgeting, finops, compliance-audits, gdpr,
    iso-27001, risk-analysis, data-visualisation, tableau, power-bi, excel,
    causal-inference, forecasting, optimisation, simulation, graph-analytics,
    search-relevance, recommendation, embedded-c, fpga, robotics-control, unity
    """
)
_TAG_EXTRA = _csv(
    """
    reliability, quality, cost, speed, learning, governance, tooling, automation,
    documentation, collaboration, onboarding, safety, scale, sustainability, ethics,
    metrics, process, culture, research, delivery
    """
)

_FIRST = _csv(
    """
    Ada, Alan, Amara, Ana, Andrei, Anika, Arjun, Aylin, Bea, Ben, Bilal, Bo, Camila, Carlos,
    Chen, Chloé, Dana, Daniel, Deepa, Diego, Elif, Elena, Emeka, Emma, Erik, Fatima, Felix,
    Freya, Gabriel, Grace, Hana, Hassan, Ines, Ingrid, Isaac, Ivan, Jamal, Jana, Javier,
    Jin, João, Julia, Kai, Kamala, Karim, Kenji, Lara, Leila, Liam, Lin, Lucas, Lucía, Maya,
    Mateo, Mei, Miguel, Mina, Nadia, Naomi, Nikolai, Noor, Olga, Omar, Pablo, Priya, Quinn,
    Rafael, Rania, Ravi, Rosa, Sam, Sara, Sebastián, Sipho, Sofia, Soren, Tariq, Thandi,
    Theo, Tomás, Uma, Valentina, Victor, Wei, Xin, Yara, Yusuf, Zainab, Zoë, Björn, Margit,
    Ngozi, Oskar, Paulo, Rui, Siân
    """
)
_LAST = _csv(
    """
    Abebe, Adeyemi, Agarwal, Almeida, Andersen, Baker, Bauer, Becker, Bianchi, Brown,
    Castro, Chen, Costa, Cruz, Dahl, Das, Diaz, Dubois, Eriksson, Evans, Fernández, Fischer,
    Fontaine, García, Gómez, Gupta, Hansen, Haddad, Hoffmann, Hughes, Ibrahim, Ito, Jansen,
    Jensen, Johansson, Kamau, Kaur, Kim, Kowalski, Kumar, Larsen, Lee, Li, López, Martin,
    Meyer, Mensah, Moreau, Müller, Murphy, Nakamura, Nguyen, Novak, Nowak, Okafor, Okoro,
    Olsen, Park, Patel, Pereira, Petrov, Popescu, Quispe, Rahman, Reyes, Rossi, Sato,
    Schmidt, Silva, Singh, Smith, Sousa, Suzuki, Tanaka, Taylor, Tran, Novák, Varga, Wagner,
    Walker, Wang, Weber, Williams, Wilson, Wójcik, Yamamoto, Yılmaz, Zhang, Zhou, Ólafsson,
    Ó Briain, Van der Berg, De Luca
    """
)
_UNITS = _csv(
    """
    Platform Engineering, Data Science, Data Engineering, Product, Design, Security,
    Infrastructure, Mobile, Web, Research, Risk, Finance, Operations, Customer Support,
    Marketing Analytics, Legal and Compliance, People, Strategy, Payments, Search
    """
)
_TITLES = _csv(
    """
    Software Engineer, Senior Software Engineer, Staff Engineer, Principal Engineer, Data
    Scientist, Senior Data Scientist, ML Engineer, Data Engineer, Product Manager, Designer,
    Engineering Manager, Analyst, Researcher, SRE, Security Engineer, Technical Writer,
    Director, Architect
    """
)
_TIMEZONES = _csv(
    """
    +0000, +0100, +0200, +0100, -0500, -0800, +0530, +0900, +1000
    """
)

_VERBS = _csv(
    """
    Adopt, Automate, Document, Review, Pin, Version, Monitor, Test, Measure, Standardise,
    Share, Rotate, Audit, Benchmark, Cache, Encrypt, Tag, Label, Deprecate, Pair on,
    Timebox, Limit, Budget, Profile, Track, Validate, Sandbox, Canary, Roll back, Alert on,
    Write down, Rehearse, Explain, Retire, Template, Reproduce, Sample, Trace, Schedule,
    Publish
    """
)
_OBJECTS = _csv(
    """
    dependencies, training data, model artefacts, feature flags, API contracts, database
    migrations, secrets, on-call handovers, incident timelines, architecture decisions,
    experiment results, evaluation datasets, prompts, model cards, data contracts, service
    level objectives, error budgets, runbooks, cost reports, access reviews, pull requests,
    release notes, design tokens, accessibility checks, user interviews, usability findings,
    dashboards, alert thresholds, load tests, infrastructure modules, container images,
    schema changes, data lineage, PII fields, retention rules, onboarding guides, mentoring
    pairs, postmortems, retrospectives, decision records, code owners, test fixtures, flaky
    tests, build caches, benchmarks, capacity plans, risk registers, vendor assessments,
    fairness metrics, bias audits, drift reports, baseline models, hyperparameters, random
    seeds, notebooks, pipelines, batch jobs, stream processors, queues, SDKs, client
    libraries, style guides, glossaries, reading lists, demo days, office hours, guild
    meetings, knowledge bases, FAQ pages, support macros, chatbot intents, search queries,
    ranking signals, embeddings, vector indexes, GPU quotas, cloud budgets, tagging
    policies, log formats, trace context, health checks, rollouts, rollbacks, hotfixes,
    threat models, security reviews, penetration tests, licences, third-party notices,
    open-source contributions, inner-source repos, API versions, deprecation notices,
    changelogs, roadmaps, OKRs, team charters, working agreements, meeting notes, decision
    logs
    """
)
_QUALIFIERS = _csv(
    """
    in training pipelines, before release, for every service, in production, across teams,
    in pull requests, weekly, per sprint, with owners, from day one, in CI, for customer
    data, on every deploy, for new hires, with a checklist, in the catalog, at the edge, in
    notebooks, for batch jobs, for streaming jobs, in staging, with dashboards, before
    experiments, after incidents, for critical paths, for public APIs, for internal tools,
    in design reviews, during on-call, with automated checks, per quarter, for regulated
    data, for ML models, for LLM features, in the data lake, for mobile apps, for web apps,
    in runbooks, with alerts, by default
    """
)
_SUBJECTS = _csv(
    """
    Teams, Reviewers, On-call engineers, Data scientists, New joiners, Product managers,
    Owners, Practitioners, Maintainers, Analysts, Designers, Researchers, Platform teams,
    Squads, Leads
    """
)
_PREDICATES = _csv(
    """
    lose time when, struggle to reproduce results if, ship faster once, catch regressions
    earlier when, spend less on cloud when, learn faster when, make fewer mistakes if, find
    answers quickly when, avoid outages when, repeat the same work unless, disagree less
    often once, trust the numbers when, recover faster after incidents when, onboard in days
    instead of weeks when, keep customers' data safe when
    """
)
_CLAUSES = _csv(
    """
    the steps are written down and versioned, owners review changes before they merge, the
    checks run automatically on every change, results are shared in the community channel,
    decisions are recorded with their context, defaults are safe and documented, metrics are
    visible on a shared dashboard, everyone uses the same template, knowledge is not locked
    in one person's head, experiments have a clear hypothesis and a stopping rule, the
    practice is trialled in one team before it spreads, old approaches are retired rather
    than left to rot, mentors pair with newcomers on real work, alerts page the people who
    can act on them, costs are attributed to the teams that incur them, data has a named
    owner and a retention period, models are evaluated on held-out data before release,
    every incident ends with a blameless review
    """
)
_LESSONS = _csv(
    """
    Start small and measure before scaling, Write the decision down the same day, Automate
    the check or it will be skipped, Name one owner per artefact, Share failures as openly
    as successes, Timebox the experiment, Ask the community before building a tool, Prefer
    defaults over documentation, Make the right thing the easy thing, Rotate the role to
    spread knowledge, Keep the runbook next to the code, Review the practice after six
    months
    """
)
_EVENT_TITLES = _csv(
    """
    Lightning talks, Show and tell, Deep dive, Hands-on workshop, Hack day, Reading group,
    Brown-bag session, Ask me anything, Retrospective, Open space, Design critique, Paper
    club, Demo day, Office hours
    """
)
_EVENT_TYPES = (
    "talk",
    "workshop",
    "hackathon",
    "meetup",
    "lightning-talks",
    "reading-group",
    "other",
)
_EVENT_TYPE_WEIGHTS = (25, 20, 6, 20, 12, 12, 5)
_ASSET_TYPES = ("story", "case-study", "retrospective", "failure", "lesson", "guide")
_METRIC_DEFS = (
    ("Active contributors", "people", "higher-is-better", "active-contributors"),
    ("Commits per month", "commits", "higher-is-better", "commits"),
    ("Practices changed per quarter", "practices", "higher-is-better", "practices-changed"),
    ("Practices adopted", "practices", "higher-is-better", "practices-adopted"),
    ("Time to onboard", "days", "lower-is-better", None),
    ("Incident follow-ups closed", "%", "higher-is-better", None),
    ("Member satisfaction", "score", "higher-is-better", None),
    ("Questions answered within a day", "%", "higher-is-better", None),
    ("Mean time to recovery", "minutes", "lower-is-better", None),
    ("Deployment frequency", "deploys per week", "higher-is-better", None),
    ("Change failure rate", "%", "lower-is-better", None),
    ("Cloud spend per request", "cents", "lower-is-better", None),
    ("Session attendance", "people", "higher-is-better", None),
    ("Teams adopting practices", "teams", "higher-is-better", None),
    ("Open review requests", "requests", "lower-is-better", None),
    ("Documentation coverage", "%", "higher-is-better", None),
    ("Model evaluation coverage", "%", "higher-is-better", None),
    ("Flaky test rate", "%", "lower-is-better", None),
)
_OBJECTIVE_TITLES = _csv(
    """
    Ship AI features responsibly, Halve time to onboard engineers, Cut cloud cost per
    customer, Raise reliability to four nines, Make data trustworthy by default, Grow
    internal mobility, Reduce security incidents, Accelerate experimentation, Become a
    learning organisation, Meet accessibility law, Open-source our platform, Lower our
    carbon footprint, Improve customer support, Standardise the engineering platform, Reduce
    regulatory risk
    """
)
_CHANNEL_TYPES = ("chat", "mailing-list", "repository", "wiki", "video", "forum")
_CADENCES = ("weekly", "biweekly", "monthly", "quarterly", "ad-hoc")
_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday")
_DECISIONS = ("consensus", "lazy-consensus", "majority-vote", "leads-decide")
_SCOPE_OUT = (
    "Vendor selection",
    "Team staffing",
    "Budget approval",
    "Performance reviews",
    "Production support",
    "Roadmap prioritisation",
    "Tool procurement",
)
_ONBOARDING = (
    "Join the chat channel",
    "Read the charter",
    "Introduce yourself at a meeting",
    "Pick a practice to review",
    "Pair with a core member",
    "Add yourself as a member",
    "Attend two sessions",
    "Present something you learned",
)
_TEAM_PREFIX = _csv(
    """
    Checkout, Search, Ledger, Atlas, Nova, Orbit, Pulse, Beacon, Falcon, Harbor, Summit,
    Quartz, Maple, Cobalt, Aurora, Delta, Echo, Flux
    """
)
_TEAM_SUFFIX = ("team", "squad", "tribe", "crew", "platform team", "data team")


# --------------------------------------------------------------------------------------
# YAML text. Hand-written because PyYAML's emitter would dominate the run time; it only
# ever has to emit the shapes below, and quoting is conservative.

_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 ,.()/'&+-]*\Z")
_YAML_WORDS = frozenset(
    ["y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan", "inf", "~"]
)


_QUOTED: dict[str, str] = {}


def _q(text: str) -> str:
    """A scalar as plain text when that is unambiguous, else double-quoted."""
    done = _QUOTED.get(text)
    if done is not None:
        return done
    if (
        _PLAIN.match(text)
        and text.lower() not in _YAML_WORDS
        and not text.endswith((" ", ":"))
        and ": " not in text
    ):
        done = text
    else:
        done = json.dumps(text, ensure_ascii=False)
    _QUOTED[text] = done
    return done


def _block(key: str, text: str, indent: str = "") -> str:
    """A literal block scalar (``key: |``) for Markdown."""
    body = "".join(f"{indent}  {line}\n" if line else "\n" for line in text.split("\n"))
    return f"{indent}{key}: |\n{body}"


def _list(key: str, items: list[str]) -> str:
    if not items:
        return ""
    return f"{key}:\n" + "".join(f"  - {_q(item)}\n" for item in items)


def _ids(key: str, ids: list[str]) -> str:
    """A list of ids or terms: slugs are always plain scalars."""
    if not ids:
        return ""
    return f"{key}:\n  - " + "\n  - ".join(ids) + "\n"


_DATES: dict[dt.date, str] = {}


def _date(day: dt.date) -> str:
    """``"YYYY-MM-DD"``, quoted so that no YAML reader turns it into a date object."""
    text = _DATES.get(day)
    if text is None:
        text = _DATES[day] = f'"{day.isoformat()}"'
    return text


# --------------------------------------------------------------------------------------
# Entities: mutable state during the simulation, rendered to YAML on every change.


class Entity:
    __slots__ = ("born", "dir", "id", "inbound")
    kind = ""

    def __init__(self, entity_id: str, directory: str, born: int) -> None:
        self.id = entity_id
        self.dir = directory
        self.born = born
        self.inbound = 0  # references from other entities; renamed only while 0

    @property
    def path(self) -> str:
        return f"{self.dir}/{self.id}.yaml"

    def head(self) -> str:
        return f"apiVersion: copkit/v1\nkind: {self.kind}\nid: {self.id}\n"

    def render(self) -> str:  # pragma: no cover - every kind overrides it
        raise NotImplementedError


class Taxonomy(Entity):
    __slots__ = ("terms", "title", "what")
    kind = "Taxonomy"

    def __init__(self, entity_id: str, title: str, what: str, terms: list[str]) -> None:
        super().__init__(entity_id, f"{DATA}/taxonomy", 0)
        self.title = title
        self.what = what
        self.terms = terms

    def render(self) -> str:
        lines = [self.head(), f"title: {_q(self.title)}\n", f"{self.what}:\n"]
        for term in self.terms:
            lines.append(f"  - id: {term}\n    label: {_q(_label(term))}\n")
        return "".join(lines)


class Objective(Entity):
    __slots__ = ("description", "horizon", "owner", "title")
    kind = "Objective"

    def __init__(
        self, entity_id: str, title: str, description: str, owner: Person, horizon: dt.date
    ) -> None:
        super().__init__(entity_id, f"{DATA}/objectives", 0)
        self.title = title
        self.description = description
        self.owner = owner
        self.horizon = horizon

    def render(self) -> str:
        return (
            f"{self.head()}title: {_q(self.title)}\ndescription: {self.description}\n"
            f"owner: {self.owner.id}\nhorizon: {_date(self.horizon)}\n"
        )


class Person(Entity):
    __slots__ = (
        "communities",
        "emails",
        "handle",
        "interests",
        "joined",
        "learning",
        "mentors",
        "name",
        "skills",
        "title",
        "tz",
        "unit",
    )
    kind = "Person"

    def __init__(self, entity_id: str, born: int, name: str) -> None:
        super().__init__(entity_id, f"{DATA}/people/{entity_id[:2]}", born)
        self.name = name
        self.emails: list[str] = []
        self.handle = ""
        self.unit = ""
        self.title = ""
        self.joined = END.date()
        self.skills: list[list[str]] = []  # [skill, level]
        self.interests: list[str] = []
        self.mentors: list[str] = []
        self.learning: list[str] = []
        self.tz = "+0000"
        self.communities: list[Community] = []

    def render(self) -> str:
        out = [self.head(), f"name: {_q(self.name)}\n", _list("emails", self.emails)]
        out.append(f"handle: {self.handle}\nunit: {_q(self.unit)}\ntitle: {_q(self.title)}\n")
        out.append(f"joined: {_date(self.joined)}\n")
        if self.skills:
            out.append("skills:\n")
            out.extend(f"  - skill: {skill}\n    level: {level}\n" for skill, level in self.skills)
        out.append(_ids("interests", self.interests))
        out.append(_ids("mentors", self.mentors))
        out.append(_ids("learning", self.learning))
        return "".join(out)


class Member:
    __slots__ = ("level", "person", "since")

    def __init__(self, person: Person, level: str, since: dt.date) -> None:
        self.person = person
        self.level = level
        self.since = since


class Lead:
    __slots__ = ("person", "role", "since", "successor", "until")

    def __init__(self, person: Person, role: str, since: dt.date) -> None:
        self.person = person
        self.role = role
        self.since = since
        self.until = since + dt.timedelta(days=730)
        self.successor: Person | None = None


_LEVELS = ("core", "active", "peripheral")


class Community(Entity):
    __slots__ = (
        "assets",
        "channels",
        "charter",
        "destiny",
        "domain",
        "events",
        "founded",
        "leads",
        "level_lists",
        "meetings",
        "members",
        "members_text",
        "metrics",
        "name",
        "objectives",
        "practices",
        "related",
        "sponsor",
        "stage",
        "summary",
        "topic",
    )
    kind = "Community"

    def __init__(self, entity_id: str, born: int, name: str, topic: str, destiny: str) -> None:
        super().__init__(entity_id, f"{DATA}/{entity_id}", born)
        self.name = name
        self.topic = topic
        self.destiny = destiny
        self.summary = ""
        self.domain: list[str] = []
        self.stage = "potential"
        self.founded = END.date()
        self.leads: list[Lead] = []
        self.members: dict[str, Member] = {}
        self.members_text: str | None = ""  # the rendered ``members:`` items; None = stale
        self.level_lists: dict[str, list[Person]] = {level: [] for level in _LEVELS}
        self.sponsor: Person | None = None
        self.channels: list[tuple[str, str, str]] = []
        self.meetings: tuple[str, str, str, str] | None = None
        self.objectives: list[Objective] = []
        self.related: list[Community] = []
        self.charter: Charter | None = None
        self.practices: list[Practice] = []
        self.metrics: list[Metric] = []
        self.events: list[Event] = []
        self.assets: list[Asset] = []

    def add_member(self, person: Person, level: str, since: dt.date) -> None:
        member = self.members[person.id] = Member(person, level, since)
        self.level_lists[level].append(person)
        person.communities.append(self)
        if self.members_text is not None:
            self.members_text += _member_text(member)

    def set_level(self, person: Person, level: str) -> None:
        member = self.members[person.id]
        self.level_lists[member.level].remove(person)
        self.level_lists[level].append(person)
        member.level = level
        self.members_text = None

    def render(self) -> str:
        out = [self.head(), f"name: {_q(self.name)}\nsummary: {self.summary}\n"]
        out.append(_ids("domain", self.domain))
        out.append(f"stage: {self.stage}\nfounded: {_date(self.founded)}\n")
        if self.leads:
            out.append("leads:\n")
            for lead in self.leads:
                out.append(
                    f"  - person: {lead.person.id}\n    role: {lead.role}\n"
                    f"    since: {_date(lead.since)}\n    until: {_date(lead.until)}\n"
                )
                if lead.successor is not None:
                    out.append(f"    successor: {lead.successor.id}\n")
        if self.members:
            if self.members_text is None:
                self.members_text = "".join(_member_text(m) for m in self.members.values())
            out.append("members:\n")
            out.append(self.members_text)
        if self.sponsor is not None:
            out.append(f"sponsor: {self.sponsor.id}\n")
        if self.channels:
            out.append("channels:\n")
            out.extend(
                f"  - type: {kind}\n    name: {_q(name)}\n    url: {url}\n"
                for kind, name, url in self.channels
            )
        if self.meetings is not None:
            cadence, day, time_of_day, fmt = self.meetings
            out.append(
                f'meetings:\n  cadence: {cadence}\n  day: {day}\n  time: "{time_of_day}"\n'
                f"  format: {_q(fmt)}\n"
            )
        out.append(_ids("objectives", [o.id for o in self.objectives]))
        out.append(_ids("related", [c.id for c in self.related]))
        return "".join(out)


def _member_text(member: Member) -> str:
    return (
        f"  - person: {member.person.id}\n    level: {member.level}\n"
        f"    since: {_date(member.since)}\n"
    )


class Charter(Entity):
    __slots__ = (
        "community",
        "decision",
        "in_scope",
        "membership",
        "metrics",
        "mission",
        "onboarding",
        "out_of_scope",
        "quorum",
        "ratified",
        "review_date",
        "version",
    )
    kind = "Charter"

    def __init__(self, community: Community, born: int, ratified: dt.date) -> None:
        super().__init__(f"{community.id}-charter", community.dir, born)
        self.community = community
        self.version = (1, 0)
        self.mission = ""
        self.in_scope: list[str] = []
        self.out_of_scope: list[str] = []
        self.decision = "lazy-consensus"
        self.quorum = 3
        self.membership = ""
        self.onboarding: list[str] = []
        self.metrics: list[Metric] = []
        self.ratified = ratified
        self.review_date = ratified + dt.timedelta(days=365)

    def render(self) -> str:
        major, minor = self.version
        out = [
            self.head(),
            f'community: {self.community.id}\nversion: "{major}.{minor}"\n',
            f"mission: {self.mission}\n",
            _list("in_scope", self.in_scope),
            _list("out_of_scope", self.out_of_scope),
            f"governance:\n  decision_making: {self.decision}\n  quorum: {self.quorum}\n",
            f"membership: {self.membership}\n",
            _list("onboarding", self.onboarding),
            _ids("success_metrics", [m.id for m in self.metrics]),
            f"ratified: {_date(self.ratified)}\nreview_date: {_date(self.review_date)}\n",
        ]
        return "".join(out)


_STATUSES = ("draft", "proposed", "trial", "adopted", "deprecated", "retired")


class Practice(Entity):
    __slots__ = (
        "adopted_by",
        "applies_when",
        "approvals",
        "community",
        "consequences",
        "context",
        "created",
        "deprecation_reason",
        "evidence",
        "next_review",
        "owners",
        "problem",
        "renamed",
        "reviewers",
        "skills",
        "solution",
        "status",
        "summary",
        "superseded_by",
        "supersedes",
        "tags",
        "title",
    )
    kind = "Practice"

    def __init__(self, entity_id: str, community: Community, born: int, title: str) -> None:
        super().__init__(entity_id, f"{community.dir}/practices", born)
        self.title = title
        self.community = community
        self.owners: list[Person] = []
        self.status = "draft"
        self.summary = ""
        self.problem = ""
        self.context = ""
        self.solution = ""
        self.consequences = ""
        self.applies_when: list[str] = []
        self.tags: list[str] = []
        self.skills: list[str] = []
        self.evidence: list[tuple[str, str]] = []
        self.reviewers: list[Person] = []
        self.approvals: list[tuple[Person, dt.date]] = []
        self.supersedes: list[Practice] = []
        self.superseded_by: Practice | None = None
        self.deprecation_reason = ""
        self.adopted_by: list[tuple[str, dt.date]] = []
        self.created = END.date()
        self.next_review: dt.date | None = None
        self.renamed = False

    def render(self) -> str:
        out = [
            self.head(),
            f"title: {_q(self.title)}\ncommunity: {self.community.id}\n",
            _ids("owners", [p.id for p in self.owners]),
            f"status: {self.status}\nsummary: {self.summary}\n",
        ]
        # Markdown fields are kept rendered (``key: |`` blocks); they change rarely.
        out.extend((self.problem, self.context, self.solution, self.consequences))
        out.append(_list("applies_when", self.applies_when))
        out.append(_ids("tags", self.tags))
        out.append(_ids("skills", self.skills))
        if self.evidence:
            out.append("evidence:\n")
            out.extend(f"  - title: {_q(t)}\n    url: {u}\n" for t, u in self.evidence)
        out.append(_ids("reviewers", [p.id for p in self.reviewers]))
        if self.approvals:
            out.append("approvals:\n")
            out.extend(f"  - person: {p.id}\n    date: {_date(d)}\n" for p, d in self.approvals)
        out.append(_ids("supersedes", [p.id for p in self.supersedes]))
        if self.superseded_by is not None:
            out.append(f"superseded_by: {self.superseded_by.id}\n")
        if self.deprecation_reason:
            out.append(f"deprecation_reason: {_q(self.deprecation_reason)}\n")
        if self.adopted_by:
            out.append("adopted_by:\n")
            out.extend(
                f"  - team: {_q(team)}\n    since: {_date(since)}\n"
                for team, since in self.adopted_by
            )
        out.append(f"created: {_date(self.created)}\n")
        if self.next_review is not None:
            out.append(f"next_review: {_date(self.next_review)}\n")
        return "".join(out)


class Metric(Entity):
    __slots__ = (
        "community",
        "computed",
        "description",
        "direction",
        "name",
        "observations",
        "owner",
        "review_date",
        "target",
        "unit",
        "value",
    )
    kind = "Metric"

    def __init__(self, entity_id: str, community: Community, born: int) -> None:
        super().__init__(entity_id, f"{community.dir}/metrics", born)
        self.community = community
        self.name = ""
        self.description = ""
        self.unit = ""
        self.direction = "higher-is-better"
        self.target: float | None = None
        self.owner: Person | None = None
        self.computed: str | None = None
        self.observations: list[tuple[dt.date, float]] = []
        self.review_date: dt.date | None = None
        self.value = 0.0

    def render(self) -> str:
        out = [
            self.head(),
            f"name: {_q(self.name)}\ncommunity: {self.community.id}\n",
            f"description: {self.description}\nunit: {_q(self.unit)}\n",
            f"direction: {self.direction}\n",
        ]
        if self.target is not None:
            out.append(f"target: {self.target:.1f}\n")
        if self.owner is not None:
            out.append(f"owner: {self.owner.id}\n")
        if self.computed is not None:
            out.append(f"computed: {self.computed}\n")
        if self.observations:
            out.append("observations:\n")
            out.extend(f"  - date: {_date(d)}\n    value: {v:.1f}\n" for d, v in self.observations)
        if self.review_date is not None:
            out.append(f"review_date: {_date(self.review_date)}\n")
        return "".join(out)


class Event(Entity):
    __slots__ = (
        "attendees",
        "community",
        "date",
        "hosts",
        "links",
        "outcomes",
        "practices",
        "summary",
        "tags",
        "title",
        "type",
    )
    kind = "Event"

    def __init__(self, entity_id: str, community: Community, born: int) -> None:
        super().__init__(entity_id, f"{community.dir}/events", born)
        self.community = community
        self.title = ""
        self.type = "talk"
        self.date = END.date()
        self.hosts: list[Person] = []
        self.attendees: list[Person] = []
        self.summary = ""
        self.outcomes: list[str] = []
        self.practices: list[Practice] = []
        self.tags: list[str] = []
        self.links: list[tuple[str, str]] = []

    def render(self) -> str:
        out = [
            self.head(),
            f"title: {_q(self.title)}\ntype: {self.type}\ncommunity: {self.community.id}\n",
            f"date: {_date(self.date)}\n",
            _ids("hosts", [p.id for p in self.hosts]),
            _ids("attendees", [p.id for p in self.attendees]),
            f"summary: {self.summary}\n",
            _list("outcomes", self.outcomes),
            _ids("practices", [p.id for p in self.practices]),
            _ids("tags", self.tags),
        ]
        if self.links:
            out.append("links:\n")
            out.extend(f"  - title: {_q(t)}\n    url: {u}\n" for t, u in self.links)
        return "".join(out)


class Asset(Entity):
    __slots__ = (
        "authors",
        "body",
        "community",
        "date",
        "lessons",
        "people",
        "practices",
        "summary",
        "tags",
        "title",
        "type",
    )
    kind = "KnowledgeAsset"

    def __init__(self, entity_id: str, community: Community, born: int) -> None:
        super().__init__(entity_id, f"{community.dir}/assets", born)
        self.community = community
        self.type = "story"
        self.title = ""
        self.authors: list[Person] = []
        self.date = END.date()
        self.summary = ""
        self.body = ""
        self.lessons: list[str] = []
        self.practices: list[Practice] = []
        self.people: list[Person] = []
        self.tags: list[str] = []

    def render(self) -> str:
        out = [
            self.head(),
            f"type: {self.type}\ntitle: {_q(self.title)}\ncommunity: {self.community.id}\n",
            _ids("authors", [p.id for p in self.authors]),
            f"date: {_date(self.date)}\nsummary: {self.summary}\n",
        ]
        if self.body:
            out.append(_block("body", self.body))
        out.append(_list("lessons", self.lessons))
        out.append(_ids("practices", [p.id for p in self.practices]))
        out.append(_ids("people", [p.id for p in self.people]))
        out.append(_ids("tags", self.tags))
        return "".join(out)


# --------------------------------------------------------------------------------------
# Helpers


def _ascii(text: str) -> str:
    normal = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in normal if not unicodedata.combining(ch)).replace("ı", "i")


def slugify(text: str, max_length: int = 60) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", _ascii(text).lower()).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0]
    return slug or "x"


def _label(slug: str) -> str:
    words = slug.split("-")
    return " ".join(w.upper() if w in _ACRONYMS else w.capitalize() for w in words)


@dataclass
class Commit:
    when: int  # seconds since the epoch, UTC
    author: Person
    message: str
    email: str


class _Picker:
    """Weighted choice from a growing list in O(log n): cumulative weights, append-only."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.items: list[Any] = []
        self.cumulative: list[float] = []

    def add(self, item: Any, weight: float) -> None:
        self.items.append(item)
        self.cumulative.append((self.cumulative[-1] if self.cumulative else 0.0) + weight)

    def pick(self) -> Any:
        point = self.rng.random() * self.cumulative[-1]
        return self.items[bisect.bisect_right(self.cumulative, point)]

    def __len__(self) -> int:
        return len(self.items)


# --------------------------------------------------------------------------------------
# The simulation


class _Simulation:
    def __init__(self, sizes: Sizes, commits: int, seed: int, sink: _FastImport) -> None:
        self.rng = random.Random(seed)
        self.sizes = sizes
        self.sink = sink
        self.commit_total = commits
        self.times = self._commit_times(commits)
        self.tags = self._tags()
        self.skills = list(_SKILLS)
        self.sentences = self._sentences(4000)
        self.used_ids: dict[str, set[str]] = {}
        self.people: list[Person] = []
        self.unaffiliated: list[Person] = []
        self.communities: list[Community] = []
        self.community_picker = _Picker(self.rng)
        self.uncharted: list[Community] = []  # destined for a charter, not yet given one
        self.objectives: list[Objective] = []
        self.practices: list[Practice] = []
        self.created: dict[str, int] = {}
        self.left = {
            "Person": sizes.people,
            "Community": sizes.communities,
            "Charter": sizes.charters,
            "Practice": sizes.practices,
            "Metric": sizes.metrics,
            "Event": sizes.events,
            "KnowledgeAsset": sizes.assets,
        }
        self.left_total = sum(self.left.values())
        self.renames = 0
        self.now = 0  # index of the commit being built
        self.touched: dict[str, Entity] = {}
        self.deleted: list[str] = []
        self.notes: list[str] = []
        self.stats_files = 0

    # -- time ------------------------------------------------------------------------

    def _commit_times(self, count: int) -> list[int]:
        """Commit instants over two years: weekdays and office hours much more likely."""
        rng = self.rng
        end = int(END.timestamp())
        start = end - SPAN_DAYS * 86400
        times: list[int] = []
        while len(times) < count - 2:
            t = rng.randrange(start + 3600, end - 3600)
            day = dt.datetime.fromtimestamp(t, dt.UTC)
            if day.weekday() >= 5 and rng.random() < 0.85:
                continue
            if not 7 <= day.hour <= 19 and rng.random() < 0.7:
                continue
            times.append(t)
        times.sort()
        return [start, *times, end][:count] if count > 1 else [end]

    def day(self) -> dt.date:
        return dt.datetime.fromtimestamp(self.times[self.now], dt.UTC).date()

    # -- vocabulary ----------------------------------------------------------------------

    def _tags(self) -> list[str]:
        tags = list(dict.fromkeys([*_TOPICS, *_TAG_EXTRA]))
        return tags

    def _sentences(self, count: int) -> list[str]:
        rng = self.rng
        out = []
        for _ in range(count):
            out.append(f"{rng.choice(_SUBJECTS)} {rng.choice(_PREDICATES)} {rng.choice(_CLAUSES)}.")
        return out

    def prose(self, sentences: int) -> str:
        return " ".join(self.rng.choice(self.sentences) for _ in range(sentences))

    def markdown(self) -> str:
        rng = self.rng
        paragraphs = [self.prose(rng.randint(2, 4)) for _ in range(rng.randint(1, 2))]
        if rng.random() < 0.4:
            paragraphs.append(
                "\n".join(
                    f"- {rng.choice(_CLAUSES).capitalize()}" for _ in range(rng.randint(2, 4))
                )
            )
        return "\n\n".join(paragraphs)

    def unique_id(self, kind: str, base: str) -> str:
        used = self.used_ids.setdefault(kind, set())
        candidate = base
        number = 2
        while candidate in used:
            candidate = f"{base}-{number}"
            number += 1
        used.add(candidate)
        return candidate

    # -- bookkeeping of one commit ---------------------------------------------------------

    def touch(self, entity: Entity) -> None:
        self.touched[entity.path] = entity

    @property
    def capacity_left(self) -> int:
        return self._capacity[self.now] - len(self.touched)

    # -- creation --------------------------------------------------------------------------

    def create_taxonomies(self) -> None:
        tags = Taxonomy("tags", "Tags", "tags", self.tags)
        skills = Taxonomy("skills", "Skills", "skills", self.skills)
        for taxonomy in (tags, skills):
            self.touch(taxonomy)
            self.created["Taxonomy"] = self.created.get("Taxonomy", 0) + 1

    def create_person(self) -> Person:
        rng = self.rng
        first, last = rng.choice(_FIRST), rng.choice(_LAST)
        name = f"{first} {last}"
        pid = self.unique_id("Person", slugify(name))
        person = Person(pid, self.now, name)
        local = pid.replace("-", ".")
        person.emails.append(f"{local}@example.com")
        handle = re.sub(r"[^A-Za-z0-9-]", "", _ascii(first).lower() + "-" + _ascii(last).lower())
        person.handle = (
            (handle[:30] + f"-{rng.randint(1, 999)}") if rng.random() < 0.5 else handle[:39]
        )
        if rng.random() < 0.25:
            person.emails.append(f"{person.handle}@users.noreply.github.com")
        person.unit = rng.choice(_UNITS)
        person.title = rng.choice(_TITLES)
        person.joined = self.day()
        person.tz = rng.choice(_TIMEZONES)
        for skill in rng.sample(self.skills, rng.randint(2, 6)):
            person.skills.append(
                [skill, rng.choices(("novice", "working", "proficient", "expert"), (2, 4, 3, 1))[0]]
            )
        person.interests = rng.sample(self.tags, rng.randint(1, 4))
        person.mentors = [s for s, level in person.skills if level in ("proficient", "expert")][:2]
        person.learning = [
            s
            for s in rng.sample(self.skills, rng.randint(0, 3))
            if s not in {k for k, _ in person.skills}
        ]
        self.people.append(person)
        self.unaffiliated.append(person)
        self.touch(person)
        self.count("Person")
        self.notes.append(f"Add {name} to the people directory")
        return person

    def create_objective(self, owner: Person) -> None:
        rng = self.rng
        index = len(self.objectives)
        title = _OBJECTIVE_TITLES[index % len(_OBJECTIVE_TITLES)]
        if index >= len(_OBJECTIVE_TITLES):
            title = f"{title} ({2025 + index // len(_OBJECTIVE_TITLES)})"
        oid = self.unique_id("Objective", slugify(title))
        horizon = END.date() + dt.timedelta(days=rng.randint(-120, 540))
        objective = Objective(oid, title, self.prose(2), owner, horizon)
        owner.inbound += 1
        self.objectives.append(objective)
        self.touch(objective)
        self.count("Objective")

    def create_community(self) -> Community:
        rng = self.rng
        index = len(self.communities)
        topic = _TOPICS[index % len(_TOPICS)]
        variant = _VARIANTS[(index // len(_TOPICS)) % len(_VARIANTS)]
        serial = index // (len(_TOPICS) * len(_VARIANTS))
        cid = topic + variant + (f"-{serial + 1}" if serial else "")
        cid = self.unique_id("Community", cid)
        name = _label(topic) + {
            "": " Community",
            "-guild": " Guild",
            "-chapter": " Chapter",
            "-sig": " SIG",
            "-forum": " Forum",
            "-lab": " Lab",
        }.get(variant, f" Community ({variant[1:].upper()})")
        if serial:
            name += f" {serial + 1}"
        destiny = self.sizes.destinies[index]
        community = Community(cid, self.now, name, topic, destiny)
        community.summary = f"People who practise {_label(topic)} share what works. " + self.prose(
            2
        )
        extra = [t for t in rng.sample(self.tags, 2) if t != topic]
        community.domain = [topic, *extra[: rng.randint(0, 2)]]
        community.founded = self.day()
        founders = self.pick_people(rng.randint(2, 3))
        for number, person in enumerate(founders):
            community.add_member(person, "core", self.day())
            if number < 2 or rng.random() < 0.5:
                community.leads.append(Lead(person, "co-lead" if number else "chair", self.day()))
            person.inbound += 1
        if rng.random() < 0.7:
            community.sponsor = rng.choice(self.people)
            community.sponsor.inbound += 1
        if self.objectives:
            community.objectives = rng.sample(
                self.objectives, min(len(self.objectives), rng.randint(1, 2))
            )
        if self.communities and rng.random() < 0.6:
            community.related = rng.sample(
                self.communities, min(len(self.communities), rng.randint(1, 3))
            )
        self.communities.append(community)
        self.community_picker.add(community, rng.lognormvariate(0, 0.75))
        if destiny != "potential":
            self.uncharted.append(community)
        self.touch(community)
        self.count("Community")
        self.notes.append(f"Start the {name}")
        return community

    def pick_people(self, count: int) -> list[Person]:
        """Distinct people, newcomers (in no community yet) preferred."""
        chosen: list[Person] = []
        while len(chosen) < count:
            person = self.newcomer() if self.rng.random() < 0.6 else None
            person = person or self.rng.choice(self.people)
            if person not in chosen:
                chosen.append(person)
        return chosen

    def newcomer(self) -> Person | None:
        """Someone in no community yet, taken out of the pool (they are about to join one).

        The pool is pruned lazily: people who joined a community by another route are
        dropped when drawn.
        """
        pool = self.unaffiliated
        while pool:
            index = self.rng.randrange(len(pool))
            person = pool[index]
            pool[index] = pool[-1]
            pool.pop()
            if not person.communities:
                return person
        return None

    def create_charter(self, community: Community) -> None:
        rng = self.rng
        charter = Charter(community, self.now, self.day())
        charter.mission = (
            f"Help everyone who works on {_label(community.topic)} do it well. " + self.prose(2)
        )
        charter.in_scope = [_label(t) for t in rng.sample(self.tags, rng.randint(3, 5))]
        charter.out_of_scope = rng.sample(_SCOPE_OUT, rng.randint(1, 3))
        charter.decision = rng.choice(_DECISIONS)
        charter.quorum = rng.randint(2, 5)
        charter.membership = "Anyone in the organisation may join. " + self.prose(1)
        charter.onboarding = rng.sample(_ONBOARDING, rng.randint(3, 5))
        charter.metrics = community.metrics[:3]
        for metric in charter.metrics:
            metric.inbound += 1
        community.charter = charter
        community.inbound += 1
        self.uncharted.remove(community)
        self.touch(charter)
        self.count("Charter")
        self.notes.append(f"Ratify the charter of {community.name}")

    def create_practice(self, community: Community) -> None:
        rng = self.rng
        title = f"{rng.choice(_VERBS)} {rng.choice(_OBJECTS)} {rng.choice(_QUALIFIERS)}"
        pid = self.unique_id("Practice", slugify(title))
        practice = Practice(pid, community, self.now, title[0].upper() + title[1:])
        practice.owners = self.members_of(
            community, rng.choices((1, 2, 3), (5, 3, 1))[0], core_bias=True
        )
        practice.summary = self.prose(rng.randint(1, 2))
        practice.problem = _block("problem", self.markdown())
        practice.context = _block("context", self.markdown()) if rng.random() < 0.8 else ""
        practice.solution = _block("solution", self.markdown())
        practice.consequences = (
            _block("consequences", self.markdown()) if rng.random() < 0.7 else ""
        )
        practice.applies_when = [c.capitalize() for c in rng.sample(_CLAUSES, rng.randint(0, 3))]
        practice.tags = list(
            dict.fromkeys([community.topic, *rng.sample(self.tags, rng.randint(0, 3))])
        )
        practice.skills = rng.sample(self.skills, rng.randint(0, 3))
        if rng.random() < 0.5:
            practice.evidence.append(
                ("Internal write-up", f"https://wiki.example.com/{community.id}/{pid}")
            )
        practice.created = self.day()
        practice.status = "draft" if rng.random() < 0.6 else "proposed"
        for owner in practice.owners:
            owner.inbound += 1
        community.practices.append(practice)
        self.practices.append(practice)
        self.touch(practice)
        self.count("Practice")
        self.notes.append(f"Propose practice: {practice.title}")

    def create_metric(self, community: Community) -> None:
        rng = self.rng
        name, unit, direction, computed = _METRIC_DEFS[len(community.metrics) % len(_METRIC_DEFS)]
        if len(community.metrics) >= len(_METRIC_DEFS):
            name = f"{name} ({len(community.metrics) // len(_METRIC_DEFS) + 1})"
        mid = self.unique_id("Metric", f"{community.id}-{slugify(name, 40)}")
        metric = Metric(mid, community, self.now)
        metric.name = name
        metric.unit = unit
        metric.direction = direction
        metric.description = self.prose(1)
        metric.computed = computed if rng.random() < 0.5 else None
        metric.value = rng.uniform(5, 80)
        metric.target = round(metric.value * (1.3 if direction == "higher-is-better" else 0.7), 1)
        metric.owner = self.members_of(community, 1, core_bias=True)[0]
        metric.owner.inbound += 1
        metric.review_date = self.day() + dt.timedelta(days=rng.randint(120, 400))
        if metric.computed is None:
            metric.observations.append((self.day(), metric.value))
        community.metrics.append(metric)
        community.inbound += 1
        self.touch(metric)
        self.count("Metric")
        self.notes.append(f"Track {name.lower()} for {community.name}")

    def create_event(self, community: Community) -> None:
        rng = self.rng
        kind = rng.choices(_EVENT_TYPES, _EVENT_TYPE_WEIGHTS)[0]
        title = f"{rng.choice(_EVENT_TITLES)}: {rng.choice(_OBJECTS)}"
        day = self.day() + dt.timedelta(days=rng.randint(-10, 3))
        eid = self.unique_id("Event", f"{community.id}-{day:%Y-%m-%d}-{slugify(kind)}")
        event = Event(eid, community, self.now)
        event.title = title[0].upper() + title[1:]
        event.type = kind
        event.date = day
        event.hosts = self.members_of(community, rng.choices((1, 2), (3, 1))[0], core_bias=True)
        event.attendees = self.members_of(community, rng.randint(3, 25))
        event.summary = self.prose(rng.randint(1, 3))
        event.practices = rng.sample(
            community.practices, min(len(community.practices), rng.choices((0, 1, 2), (3, 3, 1))[0])
        )
        event.tags = [community.topic]
        if rng.random() < 0.5:
            event.links.append(("Slides", f"https://slides.example.com/{eid}"))
        for entity in (*event.hosts, *event.attendees, *event.practices):
            entity.inbound += 1
        community.events.append(event)
        self.touch(event)
        self.count("Event")
        self.notes.append(f"Record {event.title.lower()} ({kind})")

    def create_asset(self, community: Community) -> None:
        rng = self.rng
        kind = rng.choice(_ASSET_TYPES)
        subject = rng.choice(_OBJECTS)
        title = {
            "story": f"How we changed {subject}",
            "case-study": f"Case study: {subject}",
            "retrospective": f"Retrospective on {subject}",
            "failure": f"When {subject} went wrong",
            "lesson": f"What we learned about {subject}",
            "guide": f"A guide to {subject}",
        }[kind]
        aid = self.unique_id("KnowledgeAsset", slugify(f"{community.id} {title}", 70))
        asset = Asset(aid, community, self.now)
        asset.type = kind
        asset.title = title
        asset.authors = self.members_of(community, rng.randint(1, 2))
        asset.date = self.day()
        asset.summary = self.prose(1)
        asset.body = self.markdown() + "\n\n" + self.markdown()
        asset.lessons = rng.sample(_LESSONS, rng.randint(1, 3))
        asset.practices = rng.sample(
            community.practices, min(len(community.practices), rng.randint(0, 2))
        )
        asset.people = [
            p for p in self.members_of(community, rng.randint(0, 2)) if p not in asset.authors
        ]
        asset.tags = [community.topic]
        for entity in (*asset.authors, *asset.practices, *asset.people):
            entity.inbound += 1
        community.assets.append(asset)
        self.touch(asset)
        self.count("KnowledgeAsset")
        self.notes.append(f"Share {kind}: {title}")

    def count(self, kind: str) -> None:
        self.created[kind] = self.created.get(kind, 0) + 1
        if kind in self.left:
            self.left[kind] -= 1
            self.left_total -= 1

    def remaining(self, kind: str) -> int:
        return self.left[kind]

    def remaining_total(self) -> int:
        return self.left_total

    def create_something(self, focus: Community | None) -> None:
        """Create one entity, the kind chosen in proportion to what is still to create."""
        rng = self.rng
        weights = []
        for kind in _CREATABLE:
            left = self.remaining(kind)
            if left <= 0:
                weights.append(0.0)
            elif kind == "Charter":
                weights.append(float(left * 20) if self.uncharted else 0.0)
            elif kind == "Community":
                # Communities form steadily, not all at once at the start.
                weights.append(float(left * 4) if len(self.people) >= 6 else 0.0)
            elif kind == "Person":
                weights.append(float(left))
            else:
                weights.append(float(left) if self.communities else 0.0)
        if not any(weights):
            weights = [1.0 if k == "Person" else 0.0 for k in _CREATABLE]
        kind = rng.choices(_CREATABLE, weights)[0]
        if kind == "Person":
            self.create_person()
        elif kind == "Community":
            self.create_community()
        elif kind == "Charter":
            target = focus if focus in self.uncharted else rng.choice(self.uncharted)
            self.create_charter(target)
        else:
            community = (
                focus if focus is not None and rng.random() < 0.8 else self.community_picker.pick()
            )
            {
                "Practice": self.create_practice,
                "Metric": self.create_metric,
                "Event": self.create_event,
                "KnowledgeAsset": self.create_asset,
            }[kind](community)

    # -- people of a community -------------------------------------------------------------

    def members_of(
        self, community: Community, count: int, *, core_bias: bool = False
    ) -> list[Person]:
        rng = self.rng
        core, active, peripheral = (community.level_lists[level] for level in _LEVELS)
        w_core, w_active, w_peripheral = (8, 3, 1) if core_bias else (3, 3, 2)
        # Weight of a level, zero when nobody is at that level; cumulative for one draw.
        first = w_core if core else 0
        second = first + (w_active if active else 0)
        total = second + (w_peripheral if peripheral else 0)
        chosen: list[Person] = []
        for _ in range(count * 3):
            if len(chosen) >= count:
                break
            point = rng.random() * total
            pool = core if point < first else active if point < second else peripheral
            person = pool[int(rng.random() * len(pool))]
            if person not in chosen:
                chosen.append(person)
        return chosen

    # -- modification ----------------------------------------------------------------------

    def modify(self, community: Community) -> bool:
        """One change within ``community``; False when the chosen change was not possible."""
        rng = self.rng
        action = rng.choices(_ACTIONS, cum_weights=_ACTION_CUMULATIVE)[0]
        return bool(getattr(self, f"act_{action}")(community))

    def _practice(
        self, community: Community, statuses: tuple[str, ...] | None = None
    ) -> Practice | None:
        if not community.practices:
            return None
        for _ in range(4):
            practice = self.rng.choice(community.practices)
            if (
                statuses is None or practice.status in statuses
            ) and practice.path not in self.touched:
                return practice
        return None

    def act_practice_edit(self, community: Community) -> bool:
        practice = self._practice(community)
        if practice is None:
            return False
        rng = self.rng
        choice = rng.random()
        if choice < 0.45:
            practice.solution = _block("solution", self.markdown())
        elif choice < 0.6:
            practice.summary = self.prose(rng.randint(1, 2))
        elif choice < 0.75:
            number = len(practice.evidence) + 1
            practice.evidence.append(
                (
                    f"Notes from {rng.choice(_EVENT_TITLES).lower()}",
                    f"https://wiki.example.com/{community.id}/{practice.id}/{number}",
                )
            )
        elif choice < 0.85:
            practice.applies_when.append(rng.choice(_CLAUSES).capitalize())
        else:
            tag = rng.choice(self.tags)
            if tag not in practice.tags:
                practice.tags.append(tag)
        self.touch(practice)
        self.notes.append(f"Improve {practice.title}")
        return True

    def act_practice_advance(self, community: Community) -> bool:
        practice = self._practice(
            community, ("draft", "proposed", "trial", "adopted", "deprecated")
        )
        if practice is None:
            return False
        rng = self.rng
        day = self.day()
        status = practice.status
        if status == "trial":
            approvers = [
                p
                for p in self.members_of(community, 4)
                if p not in practice.owners and all(p is not a for a, _ in practice.approvals)
            ]
            if len(approvers) + len(practice.approvals) < 2:
                return False
            for person in approvers[: max(0, 2 - len(practice.approvals)) + rng.randint(0, 1)]:
                practice.approvals.append((person, day))
                person.inbound += 1
            practice.status = "adopted"
            practice.next_review = day + dt.timedelta(days=rng.randint(180, 400))
        elif status == "adopted":
            if day - practice.created < dt.timedelta(days=120) or rng.random() < 0.6:
                return False
            return self.deprecate(practice)
        elif status == "deprecated":
            if rng.random() < 0.5:
                return False
            practice.status = "retired"
        else:
            practice.status = _STATUSES[_STATUSES.index(status) + 1]
            if practice.status == "trial":
                practice.next_review = day + dt.timedelta(days=rng.randint(90, 200))
        self.touch(practice)
        self.notes.append(f"Move {practice.title} to {practice.status}")
        return True

    def deprecate(self, practice: Practice) -> bool:
        rng = self.rng
        community = practice.community
        newer = [
            p
            for p in community.practices[-20:]
            if p.born > practice.born
            and p.status in ("proposed", "trial", "adopted")
            and p.path not in self.touched
        ]
        if newer and self.capacity_left >= 2 and rng.random() < 0.6:
            successor = rng.choice(newer)
            practice.superseded_by = successor
            successor.supersedes.append(practice)
            practice.inbound += 1
            successor.inbound += 1
            self.touch(successor)
        else:
            practice.deprecation_reason = "No longer recommended. " + self.prose(1)
        practice.status = "deprecated"
        self.touch(practice)
        self.notes.append(f"Deprecate {practice.title}")
        return True

    def act_practice_approve(self, community: Community) -> bool:
        practice = self._practice(community, ("proposed", "trial", "adopted"))
        if practice is None:
            return False
        candidates = [
            p
            for p in self.members_of(community, 2)
            if p not in practice.owners and all(p is not a for a, _ in practice.approvals)
        ]
        if not candidates:
            return False
        practice.approvals.append((candidates[0], self.day()))
        candidates[0].inbound += 1
        self.touch(practice)
        self.notes.append(f"Approve {practice.title}")
        return True

    def act_practice_review(self, community: Community) -> bool:
        practice = self._practice(community, ("draft", "proposed", "trial"))
        if practice is None:
            return False
        candidates = [
            p
            for p in self.members_of(community, 2)
            if p not in practice.owners and p not in practice.reviewers
        ]
        if not candidates:
            return False
        practice.reviewers.append(candidates[0])
        candidates[0].inbound += 1
        self.touch(practice)
        self.notes.append(f"Ask {candidates[0].name} to review {practice.title}")
        return True

    def act_practice_adoption(self, community: Community) -> bool:
        practice = self._practice(community, ("trial", "adopted"))
        if practice is None:
            return False
        rng = self.rng
        team = f"{rng.choice(_TEAM_PREFIX)} {rng.choice(_TEAM_SUFFIX)}"
        if any(team == t for t, _ in practice.adopted_by):
            return False
        practice.adopted_by.append((team, self.day()))
        self.touch(practice)
        self.notes.append(f"{team} adopts {practice.title}")
        return True

    def act_practice_rename(self, community: Community) -> bool:
        practice = self._practice(community)
        if practice is None or practice.inbound or practice.renamed or self.now - practice.born < 5:
            return False
        rng = self.rng
        title = f"{rng.choice(_VERBS)} {practice.title.split(' ', 1)[1]}"
        if title == practice.title:
            return False
        self.deleted.append(practice.path)
        self.touched.pop(practice.path, None)
        practice.title = title
        practice.id = self.unique_id("Practice", slugify(title))
        practice.renamed = True
        self.renames += 1
        self.touch(practice)
        self.notes.append(f"Rename practice to {title}")
        return True

    def act_metric_observe(self, community: Community) -> bool:
        metrics = [m for m in community.metrics if m.computed is None]
        if not metrics:
            return False
        metric = self.rng.choice(metrics)
        if metric.path in self.touched or (
            metric.observations and metric.observations[-1][0] >= self.day()
        ):
            return False
        metric.value = max(0.0, metric.value * self.rng.uniform(0.9, 1.15))
        metric.observations.append((self.day(), metric.value))
        self.touch(metric)
        self.notes.append(f"Record {metric.name.lower()} for {self.day():%B %Y}")
        return True

    def act_community_join(self, community: Community) -> bool:
        rng = self.rng
        for _ in range(3):
            person = self.newcomer() if rng.random() < 0.5 else None
            person = person or rng.choice(self.people)
            if person.id in community.members:
                continue
            community.add_member(person, rng.choices(_LEVELS, (1, 3, 6))[0], self.day())
            person.inbound += 1
            self.touch(community)
            self.notes.append(f"Welcome {person.name} to {community.name}")
            self._joiner = person
            return True
        return False

    def act_community_level(self, community: Community) -> bool:
        rng = self.rng
        level = rng.choice(("active", "peripheral"))
        people = community.level_lists[level]
        if not people:
            return False
        person = rng.choice(people)
        community.set_level(person, "core" if level == "active" else "active")
        self.touch(community)
        level = community.members[person.id].level
        self.notes.append(f"{person.name} is now a {level} member of {community.name}")
        return True

    def act_community_setup(self, community: Community) -> bool:
        rng = self.rng
        if not community.channels or (len(community.channels) < 3 and rng.random() < 0.3):
            kind = _CHANNEL_TYPES[len(community.channels) % len(_CHANNEL_TYPES)]
            url = {
                "chat": f"https://chat.example.com/#{community.id}",
                "mailing-list": f"mailto:{community.id}@lists.example.com",
                "repository": f"https://git.example.com/{community.id}",
                "wiki": f"https://wiki.example.com/{community.id}",
                "video": f"https://video.example.com/{community.id}",
                "forum": f"https://forum.example.com/c/{community.id}",
            }[kind]
            community.channels.append((kind, f"{community.id} {kind}", url))
            self.notes.append(f"Add a {kind} channel for {community.name}")
        elif community.meetings is None or rng.random() < 0.2:
            community.meetings = (
                rng.choice(_CADENCES),
                rng.choice(_DAYS),
                f"{rng.randint(9, 16):02d}:{rng.choice((0, 30)):02d}",
                "Short talks, then open discussion",
            )
            self.notes.append(f"Set the meeting rhythm of {community.name}")
        elif len(community.leads) < 2 or rng.random() < 0.3:
            return self.rotate_lead(community)
        else:
            community.summary = (
                f"People who practise {_label(community.topic)} share what works. " + self.prose(2)
            )
            self.notes.append(f"Reword the summary of {community.name}")
        self.touch(community)
        return True

    def rotate_lead(self, community: Community) -> bool:
        rng = self.rng
        leads = {lead.person.id for lead in community.leads}
        candidates = [p for p in community.level_lists["core"] if p.id not in leads]
        if not candidates:
            return False
        newcomer = rng.choice(candidates)
        day = self.day()
        if len(community.leads) >= 2 and day - community.leads[0].since > dt.timedelta(days=300):
            old = community.leads.pop(0)  # the longest-serving lead hands over
            self.notes.append(
                f"{newcomer.name} takes over from {old.person.name} as lead of {community.name}"
            )
        else:
            self.notes.append(f"{newcomer.name} becomes a lead of {community.name}")
        if community.leads and community.leads[0].successor is None:
            community.leads[0].successor = newcomer
        community.leads.append(Lead(newcomer, "co-lead", day))
        newcomer.inbound += 1
        self.touch(community)
        return True

    def act_community_stage(self, community: Community) -> bool:
        stages = _DESTINIES
        here = stages.index(community.stage)
        goal = stages.index(community.destiny)
        if here >= goal:
            return False
        following = stages[here + 1]
        if following == "coalescing" and len(community.members) < 4:
            return False
        if following == "active" and not (
            community.charter
            and len(community.leads) >= 2
            and community.meetings
            and community.channels
            and len(community.members) >= 6
        ):
            return False
        if following in ("stewardship", "transforming", "closed") and (
            self.day() - community.founded < dt.timedelta(days=200 * (here - 1))
        ):
            return False
        community.stage = following
        self.touch(community)
        self.notes.append(f"{community.name} enters the {following} stage")
        return True

    def act_charter_update(self, community: Community) -> bool:
        charter = community.charter
        if charter is None or charter.path in self.touched:
            return False
        rng = self.rng
        major, minor = charter.version
        if rng.random() < 0.2:
            charter.version = (major + 1, 0)
            charter.mission = (
                f"Help everyone who works on {_label(community.topic)} do it well. " + self.prose(2)
            )
        else:
            charter.version = (major, minor + 1)
            if len(charter.metrics) < len(community.metrics) and rng.random() < 0.5:
                metric = community.metrics[len(charter.metrics)]
                charter.metrics.append(metric)
                metric.inbound += 1
            else:
                charter.onboarding = rng.sample(_ONBOARDING, rng.randint(3, 5))
        charter.ratified = self.day()
        charter.review_date = self.day() + dt.timedelta(days=365)
        self.touch(charter)
        self.notes.append(
            f"Charter of {community.name} version {charter.version[0]}.{charter.version[1]}"
        )
        return True

    def act_person_edit(self, community: Community) -> bool:
        person = self.members_of(community, 1)
        if not person or person[0].path in self.touched:
            return False
        person = person[0]
        rng = self.rng
        choice = rng.random()
        if choice < 0.4 and person.skills:
            entry = rng.choice(person.skills)
            levels = ("novice", "working", "proficient", "expert")
            entry[1] = levels[min(3, levels.index(entry[1]) + 1)]
        elif choice < 0.7:
            skill = rng.choice(self.skills)
            if all(skill != s for s, _ in person.skills):
                person.skills.append([skill, "novice"])
        elif choice < 0.85:
            tag = rng.choice(self.tags)
            if tag not in person.interests:
                person.interests.append(tag)
        else:
            person.title = rng.choice(_TITLES)
        self.touch(person)
        self.notes.append(f"Update the profile of {person.name}")
        self._self_edit = person
        return True

    def act_event_update(self, community: Community) -> bool:
        if not community.events:
            return False
        event = self.rng.choice(community.events[-10:])
        if event.path in self.touched:
            return False
        if self.rng.random() < 0.6:
            event.outcomes.append(self.rng.choice(_LESSONS))
        else:
            extra = [p for p in self.members_of(community, 3) if p not in event.attendees]
            event.attendees.extend(extra)
            for person in extra:
                person.inbound += 1
        self.touch(event)
        self.notes.append(f"Notes from {event.title.lower()}")
        return True

    def act_asset_edit(self, community: Community) -> bool:
        if not community.assets:
            return False
        asset = self.rng.choice(community.assets)
        if asset.path in self.touched:
            return False
        asset.body = asset.body + "\n\n" + self.prose(2)
        self.touch(asset)
        self.notes.append(f"Expand {asset.title}")
        return True

    # -- the run -----------------------------------------------------------------------------

    def run(self) -> dict[str, Any]:
        rng = self.rng
        commits = self.commit_total
        # Files each commit touches (1-5, mostly small); commit 0 is the initial import.
        self._capacity = [0, *rng.choices((1, 2, 3, 4, 5), (35, 25, 18, 12, 10), k=commits - 1)]
        slots_after = [0] * (commits + 1)
        for index in range(commits - 1, 0, -1):
            slots_after[index] = slots_after[index + 1] + self._capacity[index]
        self._slots_after = slots_after
        founders = max(6, self.sizes.objectives, round(self.sizes.people * 0.02))
        creatable = self.remaining_total()
        # Commits carry creations for at most 70% of their slots; the rest is imported.
        initial = max(founders, creatable - int(slots_after[1] * 0.7)) if commits > 1 else creatable
        self._capacity[0] = initial + 2 + self.sizes.objectives

        self.now = 0
        self.sink.add_file("copkit.yaml", _config_text())
        self.create_taxonomies()
        people = [self.create_person() for _ in range(min(founders, self.sizes.people))]
        for index in range(self.sizes.objectives):
            self.create_objective(people[index % len(people)])
        for _ in range(initial - len(people)):
            self.create_something(None)
        self.notes = [f"Import the organisation: {len(self.touched)} entity files"]
        self.flush(people[0], people[0].emails[0])

        for self.now in range(1, commits):
            self.build_commit()
        assert self.remaining_total() == 0, self.created
        return {
            "entities": {
                kind: self.created.get(kind, 0) for kind in ("Taxonomy", "Objective", *_CREATABLE)
            },
            "renames": self.renames,
            "files_touched": self.stats_files,
        }

    def build_commit(self) -> None:
        rng = self.rng
        capacity = self._capacity[self.now]
        last = self.now == self.commit_total - 1
        focus = self.community_picker.pick() if self.communities else None
        self._joiner = None
        self._self_edit = None
        attempts = 0
        while len(self.touched) < capacity or (last and self.remaining_total()):
            left = self.remaining_total()
            slots = capacity - len(self.touched) + self._slots_after[self.now + 1]
            must_create = left >= slots or (last and left)
            if left and (must_create or rng.random() < left / max(1, slots)):
                self.create_something(focus)
            elif focus is None or not self.modify(focus):
                attempts += 1
                if attempts > 12:
                    if left:
                        self.create_something(focus)
                    else:
                        break
        if not self.touched and not self.deleted:
            # Nothing could change (tiny organisation, no creations left): a profile edit.
            person = rng.choice(self.people)
            person.title = rng.choice(_TITLES)
            self.touch(person)
            self.notes.append(f"Update the profile of {person.name}")
        author = self.author(focus)
        email = (
            author.emails[0] if len(author.emails) == 1 or rng.random() < 0.5 else author.emails[1]
        )
        self.flush(author, email)

    def author(self, focus: Community | None) -> Person:
        """Whoever plausibly made the change: the newcomer, the person edited, or a member."""
        first = next(iter(self.touched.values()))
        if isinstance(first, Person):
            return first
        if self._joiner is not None and self.rng.random() < 0.5:
            return self._joiner
        if self._self_edit is not None:
            return self._self_edit
        if focus is not None and focus.members:
            leads = [lead.person for lead in focus.leads]
            if leads and self.rng.random() < 0.25:
                return self.rng.choice(leads)
            return self.members_of(focus, 1, core_bias=True)[0]
        return self.rng.choice(self.people)

    def flush(self, author: Person, email: str) -> None:
        notes = self.notes
        subject = notes[0]
        if len(notes) > 1:
            body = "\n".join(f"- {note}" for note in notes[1:])
            message = f"{subject}\n\n{body}\n"
        else:
            message = f"{subject}\n"
        self.sink.commit(
            when=self.times[self.now],
            name=author.name,
            email=email,
            tz=author.tz,
            message=message,
            files={path: e.render() for path, e in self.touched.items()},
            deleted=self.deleted,
        )
        self.stats_files += len(self.touched)
        self.touched = {}
        self.deleted = []
        self.notes = []


_CREATABLE = ("Person", "Community", "Charter", "Practice", "Metric", "Event", "KnowledgeAsset")
_ACTIONS_WEIGHTED = (
    ("practice_edit", 14),
    ("practice_advance", 14),
    ("practice_approve", 5),
    ("practice_review", 3),
    ("practice_adoption", 4),
    ("practice_rename", 1.2),
    ("metric_observe", 10),
    ("community_join", 13),
    ("community_level", 3),
    ("community_setup", 3),
    ("community_stage", 3),
    ("charter_update", 1.5),
    ("person_edit", 6),
    ("event_update", 3),
    ("asset_edit", 2),
)
_ACTIONS = tuple(name for name, _ in _ACTIONS_WEIGHTED)
_ACTION_CUMULATIVE = tuple(
    sum(weight for _, weight in _ACTIONS_WEIGHTED[: index + 1])
    for index in range(len(_ACTIONS_WEIGHTED))
)


def _config_text() -> str:
    return (
        "apiVersion: copkit/v1\nkind: Config\ndata: communities\n"
        "site:\n  title: Example Corp communities of practice\n"
    )


# --------------------------------------------------------------------------------------
# git fast-import


class _FastImport:
    """Streams commits into one ``git fast-import`` process."""

    def __init__(self, repo: Path) -> None:
        self.repo = repo
        self.process = subprocess.Popen(
            ["git", "fast-import", "--quiet", "--done", "--date-format=raw"],
            cwd=repo,
            stdin=subprocess.PIPE,
            env=_git_env(),
        )
        assert self.process.stdin is not None
        self.stream: IO[bytes] = self.process.stdin
        self.pending: list[bytes] = []
        self.pending_size = 0
        self.staged: dict[str, bytes] = {}
        self.commits = 0

    def add_file(self, path: str, text: str) -> None:
        """A file for the next commit that no entity owns (the config)."""
        self.staged[path] = text.encode()

    def commit(
        self,
        *,
        when: int,
        name: str,
        email: str,
        tz: str,
        message: str,
        files: dict[str, str],
        deleted: list[str],
    ) -> None:
        ident = f"{name} <{email}> {when} {tz}".encode()
        encoded = message.encode()
        parts = [
            b"commit refs/heads/main\n",
            b"author ",
            ident,
            b"\ncommitter ",
            ident,
            b"\ndata %d\n" % len(encoded),
            encoded,
            b"\n",
        ]
        for path in deleted:
            parts.append(b"D %s\n" % path.encode())
        blobs = {**self.staged, **{path: text.encode() for path, text in files.items()}}
        self.staged = {}
        for path in sorted(blobs):
            data = blobs[path]
            parts.append(b"M 100644 inline %s\ndata %d\n" % (path.encode(), len(data)))
            parts.append(data)
            parts.append(b"\n")
        self._write(parts)
        self.commits += 1

    def _write(self, parts: list[bytes]) -> None:
        self.pending.extend(parts)
        self.pending_size += sum(len(p) for p in parts)
        if self.pending_size > 1 << 20:
            self.stream.write(b"".join(self.pending))
            self.pending = []
            self.pending_size = 0

    def close(self) -> None:
        self._write([b"done\n"])
        self.stream.write(b"".join(self.pending))
        self.stream.close()
        if self.process.wait() != 0:
            raise RuntimeError(f"git fast-import failed with exit code {self.process.returncode}")


def _git_env() -> dict[str, str]:
    env = dict(os.environ)
    # The output must not depend on who runs it: no user or system config, no hooks.
    env.update(GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull, LC_ALL="C")
    for key in (
        "GIT_DIR",
        "GIT_WORK_TREE",
        "GIT_INDEX_FILE",
        "GIT_AUTHOR_DATE",
        "GIT_COMMITTER_DATE",
    ):
        env.pop(key, None)
    return env


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, env=_git_env(), check=True, stdout=subprocess.DEVNULL)


# --------------------------------------------------------------------------------------
# Entry points


def generate(out: Path, entities: int, commits: int, seed: int) -> None:
    """Write an organisation of ``entities`` entity files with ``commits`` commits to ``out``.

    ``out`` must not exist or be an empty folder. The result is a git repository on branch
    ``main`` with a clean working tree; ``.git/copkit-bench.json`` records the arguments,
    the generator version and the counts per kind.
    """
    _generate(Path(out), entities, commits, seed)


def _generate(out: Path, entities: int, commits: int, seed: int) -> dict[str, Any]:
    if commits < 1:
        raise ValueError("--commits must be at least 1")
    sizes = plan_sizes(entities, seed)
    if out.exists() and any(out.iterdir()):
        raise FileExistsError(f"{out} exists and is not empty")
    out.mkdir(parents=True, exist_ok=True)
    _git(out, "init", "--quiet", "--initial-branch=main", "--template=")
    started = time.perf_counter()
    sink = _FastImport(out)
    try:
        stats = _Simulation(sizes, commits, seed, sink).run()
    except BaseException:
        sink.process.kill()
        raise
    sink.close()
    imported = time.perf_counter()
    _git(out, "checkout", "--quiet", "--force", "main")
    manifest = {
        "entities": entities,
        "commits": commits,
        "seed": seed,
        "generator_version": GENERATOR_VERSION,
        "end": END.date().isoformat(),
        **stats,
        "seconds": {
            "simulate_and_import": round(imported - started, 2),
            "checkout": round(time.perf_counter() - imported, 2),
        },
    }
    (out / ".git" / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest


def read_manifest(repo: Path) -> dict[str, Any] | None:
    """The manifest of a generated repository, or None if it has none."""
    try:
        return json.loads((Path(repo) / ".git" / MANIFEST).read_text())
    except (OSError, ValueError):
        return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Generate a synthetic copkit organisation as a git repository.",
    )
    parser.add_argument("out", type=Path, help="folder to create (must not exist, or be empty)")
    parser.add_argument(
        "--entities", type=int, default=10_000, help="number of entity files (default 10000)"
    )
    parser.add_argument(
        "--commits", type=int, default=None, help="number of commits (default: twice --entities)"
    )
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    args = parser.parse_args(argv)
    commits = args.commits if args.commits is not None else 2 * args.entities
    started = time.perf_counter()
    try:
        manifest = _generate(args.out, args.entities, commits, args.seed)
    except (ValueError, FileExistsError) as error:
        parser.error(str(error))
    counts = ", ".join(f"{n} {kind}" for kind, n in manifest["entities"].items())
    print(
        f"{args.out}: {sum(manifest['entities'].values())} entities ({counts}), "
        f"{commits} commits, {manifest['renames']} renames, "
        f"in {time.perf_counter() - started:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
