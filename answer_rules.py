"""The rules every answer must meet, each with its message and fix, and default names that meet them.

Standard library only: both engines' adapters and the tests import it. A rule
is a function of the answers so far that returns a `Problem` or None; `RULES` says after which
question each rule runs (the last one it reads). CONTRIBUTING.md says where each check happens.
"""

from __future__ import annotations

import keyword
import os
import re
import shutil
import sys
import unicodedata
from pathlib import Path
from typing import NamedTuple

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
        "nox", "sphinx", "furo", "mkdocs", "mkdocstrings", "material", "zensical",
    }
)  # fmt: skip
# Import names that each `cli` answer installs (the library and what it depends on).
CLI_IMPORTS = {
    "click": frozenset({"click"}),
    "typer": frozenset({"typer", "click", "rich", "shellingham", "markdown_it", "mdurl"}),
}
# Standard-library modules on some supported Python (3.10-3.14) but maybe not on the one running
# this: added (`tomllib` 3.11, `annotationlib` and `compression` 3.14) or removed (3.12, 3.13).
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
# PEP 440 versions in any spelling (PEP 440's appendix), to tell "not a version" from "not canonical".
VERSION = re.compile(
    r"""\s*v?(?:(?P<epoch>[0-9]+)!)?(?P<release>[0-9]+(?:\.[0-9]+)*)
    (?:[-_.]?(?P<pre>alpha|a|beta|b|preview|pre|rc|c)[-_.]?(?P<pre_n>[0-9]+)?)?
    (?:-(?P<post_implicit>[0-9]+)|[-_.]?(?P<post>post|rev|r)[-_.]?(?P<post_n>[0-9]+)?)?
    (?:[-_.]?(?P<dev>dev)[-_.]?(?P<dev_n>[0-9]+)?)?
    (?:\+(?P<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?\s*""",
    re.IGNORECASE | re.VERBOSE,
)
PRE_RELEASE_SPELLINGS = {"alpha": "a", "beta": "b", "c": "rc", "pre": "rc", "preview": "rc"}
# What the two parts of an email address cannot hold, besides whitespace.
NOT_IN_EMAIL = frozenset('@"<>,;()[]\\')
SUPPORTED_PYTHONS = ("3.10", "3.11", "3.12", "3.13", "3.14")
# A valid value of each free-text answer, for the messages and the fixes.
EXAMPLES = {"project_name": "Café Tools", "description": "Tools for a café", "author_name": "Zoë O’Brien"}
# Build backends that can build `layout=module` (one file, src/<name>.py): uv_build expects
# src/<name>/__init__.py. Those that read the version from git tags: not flit-core nor uv_build.
MODULE_BACKENDS = ("flit-core", "hatchling", "setuptools", "pdm-backend")
VCS_BACKENDS = ("hatchling", "setuptools", "pdm-backend")


class Problem(NamedTuple):
    """What is wrong with an answer, and answers that would fix it."""

    key: str
    message: str
    fix: dict[str, str]


Answers = dict[str, object]


def check_package_name(answers: Answers) -> Problem | None:
    """Refuse an import name that Python, the project's own files or its tools cannot live with."""
    name = str(answers["package_name"])
    reason = package_name_problem(name)
    if reason is None:
        return None
    fixed = import_name(name)
    return Problem("package_name", f"package_name {name!r} {reason}, e.g. {fixed}.", {"package_name": fixed})


