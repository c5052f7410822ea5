#!/usr/bin/python3
# test-cli-evaluate-split.py
#
# Copyright 2026 The Parlance authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""Evaluation from a manifest alone: with no TEST data, the held-out fifth
of the manifest's utterances (by a SHA-256 of the utterance id) are the
test pairs. The leaderboard scores exactly those utterances with exactly
their words, `datasets list` shows the split, and adding TEST data ends the
split."""

import hashlib
import json
import os
import shutil
import tempfile

from cli_testlib import check, finish, read_data, require_speech, synthesize
from cli_testlib import run as run_cli

require_speech()

SENTENCES = [line.strip() for line in read_data("clinic-training.txt").splitlines()
             if line.strip()]


def run(*args, workspace=None, timeout=300):
    return run_cli(*args, workspace=workspace, timeout=timeout)


def held_out(utterance_id):
    """The published rule: the first four bytes of the id's SHA-256, read
    big-endian, modulo 100, below 20."""
    digest = hashlib.sha256(utterance_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") % 100 < 20


with tempfile.TemporaryDirectory() as tmp:
    ws = os.path.join(tmp, "workspace")
    manifest = os.path.join(tmp, "clinic.jsonl")
    expected = {}
    with open(manifest, "w", encoding="utf-8") as f:
        for i, text in enumerate(SENTENCES):
            uid = f"clinic{i:02d}"
            wav = os.path.join(tmp, uid + ".wav")
            synthesize(wav, text)
            f.write(json.dumps({"audio_filepath": wav, "text": text}) + "\n")
            if held_out(uid):
                expected[uid] = text
    check("the sentences give some held-out and some training utterances",
          0 < len(expected) < len(SENTENCES), str(sorted(expected)))

    run("models", "create", "clinic", workspace=ws)
    rc, out, err = run("datasets", "add", "clinic", manifest, "--type", "MANIFEST",
                       workspace=ws)
    check("the manifest is added", rc == 0, out + err)

    rc, out, err = run("datasets", "list", "clinic", workspace=ws)
    n_train = len(SENTENCES) - len(expected)
    check("datasets list shows the split", rc == 0 and f"{n_train} " in out
          and f"{len(expected)} " in out and "80/20" in out, out + err)

    rc, out, err = run("train", "clinic", workspace=ws)
    check("the model trains on the rest", rc == 0, out + err)

    rc, out, err = run("evaluate", "clinic", "--json", workspace=ws)
    rows = json.loads(out) if rc == 0 else []
    words = sum(len(t.split()) for t in expected.values())
    check("the leaderboard has stock and the version", len(rows) == 2, out + err)
    check("exactly the held-out utterances are scored",
          rows and all(r["utterances"] == len(expected) and r["words"] == words
                       for r in rows), out + err)

    # With TEST data the split ends: the manifest trains whole, and the
    # evaluation pairs the TEST transcript with its AUDIO file.
    uid = sorted(expected)[0]
    txt = os.path.join(tmp, uid + ".txt")
    with open(txt, "w", encoding="utf-8") as f:
        f.write(expected[uid] + "\n")
    rc1, out1, err1 = run("datasets", "add", "clinic", os.path.join(tmp, uid + ".wav"),
                          "--type", "AUDIO", workspace=ws)
    rc2, out2, err2 = run("datasets", "add", "clinic", txt, "--type", "TEST", workspace=ws)
    rc, out, err = run("datasets", "list", "clinic", workspace=ws)
    check("with TEST data the split is gone", rc1 == 0 and rc2 == 0 and "80/20" not in out,
          out1 + err1 + out2 + err2 + out + err)
    rc, out, err = run("evaluate", "clinic", "--json", workspace=ws)
    rows = json.loads(out) if rc == 0 else []
    check("the TEST pair alone is evaluated",
          rows and all(r["utterances"] == 1 for r in rows), out + err)

    # Two held-out files of one name in different folders would share
    # their stored results: the evaluation refuses them by name.
    uid = sorted(expected)[0]
    entries = []
    for sub in ("ward-a", "ward-b"):
        os.makedirs(os.path.join(tmp, sub), exist_ok=True)
        wav = os.path.join(tmp, sub, uid + ".wav")
        shutil.copy(os.path.join(tmp, uid + ".wav"), wav)
        entries.append(json.dumps({"audio_filepath": wav, "text": expected[uid]}))
    dup = os.path.join(tmp, "wards.jsonl")
    with open(dup, "w", encoding="utf-8") as f:
        f.write("\n".join(entries) + "\n")
    notes = os.path.join(tmp, "notes.txt")
    with open(notes, "w", encoding="utf-8") as f:
        f.write("\n".join(SENTENCES) + "\n")
    run("models", "create", "wards", workspace=ws)
    rc1, out1, err1 = run("datasets", "add", "wards", dup, "--type", "MANIFEST", workspace=ws)
    rc2, out2, err2 = run("datasets", "add", "wards", notes, "--type", "TRANSCRIPT",
                          workspace=ws)
    rc3, out3, err3 = run("train", "wards", workspace=ws)
    rc, out, err = run("evaluate", "wards", workspace=ws)
    check("held-out files of one name are refused by name",
          rc1 == rc2 == rc3 == 0 and rc == 1 and "both called" in err and uid in err,
          out1 + err1 + out2 + err2 + out3 + err3 + out + err)

finish()
