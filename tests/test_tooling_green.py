"""The task runner works: `uvx nox` runs every session green on each covering row (slow tier).

Each row is copied and `uvx nox` runs there as a developer would run it, every session at once:
lint, typecheck, tests (on the row's oldest Python, the one this machine is sure to have), docs
with warnings as errors, build. The documentation must then hold an entry for every public function,
and a Markdown site (Zensical, MkDocs) with a broken link must fail its strict build.
The noxfile also runs as a script (`./noxfile.py`, PEP 723), and knows the same sessions.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import BakedProject, find_python
from test_task_runner import noxfile
from tooling import ROW_PARAMS

API_PAGE = {
    "sphinx": "docs/_build/html/api.html",
    "zensical": "site/api/index.html",
    "mkdocs": "site/api/index.html",
}


def run_nox(project: BakedProject, tmp_path: Path, *args: str) -> tuple[BakedProject, dict[str, str]]:
    """Run `uvx nox *args` in a copy of `project` on its oldest Python; return it and the results."""
    python = find_python(project["python_min"])
    if python is None:
        pytest.skip(f"no Python {project['python_min']} interpreter on this machine")
    copy = BakedProject(tmp_path / project.path.name, project.answers, project.context)
    shutil.copytree(project.path, copy.path)
    # --force-python: run on this interpreter; nox may not find it by version alone.
    report = tmp_path / "nox-report.json"
    copy.run("uvx", "nox", "--force-python", python, "--report", str(report), *args)
    sessions = json.loads(report.read_text(encoding="utf-8"))["sessions"]
    return copy, {session["name"]: session["result"] for session in sessions}


def public_functions(project: BakedProject) -> set[str]:
    """Return the dotted names the API page must document, where the code defines them."""
    package = project["package_name"]
    if project["layout"] == "module":
        return {f"{package}.greet", f"{package}.normalize_name"}
    return {f"{package}.core.greet", f"{package}.names.normalize_name"}


@pytest.mark.green
@pytest.mark.parametrize("answers", ROW_PARAMS)
def test_every_nox_session_is_green(bake, tmp_path: Path, answers: dict[str, Any]) -> None:
    copy, results = run_nox(bake(**answers), tmp_path)
    assert results == dict.fromkeys(noxfile(copy)["sessions"], "success")
    assert sorted(p.suffix for p in (copy.path / "dist").iterdir() if p.suffix != "") == [".gz", ".whl"]
    if answers["docs"] != "none":
        page = (copy.path / API_PAGE[answers["docs"]]).read_text(encoding="utf-8")
        assert public_functions(copy) <= set(re.findall(r'id="([\w.]+)"', page))


@pytest.mark.green
def test_sphinx_shows_free_text_as_typed(bake, tmp_path: Path) -> None:
    name = "*Not* `markup` |sub| _x_ .. [1] :role:`y` 日本 🎉"
    description = "- not a list\n#. nor this: **bold**"
    copy, _ = run_nox(
        bake(project_name=name, description=description, layout="module", docs="sphinx"), tmp_path, "-s", "docs"
    )
    page = html.unescape((copy.path / "docs/_build/html/index.html").read_text(encoding="utf-8"))
    assert f"<h1>{name}" in page
    assert "- not a list #. nor this: **bold**" in page


@pytest.mark.green
@pytest.mark.skipif(os.name == "nt", reason="a shebang line is a POSIX feature")
def test_noxfile_runs_as_a_script(bake) -> None:
    project = bake()
    # `uv run --script` installs the nox of the PEP 723 block, which then reads this same file.
    listed = project.run("./noxfile.py", "--list", "--json")
    names = {session["name"] for session in json.loads(listed)}
    assert names == set(noxfile(project)["sessions"])


@pytest.mark.green
@pytest.mark.parametrize("docs", [docs for docs in API_PAGE if docs != "sphinx"])
def test_markdown_docs_build_refuses_a_broken_link(bake, tmp_path: Path, docs: str) -> None:
    # The strict build is what makes the docs session a check: a link to no page must fail it.
    project = bake(docs=docs, ci="none")
    python = find_python(project["python_min"])
    if python is None:
        pytest.skip(f"no Python {project['python_min']} interpreter on this machine")
    copy = BakedProject(tmp_path / project.path.name, project.answers, project.context)
    shutil.copytree(project.path, copy.path)
    index = copy.path / "docs" / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\nSee [the guide](guide.md).\n", encoding="utf-8")
    # Each tool's words for it (Zensical colours the path letter by letter).
    refusal = {"zensical": "page does not exist", "mkdocs": "guide.md"}[docs]
    with pytest.raises(pytest.fail.Exception, match=refusal):
        copy.run("uvx", "nox", "--force-python", python, "-s", "docs")
