"""The one way a test starts a program in a pseudo-terminal: it names the terminal, which answers as one does.

A program in a pseudo-terminal learns which terminal it draws on from `TERM`, and its size from
`LINES` and `COLUMNS` where they are set; pexpect passes the caller's on unless told. Under
`TERM=dumb` (editors' terminals, some CI runners) prompt_toolkit, copier's prompts, draws its
questions differently, and rich, cookiecutter's, takes 80 by 25 unless both are set. prompt_toolkit
also asks the terminal where the cursor is (`ESC[6n`) and waits about a second for the reply a
terminal gives (`ESC[row;colR`). So `spawn` sets the type and the size of the terminal a test is
written against, and the child it returns replies to every cursor query as it arrives, whatever the
test is waiting for.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

import pexpect
import pytest

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

# A terminal emulator as most people's is set up; what copier's prompts (prompt_toolkit) are tested on.
XTERM = "xterm-256color"
# A terminal without styles: cookiecutter's prompts (rich) draw plain text there, read as written.
# (Under XTERM rich still writes bold and dim with NO_COLOR=1.)
DUMB = "dumb"
CURSOR_QUERY = "\x1b[6n"
CURSOR_REPLY = "\x1b[1;1R"  # the cursor is at row 1, column 1


def spawn(
    program: str,
    args: list[str],
    *,
    term: str,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float = 60,
    dimensions: tuple[int, int] = (24, 80),
) -> PseudoTerminal:
    """Start `program` with `args` in a pseudo-terminal of type `term` and of `dimensions` (rows, columns).

    The child's environment is `env` (this process's by default) with the terminal's type and size. Skip
    the test where there is no pseudo-terminal (Windows).
    """
    if sys.platform == "win32":
        pytest.skip("pexpect.spawn needs a POSIX pseudo-terminal, which Windows lacks")
    rows, columns = dimensions
    return PseudoTerminal(
        program,
        args,
        env={**(os.environ if env is None else env), "TERM": term, "LINES": str(rows), "COLUMNS": str(columns)},
        cwd=None if cwd is None else str(cwd),
        encoding="utf-8",
        timeout=timeout,
        dimensions=dimensions,
    )


if sys.platform != "win32":  # as in pexpect itself, which has no `spawn` there

    class PseudoTerminal(pexpect.spawn):
        """A pexpect child whose terminal replies to each cursor-position query, as a terminal does."""

        _unread = ""  # the end of what was read, which may hold the start of a query cut in two

        def read_nonblocking(self, size: int = 1, timeout: float | None = -1) -> str:
            """Read what the child wrote, as pexpect does, and reply to the cursor queries in it."""
            incoming = super().read_nonblocking(size, timeout)
            seen = self._unread + incoming
            for _ in range(seen.count(CURSOR_QUERY)):
                self.send(CURSOR_REPLY)
            self._unread = seen[-(len(CURSOR_QUERY) - 1) :]
            return incoming
