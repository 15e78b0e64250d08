"""This repository's own Python (hooks, Jinja extension, scripts, benchmarks, tests) is lint-clean.

The template tree is excluded here: it is linted as the projects it renders (test_validators.py).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import TEMPLATE

RUFF = Path(sys.prefix) / ("Scripts" if os.name == "nt" else "bin") / ("ruff.exe" if os.name == "nt" else "ruff")


@pytest.mark.parametrize("command", [["check"], ["format", "--check"]], ids=["check", "format"])
def test_repository_code_passes_ruff(command: list[str]) -> None:
    result = subprocess.run(
        [str(RUFF), *command, "--no-cache"], cwd=TEMPLATE, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
