"""Load a hook the way cookiecutter runs it: rendered with the answers, then run as a module (not its `main()`)."""

from __future__ import annotations

import types
from typing import Any

from conftest import TEMPLATE
from cookiecutter.environment import StrictEnvironment
from cookiecutter.generate import generate_context
from cookiecutter.prompt import prompt_for_config


def render_hook(name: str, answers: dict[str, Any]) -> types.ModuleType:
    """Return `hooks/<name>.py` rendered with the full `answers` (a bake's context) and run as a module."""
    source = (TEMPLATE / "hooks" / f"{name}.py").read_text(encoding="utf-8")
    env = StrictEnvironment(context={"cookiecutter": answers}, keep_trailing_newline=True)
    hook = types.ModuleType(name)
    hook.__file__ = f"{name}.py"
    exec(compile(env.from_string(source).render(cookiecutter=answers), hook.__file__, "exec"), hook.__dict__)  # noqa: S102
    return hook


def load_hook(name: str, edited: dict[str, Any] | None = None, **answers: Any) -> types.ModuleType:
    """Return the hook for `answers` (others default), as cookiecutter resolves them.

    `edited` answers replace the resolved ones afterwards, unchecked, as a hand-edited replay file does.
    """
    context = generate_context(context_file=str(TEMPLATE / "cookiecutter.json"), extra_context=answers)
    return render_hook(name, prompt_for_config(context, no_input=True) | (edited or {}))
