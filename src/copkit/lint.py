"""The lint engine: pick the rules the config selects, run them, apply suppressions.

Rules never see each other. The engine reads the ``lint:`` config (reporting unknown
codes with a did-you-mean), runs each selected rule once over a shared
:class:`~copkit.rules.LintContext`, drops findings under per-path ignores, applies
inline ``# copkit: ignore[CODE] reason`` suppressions, and, in pull-request mode,
keeps only findings in changed files when asked.
"""

from __future__ import annotations

import datetime as dt
import difflib
import fnmatch
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from pydantic import ValidationError

from copkit.findings import Finding, Severity
from copkit.history import History
from copkit.load.document import Document
from copkit.model.config import CONFIG_FILE_NAME
from copkit.model.lint_config import LintConfig
from copkit.repository import Repository
from copkit.rules import RULES, LintContext, Rule
from copkit.rules.registry import RuleSet, builtin_rules

ENGINE_CODES = frozenset(code for code, rule in RULES.items() if rule.engine)
REPOSITORY_WIDE = frozenset({"COP200", "COP209"})
"""Findings about the whole run; kept by ``--changed-only`` wherever they point."""

_SUPPRESSION_RE = re.compile(r"(?:^|\s)#\s*copkit:\s*ignore\[(?P<codes>[^\]]*)\](?P<rest>.*)$")
_UNTIL_RE = re.compile(r"\buntil=(?P<date>\S*)")


class SelectorError(ValueError):
    """A ``--select`` / ``--ignore`` value naming no rule (a usage error)."""


# -- selecting rules ------------------------------------------------------------------


def matches(selector: str, rule: type[Rule]) -> bool:
    """Whether ``selector`` (a code, a code prefix or a rule name) picks ``rule``."""
    return rule.code.startswith(selector.upper()) or selector == rule.name


def known_selector(selector: str, registry: RuleSet | None = None) -> bool:
    rules = (registry or builtin_rules()).rules
    return any(matches(selector, rule) for rule in rules.values())


def did_you_mean(selector: str, registry: RuleSet | None = None) -> str | None:
    known = registry or builtin_rules()
    candidates = [*known.rules, *known.by_name]
    close = difflib.get_close_matches(selector, candidates, n=3, cutoff=0.6)
    if close:
        return "did you mean " + " or ".join(repr(item) for item in close) + "?"
    return None


def check_selectors(values: Iterable[str], option: str, registry: RuleSet | None = None) -> None:
    """Refuse command-line selectors that name no rule."""
    for value in values:
        if not known_selector(value, registry):
            hint = did_you_mean(value, registry) or "`copkit rules` lists the codes"
            raise SelectorError(f"{option} {value!r} names no rule; {hint}")


@dataclass
class RulePlan:
    """The rules a run executes, already configured, and what was wrong with the config."""

    rules: list[Rule]
    by_code: dict[str, Rule]
    findings: list[Finding] = field(default_factory=list)
    per_path_ignores: list[tuple[str, list[str]]] = field(default_factory=list)
    registry: RuleSet = field(default_factory=builtin_rules)


def plan_rules(
    config: LintConfig,
    config_document: Document | None,
    *,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
    registry: RuleSet | None = None,
) -> RulePlan:
    """The selected rules with their severities and options, and config findings.

    ``select`` from the command line replaces the config's; ``ignore`` adds to it. Without
    either, every stable rule of ``registry`` runs (copkit's, plugins', copkit.yaml's).
    """
    known = registry or builtin_rules()
    problems: list[Finding] = []

    def problem(loc: tuple[str | int, ...], message: str, hint: str | None) -> None:
        severity = _severity_for(InvalidConfig, config.severity)
        if config_document is None:
            problems.append(Finding("COP200", severity, message, CONFIG_FILE_NAME, 0, 0, hint))
            return
        line, column = config_document.locate(("lint", *loc))
        problems.append(
            Finding("COP200", severity, message, config_document.path, line, column, hint)
        )

    def check_known(values: Iterable[str], loc: tuple[str | int, ...]) -> None:
        for index, value in enumerate(values):
            if not known_selector(value, known):
                problem(
                    (*loc, index),
                    f"unknown rule {value!r} in `lint.{'.'.join(map(str, loc))}`",
                    did_you_mean(value, known) or "`copkit rules` lists the codes",
                )

    check_known(config.select or [], ("select",))
    check_known(config.ignore, ("ignore",))
    for key in config.severity:
        if not known_selector(key, known):
            problem(
                ("severity", key),
                f"unknown rule {key!r} in `lint.severity`",
                did_you_mean(key, known),
            )
    for pattern, codes in config.per_path_ignores.items():
        check_known(codes, ("per_path_ignores", pattern))

    if select is not None:
        selectors = list(select)
    elif config.select is not None:
        selectors = list(config.select)
    else:
        selectors = [
            "COP",
            *(code for code, rule in known.rules.items() if code not in RULES and not rule.preview),
        ]
    ignores = [*config.ignore, *ignore]
    rules: list[Rule] = []
    for code, rule_class in known.rules.items():
        picked = any(matches(selector, rule_class) for selector in selectors)
        exact = any(
            selector.upper() == code or selector == rule_class.name for selector in selectors
        )
        if not picked or any(matches(selector, rule_class) for selector in ignores):
            continue
        if rule_class.preview and not (config.preview or exact):
            continue
        rules.append(rule_class(severity=_severity_for(rule_class, config.severity)))

    configured: dict[str, Rule] = {rule.code: rule for rule in rules}
    for key, values in config.options.items():
        target = known.get(key)
        if target is None:
            message = f"unknown rule {key!r} in `lint.options`"
            problem(("options", key), message, did_you_mean(key, known))
            continue
        try:
            options = target.options_model.model_validate(values)
        except ValidationError as error:
            for detail in error.errors():
                loc = ("options", key, *detail["loc"])
                allowed = ", ".join(target.options_model.model_fields) or "none"
                problem(
                    loc,
                    f"invalid option for {target.code}: {detail['msg']}",
                    f"options of {target.code} ({target.name}): {allowed}",
                )
            continue
        if target.code in configured:
            configured[target.code].options = options
    patterns = [(pattern, list(codes)) for pattern, codes in config.per_path_ignores.items()]
    return RulePlan(rules, configured, problems, patterns, known)


