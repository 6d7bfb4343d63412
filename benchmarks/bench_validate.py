"""How fast is ``copkit validate``, against what reading the files costs at the least?

    python benchmarks/bench_validate.py --entities 10000
    python benchmarks/bench_validate.py --entities 10000 100000 --repeat 3

For each size, on one generated organisation (see ``generate.py``; cached in
``benchmarks/out/orgs``), three whole processes are timed, interleaved, best of
``--repeat``:

* **floor**: a Python process that imports PyYAML and parses every entity file with
  ``yaml.load(text, Loader=yaml.CSafeLoader)``, and nothing else. No tool that reads YAML
  in Python can be faster than this.
* **copkit**: ``python -m copkit validate ORG`` (this checkout's ``src/``): read, validate
  against the models, resolve every reference.
* **check-jsonschema**: the same files against the same ``schemas/``, grouped by kind, one
  invocation per kind with ``--schemafile`` (split further only where the file list would
  not fit on a command line); its time is the sum over its invocations.

It prints the times, the ratios copkit/floor and copkit/check-jsonschema, copkit's peak
memory and, with several sizes, how copkit's time scales; each against the targets below.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._harness import (
    DEFAULT_CACHE,
    REPO_ROOT,
    Measurement,
    Run,
    best_of,
    combine,
    copkit_env,
    entity_files,
    mib,
    organisation,
    python,
    run_process,
    table,
    warm_page_cache,
)

TARGET_FLOOR_RATIO = 2.0
"""copkit validate at 10,000 files takes at most this many times the floor."""
TARGET_CHECK_JSONSCHEMA_RATIO = 0.15
"""... and at most this fraction of check-jsonschema's time."""
TARGET_SCALING = 12.0
"""Ten times the files takes at most this many times as long."""
TARGET_MEMORY = 2**30
"""Peak memory of copkit validate, in bytes."""

FLOOR_SCRIPT = """
import os, sys, yaml
count = 0
for folder, dirs, files in os.walk(sys.argv[1]):
    dirs[:] = [d for d in dirs if not d.startswith(".")]
    for name in files:
        if name.endswith((".yaml", ".yml")) and not name.startswith("."):
            with open(os.path.join(folder, name), encoding="utf-8") as handle:
                yaml.load(handle.read(), Loader=yaml.CSafeLoader)
            count += 1
print(count)
"""

ARGV_BUDGET = 1_000_000
"""Bytes of file names per check-jsonschema invocation (Linux allows 2 MiB in all)."""

_KIND = re.compile(r"^kind:\s*([A-Za-z]+)\s*$", re.MULTILINE)


def schema_file(kind: str) -> Path:
    sys.path.insert(0, str(REPO_ROOT / "src"))
    from copkit.commands.schema import schema_file_name

    return REPO_ROOT / "schemas" / schema_file_name(kind)


def files_by_kind(org: Path, files: list[Path]) -> dict[str, list[str]]:
    """Entity files grouped by their ``kind:``, as paths relative to ``org``."""
    groups: dict[str, list[str]] = defaultdict(list)
    for path in files:
        found = _KIND.search(path.read_text(encoding="utf-8"))
        if found is None:
            raise SystemExit(f"{path}: no `kind:` line; is this a generated organisation?")
        groups[found.group(1)].append(path.relative_to(org).as_posix())
    return dict(sorted(groups.items()))


def check_jsonschema_batches(groups: dict[str, list[str]]) -> list[list[str]]:
    """Argument lists: one per kind, split where the names would overflow a command line."""
    batches: list[list[str]] = []
    for kind, names in groups.items():
        schema = str(schema_file(kind))
        if not Path(schema).is_file():
            raise SystemExit(f"no schema for kind {kind}: {schema}")
        batch: list[str] = []
        size = 0
        for name in names:
            if batch and size + len(name) + 1 > ARGV_BUDGET:
                batches.append([*_check_jsonschema(), "--schemafile", schema, *batch])
                batch, size = [], 0
            batch.append(name)
            size += len(name) + 1
        batches.append([*_check_jsonschema(), "--schemafile", schema, *batch])
    return batches