def package_name_problem(name: str) -> str | None:
    """Return why `name` cannot be the import name (a phrase that asks for another), or None when it can."""
    if not name.isascii():
        return "is not ASCII. Use lowercase ASCII letters, digits and underscores"
    if not name.isidentifier():
        return "is not a valid Python identifier. Use lowercase ASCII letters, digits and underscores"
    if name.startswith("_"):
        return "starts with an underscore, which marks a name private. Pick another name"
    if name != name.lower():
        return "has capital letters; module names are lowercase (PEP 8). Pick another name"
    if len(name) > MAX_PACKAGE_NAME:
        return (
            f"is {len(name)} characters long, more than {MAX_PACKAGE_NAME}: generated code lines that "
            "name it would no longer fit 100 columns. Pick a shorter name"
        )
    if keyword.iskeyword(name) or name in SOFT_KEYWORDS:
        return "is a Python keyword. Pick another name"
    if name in sys.stdlib_module_names or name in OTHER_STDLIB:
        return "would shadow the standard-library module of that name. Pick another name"
    if name in PROJECT_NAMES or name in TOOL_NAMES:
        return f"collides with the project's own {name!r} files or tools. Pick another name"
    if name in WINDOWS_DEVICES:
        return "is a device name on Windows, so no file can have it. Pick another name"
    return None


def check_project_slug(answers: Answers) -> Problem | None:
    """Refuse a distribution name that is not one valid directory name and PEP 508 name."""
    slug = str(answers["project_slug"])
    reason = project_slug_problem(slug)
    if reason is None:
        return None
    fixed = distribution_name(slug)
    return Problem("project_slug", f"project_slug {slug!r} {reason}, e.g. {fixed}.", {"project_slug": fixed})


def project_slug_problem(slug: str) -> str | None:
    """Return why `slug` cannot be the distribution and directory name (a phrase that asks for another), or None."""
    letters = "Use ASCII letters, digits and '-', '_' or '.' between them"
    if not slug.strip():
        return f"is empty. {letters}"
    if "/" in slug or "\\" in slug or ".." in slug:
        return f"contains a path separator or '..'; it must name one new directory. {letters}"
    if len(slug) > MAX_DISTRIBUTION_NAME:
        return f"is longer than {MAX_DISTRIBUTION_NAME} characters. Pick a shorter name"
    if not (
        slug.isascii() and slug[0].isalnum() and slug[-1].isalnum() and all(c.isalnum() or c in "._-" for c in slug)
    ):
        return f"is not a valid distribution name (PEP 508). {letters}"
    if slug.split(".")[0].lower() in WINDOWS_DEVICES:
        return "is a device name on Windows, so no directory can have it. Pick another"
    return None


def canonical_version(version: str) -> str | None:
    """Return `version` spelt the way PEP 440 normalizes it, or None when it is not a version."""
    match = VERSION.fullmatch(version)
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


def check_version(answers: Answers) -> Problem | None:
    """Refuse a version that is not PEP 440, or not in the canonical spelling the metadata would show."""
    version = str(answers["version"])
    canonical = canonical_version(version)
    if canonical is None:
        message = f"version {version!r} is not a PEP 440 version. Use e.g. 0.1.0, 1.0.0rc1 or 2.0.post1."
        return Problem("version", message, {"version": "0.1.0"})
    if canonical != version:
        message = (
            f"version {version!r} is a PEP 440 version, but not in the canonical spelling that the built "
            f"metadata and `__version__` would show instead. Write it as {canonical}."
        )
        return Problem("version", message, {"version": canonical})
    return None


def check_author_email(answers: Answers) -> Problem | None:
    """Refuse anything but one plain email address."""
    email = str(answers["author_email"])
    local, at, domain = email.partition("@")
    host, _, top_level = domain.rpartition(".")
    if at and local and host and top_level and not any(c.isspace() or c in NOT_IN_EMAIL for c in local + domain):
        return None
    # `Ada <ada@example.com>` holds an address: offer it.
    inner = email.rpartition("<")[2].partition(">")[0]
    fixed = inner if "<" in email and not check_author_email({"author_email": inner}) else "you@example.com"
    message = f"author_email {email!r} is not one plain email address. Use e.g. {fixed}."
    return Problem("author_email", message, {"author_email": fixed})