InvalidConfig = RULES["COP200"]


def _severity_for(rule: type[Rule], overrides: dict[str, Severity]) -> Severity:
    """The most specific override (longest matching key) or the rule's default."""
    best: tuple[int, Severity] | None = None
    for key, severity in overrides.items():
        if matches(key, rule):
            weight = 1000 if key == rule.name else len(key)
            if best is None or weight > best[0]:
                best = (weight, severity)
    return best[1] if best else rule.default_severity


# -- suppressions ---------------------------------------------------------------------


@dataclass
class Suppression:
    """One ``# copkit: ignore[...]`` comment."""

    path: str
    line: int
    column: int
    codes: tuple[str, ...]
    reason: str
    until: dt.date | None
    used: set[str] = field(default_factory=set)

    def covers(self, finding: Finding) -> bool:
        line = finding.line or 1
        return (
            finding.path == self.path
            and line in (self.line, self.line + 1)
            and finding.code in self.codes
        )


def scan_suppressions(
    documents: Iterable[Document], today: dt.date, plan: RulePlan
) -> tuple[list[Suppression], list[Finding]]:
    """Valid, unexpired suppressions, and findings about invalid or expired ones."""
    active: list[Suppression] = []
    problems: list[Finding] = []

    def report(code: str, path: str, line: int, column: int, message: str, hint: str) -> None:
        rule = plan.by_code.get(code)
        if rule is not None:
            problems.append(Finding(code, rule.severity, message, path, line, column, hint))

    for document in documents:
        if "copkit:" not in document.text:
            continue
        for number, text in enumerate(document.text.splitlines(), start=1):
            match = _SUPPRESSION_RE.search(text)
            if match is None:
                continue
            column = text.index("#", match.start()) + 1
            codes = tuple(code.strip().upper() for code in match.group("codes").split(","))
            rest = match.group("rest")
            until: dt.date | None = None
            until_match = _UNTIL_RE.search(rest)
            if until_match is not None:
                rest = rest[: until_match.start()] + rest[until_match.end() :]
                try:
                    until = dt.date.fromisoformat(until_match.group("date"))
                except ValueError:
                    report(
                        "COP201",
                        document.path,
                        number,
                        column,
                        f"suppression expiry {until_match.group('date')!r} is not a date",
                        "write `until=YYYY-MM-DD`",
                    )
                    continue
            reason = rest.strip()
            known = plan.registry.rules
            bad = [code for code in codes if code not in known or code in ENGINE_CODES]
            if bad or not codes or codes == ("",):
                shown = ", ".join(repr(code) for code in bad) or "nothing"
                hint = (
                    did_you_mean(bad[0], plan.registry) if bad else None
                ) or "name rule codes such as COP230"
                report(
                    "COP201",
                    document.path,
                    number,
                    column,
                    f"suppression names {shown}, which is not a rule it can silence",
                    hint,
                )
                continue
            if not reason:
                report(
                    "COP201",
                    document.path,
                    number,
                    column,
                    f"suppression of {', '.join(codes)} gives no reason",
                    f"say why after the brackets: # copkit: ignore[{','.join(codes)}] <reason>",
                )
                continue
            suppression = Suppression(document.path, number, column, codes, reason, until)
            if until is not None and until < today:
                report(
                    "COP203",
                    document.path,
                    number,
                    column,
                    f"suppression of {', '.join(codes)} expired on {until.isoformat()}; "
                    "the findings it covered are reported again",
                    "fix the findings, or renew `until=` with a reason",
                )
                continue
            active.append(suppression)
    return active, problems


