"""Benchmark: ``copkit build`` against the well-configured floor of a plain MkDocs build.

    python benchmarks/bench_build.py --sizes 1000 10000

For each size, generates the synthetic organisation (``benchmarks/generate.py``, cached
under ``benchmarks/out/``) and times, in the same run:

* ``copkit build`` of it (load, validate, git history, render, charts, Material build);
* the floor: plain ``mkdocs build`` with the same theme of a docs folder holding as many
  Markdown pages of the same average size as copkit generated, all kept out of the nav.

Target: ratio (copkit / floor) <= 1.5 at every size, and time linear in entities.
Prints one line per size and a JSON summary; never asserts timings.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
SEED = 1
WORDS = [
    "practice", "community", "review", "model", "data", "pipeline", "release", "owner",
    "approval", "history", "metric", "target", "adoption", "trial", "evidence", "lesson",
]  # fmt: skip


def synthetic_repo(entities: int) -> Path:
    """The generated organisation of ``entities`` entities (built once, then reused)."""
    sys.path.insert(0, str(HERE))
    from generate import generate  # type: ignore[import-not-found]

    target = OUT / f"org-{entities}"
    if not (target / "copkit.yaml").is_file():
        shutil.rmtree(target, ignore_errors=True)
        generate(target, entities=entities, commits=entities * 2, seed=SEED)
    return target


def timed(command: list[str], cwd: Path | None = None) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stderr[-4000:]}")
    return elapsed


def page_census(repo: Path, scratch: Path) -> tuple[int, int]:
    """How many pages copkit generates for ``repo``, and their average size in bytes."""
    rendered = scratch / "rendered"
    timed([sys.executable, "-m", "copkit", "render", str(repo), "--out", str(rendered)])
    sizes = [path.stat().st_size for path in rendered.rglob("*.md")]
    return len(sizes), sum(sizes) // max(len(sizes), 1)


def floor_project(folder: Path, pages: int, size: int) -> Path:
    """A plain Material project: ``pages`` Markdown pages of ``size`` bytes, out of the nav."""
    docs = folder / "docs"
    (docs / "pages").mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n\nThe floor.\n", encoding="utf-8")
    for number in range(pages - 1):
        lines = [f"# Page {number}\n", "| Field | Value |\n| --- | --- |\n"]
        written = sum(len(line) for line in lines)
        index = number
        while written < size:
            words = " ".join(WORDS[(index + k) % len(WORDS)] for k in range(9))
            line = f"| {WORDS[index % len(WORDS)]} | {words} |\n"
            lines.append(line)
            written += len(line)
            index += 1
        (docs / "pages" / f"p{number}.md").write_text("".join(lines), encoding="utf-8")
    (folder / "mkdocs.yml").write_text(
        "site_name: floor\n"
        "theme:\n  name: material\n  font: false\n"
        "plugins:\n  - search\n"
        "markdown_extensions:\n  - tables\n  - attr_list\n  - toc\n"
        "nav:\n  - Home: index.md\n"
        "not_in_nav: |\n  /pages/\n",
        encoding="utf-8",
    )
    return folder


def measure(entities: int) -> dict[str, float | int]:
    repo = synthetic_repo(entities)
    with tempfile.TemporaryDirectory(prefix="copkit-bench-") as scratch_name:
        scratch = Path(scratch_name)
        pages, size = page_census(repo, scratch)
        floor = floor_project(scratch / "floor", pages, size)
        env_python = [sys.executable, "-m"]
        floor_seconds = timed(
            [*env_python, "mkdocs", "build", "-q", "-d", str(scratch / "f")], floor
        )
        copkit_seconds = timed(
            [*env_python, "copkit", "build", str(repo), "-d", str(scratch / "site")]
        )
    return {
        "entities": entities,
        "pages": pages,
        "average_page_bytes": size,
        "copkit_seconds": round(copkit_seconds, 2),
        "floor_seconds": round(floor_seconds, 2),
        "ratio": round(copkit_seconds / floor_seconds, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    arguments = parser.parse_args()
    os.environ.setdefault("PYTHONHASHSEED", "0")
    results = []
    for entities in arguments.sizes:
        result = measure(entities)
        results.append(result)
        print(
            f"{entities:>6} entities, {result['pages']} pages: copkit build "
            f"{result['copkit_seconds']} s, plain mkdocs {result['floor_seconds']} s, "
            f"ratio {result['ratio']}",
            flush=True,
        )
    if len(results) > 1:
        first, last = results[0], results[-1]
        growth = float(last["copkit_seconds"]) / float(first["copkit_seconds"])
        scale = int(last["entities"]) / int(first["entities"])
        print(f"time grew {growth:.1f}x for {scale:.0f}x entities")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