def check_homepage(answers: Answers) -> Problem | None:
    """Refuse a home page that is not an http(s) URL with a host name, as `[project.urls]` needs."""
    url = str(answers["homepage"])
    if is_homepage(url):
        return None
    message = f"homepage {url!r} is not an http(s) URL. Use e.g. https://github.com/ada/my-tool."
    fixed = "".join(url.split()) if "://" in url else "https://" + "".join(url.split())
    if not is_homepage(fixed):
        fixed = f"https://example.com/{distribution_name(str(answers.get('project_slug', '')))}"
    return Problem("homepage", message, {"homepage": fixed})


def is_homepage(url: str) -> bool:
    """Return whether `url` is an http(s) URL whose host name holds a dot, without whitespace."""
    scheme, separator, rest = url.partition("://")
    host = rest.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    return scheme in ("http", "https") and bool(separator) and "." in host[1:-1] and not any(c.isspace() for c in url)


def check_keywords(answers: Answers) -> Problem | None:
    """Refuse keywords with control characters, which `pyproject.toml` cannot hold."""
    keywords = str(answers["keywords"])
    for char in keywords:
        if unicodedata.category(char) in ("Cc", "Cs"):
            message = (
                f"keywords contains the control character U+{ord(char):04X}. "
                "Use words separated by commas, e.g. cli, greeting."
            )
            return Problem("keywords", message, {"keywords": "".join(c for c in keywords if c.isprintable())})
    return None


def check_python_min(answers: Answers) -> Problem | None:
    """Refuse an oldest Python the template does not support (only a replay file can give one)."""
    python_min = str(answers["python_min"])
    if python_min in SUPPORTED_PYTHONS:
        return None
    message = f"python_min {python_min!r} is not supported. Choose one of {', '.join(SUPPORTED_PYTHONS)}."
    return Problem("python_min", message, {"python_min": SUPPORTED_PYTHONS[1]})


def free_text_rule(key: str):
    """Return the rule for the free text `key`: anything printable is kept as typed, with tabs and line breaks.

    What no file can hold is refused: nothing at all, control characters, and lone surrogates (not UTF-8).
    """

    def check(answers: Answers) -> Problem | None:
        text = str(answers[key])
        if not text.strip():
            return Problem(key, f"{key} is empty. Write a few words, e.g. {EXAMPLES[key]}.", {key: EXAMPLES[key]})
        for char in text:
            if char not in "\t\n" and unicodedata.category(char) in ("Cc", "Cs"):
                message = (
                    f"{key} contains the control character U+{ord(char):04X}, which the generated files "
                    f"cannot hold. Remove it, e.g. {EXAMPLES[key]}."
                )
                kept = "".join(c for c in text if c in "\t\n" or unicodedata.category(c) not in ("Cc", "Cs"))
                return Problem(key, message, {key: kept if kept.strip() else EXAMPLES[key]})
        return None

    return check


def check_author_name(answers: Answers) -> Problem | None:
    """Refuse an author's name with a comma (it separates authors in the metadata), or text no file can hold."""
    name = str(answers["author_name"])
    if "," in name:
        fixed = " ".join(name.replace(",", " ").split())
        message = (
            f"author_name {name!r} contains a comma, which the pyproject.toml `authors` name must not "
            f"(a comma separates authors in the metadata). Leave it out, e.g. {fixed}."
        )
        return Problem("author_name", message, {"author_name": fixed})
    return free_text_rule("author_name")(answers)


def check_cli_library(answers: Answers) -> Problem | None:
    """Refuse an import name that the library the `cli` answer installs already has."""
    cli, name = str(answers["cli"]), str(answers["package_name"])
    if name not in CLI_IMPORTS.get(cli, ()):
        return None
    message = (
        f"package_name {name!r} would shadow the {name!r} library that cli={cli} installs. "
        f"Choose another cli (e.g. argparse), or start again with another package_name (e.g. my_{name})."
    )
    return Problem("cli", message, {"package_name": f"my_{name}"})


