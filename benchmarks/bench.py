"""Time this template against the floors of issue 10, and print the ratios.

Three measurements, each run the way a user runs the tools (cookiecutter's and uv's command lines,
as subprocesses), in fresh directories under one temporary directory:

- bake: cookiecutter baking this template (default answers, each layout) against the same
  cookiecutter baking a one-file template;
- green: from nothing to a first passing test run (bake, `uv sync`, `uv run pytest`) for this
  template (each layout) against a minimal honest package (three files, uv_build, one function,
  one test, pytest in the `dev` group) baked by cookiecutter from a one-directory template;
- backends: `uv sync` of a fresh project with no dependencies, for each build backend and layout,
  against the same project with no build system (so the difference is the editable install).

Runs alternate (A B A B ...) after a warm-up; each pair gives a ratio A/B, and the report is the
median and the range of those ratios. Every run gets the same private temp directory (`TMPDIR`),
where this template keeps its compiled Jinja templates between bakes (`CompiledTemplates` in
local_extensions.py); the bake measurement also times first bakes, each with an empty temp directory. uv runs with a warm cache: one online warm-up per kind, then
`UV_OFFLINE=1` for every timed run (the package index reached from here is slow and uncached).
Cookiecutter's config is isolated (`--config-file` pointing at empty directories), and the
cookiecutter timed must have its bytecode compiled (the repo's `[tool.uv] compile-bytecode`),
else every run recompiles jinja2 and the ratios mean little; this script checks that first.

    uv run benchmarks/bench.py                      # all three, default counts
    uv run benchmarks/bench.py bake --pairs 31      # one measurement, more pairs
    uv run benchmarks/bench.py green --template /path/to/a/variant/of/this/template
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent.parent
# The floors ask for the template's default oldest Python, so uv picks the same interpreter for both.
PYTHON_MIN = json.loads((TEMPLATE / "cookiecutter.json").read_text(encoding="utf-8"))["python_min"][0]
# uv builds with its own in-process backend only when `uv_build` is required at uv's own minor version.
UV_VERSION = re.search(
    r"(\d+)\.(\d+)", subprocess.run(["uv", "--version"], capture_output=True, text=True, check=True).stdout
)
assert UV_VERSION is not None
UV_BUILD = f"uv_build>={UV_VERSION[1]}.{UV_VERSION[2]},<{UV_VERSION[1]}.{int(UV_VERSION[2]) + 1}"
LAYOUTS = ("library", "module")
BOUNDS = {"bake": 1.20, "green": 1.35}

# Floor (a): the smallest template cookiecutter can bake, one file in one directory.
FLOOR_BAKE = {
    "cookiecutter.json": json.dumps({"project_slug": "floor"}),
    "{{cookiecutter.project_slug}}/README.md": "# {{ cookiecutter.project_slug }}\n",
}

# Floor (b): the minimal honest package, as `uv init --lib` would start it, with one test.
FLOOR_GREEN = {
    "cookiecutter.json": json.dumps({"project_slug": "floor"}),
    "{{cookiecutter.project_slug}}/pyproject.toml": """\
[project]
name = "{{ cookiecutter.project_slug }}"
version = "0.1.0"
requires-python = ">=PYTHON_MIN"

[build-system]
requires = ["UV_BUILD"]
build-backend = "uv_build"

[dependency-groups]
dev = ["pytest>=9"]
""".replace("PYTHON_MIN", PYTHON_MIN).replace("UV_BUILD", UV_BUILD),
    "{{cookiecutter.project_slug}}/src/{{cookiecutter.project_slug}}/__init__.py": '''\
"""The floor package."""


def add(a: int, b: int) -> int:
    """Return the sum of `a` and `b`."""
    return a + b
''',
    "{{cookiecutter.project_slug}}/tests/test_{{cookiecutter.project_slug}}.py": """\
from {{ cookiecutter.project_slug }} import add


def test_add() -> None:
    assert add(1, 2) == 3
