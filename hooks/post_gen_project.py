"""Remove the directories the answers leave empty, run `git init`, and say what to do next.

Files come and go by their names; a directory cannot (CONTRIBUTING.md). The answers arrive as JSON data.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

# Single quotes: `tojson` escapes every ' in what it writes, so no answer can end the string.
ANSWERS = json.loads(r'''{{ cookiecutter | tojson }}''')  # fmt: skip
TEMPLATE = json.loads(r'''{{ template_directory | tojson }}''')  # fmt: skip

# answer -> value -> directories (relative to the new project, innermost first) that it leaves empty.
EMPTY_DIRECTORIES = {
    "layout": {"module": ["src/{package_name}"]},
    "docs": {"none": ["docs"]},
    "ci": {"gitlab": [".github/workflows", ".github"], "none": [".github/workflows", ".github"]},
}


def directories_to_remove(answers: dict) -> list[str]:
    """Return the directories the answers leave empty, with names filled in."""
    return [
        path.format(**answers) for key, by_value in EMPTY_DIRECTORIES.items() for path in by_value.get(answers[key], [])
    ]


def remove_empty_directories(project: Path, relative_paths: list[str]) -> None:
    """Remove each directory under `project`; one already gone is fine, one with files in it fails."""
    for relative in relative_paths:
        if (project / relative).is_dir():
            (project / relative).rmdir()


def git_init(project: Path) -> str:
    """Make `project` a git repository (no commit, no network); return what happened, in a line."""
    git = shutil.which("git")
    if git is None:
        return "git is not installed, so the project is not a git repository yet: run `git init` later."
    result = subprocess.run([git, "init", "--quiet", str(project)], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        return f"`git init` failed, so the project is not a git repository yet: {result.stderr.strip()}"
    return "It is a new git repository, with nothing committed yet."


def next_steps(project: Path, answers: dict, placeholders: list[str]) -> list[str]:
    """Return the few lines a user reads after the bake: where, how to green, what is left to fill in."""
    lines = [f"Made {answers['project_slug']} in {project}.", f"Next: cd {project} && uv run pytest"]
    if placeholders:
        lines.append("Still placeholders, published with a release (edit pyproject.toml and README.md):")
        lines += [f"  {placeholder}" for placeholder in placeholders]
    grow = ", or grow into a library" if answers["layout"] == "module" else ""
    lines.append(f"Later: compare other answers, update from the template{grow}: see the template's README.")
    return lines


def main() -> int:
    """Tailor the new project (the current directory), then print the next steps."""
    project = Path.cwd()
    remove_empty_directories(project, directories_to_remove(ANSWERS))
    sys.path.insert(0, TEMPLATE)
    import answer_rules

    defaults = json.loads((Path(TEMPLATE) / "cookiecutter.json").read_text(encoding="utf-8"))
    lines = next_steps(project, ANSWERS, answer_rules.placeholders(ANSWERS, defaults))
    if ANSWERS["git_init"]:
        lines.insert(1, git_init(project))
    if "_output_dir" in ANSWERS:  # a bake by cookiecutter itself, not one of cruft's throwaway renders
        print("\n".join(lines))
    return 0


if __name__ == "__main__":
    try:
        status = main()
    finally:
        # Cookiecutter runs a rendered copy of this file from the temp directory and leaves it there.
        os.remove(__file__)
    sys.exit(status)
