"""The one bake helper of the scripts and the benchmark (`scripts/bake.py`) bakes what cookiecutter bakes.

It bakes exactly what pytest-cookies bakes, keeps its replays beside the project, keeps the
post-generation hook's next steps out of stdout, raises the template's own reason when it refuses,
and `verbatim` gets any text through cookiecutter's rendering unchanged.
"""

from __future__ import annotations

from pathlib import Path

import bake as helper
import pytest
from conftest import choices
from cookiecutter.environment import StrictEnvironment


def contents(root: Path) -> dict[str, bytes]:
    """Return every file under `root` (not git's own) as relative POSIX path -> content."""
    paths = (p.relative_to(root) for p in root.rglob("*") if p.is_file())
    return {p.as_posix(): (root / p).read_bytes() for p in paths if p.parts[0] != ".git"}


@pytest.mark.parametrize("layout", choices("layout"))
def test_it_bakes_exactly_what_pytest_cookies_bakes(bake, tmp_path, capfd, layout: str) -> None:
    answers = {"project_name": "Café Tools!", "cli": "click", "python_min": "3.12", "layout": layout}
    ours = helper.bake(answers, tmp_path / layout)
    # The hook's next steps, printed by its own process, are not in this one's stdout.
    assert capfd.readouterr().out == ""
    theirs = bake(**answers)
    assert ours.name == theirs.path.name == "cafe-tools"
    assert contents(ours) == contents(theirs.path)
    # Its replays go beside the project, not into the user's ~/.cookiecutter_replay.
    assert list((tmp_path / layout / "replay").glob("*.json"))


def test_a_refusal_raises_the_templates_reason_and_writes_nothing(tmp_path) -> None:
    with pytest.raises(helper.Refused, match=r"build_backend 'uv_build' cannot build layout=module"):
        helper.bake({"layout": "module", "build_backend": "uv_build"}, tmp_path)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "text",
    [
        "{{ 7*7 }}",
        "{% raw %}",
        "{% endraw %}",
        "{# #}",
        "}} %} #}",
        'a "quote" \\ and \\x7b',
        "tab\tline\nnul\x00",
        "Zoë 🎉 \u2028 עברית",
    ],
)
def test_verbatim_text_reaches_cookiecutter_as_literal_text(text: str) -> None:
    assert StrictEnvironment().from_string(helper.verbatim(text)).render() == text
