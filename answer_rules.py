"""Refuse answers that cannot give a working project, before cookiecutter writes any file.

Cookiecutter runs this file after the prompts, with the answers rendered into `answers()` below
as Python string literals (by the `py` filter, so no answer can break or inject into this file).
Each check returns a message that names the answer, says what is wrong and shows a valid example;
on any message the hook prints them all and exits 1, and cookiecutter removes the new directory.
`local_extensions.py` imports this file unrendered (only `main()` calls `answers()`) to derive
default names that pass these same checks. Standard library only: this runs in the user's
interpreter, on every bake, so it imports little (`re` only for a version that needs it).
"""

import keyword
import sys
import unicodedata


def answers() -> dict[str, str]:
    """Return the answers this hook checks, as cookiecutter rendered them into this file."""
    return {
        "project_name": {{cookiecutter.project_name | py}},
        "project_slug": {{cookiecutter.project_slug | py}},
        "package_name": {{cookiecutter.package_name | py}},
        "layout": {{cookiecutter.layout | py}},
        "description": {{cookiecutter.description | py}},
        "keywords": {{cookiecutter.keywords | py}},
        "author_name": {{cookiecutter.author_name | py}},
        "author_email": {{cookiecutter.author_email | py}},
        "homepage": {{cookiecutter.homepage | py}},
        "version": {{cookiecutter.version | py}},
        "python_min": {{cookiecutter.python_min | py}},
        "cli": {{cookiecutter.cli | py}},
        "build_backend": {{cookiecutter.build_backend | py}},
        "versioning": {{cookiecutter.versioning | py}},
    }


# Generated lines that name the package (such as `runpy.run_module("<name>", run_name=...)` in the
# CLI tests) must fit ruff's line-length of 100, or `ruff format --check` fails; 40 leaves room.
MAX_PACKAGE_NAME = 40
MAX_DISTRIBUTION_NAME = 64
# Top-level names the generated project's own files or tools already claim: a package of that name
# would shadow them (or be shadowed by them) on `sys.path`.
PROJECT_NAMES = frozenset({"src", "tests", "test", "setup", "conftest", "docs", "build", "dist"})
TOOL_NAMES = frozenset(
    {
        # the `test` and `lint` dependency groups (pytest, pytest-cov, coverage, mypy, ruff) and what
        # they pull in, as `uv.lock` of a generated project lists them, plus the default build backend
        "pytest", "_pytest", "py", "pluggy", "iniconfig", "packaging", "pygments", "colorama",
        "exceptiongroup", "tomli", "coverage", "pytest_cov", "mypy", "mypyc", "mypy_extensions",
        "typing_extensions", "pathspec", "librt", "ast_serialize", "ruff", "flit_core",
        # the other build backends and their version plugins, the task runner, the docs tools
        "hatchling", "hatch_vcs", "setuptools", "setuptools_scm", "pkg_resources", "pdm", "uv_build",
        "nox", "sphinx", "furo", "mkdocs", "mkdocstrings", "material",
    }
)  # fmt: skip
# Import names that each `cli` answer installs (the library and what it depends on).
CLI_IMPORTS = {
    "click": frozenset({"click"}),
    "typer": frozenset({"typer", "click", "rich", "shellingham", "markdown_it", "mdurl"}),
}
# Standard-library modules on some supported Python (3.10-3.14) but maybe not on the one running
# this hook: added (`tomllib` 3.11, `annotationlib` and `compression` 3.14) or removed (3.12, 3.13).
OTHER_STDLIB = frozenset(
    {
        "tomllib", "annotationlib", "compression", "distutils", "asynchat", "asyncore", "imp", "smtpd",
        "aifc", "audioop", "cgi", "cgitb", "chunk", "crypt", "imghdr", "mailcap", "msilib", "nis",
        "nntplib", "ossaudiodev", "pipes", "sndhdr", "spwd", "sunau", "telnetlib", "uu", "xdrlib",
        "lib2to3",
    }
)  # fmt: skip
SOFT_KEYWORDS = frozenset({"_", "case", "match", "type", *keyword.softkwlist})
# Names Windows cannot give a file or directory, with or without an extension.
WINDOWS_DEVICES = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))}
)
# PEP 440 versions in any spelling (PEP 440's appendix), to tell "not a version" from "not canonical":
# a pattern compiled only for a version that is more than numbers and dots.
VERSION = r"""\s*v?(?:(?P<epoch>[0-9]+)!)?(?P<release>[0-9]+(?:\.[0-9]+)*)
    (?:[-_.]?(?P<pre>alpha|a|beta|b|preview|pre|rc|c)[-_.]?(?P<pre_n>[0-9]+)?)?
    (?:-(?P<post_implicit>[0-9]+)|[-_.]?(?P<post>post|rev|r)[-_.]?(?P<post_n>[0-9]+)?)?
    (?:[-_.]?(?P<dev>dev)[-_.]?(?P<dev_n>[0-9]+)?)?
    (?:\+(?P<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?\s*"""
