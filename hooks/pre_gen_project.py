"""The last gate before cookiecutter writes a file: refuse answers that break a rule of `answer_rules.py`.

Whatever route the answers took in (CONTRIBUTING.md), they arrive here as JSON data, never as code.
"""

import json
import os
import sys

# Single quotes: `tojson` escapes every ' in what it writes, so no answer can end the string.
ANSWERS = json.loads(r'''{{ cookiecutter | tojson }}''')  # fmt: skip
TEMPLATE = json.loads(r'''{{ template_directory | tojson }}''')  # fmt: skip


def main() -> int:
    """Print every problem with the answers to stderr; return the exit status."""
    sys.path.insert(0, TEMPLATE)
    import answer_rules

    found = answer_rules.problems(ANSWERS)
    for problem in found:
        print(f"ERROR: {problem.message}", file=sys.stderr)
    if found:
        print("No project was generated. Run cookiecutter again with the answers fixed.", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    try:
        status = main()
    finally:
        # Cookiecutter runs a rendered copy of this file from the temp directory and leaves it there.
        os.remove(__file__)
    sys.exit(status)
