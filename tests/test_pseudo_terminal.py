"""The pseudo-terminal the prompt tests type into is the terminal they name, whatever the caller's is.

`pseudo_terminal.spawn` sets the child's `TERM`, `LINES` and `COLUMNS` over the caller's, to the
terminal's type and size, and its terminal replies to a cursor-position query as a terminal does,
also when the query reaches it in two reads. No test module starts a pseudo-terminal another way.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pexpect
import pytest
from pseudo_terminal import CURSOR_QUERY, CURSOR_REPLY, DUMB, XTERM, spawn

TESTS = Path(__file__).resolve().parent
# What a test module may use of pexpect itself: what a child's end or a wait's limit raises.
PEXPECT_OUTSIDE_THE_HELPER = {"EOF", "TIMEOUT"}


@pytest.mark.parametrize(
    ("caller", "term"),
    [
        ({"TERM": DUMB, "LINES": "10", "COLUMNS": "30"}, XTERM),
        ({"TERM": XTERM, "LINES": None, "COLUMNS": "30"}, DUMB),
        ({"TERM": None, "LINES": None, "COLUMNS": None}, XTERM),
    ],
    ids=["dumb", "xterm", "unset"],
)
def test_the_child_has_the_terminal_the_test_names(
    monkeypatch: pytest.MonkeyPatch, caller: dict[str, str | None], term: str
) -> None:
    for name, value in caller.items():
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    # The type and size the child's environment gives, then the size its terminal device has.
    show = "import os; print(os.environ['TERM'], os.environ['LINES'], os.environ['COLUMNS'], os.get_terminal_size(0))"
    child = spawn(sys.executable, ["-c", show], term=term, timeout=30, dimensions=(40, 120))
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    assert child.before.strip() == f"{term} 40 120 os.terminal_size(columns=120, lines=40)"


# The child asks where its cursor is, in one write or cut in two (it waits for a key in between), and
# prints the reply it read, without echo or line buffering, as prompt_toolkit reads it.
ASK = """
import os, sys, tty
tty.setcbreak(0)
query = {query!r}
for part in query.split("|"):
    os.write(1, part.encode())
    if part != query.split("|")[-1]:
        os.read(0, 1)
reply = b""
while not reply.endswith(b"R"):
    reply += os.read(0, 1)
print("reply:", ascii(reply.decode()))
"""


@pytest.mark.parametrize("cut", [len(CURSOR_QUERY), 1, 3], ids=["whole", "cut-after-escape", "cut-before-n"])
def test_a_cursor_query_is_answered_as_a_terminal_does(cut: int) -> None:
    query = CURSOR_QUERY[:cut] + "|" + CURSOR_QUERY[cut:] if cut < len(CURSOR_QUERY) else CURSOR_QUERY
    child = spawn(sys.executable, ["-c", ASK.format(query=query)], term=XTERM, timeout=30)
    if cut < len(CURSOR_QUERY):
        child.expect_exact(CURSOR_QUERY[:cut])  # the first part is read alone
        child.send("k")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    assert child.before.strip().endswith(f"reply: {CURSOR_REPLY!a}")


def test_no_test_module_starts_a_pseudo_terminal_but_through_the_helper() -> None:
    found = []
    for path in sorted(TESTS.glob("*.py")):
        if path.name == "pseudo_terminal.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "pexpect":
                names = [node.attr]
            elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "pexpect":
                names = [alias.name for alias in node.names]
            else:
                continue
            found += [f"{path.name}:{node.lineno} pexpect.{name}" for name in names]
    assert [use for use in found if use.rsplit(".", 1)[1] not in PEXPECT_OUTSIDE_THE_HELPER] == []
