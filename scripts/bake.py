"""Bake a template with cookiecutter's API: the one way the scripts (import) and the benchmark (run) bake.

uv run scripts/bake.py OUTPUT_DIR [key=value ...] [--template DIR]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import sys
from pathlib import Path
from typing import Any

from cookiecutter.main import cookiecutter

TEMPLATE = Path(__file__).resolve().parent.parent
VARIABLES = json.loads((TEMPLATE / "cookiecutter.json").read_text(encoding="utf-8"))


class Refused(Exception):
    """The template refused the answers; the message is its reasons."""


def verbatim(text: str) -> str:
    """Return Jinja source that renders to `text`: a string literal, `{}%#` as hex escapes so none opens a tag."""
    body = json.dumps(text, ensure_ascii=False)[1:-1]
    for char in "{}%#":
        body = body.replace(char, f"\\x{ord(char):02x}")
    return '{{ "' + body + '" }}'


def files(root: Path) -> dict[str, bytes]:
    """Return every file of a baked project but git's own, as POSIX relative path -> content."""
    paths = (path.relative_to(root) for path in root.rglob("*") if path.is_file())
    return {path.as_posix(): (root / path).read_bytes() for path in paths if path.parts[0] != ".git"}


def bake(answers: dict[str, Any], output_dir: Path, *, template: Path = TEMPLATE) -> Path:
    """Bake `template` with `answers` into `output_dir` (replays too); return the project, or raise `Refused`.

    The hook's next steps, printed to file descriptor 1, are dropped: a script's stdout is its own report.
    """
    config = {"replay_dir": str(output_dir / "replay"), "cookiecutters_dir": str(output_dir / "cookiecutters")}
    errors = io.StringIO()
    sys.stdout.flush()
    saved_stdout = os.dup(1)
    try:
        with open(os.devnull, "w", encoding="utf-8") as devnull, contextlib.redirect_stderr(errors):
            os.dup2(devnull.fileno(), 1)
            project = cookiecutter(
                str(template), no_input=True, extra_context=answers, output_dir=str(output_dir), default_config=config
            )
    except SystemExit:
        reasons = [line[7:] for line in errors.getvalue().splitlines() if line.startswith("ERROR: ")]
        raise Refused(" ".join(reasons)) from None
    finally:
        os.dup2(saved_stdout, 1)
        os.close(saved_stdout)
    return Path(project)


def main() -> None:
    """Bake the answers given on the command line; print the new project's path, or why not."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("output_dir", type=Path)
    parser.add_argument("answers", nargs="*", metavar="key=value")
    parser.add_argument("--template", type=Path, default=TEMPLATE)
    args = parser.parse_args()
    try:
        print(bake(dict(pair.partition("=")[::2] for pair in args.answers), args.output_dir, template=args.template))
    except Refused as refusal:
        sys.exit(f"bake: {refusal}")


if __name__ == "__main__":
    main()
