#!/usr/bin/env -S uv run --script
# /// script
# dependencies = ["nox>=2025.2.9"]
# ///
"""The project's tasks, one nox session each: `uvx nox -s <session>` (`uvx nox --list` names them).

`./noxfile.py -s <session>` runs the same, with the nox the script block above asks for.

CI and a developer's shell run these same commands{% if cookiecutter.pre_commit %} (pre-commit runs the same tools, with the same
settings, on each commit){% endif %}. Each session installs into its own environment exactly what
`uv sync` would install (the project and the dependency groups it names, at the versions in
`uv.lock`), so the tools here are the tools `uv run` gives you.
"""
{%- if cookiecutter.docs == "zensical" %}

import shutil
{%- endif %}

import nox

nox.needs_version = ">=2025.2.9"
nox.options.default_venv_backend = "uv"
# A Python missing here is installed by uv (nox runs `uv python install 3.X`); where uv may not
# (offline, or downloads turned off), the session fails and uv says why. Never skipped: a skipped
# session would leave the run green, having tested nothing on that Python.
nox.options.error_on_missing_interpreters = True

# Every Python the project supports, oldest first; the other sessions run on the oldest.
PYTHONS = [{{ cookiecutter.__pythons }}]


def sync(session: nox.Session, *args: str) -> None:
    """Install into the session's environment what `uv sync *args` installs into `.venv`."""
    location = session.virtualenv.location
    session.run_install(
        "uv",
        "sync",
        f"--python={location}",
        *args,
        env={"UV_PROJECT_ENVIRONMENT": location},
    )


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    """Run the whole suite, measuring coverage with its 100% floor, on each supported Python."""
    sync(session)
    session.run("pytest", "--cov", "--cov-fail-under=100", *session.posargs)


@nox.session(python=PYTHONS[0])
def lint(session: nox.Session) -> None:
    """Check the code with ruff, and that it is formatted (`ruff format` fixes that)."""
    sync(session, "--only-group=lint")
    session.run("ruff", "check")
    session.run("ruff", "format", "--check")


@nox.session(python=PYTHONS[0])
def typecheck(session: nox.Session) -> None:
    """Type-check src/ and tests/ with mypy --strict (settings in pyproject.toml)."""
    sync(session, "--group=lint")
    session.run("mypy")
{%- if cookiecutter.docs == "sphinx" %}


@nox.session(python=PYTHONS[0])
def docs(session: nox.Session) -> None:
    """Build the documentation into docs/_build/html (or the folder given after `--`).

    Any warning fails the build, so a broken reference or docstring is caught here.
    """
    sync(session, "--no-default-groups", "--group=docs")
    output = session.posargs[0] if session.posargs else "docs/_build/html"
    session.run("sphinx-build", "--fail-on-warning", "--keep-going", "--nitpicky", "docs", output)
{%- elif cookiecutter.docs == "mkdocs" %}


@nox.session(python=PYTHONS[0])
def docs(session: nox.Session) -> None:
    """Build the documentation into site/ (or the folder given after `--`).

    Any warning fails the build, so a broken link or docstring is caught here.
    """
    sync(session, "--no-default-groups", "--group=docs")
    output = session.posargs[0] if session.posargs else "site"
    session.run("mkdocs", "build", "--strict", "--site-dir", output)
{%- elif cookiecutter.docs == "zensical" %}


{% if cookiecutter.python_min == "3.10" -%}
@nox.session(python="3.11")  # Zensical runs on Python 3.11 or later
{%- else -%}
@nox.session(python=PYTHONS[0])
{%- endif %}
def docs(session: nox.Session) -> None:
    """Build the documentation into site/, and copy it to the folder given after `--`, if any.

    Any warning fails the build, so a broken link or docstring is caught here.
    """
    sync(session, "--no-default-groups", "--group=docs")
    session.run("zensical", "build", "--strict")
    if session.posargs:
        shutil.copytree("site", session.posargs[0], dirs_exist_ok=True)
{%- endif %}


@nox.session(venv_backend="none")
def build(session: nox.Session) -> None:
    """Build the wheel and the sdist into dist/, replacing what was there."""
    session.run("uv", "build", "--clear")


if __name__ == "__main__":
    nox.main()
