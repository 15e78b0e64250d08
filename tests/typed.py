"""Bake the template with answers exactly as a user types them, through a replay file.

pytest-cookies' `extra_context` (like `--no-input key=value`) answers are Jinja-rendered by
cookiecutter itself, so `{{ 7*7 }}` would arrive as `49`. Typed answers and replay files are not
rendered. `typed_context` runs cookiecutter's own prompting with the answers "typed" in (every other
question takes its offered default, as pressing Enter does), and `bake_typed` bakes that context
through a replay file: the path a user's typed text really takes into the files.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from unittest import mock

from conftest import ANSWER_KEYS, TEMPLATE
from cookiecutter import prompt
from cookiecutter.generate import generate_context
from cookiecutter.main import cookiecutter


def typed_context(**answers: Any) -> dict[str, Any]:
    """Return the full context cookiecutter builds when the user types `answers` at its prompts."""
    unknown = set(answers) - ANSWER_KEYS
    if unknown:
        msg = f"unknown answer keys {sorted(unknown)}; cookiecutter.json has {sorted(ANSWER_KEYS)}"
        raise ValueError(msg)

    def typed(key: str, offered: Any, *_: Any) -> Any:
        # `offered` is the rendered default, or the list of choices (its first is the default).
        return answers.get(key, offered[0] if isinstance(offered, list) else offered)

    context = generate_context(context_file=str(TEMPLATE / "cookiecutter.json"))
    with (
        mock.patch.object(prompt, "read_user_variable", typed),
        mock.patch.object(prompt, "read_user_choice", typed),
        mock.patch.object(prompt, "read_user_yes_no", typed),
    ):
        context["cookiecutter"] = prompt.prompt_for_config(context, no_input=False)
    return {"cookiecutter": dict(context["cookiecutter"])}


def bake_typed(context: dict[str, Any], output_dir: Path) -> Path:
    """Bake `context` (from `typed_context`) into `output_dir` through a replay file; return the project.

    Cookiecutter's own errors (such as `FailedHookException`) propagate. Its config points into a
    directory beside `output_dir`, so nothing is read from or written to the user's home.
    """
    work = output_dir.parent / f"{output_dir.name}-cookiecutter"
    work.mkdir(parents=True, exist_ok=True)
    config = work / "config.yaml"
    config.write_text(
        f"cookiecutters_dir: {json.dumps(str(work / 'cookiecutters'))}\n"
        f"replay_dir: {json.dumps(str(work / 'replay'))}\n",
        encoding="utf-8",
    )
    replay = work / "typed.json"
    replay.write_text(json.dumps(context, ensure_ascii=False), encoding="utf-8")
    project = cookiecutter(str(TEMPLATE), replay=str(replay), output_dir=str(output_dir), config_file=str(config))
    return Path(project)
