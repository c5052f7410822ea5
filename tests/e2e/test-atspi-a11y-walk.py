#!/usr/bin/python3
# test-atspi-a11y-walk.py
#
# Copyright 2026 The Parlance authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""Opens every window and dialog of the real `parlance` binary on a
workspace with a trained and evaluated model (parlance-cli quickstart),
walks each one's accessibility tree and fails on any node a screen reader
would announce by a class name (GtkToggleButton, AdwViewSwitcher,
PrlReviewView, …), and checks the controls issue #12 named: the base-model
choices are radio buttons, Force retrain can be acted on, the Version
drop-down is read once, and an error label without text is not in the
tree. Exits 77 (skip) without a display or without the sample audio."""

import os
import re
import subprocess
import sys
import tempfile
import time

GUI, CLI, SAMPLE = sys.argv[1], sys.argv[2], sys.argv[3]
MODEL = "sample-cardiology"

# Named after a class: what GTK 4.8 says when a widget has no name.
CLASS_NAME = re.compile(r"^(Gtk|Adw|Prl)[A-Z]")

# ATSPI_ROLE_FILLER is "a container with no name" for screen readers,
# which skip it. GTK 4.8 still gives the fillers it builds inside its own
# widgets (AdwGizmo, GtkRange, GtkBuiltinIcon, …) their class name, and
# offers no way to blank it: they are counted, not failed. Fillers of
# Parlance's own classes are failed like any other node.
STRUCTURAL = {"filler"}

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from atspi_session import own_display, private_bus, skip  # noqa: E402

own_display()
private_bus()

if not os.path.isfile(os.path.join(SAMPLE, "clinic1.wav")):
    skip(f"the sample audio was not built in {SAMPLE} (no espeak-ng)")

import pyatspi  # noqa: E402  (after the bus exists)

from atspi_common import (  # noqa: E402
    check, click, find, find_app, print_tap, settle, start_app, stop_app, wait_for,
    window, AppDied)

gtk_fillers = {}


def walk(node, path, offenders, depth=0):
    """Collects the nodes under @node named after a class."""
    if node is None or depth > 80:
        return
    try:
        role = node.getRoleName()
        name = node.name or ""
        n = node.childCount
    except Exception:  # the tree changes under us while the app works
        return
    if CLASS_NAME.match(name):
        if role in STRUCTURAL and not name.startswith("Prl"):
            gtk_fillers[name] = gtk_fillers.get(name, 0) + 1
        else:
            parent = node.parent
            offenders.append(f"{path} > [{role}] {name}"
                             + (f" (in [{parent.getRoleName()}] {parent.name!r},"
                                f" {n} children)" if parent is not None else ""))
    for i in range(n):
        try:
            child = node.getChildAtIndex(i)
        except Exception:
            continue
        walk(child, f"{path} > {role}" if depth < 3 else path, offenders, depth + 1)


def check_window(title, win, todo=None):
    """@todo: why offenders in a window GTK or libadwaita build whole are
    not fixed yet; they are reported as TAP TODO, not failed."""
    offenders = []
    walk(win, title, offenders)
    name = f"“{title}”: no node is named after a class"
    if todo and offenders:
        name += f" # TODO {todo}"
    check(name, not offenders,
          "\n".join(offenders[:40]) + (f"\n… and {len(offenders) - 40} more"
                                       if len(offenders) > 40 else ""))


def button(root, label):
    """A push button named @label (GTK 4.8 reads mnemonics twice)."""
    def match(node):
        if node is None or node.getRoleName() not in ("push button", "toggle button"):
            return False
        name = (node.name or "").replace("_", "")
        return name in (label, f"{label} {label}")
    return pyatspi.findDescendant(root, match, True) if root is not None else None


def menu_item(app, label):
    """A menu item of the app's open popover menu, in any window."""
    def match(node):
        return (node is not None and "menu item" in node.getRoleName()
                and (node.name or "").replace("_", "").startswith(label))
    for i in range(app.childCount):
        found = pyatspi.findDescendant(app.getChildAtIndex(i), match, True)
        if found is not None:
            return found
    return None


def close(win):
    """Closes a window with its own Close/Cancel button."""
    for label in ("Cancel", "Close"):
        b = button(win, label)
        if b is not None:
            click(b)
            return True
    return False


def press(node):
    """Clicks @node, or the first node inside it that can be clicked (a
    GtkMenuButton acts through the toggle button it holds)."""
    def actionable(n):
        try:
            return n is not None and n.queryAction().nActions > 0
        except NotImplementedError:
            return False
    target = node if actionable(node) else pyatspi.findDescendant(node, actionable, True)
    click(target)


def from_menu(app, main, item):
    press(wait_for("the main menu", lambda: button(main, "Main Menu")))
    settle()
    click(wait_for(f"the menu item {item}", lambda: menu_item(app, item)))


