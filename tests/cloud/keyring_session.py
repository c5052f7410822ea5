# keyring_session.py
#
# Copyright 2026 The Parlance authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Python tests' way into a private Secret Service, as keyring-session.h
is the C tests': the test runs again in a private D-Bus session with an
unlocked gnome-keyring, a temporary HOME and XDG folders, and none of the
cloud keys of the caller's environment, so that the keys it stores go to
that keyring only.

The CLI tests reach it through cli_testlib.in_private_keyring(), the
end-to-end tests through atspi_session.in_private_keyring()."""

import os
import shutil
import subprocess
import sys
import tempfile

# Set in the run inside the private session.
MARKER = "PRL_PRIVATE_KEYRING"

# Keys a developer's shell may hold: none may reach the code under test.
CREDENTIALS = ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
               "AWS_SHARED_CREDENTIALS_FILE", "IBM_APIKEY")


def in_private_keyring(skip):
    """Runs the calling script again, with the same arguments, in the
    private session. Returns inside that run; the outer run exits with its
    status. Without gnome-keyring-daemon or dbus-run-session it calls
    skip(reason), which must not return."""
    if os.environ.get(MARKER):
        return
    if not (shutil.which("gnome-keyring-daemon") and shutil.which("dbus-run-session")):
        skip("gnome-keyring-daemon or dbus-run-session is missing")
    home = tempfile.mkdtemp(prefix="prl-keyring-")
    for sub in ("run", "data", "config"):
        os.mkdir(os.path.join(home, sub), 0o700)
    env = dict(os.environ, HOME=home, XDG_RUNTIME_DIR=os.path.join(home, "run"),
               XDG_DATA_HOME=os.path.join(home, "data"),
               XDG_CONFIG_HOME=os.path.join(home, "config"), **{MARKER: "1"})
    for name in CREDENTIALS + ("DBUS_SESSION_BUS_ADDRESS",):
        env.pop(name, None)
    script = ("printf parlance | gnome-keyring-daemon --unlock --daemonize "
              "--components=secrets >/dev/null && exec \"$0\" \"$@\"")
    rc = subprocess.call(["dbus-run-session", "--", "sh", "-c", script, sys.executable,
                          os.path.abspath(sys.argv[0])] + sys.argv[1:], env=env)
    shutil.rmtree(home, ignore_errors=True)
    sys.exit(rc)
