"""Load a hook the way cookiecutter runs it: rendered with the answers, then imported as a module."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any

from conftest import TEMPLATE
from cookiecutter.environment import StrictEnvironment
from cookiecutter.generate import generate_context
from cookiecutter.prompt import prompt_for_config


def load_hook(name: str, tmp_path: Path, edited: dict[str, Any] | None = None, **answers: Any) -> ModuleType:
    """Render `hooks/<name>.py` with `answers` (others default) and import it; its `main()` is not run.

    `edited` answers replace the resolved ones afterwards, unchecked, as a hand-edited replay file does.
    """
    context = generate_context(context_file=str(TEMPLATE / "cookiecutter.json"), extra_context=answers)
    context["cookiecutter"] = prompt_for_config(context, no_input=True) | (edited or {})
    env = StrictEnvironment(context=context, keep_trailing_newline=True)
    source = (TEMPLATE / "hooks" / f"{name}.py").read_text(encoding="utf-8")
    rendered = tmp_path / f"{name}.py"
    rendered.write_text(env.from_string(source).render(**context), encoding="utf-8")
    spec = importlib.util.spec_from_file_location(name, rendered)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
