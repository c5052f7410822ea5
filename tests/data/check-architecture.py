#!/usr/bin/python3
# check-architecture.py
#
# Copyright 2026 The Parlance authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""Keeps docs/ARCHITECTURE.md's "Where to find it" table true to the code.

Every `path:function` (or `path:Name` for a type, a test or a signal)
the table names must be a file that exists under the source root and
must define that name: a C function whose definition starts a line
(GNU style puts the name at the start of its own line), a Python `def`,
a GObject type's G_DEFINE/G_DECLARE line, or a signal or enum
registered by that name. A bare path must exist. One TAP line per
entry; exits 1 on any stale entry."""

import os
import re
import sys

ROOT = sys.argv[1]
DOC = os.path.join(ROOT, "docs", "ARCHITECTURE.md")
ENTRY = re.compile(r"`([\w./-]+\.(?:c|h|py|sh|ui|build|sql))(?::([\w-]+))?`")


def table_entries(text):
    """Yields (feature, path, name) from the rows of the table that
    follows the "Where to find it" heading."""
    in_section = False
    for line in text.splitlines():
        if line.startswith("## "):
            in_section = line.strip() == "## Where to find it"
            continue
        if not in_section or not line.startswith("|") or line.startswith("|--"):
            continue
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) < 2 or cells[0] in ("Feature", ""):
            continue
        for m in ENTRY.finditer(cells[1]):
            yield cells[0], m.group(1), m.group(2)


def defines(source, path, name):
    if path.endswith(".py"):
        return re.search(rf"^\s*def {re.escape(name)}\b", source, re.M)
    if path.endswith((".c", ".h")):
        patterns = [
            rf"^{re.escape(name)} \(",  # GNU-style definition
            rf"^\w[\w ]*\*?\s*{re.escape(name)} \(",  # one-line prototype
            rf"G_(?:DEFINE|DECLARE)_\w+ \(\s*{re.escape(name)}\b",  # type
            rf"g_signal_new \(\s*\"{re.escape(name)}\"",  # signal
            rf"^\s*{re.escape(name)}\s*[,=]",  # enum value
            rf"^#define {re.escape(name)}\b",
        ]
        return any(re.search(p, source, re.M) for p in patterns)
    return name in source


def main():
    with open(DOC, encoding="utf-8") as f:
        entries = list(table_entries(f.read()))
    if not entries:
        print("1..1")
        print("not ok 1 - docs/ARCHITECTURE.md has no \"Where to find it\" table")
        return 1
    print(f"1..{len(entries)}")
    failed = 0
    for i, (feature, path, name) in enumerate(entries, 1):
        full = os.path.join(ROOT, path)
        what = f"{feature}: {path}" + (f":{name}" if name else "")
        if not os.path.isfile(full):
            print(f"not ok {i} - {what} (no such file)")
            failed += 1
            continue
        if name:
            with open(full, encoding="utf-8", errors="replace") as f:
                if not defines(f.read(), path, name):
                    print(f"not ok {i} - {what} (the file does not define {name})")
                    failed += 1
                    continue
        print(f"ok {i} - {what}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
