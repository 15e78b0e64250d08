"""Refuse answers that cannot give a working project, before cookiecutter writes any file.

Cookiecutter runs this file after the prompts, with the answers rendered into `ANSWERS` below
as JSON data (never as Python source, so no answer can break or inject into this file). Each
check returns a message that names the answer, says what is wrong and shows a valid example;
on any message the hook prints them all and exits 1, and cookiecutter removes the new directory.
Standard library only: this runs in the user's interpreter.
"""

from __future__ import annotations

import json
import keyword
import re
import sys

ANSWERS = json.loads(r'''{{ cookiecutter | tojson }}''')

# Names the generated project's own files and tools already claim at the top of `sys.path`.
RESERVED_NAMES = frozenset({"src", "tests", "test", "setup", "conftest", "docs", "build", "dist"})
# PEP 508 / core-metadata "Name": ASCII letters and digits, with `.`, `_`, `-` between them.
DISTRIBUTION_NAME = re.compile(r"^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$", re.IGNORECASE)
MAX_DISTRIBUTION_NAME = 64
# PEP 440 public versions, as given in PEP 440's appendix (canonical and non-canonical forms).
PEP440_VERSION = re.compile(
    r"""^\s*v?
    (?:(?:[0-9]+)!)?[0-9]+(?:\.[0-9]+)*
    (?:[-_.]?(?:a|b|c|rc|alpha|beta|pre|preview)[-_.]?[0-9]*)?
    (?:-[0-9]+|[-_.]?(?:post|rev|r)[-_.]?[0-9]*)?
    (?:[-_.]?dev[-_.]?[0-9]*)?
    (?:\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?
    \s*$""",
    re.IGNORECASE | re.VERBOSE,
)
EMAIL = re.compile(r"^[^@\s\"<>,;]+@[^@\s\"<>,;]+\.[^@\s\"<>,;.]+$")
SUPPORTED_PYTHONS = ("3.10", "3.11", "3.12", "3.13", "3.14")


def check_package_name(name: str) -> str | None:
    """Return why `name` cannot be the import name, or None when it can."""
    example = "Use lowercase ASCII letters, digits and underscores, starting with a letter, e.g. package_name=my_tool."
    if not name.isascii():
        return f"package_name {name!r} is not ASCII. {example}"
    if not name.isidentifier():
        return f"package_name {name!r} is not a valid Python identifier. {example}"
    if name.startswith("_"):
        return f"package_name {name!r} starts with an underscore, which marks a name private. {example}"
    if keyword.iskeyword(name) or keyword.issoftkeyword(name):
        return f"package_name {name!r} is a Python keyword. Pick another name, e.g. package_name=my_{name}."
    if name in sys.stdlib_module_names:
        return (
            f"package_name {name!r} would shadow the standard-library module of that name. "
            f"Pick another name, e.g. package_name=py_{name}."
        )
    if name in RESERVED_NAMES:
        return (
            f"package_name {name!r} collides with the project's own {name!r} files or tools. "
            f"Pick another name, e.g. package_name=my_{name}."
        )
    return None


def check_project_slug(slug: str) -> str | None:
    """Return why `slug` cannot be the distribution and directory name, or None when it can."""
    example = "Use ASCII letters, digits and '-', '_' or '.' between them, e.g. project_slug=my-tool."
    if not slug.strip():
        return f"project_slug is empty. {example}"
    if "/" in slug or "\\" in slug or ".." in slug:
        return f"project_slug {slug!r} contains a path separator or '..'; it must name one new directory. {example}"
    if len(slug) > MAX_DISTRIBUTION_NAME:
        return f"project_slug {slug!r} is longer than {MAX_DISTRIBUTION_NAME} characters. Pick a shorter name."
    if not DISTRIBUTION_NAME.match(slug):
        return f"project_slug {slug!r} is not a valid distribution name (PEP 508). {example}"
    return None


def check_version(version: str) -> str | None:
    """Return why `version` is not a PEP 440 version, or None when it is one."""
    if PEP440_VERSION.match(version) and version == version.strip():
        return None
    return f"version {version!r} is not a PEP 440 version. Use e.g. version=0.1.0, 1.0.0rc1 or 2.0.post1."


def check_author_email(email: str) -> str | None:
    """Return why `email` is not an email address, or None when it is one."""
    if EMAIL.match(email):
        return None
    return f"author_email {email!r} is not an email address. Use e.g. author_email=ada@example.com."


def check_python_min(python_min: str) -> str | None:
    """Return why `python_min` is not a supported oldest Python, or None when it is one."""
    if python_min in SUPPORTED_PYTHONS:
        return None
    return f"python_min {python_min!r} is not supported. Choose one of {', '.join(SUPPORTED_PYTHONS)}."


# Build backends that can build `layout=module` (one file, src/<name>.py), and the plugin each
# backend uses for `versioning=vcs`. uv_build expects src/<name>/__init__.py; flit-core and uv_build
# read no version from git.
MODULE_BACKENDS = ("flit-core", "hatchling", "setuptools", "pdm-backend")
VCS_PLUGINS = {"hatchling": "hatch-vcs", "setuptools": "setuptools-scm", "pdm-backend": "its scm source"}


def check_combination(answers: dict[str, object]) -> str | None:
    """Return why the build backend cannot build this layout or versioning, or None when it can."""
    backend, layout, versioning = answers["build_backend"], answers["layout"], answers["versioning"]
    found = []
    if layout == "module" and backend not in MODULE_BACKENDS:
        found.append(
            f"build_backend={backend} cannot build layout=module: it only builds a package directory "
            f"(src/<name>/__init__.py), not a single file src/<name>.py. Choose build_backend="
            f"{', '.join(MODULE_BACKENDS)}, or layout=library."
        )
    if versioning == "vcs" and backend not in VCS_PLUGINS:
        plugins = ", ".join(f"{name} ({plugin})" for name, plugin in VCS_PLUGINS.items())
        found.append(
            f"versioning=vcs needs a build backend that reads the version from git tags, and "
            f"build_backend={backend} cannot. Choose build_backend={plugins}, or versioning=static."
        )
    return " ".join(found) or None


def problems(answers: dict[str, object]) -> list[str]:
    """Return every message about `answers`, in prompt order; an empty list means all is well."""
    checks = (
        (check_project_slug, "project_slug"),
        (check_package_name, "package_name"),
        (check_version, "version"),
        (check_author_email, "author_email"),
        (check_python_min, "python_min"),
    )
    found = [check(str(answers[key])) for check, key in checks]
    found.append(check_combination(answers))
    return [message for message in found if message]


def main() -> int:
    """Print every problem with the answers to stderr; return the exit status."""
    found = problems(ANSWERS)
    for message in found:
        print(f"ERROR: {message}", file=sys.stderr)
    if found:
        print("No project was generated. Run cookiecutter again with the answers fixed.", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
