"""Bake a template with cookiecutter's API: the one way this repository's scripts and benchmark bake.

    uv run scripts/bake.py OUTPUT_DIR [key=value ...] [--template DIR]

The scripts beside it import it (`from bake import bake`); the benchmark runs it as above, one
process per bake, as a user runs cookiecutter. The tests bake through pytest-cookies instead.
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


class Refused(Exception):
    """The template refused the answers; the message is its reasons."""


def verbatim(text: str) -> str:
    """Return Jinja source that renders to exactly `text`.

    Cookiecutter renders every answer given without prompts (`extra_context`, `--no-input
    key=value`) as Jinja, so free text goes in as a Jinja string literal: escaped like a JSON
    string, with `{`, `}`, `%` and `#` written as hex escapes too, so nothing in it can open a tag.
    Jinja reads those escapes back, and non-ASCII characters stay as they are.
    """
    body = json.dumps(text, ensure_ascii=False)[1:-1]
    for char in "{}%#":
        body = body.replace(char, f"\\x{ord(char):02x}")
    return '{{ "' + body + '" }}'


def bake(answers: dict[str, Any], output_dir: Path, *, template: Path = TEMPLATE) -> Path:
    """Bake `template` with `answers`, as `--no-input` takes them, into `output_dir`; return the project.

    Cookiecutter's replay and clone directories are in `output_dir`, so the user's stay untouched.
    A refusal (the template prints `ERROR: <reason>` lines to stderr, then exits) raises `Refused`.
    The post-generation hook's process prints next steps to file descriptor 1: they are dropped,
    so a script's stdout holds only its own report.
    """
    output_dir.mkdir(parents=True, exist_ok=True)
    config = output_dir / "cookiecutter.yaml"
    config.write_text(
        f"replay_dir: {json.dumps(str(output_dir / 'replay'))}\n"
        f"cookiecutters_dir: {json.dumps(str(output_dir / 'cookiecutters'))}\n",
        encoding="utf-8",
    )
    errors = io.StringIO()
    sys.stdout.flush()
    saved_stdout = os.dup(1)
    try:
        with open(os.devnull, "w", encoding="utf-8") as devnull, contextlib.redirect_stderr(errors):
            os.dup2(devnull.fileno(), 1)
            project = cookiecutter(
                str(template), no_input=True, extra_context=answers, output_dir=str(output_dir), config_file=str(config)
            )
    except SystemExit:
        reasons = [line[7:] for line in errors.getvalue().splitlines() if line.startswith("ERROR: ")]
        raise Refused(" ".join(reasons) or "the template refused these answers") from None
    finally:
        os.dup2(saved_stdout, 1)
        os.close(saved_stdout)
    return Path(project)


def main(argv: list[str] | None = None) -> int:
    """Bake the answers given on the command line; print the new project's path, or why not."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("output_dir", type=Path, help="where the project goes")
    parser.add_argument("answers", nargs="*", metavar="key=value", help="answers, as for --no-input")
    parser.add_argument("--template", type=Path, default=TEMPLATE, help="the template (default: this one)")
    args = parser.parse_args(argv)
    answers = dict(pair.partition("=")[::2] for pair in args.answers)
    try:
        print(bake(answers, args.output_dir, template=args.template))
    except Refused as refusal:
        print(f"bake: {refusal}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