PRE_RELEASE_SPELLINGS = {"alpha": "a", "beta": "b", "c": "rc", "pre": "rc", "preview": "rc"}
# What the two parts of an email address cannot hold, besides whitespace.
NOT_IN_EMAIL = frozenset('@"<>,;()[]\\')
SUPPORTED_PYTHONS = ("3.10", "3.11", "3.12", "3.13", "3.14")
# A valid value of each free-text answer, for the messages.
EXAMPLES = {"project_name": "'Café Tools'", "description": "'Tools for a café.'", "author_name": "'Zoë O’Brien'"}


def check_package_name(name: str) -> str | None:
    """Return why `name` cannot be the import name, or None when it can."""
    example = "Use lowercase ASCII letters, digits and underscores, starting with a letter, e.g. package_name=my_tool."
    if not name.isascii():
        return f"package_name {name!r} is not ASCII. {example}"
    if not name.isidentifier():
        return f"package_name {name!r} is not a valid Python identifier. {example}"
    if name.startswith("_"):
        return f"package_name {name!r} starts with an underscore, which marks a name private. {example}"
    if name != name.lower():
        return f"package_name {name!r} has capital letters; module names are lowercase (PEP 8). {example}"
    if len(name) > MAX_PACKAGE_NAME:
        return (
            f"package_name {name!r} is {len(name)} characters long, more than {MAX_PACKAGE_NAME}: generated "
            f"code lines that name it would no longer fit 100 columns. Pick a shorter name, e.g. "
            f"package_name={name[:MAX_PACKAGE_NAME].rsplit('_', 1)[0]}."
        )
    if keyword.iskeyword(name) or name in SOFT_KEYWORDS:
        return f"package_name {name!r} is a Python keyword. Pick another name, e.g. package_name=my_{name.strip('_')}."
    if name in sys.stdlib_module_names or name in OTHER_STDLIB:
        return (
            f"package_name {name!r} would shadow the standard-library module of that name. "
            f"Pick another name, e.g. package_name=py_{name}."
        )
    if name in PROJECT_NAMES or name in TOOL_NAMES:
        return (
            f"package_name {name!r} collides with the project's own {name!r} files or tools. "
            f"Pick another name, e.g. package_name=my_{name.strip('_')}."
        )
    if name in WINDOWS_DEVICES:
        return f"package_name {name!r} is a device name on Windows, so no file can have it. Pick another name, e.g. package_name=my_{name}."
    return None


def check_project_slug(slug: str) -> str | None:
    """Return why `slug` cannot be the distribution and directory name, or None when it can."""
    example = "Use ASCII letters, digits and '-', '_' or '.' between them, e.g. project_slug=my-tool."
    if not slug.strip():
        return f"project_slug is empty. {example}"
    if "/" in slug or "\\" in slug or ".." in slug:
        return f"project_slug {slug!r} contains a path separator or '..'; it must name one new directory. {example}"
    if len(slug) > MAX_DISTRIBUTION_NAME:
        return f"project_slug {slug!r} is longer than {MAX_DISTRIBUTION_NAME} characters. Pick a shorter name, e.g. project_slug=my-tool."
    if not is_distribution_name(slug):
        return f"project_slug {slug!r} is not a valid distribution name (PEP 508). {example}"
    if slug.split(".")[0].lower() in WINDOWS_DEVICES:
        return f"project_slug {slug!r} is a device name on Windows, so no directory can have it. Pick another, e.g. project_slug=my-{slug}."
    return None


def is_distribution_name(name: str) -> bool:
    """Return whether `name` is a PEP 508 name: ASCII letters and digits, with `.`, `_`, `-` between them."""
    return (
        name.isascii() and name[:1].isalnum() and name[-1:].isalnum() and all(c.isalnum() or c in "._-" for c in name)
    )


def canonical_version(version: str) -> str | None:
    """Return `version` spelt the way PEP 440 normalizes it, or None when it is not a version."""
    release = version.split(".")
    if all(number.isascii() and number.isdigit() for number in release):  # the usual case, such as 0.1.0
        return ".".join(str(int(number)) for number in release)
    import re  # only here: most versions are numbers and dots

    match = re.fullmatch(VERSION, version, re.IGNORECASE | re.VERBOSE)
    if not match:
        return None
    part = match.groupdict()
    text = f"{int(part['epoch'])}!" if part["epoch"] and int(part["epoch"]) else ""
    text += ".".join(str(int(number)) for number in part["release"].split("."))
    if part["pre"]:
        label = part["pre"].lower()
        text += f"{PRE_RELEASE_SPELLINGS.get(label, label)}{int(part['pre_n'] or 0)}"
    if part["post_implicit"] or part["post"]:
        text += f".post{int(part['post_implicit'] or part['post_n'] or 0)}"
    if part["dev"]:
        text += f".dev{int(part['dev_n'] or 0)}"
    if part["local"]:
        segments = re.split(r"[-_.]", part["local"].lower())
        text += "+" + ".".join(str(int(s)) if s.isdigit() else s for s in segments)
    return text