""",
}

# Scratch projects for the editable-install cost of each backend: backend -> (requires,
# build-backend, extra TOML per layout). `None` is the same project with no build system at all.
BACKENDS: dict[str, tuple[str, str, dict[str, str]] | None] = {
    "none": None,
    "uv_build": (UV_BUILD, "uv_build", {"library": ""}),
    "flit-core": (
        "flit_core>=3.12,<5",
        "flit_core.buildapi",
        {"library": '[tool.flit.module]\nname = "pkg"\n', "module": '[tool.flit.module]\nname = "pkg"\n'},
    ),
    "hatchling": (
        "hatchling>=1.27",
        "hatchling.build",
        {
            "library": '[tool.hatch.build.targets.wheel]\npackages = ["src/pkg"]\n',
            "module": '[tool.hatch.build.targets.wheel]\nonly-include = ["src/pkg.py"]\nsources = ["src"]\n',
        },
    ),
    "setuptools": ("setuptools>=77", "setuptools.build_meta", {"library": "", "module": ""}),
    "pdm-backend": (
        "pdm-backend>=2.4",
        "pdm.backend",
        {"library": "", "module": '[tool.pdm.build]\npackage-dir = "src"\nincludes = ["src/pkg.py"]\n'},
    ),
}

# What would tie a subprocess to this script's own venv or to a caller's uv settings.
LEAKY_ENV = re.compile(r"^(VIRTUAL_ENV|CONDA_PREFIX|PYTHONPATH|PYTHONHOME|UV_(?!CACHE_DIR$).*)$")


def run_env(*, offline: bool, temp: Path) -> dict[str, str]:
    """Return the environment for timed subprocesses: this one, minus this venv, uv told to stay local."""
    env = {key: value for key, value in os.environ.items() if not LEAKY_ENV.match(key)}
    env["TMPDIR"] = env["TEMP"] = env["TMP"] = str(temp)
    venv_bin = str(Path(sys.prefix) / ("Scripts" if os.name == "nt" else "bin"))
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if p != venv_bin)
    env["UV_PYTHON_DOWNLOADS"] = "never"
    env["UV_NO_PROGRESS"] = "1"
    if offline:
        env["UV_OFFLINE"] = "1"
    return env


@dataclass(frozen=True)
class Timing:
    """Wall time of a run, and the CPU time (user + system) its processes used, in seconds."""

    wall: float
    cpu: float

    def __add__(self, other: Timing) -> Timing:
        """Return the timing of both runs, one after the other."""
        return Timing(self.wall + other.wall, self.cpu + other.cpu)


def children_cpu() -> float:
    """Return the CPU time used so far by this process's finished children (NaN where unknown)."""
    try:
        import resource
    except ImportError:
        return float("nan")
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def write_tree(root: Path, files: dict[str, str]) -> Path:
    """Write `files` (relative path -> text) under `root`; return `root`."""
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def install_cookiecutter(root: Path) -> tuple[str, str]:
    """Install this venv's cookiecutter alone in a new venv, bytecode compiled, as pipx does; return its CLI and Python.

    A user's cookiecutter has no development tools beside it (this repository's venv has setuptools,
    whose `.pth` file every hook's interpreter would load), and its modules are compiled: without
    that, every run would recompile jinja2 and the ratios would mean little. uv installs it from its
    cache when it can.
    """
    venv = root / "cookiecutter-venv"
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    requirement = f"cookiecutter=={importlib.metadata.version('cookiecutter')}"
    temp = Path(tempfile.gettempdir())
    subprocess.run(
        ["uv", "venv", "--quiet", "--python", sys.executable, str(venv)],
        check=True,
        env=run_env(offline=True, temp=temp),
    )
    install = ["uv", "pip", "install", "--quiet", "--compile-bytecode", "--python", str(python), requirement]
    if subprocess.run(install, check=False, env=run_env(offline=True, temp=temp)).returncode != 0:
        subprocess.run(install, check=True, env=run_env(offline=False, temp=temp))
    for module in ("cookiecutter/main", "jinja2/environment", "jinja2/compiler"):
        if not list(
            venv.glob(f"**/site-packages/{module.rsplit('/', 1)[0]}/__pycache__/{module.rsplit('/', 1)[1]}.*.pyc")
        ):
            sys.exit(f"{module} has no bytecode in {venv}")
    return str(python.with_name("cookiecutter.exe" if os.name == "nt" else "cookiecutter")), str(python)


