# /// script
# requires-python = ">=3.10"
# dependencies = ["cookiecutter>=2.6"]
# ///
"""Time this template against minimal floors, and print the median ratios.

    uv run benchmarks/bench.py [--only bake|green] [--pairs N] [--template DIR ...] [key=value ...]

Each bake is `scripts/bake.py` in a process of its own, as a user runs cookiecutter; runs alternate and
the median of each round's ratio is printed. CONTRIBUTING.md says what the floors are.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from operator import truediv
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BAKE = REPO / "scripts" / "bake.py"
LAYOUTS = ("library", "module")
PAIRS = {"bake": 15, "green": 5}
# The floors ask for the template's default oldest Python, so uv picks the same interpreter for both.
PYTHON_MIN = json.loads((REPO / "cookiecutter.json").read_text(encoding="utf-8"))["python_min"][0]


def environment(work: Path, *, offline: bool) -> dict[str, str]:
    """Return the runs' environment: not this script's venv, private temp and bytecode directories."""
    env = {k: v for k, v in os.environ.items() if not re.fullmatch(r"VIRTUAL_ENV|PYTHON\w+|UV_(?!CACHE_DIR$)\w+", k)}
    env |= {"TMPDIR": str(work / "temp"), "TEMP": str(work / "temp"), "TMP": str(work / "temp")}
    return env | {"PYTHONPYCACHEPREFIX": str(work / "pycache")} | ({"UV_OFFLINE": "1"} if offline else {})


def run(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, str]:
    """Run `command`; return its wall time and stdout, or stop with its output if it fails."""
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"`{' '.join(command)}` exited {done.returncode} in {cwd}:\n{done.stdout}{done.stderr}")
    return time.perf_counter() - start, done.stdout


def bake(template: Path, answers: list[str], env: dict[str, str]) -> tuple[float, Path]:
    """Bake `template` with `key=value` answers into a new directory; return the time and the project."""
    out = tempfile.mkdtemp(dir=env["TMPDIR"])
    seconds, stdout = run([sys.executable, str(BAKE), out, *answers, "--template", str(template)], REPO, env)
    return seconds, Path(stdout.strip())


def green(template: Path, answers: list[str], env: dict[str, str]) -> tuple[float, Path]:
    """Bake, then `uv run pytest` (which syncs the environment first); return the total time and the project."""
    seconds, project = bake(template, answers, env)
    return seconds + run(["uv", "run", "pytest"], project, env)[0], project  # pytest fails when it finds no test


def write_floor(kind: str, work: Path) -> Path:
    """Write a floor template: one file, or the package `uv init --lib` starts (uv_build) with one test."""
    project = work / f"floor-{kind}" / "{{cookiecutter.project_slug}}"
    if kind == "bake":
        project.mkdir(parents=True)
        (project / "README.md").write_text("# {{ cookiecutter.project_slug }}\n", encoding="utf-8")
    else:
        init = ["uv", "init", "--quiet", "--lib", "--vcs", "none", "--no-workspace", "--no-pin-python"]
        run([*init, "--python", PYTHON_MIN, "--name", "floor", str(project)], work, environment(work, offline=False))
        with (project / "pyproject.toml").open("a", encoding="utf-8") as pyproject:
            pyproject.write('\n[dependency-groups]\ndev = ["pytest>=8"]\n')
        (project / "tests").mkdir()
        test = 'from floor import hello\n\n\ndef test_hello() -> None:\n    assert hello() == "Hello from floor!"\n'
        (project / "tests" / "test_floor.py").write_text(test, encoding="utf-8")
    (project.parent / "cookiecutter.json").write_text('{"project_slug": "floor"}', encoding="utf-8")
    return project.parent


def measure(kind: str, work: Path, templates: list[Path], answers: list[str], pairs: int) -> None:
    """Print, per layout, each template's median ratio to the floor (and to the first template)."""
    floor = write_floor(kind, work)
    step = bake if kind == "bake" else green
    for layout in LAYOUTS:
        times: dict[Path, list[float]] = {template: [] for template in [floor, *templates]}
        for index in range(pairs + 1):  # round 0 warms up: caches, bytecode, and uv online
            for template in [floor, *templates] if index % 2 else [*templates, floor]:
                given = [] if template == floor else [f"layout={layout}", *answers]
                seconds, _ = step(template, given, environment(work, offline=index > 0))
                if index:
                    times[template].append(seconds)
        print(f"{kind}, layout={layout}: floor {statistics.median(times[floor]) * 1000:.0f} ms ({pairs} rounds)")
        for template in templates:
            line = f"  {template}: {statistics.median(map(truediv, times[template], times[floor])):.2f}x the floor"
            if template != templates[0]:
                line += f", {statistics.median(map(truediv, times[template], times[templates[0]])):.2f}x {templates[0]}"
            print(line)


def main() -> None:
    """Parse the command line and run the measurements asked for."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", choices=PAIRS, help="measure only this (default: both)")
    parser.add_argument("--pairs", type=int, help=f"timed rounds (default: {PAIRS})")
    parser.add_argument("--template", type=Path, action="append", help="a template to time (default: this one)")
    parser.add_argument("answers", nargs="*", metavar="key=value", help="the templates' other answers (default: none)")
    args = parser.parse_args()
    templates = [path.resolve() for path in args.template or [REPO]]
    uv = subprocess.run(["uv", "--version"], capture_output=True, text=True, check=True).stdout.split()[1]
    print(f"cookiecutter {importlib.metadata.version('cookiecutter')}, uv {uv}, {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory(prefix="pylayout-bench-") as temporary:
        work = Path(temporary)
        (work / "temp").mkdir()
        for kind in [args.only] if args.only else PAIRS:
            measure(kind, work, templates, args.answers, args.pairs or PAIRS[kind])


if __name__ == "__main__":
    main()
