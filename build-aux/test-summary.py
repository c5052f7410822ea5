#!/usr/bin/python3
"""Sums meson testlog.json files over every suite into 'N passed, N failed, N skipped'.

Takes one or more logs and, for stages that are not meson tests (the
fuzzers), "--counts PASSED FAILED SKIPPED". A log that is missing counts as
one failure. Exits non-zero when anything failed or nothing ran.
"""
import json
import sys

passed = failed = skipped = 0
args = sys.argv[1:]
logs = []
while args:
    if args[0] == "--counts":
        try:
            p, f, s = (int(n) for n in args[1:4])
        except ValueError:
            p, f, s = 0, 1, 0
        passed, failed, skipped = passed + p, failed + f, skipped + s
        args = args[4:]
    else:
        logs.append(args.pop(0))

for path in logs:
    try:
        with open(path, encoding="utf-8") as log:
            for line in log:
                if not line.strip():
                    continue
                result = json.loads(line)["result"]
                if result in ("OK", "EXPECTEDFAIL"):
                    passed += 1
                elif result == "SKIP":
                    skipped += 1
                else:
                    failed += 1
    except OSError as error:
        print(f"test-summary: {error}", file=sys.stderr)
        failed += 1

print(f"{passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed or passed == 0 else 0)