def _check_jsonschema() -> list[str]:
    return [python(), "-m", "check_jsonschema"]


def ensure_check_jsonschema() -> None:
    probe = run_process([*_check_jsonschema(), "--version"])
    if probe.returncode != 0:
        raise SystemExit(
            "check-jsonschema is not installed for this Python; "
            "`pip install check-jsonschema` (it is in copkit's test extras)"
        )


def commands_for(org: Path, *, with_check_jsonschema: bool) -> dict[str, Callable[[], Run]]:
    """The processes to time on one organisation, by name."""
    data = org / "communities"
    files = entity_files(data)
    warm_page_cache(files)
    env = copkit_env()
    commands: dict[str, Callable[[], Run]] = {
        "floor": lambda: run_process([python(), "-c", FLOOR_SCRIPT, str(data)]),
        "copkit": lambda: run_process([python(), "-m", "copkit", "validate", str(org)], env=env),
    }
    if with_check_jsonschema:
        batches = check_jsonschema_batches(files_by_kind(org, files))

        def check_jsonschema() -> Run:
            return combine([run_process(argv, cwd=org) for argv in batches])

        commands["check-jsonschema"] = check_jsonschema
    return commands


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def report(
    entities: int, commits: int, org: Path, results: dict[str, Measurement], repeat: int
) -> tuple[str, list[bool], dict[str, object]]:
    labels = {
        "floor": "floor: yaml.load(CSafeLoader), every file",
        "copkit": "copkit validate",
        "check-jsonschema": "check-jsonschema, one run per kind",
    }
    rows = [
        [
            labels[name],
            m.best,
            m.best_cpu,
            mib(m.peak_rss),
            ", ".join(f"{r.seconds:.2f}" for r in m.runs),
        ]
        for name, m in results.items()
    ]
    lines = [
        f"## validate: {entities:,} entity files, {commits:,} commits ({org})",
        "",
        table(["process", "best s", "best CPU s", "peak RSS", "all runs s"], rows),
        "",
    ]
    copkit = results["copkit"]
    checks: list[tuple[str, str, str, bool]] = []
    floor_ratio = copkit.best / results["floor"].best
    gated = entities == 10_000  # the targets are stated for 10,000 files
    checks.append(
        (
            "copkit / floor",
            f"{floor_ratio:.2f}x",
            f"<= {TARGET_FLOOR_RATIO}x",
            floor_ratio <= TARGET_FLOOR_RATIO,
        )
    )
    summary: dict[str, object] = {
        "entities": entities,
        "commits": commits,
        "repeat": repeat,
        "seconds": {name: m.best for name, m in results.items()},
        "cpu_seconds": {name: m.best_cpu for name, m in results.items()},
        "peak_rss_bytes": {name: m.peak_rss for name, m in results.items()},
        "copkit_over_floor": floor_ratio,
    }
    if "check-jsonschema" in results:
        cjs_ratio = copkit.best / results["check-jsonschema"].best
        summary["copkit_over_check_jsonschema"] = cjs_ratio
        checks.append(
            (
                "copkit / check-jsonschema",
                f"{cjs_ratio:.3f}x",
                f"<= {TARGET_CHECK_JSONSCHEMA_RATIO}x",
                cjs_ratio <= TARGET_CHECK_JSONSCHEMA_RATIO,
            )
        )
    checks.append(
        ("copkit peak memory", mib(copkit.peak_rss), "< 1024 MiB", copkit.peak_rss < TARGET_MEMORY)
    )
    rows = [
        [name, value, target, verdict(ok) if gated or "memory" in name else f"({verdict(ok)})"]
        for name, value, target, ok in checks
    ]
    lines.append(table(["measure", "value", "target", "verdict"], rows))
    if not gated:
        lines.append("\n(ratio targets are stated for 10,000 files; shown for reference)")
    missed = [ok for name, _, _, ok in checks if gated or "memory" in name]
    return "\n".join(lines) + "\n", missed, summary