def copy_template(template: Path, destination: Path, *, python: str | None) -> Path:
    """Copy `template` (without caches, venvs or outputs) to `destination`; return the copy.

    With `python`, its own modules (local_extensions.py, the hooks) are compiled, as a first bake
    leaves them on a machine that writes bytecode; this machine may not (PYTHONDONTWRITEBYTECODE).
    """
    ignore = shutil.ignore_patterns(".git", ".venv", "out", "__pycache__", ".*_cache")
    shutil.copytree(template, destination, ignore=ignore)
    if python is not None:
        sources = [str(path) for path in [destination / "local_extensions.py", destination / "hooks"] if path.exists()]
        subprocess.run([python, "-m", "compileall", "-q", *sources], check=True)
    return destination


@dataclass
class Runner:
    """Runs and times commands in fresh directories under `root`."""

    root: Path
    cookiecutter: str
    config: Path = field(init=False)
    temp: Path = field(init=False)
    count: int = 0

    def __post_init__(self) -> None:
        """Write an isolated cookiecutter config whose directories start empty; make the temp directory."""
        self.temp = self.root / "temp"
        self.temp.mkdir()
        self.config = self.root / "cookiecutter-config.yaml"
        self.config.write_text(
            f"cookiecutters_dir: {json.dumps(str(self.root / 'cc-templates'))}\n"
            f"replay_dir: {json.dumps(str(self.root / 'cc-replay'))}\n",
            encoding="utf-8",
        )

    def fresh(self) -> Path:
        """Return a new empty directory."""
        self.count += 1
        path = self.root / "runs" / str(self.count)
        path.mkdir(parents=True)
        return path

    def run(self, command: list[str], cwd: Path, *, offline: bool, temp: Path | None = None) -> tuple[Timing, str]:
        """Run `command` (with `temp` or the shared temp directory), fail loudly if it fails; return its timing and output."""
        env = run_env(offline=offline, temp=temp or self.temp)
        cpu, start = children_cpu(), time.perf_counter()
        result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
        timing = Timing(time.perf_counter() - start, children_cpu() - cpu)
        if result.returncode != 0:
            sys.exit(f"`{' '.join(command)}` exited {result.returncode} in {cwd}:\n{result.stdout}\n{result.stderr}")
        return timing, result.stdout + result.stderr

    def bake(
        self, template: Path, answers: list[str], *, offline: bool = True, first: bool = False
    ) -> tuple[Timing, Path]:
        """Bake `template` with `key=value` answers into a fresh directory; return timing and project.

        `first`: bake with a new, empty temp directory, as the first bake on a machine would.
        """
        out = self.fresh()
        temp = None
        if first:
            temp = out.with_name(f"{out.name}-temp")
            temp.mkdir()
        command = [self.cookiecutter, "--no-input", "--config-file", str(self.config), "-o", str(out)]
        timing, _ = self.run([*command, str(template), *answers], out, offline=offline, temp=temp)
        (project,) = out.iterdir()
        return timing, project

    def green(self, template: Path, answers: list[str], *, offline: bool = True) -> dict[str, Timing]:
        """Bake, `uv sync`, `uv run pytest`; check the tests passed; return each step's timing."""
        bake, project = self.bake(template, answers, offline=offline)
        sync, _ = self.run(["uv", "sync"], project, offline=offline)
        test, output = self.run(["uv", "run", "pytest"], project, offline=offline)
        if not re.search(r"\b[1-9]\d* passed\b", output):
            sys.exit(f"no test passed in {project}:\n{output}")
        if "--cov" in (project / "pyproject.toml").read_text(encoding="utf-8") and not re.search(
            r"Required test coverage of 100(\.0+)?% reached", output
        ):
            sys.exit(f"coverage floor not reached in {project}:\n{output}")
        return {"total": bake + sync + test, "bake": bake, "sync": sync, "pytest": test}


def ratios(ours: list[Timing], floors: list[Timing], kind: str) -> str:
    """Return the wall-time ratios of each pair (median and range) with their CPU-time counterpart."""
    walls = [a.wall / b.wall for a, b in zip(ours, floors, strict=True)]
    text = f"{statistics.median(walls):.2f}x ({min(walls):.2f}-{max(walls):.2f})"
    if all(t.cpu == t.cpu for t in ours + floors):  # CPU time is NaN where it cannot be read
        cpus = [a.cpu / b.cpu for a, b in zip(ours, floors, strict=True)]
        text += f", cpu {statistics.median(cpus):.2f}x"
    verdict = "within" if statistics.median(walls) <= BOUNDS[kind] else "OVER"
    return f"{text}  [{verdict} {BOUNDS[kind]:.2f}x]"


