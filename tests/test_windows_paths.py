"""Every file of the template can be checked out on Windows, where the template's own CI also runs.

Git for Windows refuses to check out a path holding a character NTFS reserves (`<>:"|?*`), or a
name Windows reserves for a device (`con`, `nul`, `com1`, ...), so one such file name in the
template breaks `git clone` and `cookiecutter gh:...` there.
"""

from __future__ import annotations

import subprocess

from conftest import TEMPLATE

RESERVED_CHARACTERS = frozenset('<>:"|?*\\')
DEVICE_NAMES = frozenset({"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))})


def tracked_paths() -> list[str]:
    """Return every path git tracks in the template repository."""
    listing = subprocess.run(["git", "ls-files", "-z"], cwd=TEMPLATE, capture_output=True, check=True)
    return [path for path in listing.stdout.decode("utf-8").split("\0") if path]


def test_the_repository_lists_the_template_tree() -> None:
    assert any(path.startswith("{{directory_name(cookiecutter.project_slug)}}/") for path in tracked_paths())


def test_no_path_holds_a_character_windows_reserves() -> None:
    assert [path for path in tracked_paths() if RESERVED_CHARACTERS & set(path)] == []


def test_no_path_part_is_a_windows_device_or_ends_in_a_dot_or_space() -> None:
    bad = [
        path
        for path in tracked_paths()
        for part in path.split("/")
        if part.split(".")[0].lower() in DEVICE_NAMES or part.endswith((".", " "))
    ]
    assert bad == []
