"""Cookiecutter's post-generation hook: hand the answers, as JSON data, to `tailor.py`, which copier runs too."""

import json
import os
import sys
from pathlib import Path

# Single quotes: `tojson` escapes every ' in what it writes, so no answer can end the string.
ANSWERS = json.loads(r'''{{ cookiecutter | tojson }}''')  # fmt: skip
TEMPLATE = json.loads(r'''{{ template_directory | tojson }}''')  # fmt: skip
# `cookiecutter` or `cruft` for a new project; `cruft update` in its render of the template's new commit, to
# compare: nothing to tailor, but what to do after cruft applies it; empty in cruft's other renders.
MADE_BY = json.loads(r'''{{ made_by() | tojson }}''')  # fmt: skip
# The template commit that `cruft update` updates from (its record, `.cruft.json`), or empty.
UPDATED_FROM = json.loads(r'''{{ cruft_updates_from() | tojson }}''')  # fmt: skip


def main() -> int:
    """Tailor the new project (the current directory), then print the next steps."""
    sys.path.insert(0, str(Path(TEMPLATE) / "hooks"))
    import tailor

    if MADE_BY == "cruft update":
        print("\n".join(tailor.before_cruft_applies(UPDATED_FROM)))
    elif MADE_BY:
        print("\n".join(tailor.tailor(Path.cwd(), ANSWERS, MADE_BY)))
    return 0


if __name__ == "__main__":
    try:
        status = main()
    finally:
        # Cookiecutter runs a rendered copy of this file from the temp directory and leaves it there.
        os.remove(__file__)
    sys.exit(status)