def scaling_report(summaries: list[dict[str, Any]]) -> tuple[str, list[bool]]:
    """copkit's time at each size against the smallest, wall-clock and CPU."""
    base = summaries[0]
    rows = []
    oks = []
    for item in summaries:
        seconds = item["seconds"]["copkit"]
        cpu = item["cpu_seconds"]["copkit"]
        ratio = seconds / base["seconds"]["copkit"]
        cpu_ratio = cpu / base["cpu_seconds"]["copkit"]
        # The target is 12x for 10x the files; other size ratios scale it linearly.
        target = TARGET_SCALING * item["entities"] / base["entities"] / 10
        first = item is base
        ok = ratio <= target
        if not first:
            oks.append(ok)
        rows.append(
            [
                f"{item['entities']:,}",
                seconds,
                cpu,
                f"{seconds / item['entities'] * 1e6:.0f}",
                "-" if first else f"{ratio:.2f}x",
                "-" if first else f"{cpu_ratio:.2f}x",
                "-" if first else f"<= {target:.1f}x",
                "-" if first else verdict(ok),
            ]
        )
        item["scaling"] = {"wall": ratio, "cpu": cpu_ratio}
    headers = [
        "entities",
        "best s",
        "best CPU s",
        "us/entity",
        f"wall vs {base['entities']:,}",
        f"CPU vs {base['entities']:,}",
        "target",
        "verdict",
    ]
    return "## scaling of copkit validate\n\n" + table(headers, rows) + "\n", oks


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--entities",
        type=int,
        nargs="+",
        default=[10_000],
        help="organisation size(s) in entity files (default 10000); several "
        "sizes also report scaling, e.g. --entities 10000 100000",
    )
    parser.add_argument(
        "--commits",
        type=int,
        default=None,
        help="commits of each generated history (default: 2 x entities)",
    )
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="runs of each process; the best is reported (default 3)",
    )
    parser.add_argument(
        "--repo",
        type=Path,
        default=None,
        help="benchmark this existing organisation instead of generating one",
    )
    parser.add_argument(
        "--cache",
        type=Path,
        default=DEFAULT_CACHE,
        help=f"where generated organisations are kept (default {DEFAULT_CACHE})",
    )
    parser.add_argument(
        "--no-check-jsonschema",
        action="store_true",
        help="skip the check-jsonschema baseline (it is slow at 100,000 files)",
    )
    parser.add_argument("--json", type=Path, default=None, help="also write the results here")
    parser.add_argument(
        "--fail-on-miss", action="store_true", help="exit 1 when a target is missed (for CI)"
    )
    args = parser.parse_args(argv)
    if args.repo is not None and len(args.entities) > 1:
        parser.error("--repo benchmarks one organisation; give one --entities at most")
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    with_cjs = not args.no_check_jsonschema
    if with_cjs:
        ensure_check_jsonschema()

    # Every organisation first (generating one takes minutes and must not fall between
    # measurements), then all runs of all sizes interleaved, so that the sizes are
    # measured under the same conditions and their ratio means something.
    orgs: dict[int, tuple[Path, int]] = {}
    for entities in sorted(set(args.entities)):
        commits = args.commits if args.commits is not None else 2 * entities
        if args.repo is not None:
            org = args.repo.resolve()
            entities = len(entity_files(org / "communities"))
        else:
            org = organisation(entities, commits, args.seed, args.cache)
        orgs[entities] = (org, commits)
    commands: dict[tuple[int, str], Callable[[], Run]] = {}
    for entities, (org, _) in orgs.items():
        for name, command in commands_for(org, with_check_jsonschema=with_cjs).items():
            commands[(entities, name)] = command
    measured = best_of(commands, args.repeat)

    summaries: list[dict[str, Any]] = []
    oks: list[bool] = []
    for entities, (org, commits) in orgs.items():
        results = {name: m for (size, name), m in measured.items() if size == entities}
        text, checks, summary = report(entities, commits, org, results, args.repeat)
        print(text, flush=True)
        summaries.append(summary)
        oks.extend(checks)
    if len(summaries) > 1:
        text, checks = scaling_report(summaries)
        print(text)
        oks.extend(checks)
    if args.json is not None:
        args.json.write_text(json.dumps(summaries, indent=2) + "\n")
    if args.fail_on_miss and not all(oks):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
