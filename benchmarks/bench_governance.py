"""Benchmark: ``copkit lint`` with ten rules declared in copkit.yaml against lint without.

    python benchmarks/bench_governance.py --org /work/orgs/org-10000e-20000c-s1 --repeat 5

Target (issue 9): on the 10,000-entity organisation, lint with ten declarative rules takes
at most 1.3x lint without them, measured in the same run (runs interleaved, best of N).

The organisation is never changed: it is copied twice into a temporary folder (``--org``
is read-only), and one copy's copkit.yaml gets the rules below appended. Both runs lint
the whole repository with every rule and history (``--today 2026-11-23``). Results are
printed and written to ``benchmarks/out/bench_governance.json``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _harness import best_of, copkit_env, python, run_process  # noqa: E402

TODAY = "2026-11-23"
TARGET = 1.3

TEN_RULES = """
rules:
  - code: ORG101
    name: adopted-has-evidence
    kind: Practice
    message: adopted practice {id} links no evidence
    when: {properties: {status: {const: adopted}}}
    require: {required: [evidence], properties: {evidence: {minItems: 1}}}
  - code: ORG102
    name: adopted-two-independent-approvals
    kind: Practice
    message: adopted practice {id} needs two independent approvals
    when: {properties: {status: {const: adopted}}}
    require: {properties: {$facts: {properties: {independent_approvals: {minimum: 2}}}}}
  - code: ORG103
    name: no-live-practice-in-closed-community
    kind: Practice
    message: practice {id} is live in a closed community
    when: {properties: {status: {enum: [trial, adopted]}}}
    require: {properties: {$facts: {properties: {community_stage: {not: {const: closed}}}}}}
  - code: ORG104
    name: practice-title-style
    kind: Practice
    message: practice {id} has a title that does not start with a capital
    require: {properties: {title: {type: string, pattern: "^[A-Z]"}}}
  - code: ORG105
    name: community-has-sponsor
    kind: Community
    message: community {id} has no sponsor
    when: {properties: {stage: {enum: [active, stewardship, transforming]}}}
    require: {required: [sponsor]}
  - code: ORG106
    name: community-enough-members
    kind: Community
    message: community {id} has fewer than five members
    when: {properties: {stage: {const: active}}}
    require: {properties: {$facts: {properties: {members: {minimum: 5}}}}}
  - code: ORG107
    name: person-has-unit
    kind: Person
    message: person {id} names no unit
    require: {required: [unit]}
  - code: ORG108
    name: person-email-domain
    kind: Person
    message: person {id} has an address outside example domains
    require:
      properties:
        emails: {items: {type: string, pattern: "@example\\\\.(com|org)$"}}
  - code: ORG109
    name: event-has-outcomes
    kind: Event
    message: event {id} records no outcomes
    require: {required: [outcomes]}
  - code: ORG110
    name: metric-recently-changed
    kind: Metric
    message: metric {id} has not changed in git for two years
    require:
      properties:
        $facts: {properties: {days_since_change: {anyOf: [{type: "null"}, {maximum: 730}]}}}
"""


def _in_process(governed: Path, repeat: int) -> dict[str, float]:
    """The rules alone, on a repository loaded once: copkit's rules, then all of them."""
    import datetime as dt
    import time

    sys.path.insert(0, str(HERE.parent / "src"))
    from copkit.history import history_of
    from copkit.lint import lint
    from copkit.loader import load_repository

    repository = load_repository(governed).repository
    history = history_of(repository)
    today = dt.date.fromisoformat(TODAY)

    def seconds(select: list[str] | None) -> float:
        best = float("inf")
        for _ in range(repeat):
            started = time.perf_counter()
            lint(repository, today=today, read_history=lambda: history, select=select)
            best = min(best, time.perf_counter() - started)
        return best

    builtin = seconds(["COP"])
    everything = seconds(None)
    declared = seconds(["ORG"])
    return {
        "copkit_rules_seconds": round(builtin, 3),
        "all_rules_seconds": round(everything, 3),
        "ten_declared_rules_seconds": round(declared, 3),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--org", type=Path, default=Path("/work/orgs/org-10000e-20000c-s1"))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--out", type=Path, default=HERE / "out")
    args = parser.parse_args(argv)
    if not (args.org / "copkit.yaml").is_file():
        raise SystemExit(f"{args.org}: not an organisation (no copkit.yaml)")

    with tempfile.TemporaryDirectory(prefix="copkit-bench-gov-") as tmp:
        plain = Path(tmp) / "plain"
        governed = Path(tmp) / "governed"
        shutil.copytree(args.org, plain, symlinks=True)
        shutil.copytree(args.org, governed, symlinks=True)
        config = governed / "copkit.yaml"
        config.write_text(config.read_text(encoding="utf-8") + TEN_RULES, encoding="utf-8")

        env = copkit_env()

        def lint(repo: Path) -> object:
            argv = [python(), "-m", "copkit", "lint", str(repo), "--format", "json"]
            return lambda: run_process([*argv, "--today", TODAY], env=env)

        # Check once that the rules really run (and find something), outside the timing.
        import subprocess

        listed = subprocess.run(
            [python(), "-m", "copkit", "lint", str(governed), "--format", "json",
             "--today", TODAY, "--select", "ORG"],
            env=env, capture_output=True, text=True, check=False,
        )  # fmt: skip
        found = json.loads(listed.stdout) if listed.stdout.strip().startswith("[") else []
        measured = best_of(
            {"without": lint(plain), "with_ten_rules": lint(governed)},  # type: ignore[dict-item]
            args.repeat,
            check=False,
        )
        in_process = _in_process(governed, args.repeat)
    without = measured["without"].best
    with_rules = measured["with_ten_rules"].best
    results = {
        "org": str(args.org),
        "repeat": args.repeat,
        "lint_without_seconds": round(without, 3),
        "lint_with_ten_rules_seconds": round(with_rules, 3),
        "ratio": round(with_rules / without, 3),
        "cpu_without_seconds": round(measured["without"].best_cpu, 3),
        "cpu_with_ten_rules_seconds": round(measured["with_ten_rules"].best_cpu, 3),
        "cpu_ratio": round(measured["with_ten_rules"].best_cpu / measured["without"].best_cpu, 3),
        "in_process": in_process,
        "declared_rule_findings": len(found),
        "target_at_most": TARGET,
        "target_met": with_rules / without <= TARGET,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "bench_governance.json").write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
