# atspi_session.py
#
# Copyright 2026 The Parlance authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""What the end-to-end scripts do before pyatspi loads (atspi_common.py
loads it): run again on an X server and in a session bus of their own,
with a private keyring when they store keys.

Importing this drops G_DEBUG: like the C suites' setup, G_DEBUG=
fatal-warnings would make libatspi's warnings about its own cache races
fatal here, so it must go before GLib loads."""

import os
import shutil
import sys

# keyring_session.py is shared with the CLI tests.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "cloud"))
import keyring_session  # noqa: E402

SKIP = 77

os.environ.pop("G_DEBUG", None)


def skip(reason):
    """Skips the whole test (exit status 77)."""
    print(f"1..0 # SKIP {reason}")
    sys.exit(SKIP)


def own_display():
    """Runs the script again on an X server of its own (xvfb-run), so that
    the keys and clicks it synthesizes reach only its own windows while
    other suites run beside it (build-aux/test.sh runs the end-to-end
    tests one at a time, beside the rest). Without xvfb-run it uses the
    display it was given, or skips."""
    if os.environ.get("PRL_E2E_OWN_DISPLAY"):
        return
    if not shutil.which("xvfb-run"):
        if not os.environ.get("DISPLAY"):
            skip("no display, and no xvfb-run to start one")
        return
    os.environ["PRL_E2E_OWN_DISPLAY"] = "1"
    # -a tries the next number while one is taken; starting from the
    # process id keeps the tests of two runs apart.
    os.execvp("xvfb-run", ["xvfb-run", "-a", "-n", str(500 + os.getpid() % 400), "-s",
                           "-screen 0 1280x1024x24 -noreset", sys.executable] + sys.argv)


def private_bus():
    """Runs the script again in a session bus of its own, started inside
    the X session: the accessibility registry it launches needs DISPLAY to
    synthesize key and mouse events, which a bus started before Xvfb
    (dbus-run-session -- xvfb-run …) lacks."""
    if not os.environ.get("PRL_E2E_PRIVATE_BUS"):
        os.environ["PRL_E2E_PRIVATE_BUS"] = "1"
        os.execvp("dbus-run-session", ["dbus-run-session", "--", sys.executable] + sys.argv)


def in_private_keyring():
    """Like private_bus(), with an unlocked gnome-keyring and private HOME
    and XDG folders (keyring_session.py): the keys the test stores go to
    that keyring only. Skips without gnome-keyring-daemon."""
    keyring_session.in_private_keyring(skip)
