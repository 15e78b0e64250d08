"""Report the template's pins that exclude or lag the newest release; rewrite them with --write.

    uv run scripts/pins.py [--online] [--write]

An upper bound is stale when it excludes the newest release; a minimum, `rev:` or action when the
newest, cut to its precision, is newer (`pytest>=9` is current with 9.2.0). The newest is uv.lock's
(actions: this repository's workflows'), or PyPI's and GitHub's with --online. Exit 1 if one stays stale.
"""

from __future__ import annotations

import argparse
import functools
import json
import re
import sys
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomllib
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
# Hook repositories whose tags are the releases of a PyPI distribution.
HOOKS = {
    "astral-sh/ruff-pre-commit": "ruff",
    "pre-commit/mirrors-mypy": "mypy",
    "pre-commit/pre-commit-hooks": "pre-commit-hooks",
    "codespell-project/codespell": "codespell",
    "hukkin/mdformat": "mdformat",
    "adrienverge/yamllint": "yamllint",
}
ACTION = re.compile(r"uses: (?P<name>[\w.-]+/[\w.-]+)@(?P<sha>[0-9a-f]{40})  # v(?P<v>[\d.]+)")
HOOK = re.compile(r"- repo: https://github\.com/(?P<name>\S+)\n\s+rev: (?P<v>\S+)")
MINIMUM = re.compile(r'"(?P<name>[\w.-]+)>=(?P<v>[\d.]+)"')


@dataclass
class Pin:
    """One pin: where it is, what it pins, and how to write it for a newer release."""

    path: Path
    name: str  # a PyPI distribution, or `github:owner/repo`
    kind: str  # "upper" (an exclusive upper bound) or "minimum"
    version: str
    old: str  # its exact text in the file

    def new(self, newest: Version, sha: str | None) -> str:
        """Return the pin's text once it admits `newest` (`sha`: the commit of its release, known for an action)."""
        if self.kind == "upper":
            bound = f"{newest.major + 1}" if newest.major else f"0.{newest.minor + 1}"
            return self.old.replace(f"<{self.version}", f"<{bound}")
        if self.old.startswith("uses:"):
            return f"uses: {self.name.removeprefix('github:')}@{sha}  # v{newest}"
        cut = ".".join(map(str, newest.release[: len(Version(self.version).release)]))
        head, _, tail = self.old.rpartition(self.version)
        return f"{head}{'v' if self.version.startswith('v') else ''}{cut}{tail}"

    def stale(self, newest: Version) -> bool:
        """Return whether the pin excludes `newest` (an upper bound) or lags it (a minimum)."""
        if self.kind == "upper":
            return newest >= Version(self.version)
        have = Version(self.version).release
        return newest.release[: len(have)] > have


def find_pins(root: Path) -> list[Pin]:
    """Return every pin of the template under `root`."""
    pins = []
    build_systems = json.loads((root / "cookiecutter.json").read_text(encoding="utf-8"))["_build_systems"]
    for system in build_systems.values():
        for text in system.get("requires", []) + system.get("vcs", []):
            for spec in Requirement(text).specifier:
                if spec.operator == "<":
                    name = canonicalize_name(Requirement(text).name)
                    pins.append(Pin(root / "cookiecutter.json", name, "upper", spec.version, f'"{text}"'))
    (tree,) = (p for p in root.iterdir() if p.is_dir() and "cookiecutter.project_slug" in p.name)
    pyproject = tree / "pyproject.toml"
    for line in re.findall(r"^(?:test|lint) = \[.*\]$", pyproject.read_text(encoding="utf-8"), re.MULTILINE):
        for m in MINIMUM.finditer(line):
            pins.append(Pin(pyproject, canonicalize_name(m["name"]), "minimum", m["v"], m[0]))
    for path in sorted(tree.rglob("*")):
        if path.is_file() and re.search(r"\.ya?ml\b", path.name):
            text = path.read_text(encoding="utf-8")
            for m in HOOK.finditer(text):
                pins.append(Pin(path, HOOKS.get(m["name"], f"github:{m['name']}"), "minimum", m["v"], m[0]))
            for m in ACTION.finditer(text):
                pins.append(Pin(path, f"github:{m['name']}", "minimum", m["v"], m[0]))
    return pins


def locked(root: Path) -> dict[str, tuple[str, str | None]]:
    """Return the newest versions known offline: uv.lock's, and the actions of this repo's workflows."""
    lock = tomllib.loads((root / "uv.lock").read_text(encoding="utf-8"))
    newest: dict[str, tuple[str, str | None]] = {p["name"]: (p["version"], None) for p in lock["package"]}
    for workflow in sorted((root / ".github" / "workflows").glob("*.yml")):
        for m in ACTION.finditer(workflow.read_text(encoding="utf-8")):
            newest[f"github:{m['name']}"] = (m["v"], m["sha"])
    return newest


def online(name: str) -> tuple[str, str | None] | None:
    """Return the newest release of `name` from PyPI or GitHub (with its commit), or None."""

    def get(url: str) -> Any:
        with urllib.request.urlopen(urllib.request.Request(url, headers={"User-Agent": "pins.py"}), timeout=30) as r:
            return json.load(r)

    try:
        if not name.startswith("github:"):
            return get(f"https://pypi.org/pypi/{name}/json")["info"]["version"], None
        repo = name.removeprefix("github:")
        tag = get(f"https://api.github.com/repos/{repo}/releases/latest")["tag_name"]
        return tag.removeprefix("v"), get(f"https://api.github.com/repos/{repo}/commits/{tag}")["sha"]
    except (OSError, KeyError, ValueError) as error:  # offline, rate-limited, or no release
        print(f"{name}: no answer ({error})", file=sys.stderr)
        return None


def main(argv: list[str] | None = None) -> int:
    """Print the stale pins (and rewrite them with --write); return 1 if any is left stale."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--online", action="store_true", help="ask PyPI and GitHub instead of reading uv.lock")
    parser.add_argument("--write", action="store_true", help="rewrite each stale pin to admit the newest release")
    parser.add_argument("--root", type=Path, default=ROOT, help="the template (default: this clone)")
    args = parser.parse_args(argv)
    newest_of = functools.cache(online if args.online else locked(args.root).get)
    left = 0
    for pin in find_pins(args.root):
        where = f"{pin.path.relative_to(args.root)}: {pin.name} {'<' if pin.kind == 'upper' else ''}{pin.version}"
        found = newest_of(pin.name)
        if found is None:
            print(f"{where}  newest unknown")
            continue
        version, sha = found
        newest = Version(version)
        if not pin.stale(newest):
            continue
        verb = "excludes" if pin.kind == "upper" else "lags"
        if args.write:
            text = pin.path.read_text(encoding="utf-8")
            pin.path.write_text(text.replace(pin.old, pin.new(newest, sha)), encoding="utf-8")
            print(f"{where}  {verb} {newest}: rewritten")
        else:
            print(f"{where}  {verb} {newest}")
            left += 1
    return 1 if left else 0


if __name__ == "__main__":
    sys.exit(main())