def ms(timings: list[Timing]) -> str:
    """Return the median wall time of `timings` in milliseconds."""
    return f"{statistics.median(t.wall for t in timings) * 1000:.0f} ms"


def bench_bake(runner: Runner, template: Path, first_template: Path, pairs: int) -> None:
    """Print our bake time against the one-file template, per layout: after a first bake, and a first bake.

    `first_template` is the same template without its modules' bytecode.
    """
    floor = write_tree(runner.root / "floor-bake", FLOOR_BAKE)
    print(f"\n## bake: this template / one-file template ({pairs} pairs, bound {BOUNDS['bake']:.2f}x)")
    for layout in LAYOUTS:
        answers = [f"layout={layout}"]
        for _ in range(2):  # warm-up: page cache, filesystem, cookiecutter's own first-run work
            runner.bake(template, answers)
            runner.bake(floor, [])
        ours, floors = [], []
        for _ in range(pairs):
            ours.append(runner.bake(template, answers)[0])
            floors.append(runner.bake(floor, [])[0])
        print(f"{layout:8} {ratios(ours, floors, 'bake')}  ours {ms(ours)}, floor {ms(floors)}")
        firsts, floors = [], []
        for _ in range(pairs):
            firsts.append(runner.bake(first_template, answers, first=True)[0])
            floors.append(runner.bake(floor, [])[0])
        print(f"  first bake (nothing compiled yet): {ratios(firsts, floors, 'bake')}  ours {ms(firsts)}")


def bench_green(runner: Runner, template: Path, pairs: int) -> None:
    """Print our bake-to-green time against the minimal package, per layout, with each step's time."""
    floor = write_tree(runner.root / "floor-green", FLOOR_GREEN)
    print(
        f"\n## green: bake + uv sync + uv run pytest, this template / minimal uv_build package"
        f" ({pairs} pairs, offline, bound {BOUNDS['green']:.2f}x)"
    )
    runner.green(floor, [], offline=False)  # online warm-up fills uv's cache
    for layout in LAYOUTS:
        answers = [f"layout={layout}"]
        runner.green(template, answers, offline=False)
        runner.green(template, answers)  # offline warm-up: proves the cache is enough
        runner.green(floor, [])
        ours, floors = [], []
        for _ in range(pairs):
            ours.append(runner.green(template, answers))
            floors.append(runner.green(floor, []))
        print(f"{layout:8} {ratios([r['total'] for r in ours], [r['total'] for r in floors], 'green')}")
        for step in ("total", "bake", "sync", "pytest"):
            print(f"  {step:7} ours {ms([r[step] for r in ours]):>8}, floor {ms([r[step] for r in floors]):>8}")


def backend_project(root: Path, backend: str, layout: str) -> Path:
    """Write a dependency-free project built by `backend` in `layout`; return its directory."""
    project = root / f"{backend}-{layout}"
    source = "src/pkg/__init__.py" if layout == "library" else "src/pkg.py"
    pyproject = (
        f'[project]\nname = "pkg"\nversion = "0.1.0"\ndescription = "Scratch."\nrequires-python = ">={PYTHON_MIN}"\n'
    )
    spec = BACKENDS[backend]
    if spec is not None:
        requires, api, extra = spec
        pyproject += f'\n[build-system]\nrequires = ["{requires}"]\nbuild-backend = "{api}"\n'
        if extra[layout]:
            pyproject += f"\n{extra[layout]}"
    return write_tree(project, {"pyproject.toml": pyproject, source: '"""Scratch."""\n\nVALUE = 1\n'})