def check_version(version: str) -> str | None:
    """Return why `version` is not a PEP 440 version in canonical spelling, or None when it is one."""
    canonical = canonical_version(version)
    if canonical is None:
        return f"version {version!r} is not a PEP 440 version. Use e.g. version=0.1.0, 1.0.0rc1 or 2.0.post1."
    if canonical != version:
        return (
            f"version {version!r} is a PEP 440 version, but not in the canonical spelling that the built "
            f"metadata and `__version__` would show instead. Write it as version={canonical}."
        )
    return None


def check_author_email(email: str) -> str | None:
    """Return why `email` is not an email address, or None when it is one."""
    local, at, domain = email.partition("@")
    host, _, top_level = domain.rpartition(".")
    if at and local and host and top_level and not any(c.isspace() or c in NOT_IN_EMAIL for c in local + domain):
        return None
    return f"author_email {email!r} is not an email address. Use e.g. author_email=ada@example.com."


def check_homepage(url: str) -> str | None:
    """Return why `url` cannot be the project's home page, or None when it can.

    It must be an http(s) URL whose host name holds a dot, without whitespace: what `[project.urls]` holds.
    """
    scheme, separator, rest = url.partition("://")
    host = rest.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    if scheme in ("http", "https") and separator and "." in host[1:-1] and not any(c.isspace() for c in url):
        return None
    return f"homepage {url!r} is not an http(s) URL. Use e.g. homepage=https://github.com/ada/my-tool."


def check_keywords(keywords: str) -> str | None:
    """Return why comma-separated `keywords` cannot go in `pyproject.toml`, or None when they can."""
    for char in keywords:
        if unicodedata.category(char) in ("Cc", "Cs"):
            return (
                f"keywords contains the control character U+{ord(char):04X}. "
                "Use words separated by commas, e.g. keywords='cli, greeting'."
            )
    return None


def check_python_min(python_min: str) -> str | None:
    """Return why `python_min` is not a supported oldest Python, or None when it is one."""
    if python_min in SUPPORTED_PYTHONS:
        return None
    return f"python_min {python_min!r} is not supported. Choose one of {', '.join(SUPPORTED_PYTHONS)}."


def check_free_text(key: str, text: str) -> str | None:
    """Return why free text `text` (the answer `key`) cannot be written down, or None when it can.

    Any printable text is kept as typed, with tabs and line breaks; what no file can hold
    is refused: nothing at all, control characters, and lone surrogates (not UTF-8).
    """
    if not text.strip():
        return f"{key} is empty. Write a few words, e.g. {key}={EXAMPLES[key]}."
    for char in text:
        if char in "\t\n":
            continue
        if unicodedata.category(char) in ("Cc", "Cs"):
            return (
                f"{key} contains the control character U+{ord(char):04X}, which the generated files cannot "
                f"hold. Remove it, e.g. {key}={EXAMPLES[key]}."
            )
    return None


def check_author_name(name: str) -> str | None:
    """Return why `name` cannot be the author's name, or None when it can."""
    if "," in name:
        return (
            f"author_name {name!r} contains a comma, which the pyproject.toml `authors` name must not "
            f"(a comma separates authors in the metadata). Leave it out, e.g. author_name='Zoë O’Brien Jr.'."
        )
    return check_free_text("author_name", name)


def check_cli_dependencies(answers: dict[str, object]) -> str | None:
    """Return why `package_name` collides with the library `cli` installs, or None when it does not."""
    cli, name = str(answers["cli"]), str(answers["package_name"])
    if name in CLI_IMPORTS.get(cli, ()):
        return (
            f"package_name {name!r} would shadow the {name!r} library that cli={cli} installs. "
            f"Change package_name (e.g. package_name=my_{name}) or cli (e.g. cli=argparse)."
        )
    return None


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


# One check per answer, in prompt order: (answer, function of that answer's value).
ANSWER_CHECKS = (
    ("project_name", lambda text: check_free_text("project_name", text)),
    ("project_slug", check_project_slug),
    ("package_name", check_package_name),
    ("description", lambda text: check_free_text("description", text)),
    ("author_name", check_author_name),
    ("keywords", check_keywords),
    ("author_email", check_author_email),
    ("homepage", check_homepage),
    ("version", check_version),
    ("python_min", check_python_min),
)
# Checks of answers that only fail together: functions of all answers, each naming what to change.
COMBINATION_CHECKS = (check_cli_dependencies, check_combination)


def problems(answers: dict[str, object]) -> list[str]:
    """Return every message about `answers`, in prompt order; an empty list means all is well."""
    found = [check(str(answers[key])) for key, check in ANSWER_CHECKS]
    found += [check(answers) for check in COMBINATION_CHECKS]
    return [message for message in found if message]


def main() -> int:
    """Print every problem with the answers to stderr; return the exit status."""
    found = problems(answers())
    for message in found:
        print(f"ERROR: {message}", file=sys.stderr)
    if found:
        print("No project was generated. Run cookiecutter again with the answers fixed.", file=sys.stderr)
    return 1 if found else 0


def remove_this_copy() -> None:
    """Delete the rendered copy of this file that cookiecutter runs from the temp directory, and leaves."""
    import os

    try:
        os.remove(__file__)
    except OSError:  # already gone: nothing to clean up
        pass


if __name__ == "__main__":
    try:
        status = main()
    finally:
        remove_this_copy()
    sys.exit(status)
