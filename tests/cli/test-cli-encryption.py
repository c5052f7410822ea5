#!/usr/bin/python3
# test-cli-encryption.py
#
# Copyright 2026 The Parlance authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""Encryption at rest covers everything derived from the user's text, with
the key in a private gnome-keyring (DESIGN.md, "Secret Service in tests").

Two workspaces get the same training text, with made-up words that can come
from nowhere else, a user pronunciation and a spoken test pair:

  converted  trained, evaluated and transcribed in plain text, then
             `workspace encrypt` converts it;
  fresh      `workspace encrypt` first, then the same steps.

Every file under each workspace (parlance.db and its -wal/-shm, kept by a
connection held open, blobs/, models/) is then searched for those words: none may be found. The encrypted
models still work: transcription gives what the plain model gave, and the
evaluation's stored results read back. `datasets list` shows an ENCRYPTED
column."""

import hashlib
import json
import os
import sqlite3
import subprocess
import tempfile

from cli_testlib import CLI, check, finish, in_private_keyring, read_data, require_speech, \
    synthesize
from cli_testlib import run as run_cli

in_private_keyring()
require_speech()

CLINIC_TEXT = read_data("clinic-training.txt")

# Made-up words: they exist only in this test's files.
SECRET_WORDS = ["zorbulax", "quentravine", "mexolidrate"]
EXTRA = "\n".join([
    "the patient takes zorbulax for atrial fibrillation",
    "zorbulax lowers the heart rate",
    "we stopped quentravine and started zorbulax",
    "mexolidrate controls the rhythm after cardioversion",
    "the dose of quentravine was lowered",
]) + "\n"
SPOKEN = "the patient takes metoprolol for atrial fibrillation"
# Words of the training text found in the trained files and the results.
TEXT_WORDS = SECRET_WORDS + ["metoprolol", "amiodarone", "apixaban", "echocardiogram",
                             "fibrillation", "warfarin"]


def run(*args, workspace=None, timeout=300):
    return run_cli(*args, workspace=workspace, timeout=timeout)


def leaks(ws):
    """Files under @ws holding any of TEXT_WORDS, with the words found."""
    found = []
    for root, dirs, files in os.walk(ws):
        for name in files:
            path = os.path.join(root, name)
            with open(path, "rb") as f:
                data = f.read().lower()
            hits = [w for w in TEXT_WORDS if w.encode() in data]
            if hits:
                found.append(f"{os.path.relpath(path, ws)}: {', '.join(hits)}")
    return found


def prepare(tmp, ws, label):
    """Model, training text, a user pronunciation and a test pair."""
    corpus = os.path.join(tmp, "corpus.txt")
    with open(corpus, "w", encoding="utf-8") as f:
        f.write(CLINIC_TEXT + EXTRA)
    wav = os.path.join(tmp, "pair1.wav")
    if not os.path.exists(wav):
        synthesize(wav, SPOKEN)
    ref = os.path.join(tmp, "pair1.txt")
    with open(ref, "w", encoding="utf-8") as f:
        f.write(SPOKEN + "\n")
    steps = [
        ("models", "create", "clinic"),
        ("datasets", "add", "clinic", corpus, "--type", "TRANSCRIPT"),
        ("datasets", "add", "clinic", wav, ref, "--type", "TEST"),
        ("pronunciations", "set", "clinic", "mexolidrate",
         "M EH K S OW L IH D R EY T"),
        ("train", "clinic"),
    ]
    for step in steps:
        rc, out, err = run(*step, workspace=ws)
        if rc != 0:
            check(f"{label}: {' '.join(step[:2])}", False, out + err)
            return None
    rc, out, err = run("evaluate", "clinic", "--json", workspace=ws)
    check(f"{label}: evaluate", rc == 0, out + err)
    rows = json.loads(out) if rc == 0 else []
    rc, text, err = run("transcribe", "--model", "clinic", wav, workspace=ws)
    check(f"{label}: transcribe", rc == 0 and text.strip(), text + err)
    return text.strip(), rows, wav


def scores(rows):
    """The leaderboard without what differs between runs and workspaces."""
    return [{k: v for k, v in row.items() if k not in ("version", "computed")}
            for row in rows]


def pronunciation_list(ws):
    rc, out, err = run("pronunciations", "list", "clinic", workspace=ws)
    return rc, out + err


with tempfile.TemporaryDirectory(prefix="prl-cli-enc-") as tmp:
    # A plain workspace, converted afterwards.
    plain = os.path.join(tmp, "converted")
    got = prepare(tmp, plain, "plain")
    plain_text, plain_rows, wav = got if got else ("", [], "")
    check("without encryption the words are in plain text (the search works)",
          leaks(plain) != [], "\n".join(leaks(plain)))
    rc, out, err = run("datasets", "list", "clinic", workspace=plain)
    check("datasets list shows ENCRYPTED no", rc == 0 and "ENCRYPTED" in out
          and all(" no " in line for line in out.splitlines()[1:3]), out + err)

    rc, out, err = run("workspace", "encrypt", workspace=plain)
    check("workspace encrypt converts a workspace", rc == 0
          and "Encryption is now on" in out, out + err)
    found = leaks(plain)
    check("no word of the text is left in plain text after converting", found == [],
          "\n".join(found))
    rc, out, err = run("datasets", "list", "clinic", workspace=plain)
    lines = out.splitlines()
    # One row per dataset, up to the test pairs' line.
    rows = [line for line in lines[1:] if line.strip()
            and not line.split()[0].isdigit()]
    check("datasets list shows ENCRYPTED yes", rc == 0 and "ENCRYPTED" in lines[0]
          and rows and all(" yes " in line for line in rows), out + err)
    rc, out, err = run("datasets", "list", "clinic", "--json", workspace=plain)
    check("datasets list --json says encrypted", rc == 0
          and all(d["encrypted"] for d in json.loads(out)), out + err)
    rc, out, err = run("workspace", "status", workspace=plain)
    check("workspace status says encryption is on", rc == 0 and "Encryption: on" in out,
          out + err)
    before = {os.path.join(r, n): os.path.getmtime(os.path.join(r, n))
              for r, d, f in os.walk(os.path.join(plain, "models")) for n in f}
    rc, out, err = run("workspace", "encrypt", workspace=plain)
    after = {os.path.join(r, n): os.path.getmtime(os.path.join(r, n))
             for r, d, f in os.walk(os.path.join(plain, "models")) for n in f}
    check("workspace encrypt again has nothing left to do", rc == 0
          and "already on" in out and before == after, out + err)

    # A crash between marking a dataset encrypted and removing its plain
    # copy leaves that copy behind: running the command again removes it.
    corpus_bytes = open(os.path.join(tmp, "corpus.txt"), "rb").read()
    sha = hashlib.sha256(corpus_bytes).hexdigest()
    leftover = os.path.join(plain, "blobs", sha[:2], sha)
    with open(leftover, "wb") as f:
        f.write(corpus_bytes)
    rc, out, err = run("workspace", "encrypt", workspace=plain)
    check("workspace encrypt removes a plain copy left by a crash", rc == 0
          and not os.path.exists(leftover)
          and os.path.exists(leftover + ".enc"), out + err)

    rc, text, err = run("transcribe", "--model", "clinic", wav, workspace=plain)
    check("the converted model transcribes as before", rc == 0
          and text.strip() == plain_text, f"{plain_text!r} vs {text!r} {err}")
    rc, out = pronunciation_list(plain)
    check("the converted pronunciations read back", rc == 0 and "mexolidrate" in out
          and "zorbulax" in out, out)
    rc, out, err = run("evaluate", "clinic", "--json", workspace=plain)
    rows = json.loads(out) if rc == 0 else []
    check("the converted results read back unchanged, none computed again",
          rows and scores(rows) == scores(plain_rows)
          and all(row["computed"] == 0 for row in rows), out + err)

    # Encrypted from the start: training, evaluation and a user entry
    # never write plain text.
    fresh = os.path.join(tmp, "fresh")
    rc, out, err = run("workspace", "encrypt", workspace=fresh)
    check("workspace encrypt on a new workspace", rc == 0, out + err)
    # A connection held open keeps the WAL after each command ends, so the
    # search below reads what SQLite logged.
    holder = sqlite3.connect(os.path.join(fresh, "parlance.db"))
    holder.execute("SELECT count(*) FROM models").fetchall()
    got = prepare(tmp, fresh, "encrypted")
    fresh_text, fresh_rows, _ = got if got else ("", [], "")
    wal = os.path.join(fresh, "parlance.db-wal")
    check("the WAL is there to be searched", os.path.exists(wal)
          and os.path.getsize(wal) > 0, str(os.listdir(fresh)))
    found = leaks(fresh)
    holder.close()
    check("no word of the text in plain text anywhere in the workspace", found == [],
          "\n".join(found))
    arpa = [os.path.join(r, n) for r, d, f in os.walk(os.path.join(fresh, "models"))
            for n in f if n == "custom.arpa"]
    check("the version's language model is encrypted", len(arpa) == 1
          and open(arpa[0], "rb").read(8) == b"PRLENC1\n", str(arpa))
    check("the encrypted model transcribes like the plain one", fresh_text == plain_text
          and "metoprolol" in fresh_text, f"{plain_text!r} vs {fresh_text!r}")
    check("the evaluation matches the plain one",
          fresh_rows and scores(fresh_rows) == scores(plain_rows),
          f"{plain_rows} vs {fresh_rows}")
    rc, out = pronunciation_list(fresh)
    check("the pronunciation list reads back, user entry and generated ones",
          rc == 0 and "mexolidrate" in out and "zorbulax" in out
          and "quentravine" in out, out)
    rc, out, err = run("pronunciations", "delete", "clinic", "mexolidrate",
                       workspace=fresh)
    rc2, out2 = pronunciation_list(fresh)
    check("an encrypted pronunciation can be deleted", rc == 0 and rc2 == 0
          and "mexolidrate" not in out2, out + err + out2)

    # Without the key, nothing can be read.
    env = dict(os.environ, DBUS_SESSION_BUS_ADDRESS="unix:path=/nonexistent/bus",
               LC_ALL="C.UTF-8", LANGUAGE="C")
    proc = subprocess.run([CLI, "--workspace", fresh, "transcribe", "--model", "clinic",
                           wav], capture_output=True, text=True, env=env, timeout=120)
    check("without the keyring the encrypted model cannot be used", proc.returncode != 0
          and "keyring" in proc.stderr, proc.stdout + proc.stderr)

finish()