def check_build_backend(answers: Answers) -> Problem | None:
    """Refuse a build backend that cannot build this layout."""
    backend, layout = answers["build_backend"], answers["layout"]
    if layout != "module" or backend in MODULE_BACKENDS:
        return None
    message = (
        f"build_backend {backend!r} cannot build layout=module: it only builds a package directory "
        f"(src/<name>/__init__.py), not a single file src/<name>.py. "
        f"Choose build_backend {', '.join(MODULE_BACKENDS[:-1])} or {MODULE_BACKENDS[-1]}."
    )
    return Problem("build_backend", message, {"build_backend": MODULE_BACKENDS[0]})


def check_versioning(answers: Answers) -> Problem | None:
    """Refuse versions from git tags with a build backend that cannot read them."""
    backend, versioning = answers["build_backend"], answers["versioning"]
    if versioning != "vcs" or backend in VCS_BACKENDS:
        return None
    message = (
        f"versioning 'vcs' needs a build backend that reads the version from git tags, and {backend!r} "
        f"does not. Choose versioning static, or build_backend {', '.join(VCS_BACKENDS[:-1])} or {VCS_BACKENDS[-1]}."
    )
    return Problem("versioning", message, {"versioning": "static"})


# Which rules run after which question, in the order the questions are asked.
RULES = {
    "project_name": (free_text_rule("project_name"),),
    "project_slug": (check_project_slug,),
    "package_name": (check_package_name,),
    "description": (free_text_rule("description"),),
    "keywords": (check_keywords,),
    "author_name": (check_author_name,),
    "author_email": (check_author_email,),
    "homepage": (check_homepage,),
    "version": (check_version,),
    "python_min": (check_python_min,),
    "cli": (check_cli_library,),
    "build_backend": (check_build_backend,),
    "versioning": (check_versioning,),
}


def problems(answers: Answers, after: str | None = None) -> list[Problem]:
    """Return the problems with `answers` (only the rules after question `after`, if given), in question order.

    A rule that reads an answer `answers` lacks does not run (an older template's replay file).
    """
    found = []
    for key, rules in RULES.items():
        for rule in rules if after in (None, key) else ():
            try:
                problem = rule(answers)
            except KeyError:
                continue
            if problem:
                found.append(problem)
    return found


def distribution_name(text: str) -> str:
    """Return a valid distribution name made of `text`'s letters and digits (`Café Tools!` -> `cafe-tools`).

    Cut at a word boundary, `py-` before a Windows device name, `my-project` if nothing is left.
    """
    words = re.findall(r"[a-z0-9]+", _ascii(text).lower())
    slug = _cut("-".join(words), "-", MAX_DISTRIBUTION_NAME)
    return _first_valid(project_slug_problem, slug, f"py-{slug}", "my-project")


def import_name(text: str) -> str:
    """Return a valid import name made of `text`'s letters and digits (`cafe-tools` -> `cafe_tools`).

    A name Python or the project cannot take gets a `py_` prefix (`3d` -> `py_3d`, `json` -> `py_json`).
    """
    name = "_".join(re.findall(r"[a-z0-9]+", _ascii(text).lower()))
    return _first_valid(
        package_name_problem,
        _cut(name, "_", MAX_PACKAGE_NAME),
        _cut(f"py_{name}", "_", MAX_PACKAGE_NAME),
        "my_project",
    )


