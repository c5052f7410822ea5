#!/usr/bin/python3
# test-atspi-evaluate.py
#
# Copyright 2026 The Parlance authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""The main job end to end, as a user does it in the real `parlance` binary
through the accessibility tree: create a model, add the bundled sample's
datasets through the New Dataset dialog and the file chooser, train,
evaluate, and find in the leaderboard that the version beats the stock
model. Exits 0 on success, 1 on failure and 77 (skip) when there is no
display or the sample audio was not built (no espeak-ng)."""

import ctypes.util
import os
import re
import subprocess
import sys
import time

GUI, CLI, SAMPLE = sys.argv[1], sys.argv[2], sys.argv[3]
MODEL = "atspi-cardio"

# The Type row of the New Dataset dialog lists PrlDatasetType in order,
# Auto-detect first: how many rows down each label is.
TYPE_ROWS = {"Training text": 1, "Tuning text": 2, "Test transcript": 3}

# Next to this script, whatever the interpreter puts on the path.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from atspi_session import own_display, private_bus, skip  # noqa: E402

own_display()
private_bus()

SAMPLE_FILES = {
    "training": ["training.txt"],
    "tuning": ["tuning.txt"],
    "test": sorted(f for f in os.listdir(SAMPLE) if f.endswith(".wav"))
    if os.path.isdir(SAMPLE) else [],
}
SAMPLE_FILES["test"] += [f[:-4] + ".txt" for f in SAMPLE_FILES["test"]]
if not SAMPLE_FILES["test"] or not all(
        os.path.isfile(os.path.join(SAMPLE, f)) for fs in SAMPLE_FILES.values() for f in fs):
    skip(f"the sample audio was not built in {SAMPLE} (no espeak-ng)")

import pyatspi  # noqa: E402  (after the bus exists)

from atspi_common import (  # noqa: E402  (after pyatspi, as it loads it)
    all_names, all_passed, check, click, cli_json, find, find_app, leaderboard_rows, run,
    settle, wait_for, window)


# Keyboard and pointer (atspi_keys). Without a window manager nothing gives
# X focus to a new window, so atspi_keys does what a window manager would.
if not ctypes.util.find_library("X11"):
    skip("no libX11 to give windows the keyboard focus")
from atspi_keys import (  # noqa: E402  (after atspi_common)
    button, choose_in_combo, click_at, focus_window, sensitive, train, type_string)


# The steps a user takes

def create_model(app, main_window):
    click(wait_for("the New Custom Model button",
                   lambda: find(main_window, "push button", "New Custom Model")))
    dialog = wait_for("the New Custom Model dialog", lambda: window(app, "New Custom Model"))
    entry = wait_for("the Name field", lambda: find(dialog, "text", "Name"))
    entry.queryEditableText().setTextContents(MODEL)
    create = wait_for("the dialog's Create button", lambda: button(dialog, "Create"))
    wait_for("Create to become enabled", lambda: sensitive(create))
    click(create)
    wait_for("the dialog to close", lambda: window(app, "New Custom Model") is None)
    settle()
    click(wait_for("the model's Edit button",
                   lambda: find(main_window, "push button", f"Edit {MODEL}")))
    settle()


def choose_file(app, dialog, path):
    """Choose Files…, then type the path into the chooser's location entry
    (typing "/" opens it, as for any keyboard user) and press Add."""
    click(wait_for("Choose Files…", lambda: find(dialog, "push button", "Choose Files")))
    chooser = wait_for("the file chooser", lambda: window(app, "Choose Dataset Files"))
    settle()
    wait_for("the file chooser to take the focus", lambda: focus_window("Choose Dataset Files"))
    type_string("/")
    location = wait_for("the location entry",
                        lambda: find(chooser, "text", "GtkFileChooserEntry"))
    location.queryEditableText().setTextContents(path)
    time.sleep(0.3)
    click(wait_for("the chooser's Add button", lambda: button(chooser, "Add")))
    wait_for("the file chooser to close", lambda: window(app, "Choose Dataset Files") is None)
    settle()
    name = os.path.basename(path)
    wait_for(f"{name} in the New Dataset dialog",
             lambda: find(dialog, "label", name) or find(dialog, "list item", name))


def choose_type(dialog, label):
    """Open the Type row's list with a click and pick @label with the
    arrow keys, then check what the row shows."""
    return choose_in_combo(dialog, "New Dataset", "Type", TYPE_ROWS[label], label)


def add_datasets(app, main_window, files, type_label):
    click(wait_for("Add Dataset…", lambda: find(main_window, "push button", "Add Dataset")))
    dialog = wait_for("the New Dataset dialog", lambda: window(app, "New Dataset"))
    settle()
    for name in files:
        choose_file(app, dialog, os.path.join(SAMPLE, name))
    choose_type(dialog, type_label)
    create = wait_for("the New Dataset dialog's Create button",
                      lambda: button(dialog, "Create"))
    wait_for("the files to pass the checks", lambda: sensitive(create), timeout=60)
    click(create)
    wait_for("the import to finish and the dialog to close",
             lambda: window(app, "New Dataset") is None, timeout=120)
    settle()


def run_evaluation(app, main_window):
    click(wait_for("the Evaluation button", lambda: button(main_window, "Evaluation")))
    settle()
    click(wait_for("the Run Evaluation button", lambda: button(main_window, "Run Evaluation")))


def leaderboard(main_window):
    """The stock row's WER and the version rows (name, WER, comparison),
    once both are there."""
    stock, versions = leaderboard_rows(all_names(main_window), MODEL)
    return (stock, versions) if stock is not None and versions else None


def screenshots(main_window, folder):
    """With PRL_E2E_SCREENSHOTS=DIR, the evaluation's three views as PNG
    files (for the README and for looking at the real thing); needs
    ImageMagick's import."""
    os.makedirs(folder, exist_ok=True)

    def shoot(name):
        settle()
        subprocess.run(["import", "-window", "root", os.path.join(folder, name)],
                       check=False)

    shoot("evaluation-leaderboard.png")
    for view, name in (("Review", "evaluation-review.png"),
                       ("Words", "evaluation-words.png")):
        # The view switcher's label in the header bar (a column of the
        # leaderboard is called "Words" too).
        labels = pyatspi.findAllDescendants(
            main_window, lambda n: n is not None and n.getRoleName() == "label"
            and (n.name or "").replace("_", "") == view)
        tab = next((n for n in labels if 0 < n.queryComponent().getExtents(
            pyatspi.DESKTOP_COORDS)[1] < 50), None)
        if tab is not None:
            click_at(tab)
            if view == "Review":
                settle()
                row = find(main_window, None, "clinic1")
                if row is not None:
                    click_at(row)
            shoot(name)


