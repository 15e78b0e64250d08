"""The template's releases, read from its CHANGELOG.md: the one place where its version is written.

    python releases.py            # the newest release's version (what the release workflow tags, with a `v`)
    python releases.py --notes    # that release's entry in the changelog

The newest `## [X.Y.Z] - YYYY-MM-DD` heading of CHANGELOG.md (Keep a Changelog) is the version;
`## [Unreleased]` above it gathers what the next release brings. Standard library only: both engines
(through answer_formats.py), hooks/tailor.py and scripts/to_copier.py import it, in the user's
interpreter, and the release workflow runs it. Importing it only defines what is below.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path
from typing import NamedTuple

CHANGELOG = Path(__file__).with_name("CHANGELOG.md")
UNRELEASED = "Unreleased"
# A section's heading: `## [1.2.0] - 2026-12-07`, or `## [Unreleased]`.
HEADING = re.compile(r"^## \[(?P<name>[^\]\n]+)\](?: - (?P<date>\d{4}-\d{2}-\d{2}))?[ \t]*$", re.MULTILINE)
# The release a version belongs to: `1.2.0` in `v1.2.0`, `1.2.0.post3.dev0+g1a2b3c` or `v1.2.0-3-g1a2b3c`.
RELEASE = re.compile(r"v?(\d+(?:\.\d+)*)")


class Entry(NamedTuple):
    """A section of the changelog: its name (a version, or `Unreleased`), its date, its text from its heading on."""

    name: str
    date: str | None
    text: str


def entries(text: str) -> list[Entry]:
    """Return the sections of the changelog `text`, as they stand (newest first)."""
    found = list(HEADING.finditer(text))
    ends = [match.start() for match in found[1:]] + [len(text)]
    return [Entry(match["name"], match["date"], text[match.start() : end].strip()) for match, end in zip(found, ends)]


def released(text: str) -> list[Entry]:
    """Return the sections of releases made, newest first: every section but `Unreleased`."""
    return [entry for entry in entries(text) if entry.name != UNRELEASED]


def unreleased(text: str) -> Entry | None:
    """Return the `Unreleased` section if it says anything beyond its heading, else None."""
    pending = [entry for entry in entries(text) if entry.name == UNRELEASED]
    return pending[0] if pending and "\n" in pending[0].text else None


def release_of(version: str) -> tuple[int, ...] | None:
    """Return the release a version or git tag belongs to, as numbers to compare (`v1.2.0-3-gabc` -> (1, 2, 0))."""
    match = RELEASE.match(version)
    return tuple(int(part) for part in match[1].split(".")) if match else None


def between(text: str, old: str | None, new: str) -> list[Entry]:
    """Return the releases after `old` up to `new`, newest first; all up to `new` if `old` is None (not recorded)."""
    low, high = (release_of(old) if old else None), release_of(new)
    return [
        entry
        for entry in released(text)
        if (number := release_of(entry.name)) and high and number <= high and (low is None or number > low)
    ]


def version(text: str | None = None) -> str:
    """Return the newest release's version in the changelog `text` (by default, the template's CHANGELOG.md)."""
    return released(CHANGELOG.read_text(encoding="utf-8") if text is None else text)[0].name


def main() -> None:
    """Print the newest release's version, or with --notes its entry."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notes", action="store_true", help="print the newest release's entry instead")
    args = parser.parse_args()
    newest = released(CHANGELOG.read_text(encoding="utf-8"))[0]
    print(newest.text.split("\n", 1)[1].strip() if args.notes else newest.name)


if __name__ == "__main__":
    main()
