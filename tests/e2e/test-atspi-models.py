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

import os
import sys

GUI, CLI = sys.argv[1], sys.argv[2]

# Next to this script, whatever the interpreter puts on the path.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from atspi_session import own_display, private_bus  # noqa: E402

own_display()
private_bus()

import pyatspi  # noqa: E402  (after the bus exists)

from atspi_common import (  # noqa: E402  (after pyatspi, as it loads it)
    all_passed, check, click, cli_json, find, find_app, run, wait_for, window)


def find_dialog_with(app, text):
    """The top-level window that contains a label with @text."""
    for i in range(app.childCount):
        child = app.getChildAtIndex(i)
        if child is not None and find(child, "label", text):
            return child
    return None


def cli_models(workspace):
    return [m["name"] for m in cli_json(CLI, workspace, "models", "list")]


def steps(workspace):
    """Creates a model, checks it in the list and deletes it again."""
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


def main():
    run(GUI, "prl-atspi-", steps)
    sys.exit(0 if all_passed() else 1)


main()
