#!/usr/bin/python3
# test-cli-integrity.py
#
# Copyright 2026 The Parlance authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""A workspace whose stored copy of a dataset was edited after the import:
`train` refuses it with a message that blames the workspace, names the
dataset and says what to do, whether the edit keeps the text valid UTF-8
or not; importing tuning text checked against the damaged training text
says so too; removing the dataset and adding the file again recovers."""

import json
import os
import tempfile

from cli_testlib import check, finish, run_in as run, write


def blob_path(ws, model):
    rc, out, err = run(ws, "datasets", "list", model, "--json")
    (dataset,) = json.loads(out)
    (file,) = dataset["files"]
    sha = file["sha256"]
    return os.path.join(ws, "blobs", sha[:2], sha)


def edit_in_place(path, old, new):
    with open(path, "r+b") as f:
        data = f.read()
        assert old in data
        f.seek(0)
        f.write(data.replace(old, new, 1))


def blames_workspace(err):
    return ("workspace is damaged" in err and "notes.txt" in err
            and "add the original file again" in err and "UTF-8" not in err)


TEXT = ("The patient has atrial fibrillation.\nStart metoprolol today.\n"
        "The patient takes ten milligrams of metoprolol twice a day.\n").encode()

with tempfile.TemporaryDirectory() as tmp:
    ws = os.path.join(tmp, "ws")
    notes = write(os.path.join(tmp, "notes.txt"), TEXT)
    tune = write(os.path.join(tmp, "tune.txt"), b"the patient takes metoprolol\n")

    run(ws, "models", "create", "clinic")
    rc, out, err = run(ws, "datasets", "add", "clinic", notes, "--type", "TRANSCRIPT")
    check("the text is imported", rc == 0, err)
    blob = blob_path(ws, "clinic")

    # Same length, still valid UTF-8: the old code trained on it.
    edit_in_place(blob, b"ten", b"six")
    rc, out, err = run(ws, "train", "clinic", "--wait")
    check("train on an edited blob fails with 1", rc == 1, out + err)
    check("the error blames the workspace and names the dataset", blames_workspace(err), err)
    check("no version was made", "Trained version" not in out, out)

    # Invalid UTF-8: the old message told the user to re-save their file.
    edit_in_place(blob, b"six", b"s\xffx")
    rc, out, err = run(ws, "train", "clinic", "--wait")
    check("invalid UTF-8 in a blob is blamed on the workspace",
          rc == 1 and blames_workspace(err), err)

    # The tuning text's duplicate check reads the training blob.
    rc, out, err = run(ws, "datasets", "add", "clinic", tune, "--type", "TUNING")
    check("the tuning check reports the damaged training text",
          rc != 0 and "workspace is damaged" in err, out + err)

    # What the message says to do works.
    rc, out, err = run(ws, "datasets", "delete", "clinic", "notes.txt", "--yes")
    check("the damaged dataset can be removed", rc == 0, out + err)
    rc, out, err = run(ws, "datasets", "add", "clinic", notes, "--type", "TRANSCRIPT")
    check("the original file is added again", rc == 0, err)
    rc, out, err = run(ws, "train", "clinic", "--wait")
    check("train succeeds again", rc == 0 and "Trained version" in out, out + err)

finish()
