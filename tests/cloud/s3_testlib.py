# s3_testlib.py
#
# Copyright 2026 The Parlance authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""What the Python cloud tests share: TAP lines printed as they happen, and
the rule for the S3 server (build-aux/s3-server.sh, started once by
build-aux/test.sh): without PRL_TEST_S3_ENDPOINT a test exits 77 (skip),
unless PRL_TEST_REQUIRE_S3=1 (CI) makes that a failure."""

import os
import sys

SKIP = 77
results = []


def no_server(reason):
    if os.environ.get("PRL_TEST_REQUIRE_S3") == "1":
        print(f"FAIL: {reason}, but PRL_TEST_REQUIRE_S3=1 requires the S3 server")
        sys.exit(1)
    print(f"SKIP: {reason}. Run build-aux/test.sh, or start a server with "
          "`build-aux/s3-server.sh start DIR` and load its variables with "
          "`eval \"$(build-aux/s3-server.sh env DIR)\"` before `meson test`.")
    sys.exit(SKIP)


def require_server():
    if not os.environ.get("PRL_TEST_S3_ENDPOINT"):
        no_server("PRL_TEST_S3_ENDPOINT is not set")


def check(name, ok, detail=""):
    """Prints the result at once, so a hang shows where it happened."""
    results.append(bool(ok))
    print(f"{'ok' if ok else 'not ok'} {len(results)} {name}", flush=True)
    if not ok:
        print("".join(f"# {line}\n" for line in str(detail).splitlines()[:20]), end="")


def finish():
    """The TAP plan, and the exit status: 1 when anything failed or nothing ran."""
    print(f"1..{len(results)}")
    sys.exit(0 if results and all(results) else 1)
