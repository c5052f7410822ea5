#!/usr/bin/python3
# screenshot-flows.py
#
# Copyright 2026 The Parlance authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""Drives the real `parlance` through its accessibility tree, as
tests/e2e/test-atspi-evaluate.py does, and captures three windows for the
README, the AppStream metadata and the user help:

  new-dataset-dialog.png  the New Dataset dialog with the sample's training
                          text and test pairs chosen, each with its type
  evaluation-review.png   the evaluation's Review tab, the first utterance
                          selected and its first error marked (Next Error)
  accounts-page.png       Preferences → Accounts with one example account

build-aux/screenshot.sh runs it inside Xvfb and a private D-Bus session
with a gnome-keyring; the workspace and the account are already made:

  screenshot-flows.py GUI WORKSPACE SAMPLE_DIR MODEL NEW_MODEL OUT_DIR
"""

import os
import subprocess
import sys
import time

GUI, WORKSPACE, SAMPLE, MODEL, NEW_MODEL, OUT = sys.argv[1:7]

# libatspi's warnings about its own cache races must not be fatal.
os.environ.pop("G_DEBUG", None)

import pyatspi  # noqa: E402  (needs the session bus, which exists now)
import Xlib.display  # noqa: E402
import Xlib.error  # noqa: E402
import Xlib.X  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "tests", "e2e"))
import atspi_common  # noqa: E402
from atspi_common import (  # noqa: E402
    click, find, find_app, settle, stop_app, wait_for, window)

# Without a window manager nothing raises, focuses or resizes a window:
# do it as one would, and capture a top-level window by its X id.
_x = Xlib.display.Display()

# The New Dataset dialog's size in the screenshot: its default width, tall
# enough for the nine files without scrolling.
DIALOG_WIDTH, DIALOG_HEIGHT = 560, 965


def x_window(title):
    """The top-level X window titled @title that is on screen, or None."""
    for win in reversed(_x.screen().root.query_tree().children):
        try:
            if (win.get_wm_name() == title
                    and win.get_attributes().map_state == Xlib.X.IsViewable):
                return win
        except Xlib.error.BadWindow:  # gone while we looked
            continue
    return None


def focus_window(title):
    """Raises and focuses the window titled @title; False until it can."""
    win = x_window(title)
    if win is None:
        return False
    win.raise_window()
    win.set_input_focus(Xlib.X.RevertToParent, Xlib.X.CurrentTime)
    _x.sync()
    return True


def resize_window(title, width, height):
    """Resizes a window as a window manager would, so that a dialog shows
    all its rows without scrolling."""
    wait_for(f"the X window {title}", lambda: x_window(title)).configure(
        width=width, height=height)
    _x.sync()


def shoot(title, name):
    """Captures the window titled @title (and nothing around it) into
    OUT/@name, once the UI has settled."""
    settle()
    settle()
    win = wait_for(f"the X window {title}", lambda: x_window(title))
    path = os.path.join(OUT, name)
    subprocess.run(["import", "-window", hex(win.id), "+repage", "png:" + path], check=True)
    print(f"Wrote {path}")


def button(root, label):
    """The button labelled @label. GTK 4.8 reads a mnemonic label twice
    ("_Add Add"), so a doubled name counts too."""
    if root is None:
        return None
    roles = {"push button", "toggle button"}
    names = {label, f"{label} {label}"}
    for node in pyatspi.findAllDescendants(
            root, lambda n: n is not None and n.getRoleName() in roles):
        if (node.name or "").replace("_", "") in names:
            return node
    return None


def click_at(node):
    """A real pointer click in the middle of @node (every window sits at
    the screen's origin without a window manager)."""
    x, y, w, h = node.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    pyatspi.Registry.generateMouseEvent(x + w // 2, y + h // 2, "b1c")


def choose_files(app, dialog, folder, names):
    """Adds @names from @folder through Choose Files…, one file per visit
    to the chooser: GTK 4.8's chooser shows its files in a GtkTreeView,
    which AT-SPI cannot see, so each path goes into the location entry
    (typing "/" opens it) and Add takes it."""
    for name in names:
        click(wait_for("Choose Files…", lambda: find(dialog, "push button", "Choose Files")))
        chooser = wait_for("the file chooser", lambda: window(app, "Choose Dataset Files"))
        settle()
        wait_for("the chooser to take the focus",
                 lambda: focus_window("Choose Dataset Files"))
        pyatspi.Registry.generateKeyboardEvent(0, "/", pyatspi.KEY_STRING)
        wait_for("the location entry", lambda: find(
            chooser, "text", "GtkFileChooserEntry")).queryEditableText().setTextContents(
                os.path.join(folder, name))
        time.sleep(0.3)
        click(wait_for("the chooser's Add button", lambda: button(chooser, "Add")))
        wait_for("the chooser to close",
                 lambda: window(app, "Choose Dataset Files") is None)
        settle()
    for name in names:
        wait_for(f"{name} in the New Dataset dialog", lambda: find(dialog, "label", name))


def open_model(main, name):
    click(wait_for(f"the Edit button of {name}",
                   lambda: find(main, "push button", f"Edit {name}")))
    settle()


def new_dataset_dialog(app, main):
    open_model(main, NEW_MODEL)
    click(wait_for("Add Dataset…", lambda: button(main, "Add Dataset…")))
    dialog = wait_for("the New Dataset dialog", lambda: window(app, "New Dataset"))
    settle()
    wavs = sorted(f for f in os.listdir(SAMPLE) if f.endswith(".wav"))
    files = ["training.txt"] + [f for wav in wavs for f in (wav, wav[:-4] + ".txt")]
    choose_files(app, dialog, SAMPLE, files)
    create = wait_for("the dialog's Create button", lambda: button(dialog, "Create"))
    wait_for("the files to pass the checks",
             lambda: create.getState().contains(pyatspi.STATE_SENSITIVE), timeout=60)
    resize_window("New Dataset", DIALOG_WIDTH, DIALOG_HEIGHT)
    shoot("New Dataset", "new-dataset-dialog.png")
    click(wait_for("Cancel", lambda: button(dialog, "Cancel")))
    wait_for("the dialog to close", lambda: window(app, "New Dataset") is None)
    settle()


def review(app, main):
    open_model(main, MODEL)
    click(wait_for("Evaluation", lambda: button(main, "Evaluation")))
    wait_for("the leaderboard", lambda: find(main, "list item", "Stock model, WER"))
    settle()
    # The view switcher's label in the header bar (a leaderboard column is
    # called "Words" too, so pick the one at the top).
    labels = pyatspi.findAllDescendants(
        main, lambda n: n is not None and n.getRoleName() == "label"
        and (n.name or "").replace("_", "") == "Review")
    tab = wait_for("the Review tab", lambda: next(
        (n for n in labels
         if 0 < n.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)[1] < 50), None))
    click_at(tab)
    settle()
    wait_for("the first utterance", lambda: find(main, None, "clinic1"))
    # Next Error (what F8 does): the first error of the selected utterance
    # gets the "diff-current" mark.
    click(wait_for("the Next Error button", lambda: button(main, "Next Error")))
    shoot("Parlance", "evaluation-review.png")


def accounts(app, main):
    wait_for("the main window to take the focus", lambda: focus_window("Parlance"))
    click(wait_for("the main menu", lambda: pyatspi.findDescendant(
        button(main, "Main Menu"), lambda n: n is not None and n.getRoleName()
        in ("push button", "toggle button"), True) or button(main, "Main Menu")))
    settle()

    def menu_item():
        for i in range(app.childCount):
            found = pyatspi.findDescendant(app.getChildAtIndex(i), lambda n: (
                n is not None and "menu item" in n.getRoleName()
                and (n.name or "").replace("_", "").startswith("Preferences")), True)
            if found is not None:
                return found
        return None

    click(wait_for("the Preferences menu item", menu_item))
    prefs = wait_for("Preferences", lambda: window(app, "Preferences"))
    settle()
    tab = wait_for("the Accounts page's switcher button", lambda: pyatspi.findDescendant(
        prefs, lambda n: n is not None and n.getRoleName() in ("label", "toggle button",
                                                               "push button", "radio button")
        and (n.name or "").replace("_", "") == "Accounts", True))
    click_at(tab)
    wait_for("the example account", lambda: find(prefs, None, "Clinic archive"))
    shoot("Preferences", "accounts-page.png")


def run(flow):
    """Runs @flow on a freshly started app, in English, with the settings
    screenshot.sh made (the first-run guide already seen)."""
    env = dict(os.environ, GTK_A11Y="atspi", NO_AT_BRIDGE="0", LANGUAGE="C",
               LC_ALL="C.UTF-8")
    atspi_common.app_proc = subprocess.Popen([GUI, "--workspace", WORKSPACE], env=env,
                                             preexec_fn=atspi_common.die_with_parent)
    try:
        app = wait_for("parlance on the accessibility bus", lambda: find_app("parlance"))
        main_window = wait_for("the main window", lambda: window(app, "Parlance"))
        settle()
        flow(app, main_window)
    finally:
        stop_app()
        atspi_common.app_proc = None
        time.sleep(1)


def main():
    os.makedirs(OUT, exist_ok=True)
    for flow in (new_dataset_dialog, review, accounts):
        run(flow)


main()
