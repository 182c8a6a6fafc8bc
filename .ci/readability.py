#!/usr/bin/env python3
"""Readability gate for routine step text.

Usage: python3 .ci/readability.py [PATH]   (default: Locales/en.json, run from the repo root)

Collects every `routine.<id>.step.<step-id>` string from a flat Locales-style JSON file,
joins them into one text and prints its Flesch-Kincaid grade. Exits 1 if the grade is
above 6.0, 2 if the file cannot be read or holds no routine step text.
Needs `pip install textstat==0.7.3` (works offline).
"""
import json
import re
import sys

import textstat

MAX_GRADE = 6.0
STEP_KEY = re.compile(r"^routine\.[^.]+\.step\.[^.]+$")


def main(argv):
    path = argv[1] if len(argv) > 1 else "Locales/en.json"
    try:
        with open(path, encoding="utf-8") as f:
            table = json.load(f)
    except (OSError, ValueError) as error:
        print(f"{path}: error: {error}", file=sys.stderr)
        return 2
    if not isinstance(table, dict):
        print(f"{path}: error: expected a JSON object", file=sys.stderr)
        return 2
    steps = [v.strip() for k, v in sorted(table.items())
             if STEP_KEY.match(k) and isinstance(v, str) and v.strip()]
    if not steps:
        print(f"{path}: error: no routine.*.step.* strings", file=sys.stderr)
        return 2
    # Make sure each step ends a sentence, so steps do not run together.
    text = " ".join(s if s[-1] in ".!?\"'" else s + "." for s in steps)
    grade = textstat.flesch_kincaid_grade(text)
    print(f"Flesch-Kincaid grade of routine steps: {grade:.1f} ({len(steps)} steps)")
    if grade > MAX_GRADE:
        print(f"error: grade {grade:.1f} is above {MAX_GRADE:.1f}; use shorter sentences "
              "and everyday words", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
