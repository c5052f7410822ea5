#!/usr/bin/python3
"""Sums meson testlog.json files over every suite into 'N passed, N failed, N skipped'.

Takes one or more logs (the normal build, the sanitizer build, the fuzzers);
a log that is missing counts as one failure. Exits non-zero when anything
failed or nothing ran.
"""
import json
import sys

passed = failed = skipped = 0
for path in sys.argv[1:]:
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