def _ascii(text: str) -> str:
    """Return `text` without its accents (`Café` -> `Cafe`) and whatever else is not ASCII."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def _cut(name: str, separator: str, limit: int) -> str:
    """Return `name` cut to at most `limit` characters, at the last `separator` if there is one."""
    if len(name) <= limit:
        return name
    head = name[: limit + 1]
    return (head.rsplit(separator, 1)[0] if separator in head.strip(separator) else head[:limit]).rstrip(separator)


def _first_valid(problem, *candidates: str) -> str:
    """Return the first candidate without a problem (the last one never has one)."""
    return next(candidate for candidate in candidates if problem(candidate) is None)


# Answers an update cannot change: the files that hold them are the user's code by then.
KEPT = ("layout", "project_slug", "package_name")
# What to do instead, by the answer and the value the project has; any other, rename by hand.
INSTEAD = {
    ("layout", "module"): (
        "grow it into a library with the template's scripts/grow_to_library.py, which keeps your code"
    ),
    ("layout", "library"): (
        "make a new project with layout=module and move your code into it: no update or script turns a library "
        "back into a module"
    ),
}
RENAME = "rename it by hand (git mv and a search and replace), then record the new name"


def changed_kept_answers(recorded: Answers, answers: Answers) -> list[Problem]:
    """Return a problem for each answer of `KEPT` that `answers` change from the project's `recorded` ones."""
    return [
        Problem(
            key,
            f"{key} cannot change through an update ({recorded[key]!r} to {answers[key]!r}): the update would "
            f"delete or break the code that holds it. To change it, {INSTEAD.get((key, recorded[key]), RENAME)}.",
            {key: recorded[key]},
        )
        for key in KEPT
        if key in recorded and key in answers and recorded[key] != answers[key]
    ]


def kept_problems(project: Path, record: Path, recorded: Answers, answers: Answers) -> list[Problem]:
    """Return what an update or a remake of `project` with `answers` would change of the `KEPT` answers.

    `recorded` are the answers the project's `record` holds. Its `src/` says what two of them are:
    one module (`src/<name>.py`) or one package (`src/<name>/__init__.py`) there is its layout and
    import name. A record that says otherwise was edited by hand, and is refused with no fix: only
    putting it back fixes it.
    """
    source = project / "src"
    found = [(path.stem, "module", path) for path in source.glob("*.py")]
    found += [(path.parent.name, "library", path.parent) for path in source.glob("*/__init__.py")]
    if len(found) != 1:
        return changed_kept_answers(recorded, answers)
    name, layout, path = found[0]
    edited = [
        Problem(
            key,
            f"{record.name} says {key} {recorded[key]!r}, but the project holds {path.relative_to(project).as_posix()}: "
            f"the record was edited, and no update can change the {key}. Put back {key}: {value} in {record.name} "
            f"and commit it. To change it, {INSTEAD.get((key, value), RENAME)}.",
            {},
        )
        for key, value in {"layout": layout, "package_name": name}.items()
        if key in recorded and recorded[key] != value
    ]
    return edited or changed_kept_answers(recorded, answers)


# What `uvx` needs beside copier to run this template: the loader of its Jinja extension, and what that imports.
COPIER_WITH = ("copier-template-extensions", "python-slugify")


def started_as(program: str, uvx_with: tuple[str, ...] = ()) -> list[str]:
    """Return the command that started `program` (this process), as the user's shell can run it again.

    For a refusal's last line: `uvx` (with the packages the template needs beside `program`), `uv run`,
    the program on PATH, or its script's path; `python -m` and the Python API give the program on PATH,
    else this interpreter's `-m`.
    """
    script = Path(sys.argv[0])
    if script.stem != program:  # `python -m <program>`, the Python API, pytest-cookies
        return [program] if shutil.which(program) else [sys.executable, "-m", program]
    if any((parent / "CACHEDIR.TAG").is_file() for parent in Path(sys.prefix).parents):
        # an environment inside uv's cache: `uvx` made it for this run
        return ["uvx", *(part for package in uvx_with for part in ("--with", package)), program]
    venv = os.environ.get("VIRTUAL_ENV")
    if os.environ.get("UV") and venv and Path(venv).resolve() == Path(sys.prefix).resolve():
        return ["uv", "run", program]  # `uv run` (which sets both) in a project that has the program
    on_path = shutil.which(script.name)
    return [script.stem] if on_path and Path(on_path).resolve() == script.resolve() else [str(script)]