# -- running --------------------------------------------------------------------------


@dataclass
class LintResult:
    """The findings of one run (sorted), and which rules ran."""

    findings: list[Finding]
    ran: list[str]
    skipped_history: list[str] = field(default_factory=list)


def lint(
    repository: Repository,
    *,
    today: dt.date,
    base: Repository | None = None,
    read_history: Callable[[], History] | None = None,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
    changed_paths: frozenset[str] | None = None,
    registry: RuleSet | None = None,
) -> LintResult:
    """Run the selected rules over ``repository`` and return what they found.

    ``registry`` is every rule this run knows (default: :func:`rules_for` the repository;
    raises PluginError when an installed plugin is broken).
    """
    config = repository.config.lint
    if registry is None:
        registry = rules_for(repository)
    plan = plan_rules(
        config, repository.config_document, select=select, ignore=ignore, registry=registry
    )
    context = LintContext(repository, today, base=base, read_history=read_history)
    engine_findings: list[Finding] = list(plan.findings)
    raw: list[Finding] = []
    ran: list[str] = []
    skipped_history: list[str] = []
    history_rules = [rule for rule in plan.rules if rule.needs_history]
    history_ok = True
    if history_rules:
        history = context.history
        history_ok = history.complete
        if not history_ok:
            skipped_history = [rule.code for rule in history_rules]
            engine_findings.extend(_history_unavailable(plan, history, skipped_history))
    for rule in plan.rules:
        if rule.engine or (rule.needs_base and base is None):
            continue
        if rule.needs_history and not history_ok:
            continue
        ran.append(rule.code)
        raw.extend(rule.check(context))

    raw = [finding for finding in raw if not _path_ignored(finding, plan)]
    documents: list[Document] = list(repository.documents.values())
    if repository.config_document is not None:
        documents.append(repository.config_document)
    suppressions, suppression_findings = scan_suppressions(documents, today, plan)
    engine_findings.extend(suppression_findings)
    kept: list[Finding] = []
    for finding in raw:
        covering = next((s for s in suppressions if s.covers(finding)), None)
        if covering is None:
            kept.append(finding)
        else:
            covering.used.add(finding.code)
    engine_findings.extend(_unused(suppressions, plan, set(ran)))
    findings = kept + [f for f in engine_findings if not _path_ignored(f, plan)]
    if changed_paths is not None:
        findings = [f for f in findings if f.path in changed_paths or f.code in REPOSITORY_WIDE]
    return LintResult(sorted(set(findings), key=Finding.sort_key), ran, skipped_history)


def _history_unavailable(plan: RulePlan, history: History, codes: list[str]) -> list[Finding]:
    rule = plan.by_code.get("COP209")
    if rule is None:
        return []
    why = "this is a shallow clone" if history.shallow else (history.reason or "no history")
    return [
        Finding(
            "COP209",
            rule.severity,
            f"{', '.join(codes)} could not run: {why}",
            CONFIG_FILE_NAME,
            0,
            0,
            "fetch the full history: `fetch-depth: 0` on actions/checkout, "
            "or `git fetch --unshallow`",
        )
    ]


def _path_ignored(finding: Finding, plan: RulePlan) -> bool:
    rule = plan.registry.rules.get(finding.code)
    if rule is None:
        return False
    return any(
        fnmatch.fnmatchcase(finding.path, pattern) and any(matches(code, rule) for code in codes)
        for pattern, codes in plan.per_path_ignores
    )


def rules_for(repository: Repository, *, plugins: bool = True) -> RuleSet:
    """Every rule a run over ``repository`` knows; raises PluginError for a broken plugin."""
    from copkit.rules.registry import rule_set

    if plugins:
        return rule_set(repository.custom.rules)
    base = builtin_rules()
    combined = {**base.rules, **{rule.code: rule for rule in repository.custom.rules}}
    ordered = {code: combined[code] for code in sorted(combined)}
    return RuleSet(ordered, {rule.name: rule for rule in ordered.values()})


def _unused(suppressions: list[Suppression], plan: RulePlan, ran: set[str]) -> list[Finding]:
    rule = plan.by_code.get("COP202")
    if rule is None:
        return []
    findings: list[Finding] = []
    for suppression in suppressions:
        # A suppression for a rule that did not run (not selected, PR-only, no history)
        # cannot be judged, so it is not called unused.
        unused = [
            code for code in suppression.codes if code in ran and code not in suppression.used
        ]
        if unused:
            findings.append(
                Finding(
                    "COP202",
                    rule.severity,
                    f"suppression of {', '.join(unused)} silences nothing here",
                    suppression.path,
                    suppression.line,
                    suppression.column,
                    "remove the code from the comment, or the whole comment",
                )
            )
    return findings