def bench_backends(runner: Runner, rounds: int) -> None:
    """Print `uv sync` of a fresh dependency-free project for each backend and layout."""
    print(f"\n## backends: uv sync of a fresh project, no dependencies ({rounds} rounds, offline)")
    configs = [
        (backend, layout)
        for backend, spec in BACKENDS.items()
        for layout in LAYOUTS
        if spec is None or layout in spec[2]
    ]
    sources = {config: backend_project(runner.root / "backends", *config) for config in configs}

    def sync(config: tuple[str, str], *, offline: bool = True) -> Timing:
        project = runner.fresh() / "pkg"
        shutil.copytree(sources[config], project)
        elapsed, _ = runner.run(["uv", "sync"], project, offline=offline)
        if config[0] != "none":  # the editable install must really import from the project's src/
            _, where = runner.run(
                [str(project / ".venv" / "bin" / "python"), "-c", "import pkg; print(pkg.__file__)"],
                project,
                offline=True,
            )
            if not Path(where.strip()).resolve().is_relative_to(project.resolve() / "src"):
                sys.exit(f"{config}: pkg imports from {where.strip()}, not from {project / 'src'}")
        return elapsed

    times: dict[tuple[str, str], list[Timing]] = {config: [] for config in configs}
    for config in configs:
        sync(config, offline=False)
        sync(config)
    for index in range(rounds):  # rotate the order, so no config always runs first or last
        for config in configs[index % len(configs) :] + configs[: index % len(configs)]:
            times[config].append(sync(config))

    def median(config: tuple[str, str], what: str) -> float:
        return statistics.median(getattr(t, what) for t in times[config])

    def editable(config: tuple[str, str], what: str) -> float:
        return median(config, what) - median(("none", config[1]), what)

    fastest = {
        layout: min(editable(c, "wall") for c in configs if c[1] == layout and c[0] != "none") for layout in LAYOUTS
    }
    print(f"{'backend':12} {'layout':8} {'uv sync':>8} {'editable':>9} {'(cpu)':>7} {'x fastest':>10}")
    for config in sorted(configs, key=lambda c: (c[1], median(c, "wall"))):
        line = f"{config[0]:12} {config[1]:8} {median(config, 'wall') * 1000:5.0f} ms"
        if config[0] != "none":
            line += f" {editable(config, 'wall') * 1000:6.0f} ms {editable(config, 'cpu') * 1000:4.0f} ms"
            line += f" {editable(config, 'wall') / fastest[config[1]]:9.1f}x"
        print(line)
    print("(editable: uv sync minus the same project without a build system, medians of wall and CPU time;")
    print(" x fastest: editable time over the fastest backend's for that layout)")


def machine() -> str:
    """Describe the machine and the tools the figures come from."""
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        models = [line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines() if "model name" in line]
        cpu = models[0] if models else cpu
    uv = subprocess.run(["uv", "--version"], capture_output=True, text=True, check=True).stdout.strip()
    cookiecutter = importlib.metadata.version("cookiecutter")
    python = subprocess.run(  # the interpreter uv picks for the baked projects
        ["uv", "python", "find", f">={PYTHON_MIN}"],
        capture_output=True,
        text=True,
        check=False,
        env=run_env(offline=True, temp=Path(tempfile.gettempdir())),
        cwd=tempfile.gettempdir(),
    ).stdout.strip()
    return (
        f"{os.cpu_count()} cores ({cpu}), {platform.system()} {platform.release()}; "
        f"cookiecutter {cookiecutter} on Python {platform.python_version()}; {uv}; projects' Python {python}; "
        f"PYTHONDONTWRITEBYTECODE={os.environ.get('PYTHONDONTWRITEBYTECODE', '')!r}"
    )


def main() -> None:
    """Parse the command line and run the measurements asked for."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("which", nargs="*", metavar="{bake,green,backends}", help="what to measure (default: all)")
    parser.add_argument("--pairs", type=int, default=21, help="timed pairs for bake (default 21)")
    parser.add_argument("--green-pairs", type=int, default=9, help="timed pairs for green (default 9)")
    parser.add_argument("--rounds", type=int, default=9, help="timed rounds for backends (default 9)")
    parser.add_argument("--template", type=Path, default=TEMPLATE, help="the template to time (default: this one)")
    args = parser.parse_args()
    which = args.which or ["bake", "green", "backends"]
    if set(which) - {"bake", "green", "backends"}:
        parser.error(f"unknown measurement in {which}; choose from bake, green, backends")
    print(f"# {machine()}")
    print(f"# template: {args.template.resolve()} (copied; its modules compiled, except for first bakes)")
    with tempfile.TemporaryDirectory(prefix="pylayout-bench-") as tmp:
        cookiecutter, python = install_cookiecutter(Path(tmp))
        template = copy_template(args.template.resolve(), Path(tmp) / "template", python=python)
        first_template = copy_template(args.template.resolve(), Path(tmp) / "template-first", python=None)
        runner = Runner(Path(tmp), cookiecutter)
        if "bake" in which:
            bench_bake(runner, template, first_template, args.pairs)
        if "green" in which:
            bench_green(runner, template, args.green_pairs)
        if "backends" in which:
            bench_backends(runner, args.rounds)


if __name__ == "__main__":
    main()
