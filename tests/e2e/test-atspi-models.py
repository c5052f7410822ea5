#!/usr/bin/python3
# test-atspi-models.py
#
# Copyright 2026 The Parlance authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""Starts the real `parlance` binary with the AT-SPI bridge on, and creates,
finds and deletes a model through the accessibility tree the way a
screen-reader user would: by role and name, with actions and text entry.
Checks the result with parlance-cli on the same workspace."""

import json
import signal
import os
import subprocess
import sys
import tempfile
import time

GUI, CLI = sys.argv[1], sys.argv[2]

# The test setup makes GLib warnings fatal for the C suites; libatspi in
# this process warns about races in the accessibility cache that are not
# ours. Drop it before GLib is loaded (by pyatspi below).
os.environ.pop("G_DEBUG", None)

if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
    # Re-run inside a private session bus so the accessibility bus can start.
    os.execvp("dbus-run-session", ["dbus-run-session", "--", sys.executable] + sys.argv)

if not os.environ.get("DISPLAY"):
    print("1..0 # SKIP no display")
    sys.exit(0)

import pyatspi  # noqa: E402  (after the bus exists)

results = []


def check(name, ok, detail=""):
    results.append((name, bool(ok), detail))
    return ok


def wait_for(what, predicate, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            found = predicate()
        except (TypeError, NameError):
            raise
        except Exception:  # the tree changes under us while the app works
            found = None
        if found:
            return found
        time.sleep(0.2)
    raise TimeoutError(f"timed out waiting for {what}")


def find_app(name):
    desktop = pyatspi.Registry.getDesktop(0)
    for i in range(desktop.childCount):
        app = desktop.getChildAtIndex(i)
        if app is not None and app.name == name:
            return app
    return None


def window(app, title):
    """A top-level window of the app by its title."""
    for i in range(app.childCount):
        child = app.getChildAtIndex(i)
        if child is not None and child.name == title:
            return child
    return None


def find(root, role=None, text=None):
    """A descendant by role whose accessible name contains @text.

    GTK 4.8 reports neither SHOWING reliably nor hidden stack pages as
    hidden, so searches are scoped to a window and use names that only
    exist where the user would see them."""
    if root is None:
        return None

    def match(node):
        if node is None:
            return False
        if role is not None and node.getRoleName() != role:
            return False
        return text is None or text in (node.name or "")

    return pyatspi.findDescendant(root, match, True)


def find_dialog_with(app, text):
    """The top-level window that contains a label with @text."""
    for i in range(app.childCount):
        child = app.getChildAtIndex(i)
        if child is not None and find(child, "label", text):
            return child
    return None


def click(node):
    action = node.queryAction()
    for i in range(action.nActions):
        if action.getName(i) in ("click", "activate", "press"):
            action.doAction(i)
            return
    action.doAction(0)


def die_with_parent():
    """Whatever happens to this script, the app must not outlive it and
    keep the test runner waiting on its output."""
    import ctypes
    PR_SET_PDEATHSIG = 1
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def cli_models(workspace):
    out = subprocess.run([CLI, "--workspace", workspace, "models", "list", "--json"],
                         capture_output=True, text=True, check=True).stdout
    return [m["name"] for m in json.loads(out)]


def main():
    workspace = tempfile.mkdtemp(prefix="prl-atspi-")
    env = dict(os.environ, GTK_A11Y="atspi", GSETTINGS_BACKEND="memory", NO_AT_BRIDGE="0",
               LANGUAGE="C", LC_ALL="C.UTF-8")
    env.pop("G_DEBUG", None)
    app_proc = subprocess.Popen([GUI, "--workspace", workspace], env=env,
                                preexec_fn=die_with_parent)
    try:
        app = wait_for("the parlance application on the accessibility bus",
                       lambda: find_app("parlance"))
        check("the app is on the accessibility bus", app is not None)

        main_window = wait_for("the main window", lambda: window(app, "Parlance"))

        # First run: the Getting Started guide opens by itself.
        guide = wait_for("the Getting Started guide", lambda: window(app, "Getting Started"))
        check("the Getting Started guide opens on first run", guide is not None)
        check("the guide explains Force Alignment",
              find(guide, "label", "Force Alignment") is not None)
        click(wait_for("the guide's button", lambda: find(guide, "push button", "Get Started")))
        wait_for("the guide to close", lambda: window(app, "Getting Started") is None)

        click(wait_for("the New Custom Model button",
                       lambda: find(main_window, "push button", "New Custom Model")))
        dialog = wait_for("the New Custom Model dialog", lambda: window(app, "New Custom Model"))
        create = wait_for("the dialog's Create button",
                          lambda: find(dialog, "push button", "Create"))
        check("Create is disabled before a name is typed",
              not create.getState().contains(pyatspi.STATE_SENSITIVE))

        entry = wait_for("the Name field", lambda: find(dialog, "text", "Name"))
        entry.queryEditableText().setTextContents("two words")
        error = wait_for("the inline name error",
                         lambda: find(dialog, "label", "Spaces are not allowed"))
        check("a bad name is explained next to the field", error is not None)
        check("Create stays disabled for a bad name",
              not create.getState().contains(pyatspi.STATE_SENSITIVE))

        entry.queryEditableText().setTextContents("atspi-clinic")
        wait_for("Create to become enabled",
                 lambda: create.getState().contains(pyatspi.STATE_SENSITIVE))
        click(create)
        wait_for("the dialog to close", lambda: window(app, "New Custom Model") is None)

        row = wait_for("the new model in the list",
                       lambda: find(main_window, "push button", "Edit atspi-clinic"))
        check("the new model appears in the list", row is not None)
        check("the list shows its name",
              find(main_window, "label", "atspi-clinic") is not None)
        check("parlance-cli sees the model", cli_models(workspace) == ["atspi-clinic"],
              str(cli_models(workspace)))

        # Delete it again through the row's button and the confirmation.
        click(wait_for("the row's delete button",
                       lambda: find(main_window, "push button", "Delete atspi-clinic")))
        confirm = wait_for("the confirmation", lambda: window(app, "Delete “atspi-clinic”?")
                           or find_dialog_with(app, "Delete “atspi-clinic”?"))
        click(wait_for("the confirmation's Delete button",
                       lambda: find(confirm, "push button", "Delete")))
        wait_for("the model to leave the list",
                 lambda: find(main_window, "push button", "Edit atspi-clinic") is None)
        check("deleting through the UI removes the model", cli_models(workspace) == [],
              str(cli_models(workspace)))
    except TimeoutError as error:
        check("the flow completed", False, str(error))
    finally:
        app_proc.terminate()
        try:
            app_proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            app_proc.kill()
        subprocess.run(["rm", "-rf", workspace], check=False)

    print(f"1..{len(results)}")
    for i, (name, ok, detail) in enumerate(results, 1):
        print(f"{'ok' if ok else 'not ok'} {i} {name}")
        for line in (detail.splitlines() if not ok else []):
            print(f"# {line}")
    sys.exit(0)


main()