def steps(workspace):
    app = wait_for("parlance on the accessibility bus", lambda: find_app("parlance"))
    main = wait_for("the main window", lambda: window(app, "Parlance"))

    guide = wait_for("the Getting Started guide", lambda: window(app, "Getting Started"))
    settle()
    check_window("Getting Started", guide)
    click(wait_for("the guide's button", lambda: button(guide, "Get Started")))
    wait_for("the guide to close", lambda: window(app, "Getting Started") is None)

    settle()
    check_window("Parlance (models)", main)

    # New Custom Model: the base-model choices are radio buttons.
    # The header's button (the empty list's one is on a page not shown).
    click(wait_for("New Custom Model", lambda: find(main, "push button", "New Custom Model")))
    dialog = wait_for("the New Custom Model dialog", lambda: window(app, "New Custom Model"))
    settle()
    check_window("New Custom Model", dialog)
    radios = pyatspi.findAllDescendants(
        dialog, lambda n: n is not None and n.getRoleName() == "radio button")
    check("the base models are radio buttons", len(radios) >= 2,
          f"{len(radios)} radio buttons")
    hidden_errors = pyatspi.findAllDescendants(
        dialog, lambda n: n is not None and n.getRoleName() == "label" and not n.name)
    check("no empty (hidden) label is in the New Custom Model tree", not hidden_errors,
          f"{len(hidden_errors)} empty labels")
    close(dialog)
    wait_for("the dialog to close", lambda: window(app, "New Custom Model") is None)
    settle()
    settle()

    # The model's details, its Train dialog and the New Dataset dialog.
    click(wait_for("the model's Edit button", lambda: find(main, "push button",
                                                            f"Edit {MODEL}")))
    settle()
    check_window("Parlance (details)", main)
    click(wait_for("Train the Language", lambda: button(main, "Train the Language")))
    train = wait_for("the Train dialog", lambda: window(app, "Train the Language"))
    settle()
    check_window("Train the Language", train)
    force = wait_for("Force Retrain", lambda: pyatspi.findDescendant(
        train, lambda n: n is not None and n.getRoleName() != "label"
        and "Force Retrain" in (n.name or ""), True))
    try:
        n_actions = force.queryAction().nActions
    except NotImplementedError:
        n_actions = 0
    check("Force retrain can be acted on", n_actions > 0,
          f"[{force.getRoleName()}] {force.name!r} has no action")
    close(train)
    wait_for("the Train dialog to close", lambda: window(app, "Train the Language") is None)
    settle()
    settle()
    settle()

    click(wait_for("Add Dataset", lambda: button(main, "Add Dataset…")))
    new_dataset = wait_for("the New Dataset dialog", lambda: window(app, "New Dataset"))
    settle()
    check_window("New Dataset", new_dataset)
    close(new_dataset)
    wait_for("the New Dataset dialog to close", lambda: window(app, "New Dataset") is None)
    settle()
    settle()

    # Evaluation, with the stored results of the quickstart.
    click(wait_for("Evaluation", lambda: button(main, "Evaluation")))
    wait_for("the leaderboard", lambda: find(main, "list item", "Stock model, WER"))
    settle()
    check_window("Parlance (evaluation)", main)
    versions = pyatspi.findAllDescendants(
        main, lambda n: n is not None and n.getRoleName() == "combo box"
        and (n.name or "").startswith("Version"))
    check("the Version drop-down is read once", versions and all(
        v.name == "Version" for v in versions), str([v.name for v in versions]))

    # The windows of the main menu.
    from_menu(app, main, "Preferences")
    prefs = wait_for("Preferences", lambda: window(app, "Preferences"))
    settle()
    check_window("Preferences", prefs)
    close(prefs) or prefs.queryComponent()
    from_menu(app, main, "Keyboard Shortcuts")
    shortcuts = wait_for("the shortcuts window", lambda: window(app, "Keyboard Shortcuts"))
    settle()
    check_window("Keyboard Shortcuts", shortcuts)
    # GTK 4.8 reports a GtkToggleButton as a push button.
    buttons = pyatspi.findAllDescendants(
        shortcuts, lambda n: n is not None and "button" in n.getRoleName())
    check("the shortcuts window's search toggle reads “Search Shortcuts”",
          any(b.name == "Search Shortcuts" for b in buttons),
          str([(b.getRoleName(), b.name) for b in buttons]))
    from_menu(app, main, "About Parlance")
    about = wait_for("About", lambda: window(app, "About Parlance")
                     or window(app, "About"))
    settle()
    check_window("About", about)
    backs = pyatspi.findAllDescendants(
        about, lambda n: n is not None and n.getRoleName() == "push button"
        and n.name == "Back")
    check("the About window's Back buttons read “Back”", len(backs) >= 1,
          f"{len(backs)} found")

    print(f"# GTK 4.8 fillers still named after their class (not Parlance's to name): "
          f"{sum(gtk_fillers.values())}: "
          + ", ".join(f"{k} ×{v}" for k, v in sorted(gtk_fillers.items())))


def main():
    workspace = tempfile.mkdtemp(prefix="prl-a11y-")
    env = dict(os.environ, LANGUAGE="C", LC_ALL="C.UTF-8")
    made = subprocess.run([CLI, "--workspace", workspace, "quickstart", "--sample", SAMPLE],
                          env=env, capture_output=True, text=True)
    if made.returncode not in (0, 1):
        print(made.stdout, made.stderr)
        skip("parlance-cli quickstart could not build the workspace")
    start_app(GUI, workspace)
    try:
        steps(workspace)
    except (TimeoutError, AppDied) as error:
        check("the walk completed", False, str(error))
    finally:
        stop_app()
        subprocess.run(["rm", "-rf", workspace], check=False)
    print_tap()
    import atspi_common
    sys.exit(0 if all(ok or "# TODO" in name for name, ok, _ in atspi_common.results)
             and atspi_common.results else 1)


main()