def steps(workspace):
    """Creates a model, adds the sample, trains, evaluates and reads the
    leaderboard."""
    app = wait_for("the parlance application on the accessibility bus",
                   lambda: find_app("parlance"))
    main_window = wait_for("the main window", lambda: window(app, "Parlance"))
    guide = wait_for("the Getting Started guide", lambda: window(app, "Getting Started"))
    click(wait_for("the guide's button", lambda: find(guide, "push button", "Get Started")))
    wait_for("the guide to close", lambda: window(app, "Getting Started") is None)
    settle()

    create_model(app, main_window)
    check("the model is created through the New Custom Model dialog",
          [m["name"] for m in cli_json(CLI, workspace, "models", "list")] == [MODEL])

    add_datasets(app, main_window, SAMPLE_FILES["training"], "Training text")
    add_datasets(app, main_window, SAMPLE_FILES["tuning"], "Tuning text")
    add_datasets(app, main_window, SAMPLE_FILES["test"], "Test transcript")
    datasets = cli_json(CLI, workspace, "datasets", "list", MODEL)
    # One dataset per upload: the recordings and their transcripts are one.
    check("each upload is one dataset",
          sorted((d["type"], d["n_files"]) for d in datasets)
          == [("TEST", len(SAMPLE_FILES["test"])), ("TRANSCRIPT", 1), ("TUNING", 1)],
          str(datasets))
    kinds = sorted((f["name"], f["type"]) for d in datasets for f in d["files"])
    n_test = len(SAMPLE_FILES["test"]) // 2
    expected = sorted([("training.txt", "TRANSCRIPT"), ("tuning.txt", "TUNING")]
                      + [(f, "AUDIO") for f in SAMPLE_FILES["test"][:n_test]]
                      + [(f, "TEST") for f in SAMPLE_FILES["test"][n_test:]])
    check("the datasets are added through the file chooser with their types",
          kinds == expected, f"got {kinds}\nexpected {expected}")

    train(app, main_window)
    version = wait_for("training to make a version",
                       lambda: find(main_window, "label", f"{MODEL}-"), timeout=300)
    check("training makes a version", version is not None, "")
    settle()

    run_evaluation(app, main_window)
    stock, versions = wait_for("the leaderboard's stock and version rows",
                               lambda: leaderboard(main_window), timeout=300)
    name, wer, comparison = versions[-1]
    check("the leaderboard has a row for the stock model", stock is not None)
    check("the leaderboard has a row for the trained version", len(versions) == 1,
          str(versions))
    check("the trained version beats the stock model", wer < stock,
          f"{name}: WER {wer}% against stock {stock}% ({comparison})")
    # Both WERs are rounded in the names, so the gap may differ by 0.01.
    gap = re.match(r"^(\d+(?:\.\d+)?) points better than stock$", comparison)
    check("the version's row says by how much",
          gap and abs(float(gap.group(1)) - (stock - wer)) < 0.015, comparison)
    print(f"# leaderboard: stock WER {stock}%, {name} WER {wer}% ({comparison})")
    if os.environ.get("PRL_E2E_SCREENSHOTS"):
        screenshots(main_window, os.environ["PRL_E2E_SCREENSHOTS"])


def main():
    run(GUI, "prl-atspi-eval-", steps)
    sys.exit(0 if all_passed() else 1)


main()
