# /// script
# requires-python = ">=3.10"
# dependencies = ["pyyaml>=6"]
# ///
"""Move a project made with cookiecutter or cruft to copier updates: its answers become copier's answers file.

    uv run scripts/to_copier.py PATH/TO/PROJECT [--vcs-ref REF] [--template ADDRESS]

It reads the answers the project recorded (`.cruft.json`, else `.cookiecutter.json`), writes
`.copier-answers.yml` as copier itself would, with the template's address and the commit that made
the project, and removes the old records. Cruft records that commit; cookiecutter records the
template's release (`_template_version`: its tag `v1.2.0`); `--vcs-ref` gives another, or one for a
project that recorded none. A ref the template does not have is refused before anything is written,
with the releases it has. A template address recorded as a relative path (`.`) becomes this
script's template. It prints how to commit that and update.
"""

from __future__ import annotations

import argparse
import json
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

TEMPLATE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(TEMPLATE / "hooks"))
import tailor  # the next steps' commands, as a bake prints them

# Cookiecutter's and copier's abbreviations of an address, as git cannot read them.
ABBREVIATIONS = {"gh:": "https://github.com/", "gl:": "https://gitlab.com/", "bb:": "https://bitbucket.org/"}
QUESTIONS = [key for key in json.loads((TEMPLATE / "cookiecutter.json").read_text(encoding="utf-8")) if key[0] != "_"]
HEADER = "---\n# Changes here will be overwritten by Copier; do NOT edit manually\n"


class MoveError(Exception):
    """A problem the user can fix; its message says what and how."""


def recorded(project: Path) -> tuple[dict, str | None, str | None]:
    """Return the project's answers, template address and template commit, as it recorded them."""
    cruft, cookiecutter = project / ".cruft.json", project / ".cookiecutter.json"
    if cruft.is_file():
        state = json.loads(cruft.read_text(encoding="utf-8"))
        return state["context"]["cookiecutter"], state.get("template"), state.get("commit")
    if cookiecutter.is_file():
        answers = json.loads(cookiecutter.read_text(encoding="utf-8"))["cookiecutter"]
        release = answers.get("_template_version")
        return answers, answers.get("_template"), release and f"v{release}"
    raise MoveError(f"{project} has neither .cruft.json nor .cookiecutter.json: it was not made by this template.")


def relative_path(address: str) -> bool:
    """Return whether `address` is a relative local path (`.`, `../template`): not a URL, `gh:` or absolute path."""
    return ":" not in address and not Path(address).is_absolute()


def move(project: Path, vcs_ref: str | None = None, template: str | None = None) -> tuple[list[str], str]:
    """Write the project's `.copier-answers.yml` and remove its old record; return the files changed and the address.

    Copier reads a relative path from the project, so none is written: a `--template` path is made
    absolute; a relative path cookiecutter recorded (as typed: `.` in README's first command) is
    relative to where it ran, which it does not record, so this script's template, the clone it runs
    from, takes its place.
    """
    if (project / ".copier-answers.yml").exists():
        raise MoveError(f"{project} has a .copier-answers.yml already: it is updated with `copier update --trust`.")
    answers, address, commit = recorded(project)
    commit = vcs_ref or commit
    if template:
        address = str(Path(template).resolve()) if relative_path(template) else template
    elif address and relative_path(address):
        address = str(TEMPLATE)
    if not address:
        raise MoveError("the template's address is not recorded: give it with --template (a path or git URL).")
    releases = check_ref(address, commit)
    if not commit:
        raise MoveError(
            "the project records no template release (it was made before the first): give the template's "
            f"commit you made it from with --vcs-ref (releases: {releases})."
        )
    remembered = {"_commit": commit, "_src_path": address} | {key: answers[key] for key in QUESTIONS if key in answers}
    path = project / ".copier-answers.yml"
    path.write_text(HEADER + yaml.safe_dump(remembered, allow_unicode=True, default_flow_style=False), encoding="utf-8")
    old = [name for name in (".cruft.json", ".cookiecutter.json") if (project / name).is_file()]
    for name in old:
        (project / name).unlink()
    return [path.name, *old], address


def check_ref(address: str, ref: str | None) -> str:
    """Return the template's releases at `address` (its `v*` tags, newest first), once it is known to have `ref`.

    Git reads the template into a temporary bare clone (no work tree, no file of the project touched);
    a `ref` it does not have is refused with the releases it does have.
    """
    source = next(
        (url + address[len(short) :] for short, url in ABBREVIATIONS.items() if address.startswith(short)), address
    )
    with tempfile.TemporaryDirectory() as temporary:
        clone = ["git", "clone", "--quiet", "--bare", "--", source.removeprefix("git+"), temporary]
        cloned = subprocess.run(clone, capture_output=True, text=True, check=False)
        if cloned.returncode != 0:
            raise MoveError(f"git cannot read the template at {address}: {cloned.stderr.strip()}")
        tags = ["git", "tag", "--list", "v[0-9]*", "--sort=-version:refname"]
        listed = subprocess.run(tags, cwd=temporary, capture_output=True, text=True, check=True).stdout.split()
        releases = ", ".join(listed) or "none yet"
        if ref is None:
            return releases
        found = subprocess.run(
            ["git", "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"],
            cwd=temporary,
            capture_output=True,
            check=False,
        )
    if found.returncode != 0:
        raise MoveError(f"the template at {address} has no {ref}: give --vcs-ref one it has (releases: {releases}).")
    return releases


def main() -> None:
    """Move the project given on the command line; say what to do next."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", type=Path)
    parser.add_argument(
        "--vcs-ref", help="the template's release or commit that made the project, if not the recorded one"
    )
    parser.add_argument("--template", help="the template's address, if not the one recorded")
    args = parser.parse_args()
    try:
        changed, address = move(args.project, args.vcs_ref, args.template)
    except MoveError as error:
        sys.exit(f"to_copier: {error}")
    print(f"Wrote {args.project / changed[0]}, with the template at {address} (--template gives another).")
    print("Next, commit the move (an update needs a clean work tree), then bring in the template's changes:")
    commit = f"git add --all -- {' '.join(changed)} && git commit -m {shlex.quote('Move to copier updates')}"
    print(f"{tailor.COMMAND}cd {shlex.quote(str(args.project.resolve()))} && {commit}")
    print(f"{tailor.COMMAND}{tailor.UPDATE['copier']}")


if __name__ == "__main__":
    main()
