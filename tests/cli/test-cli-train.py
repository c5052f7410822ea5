#!/usr/bin/python3
# test-cli-train.py
#
# Copyright 2026 The Parlance authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""`parlance-cli train` and `parlance-cli pronunciations` as a user runs them:
refusals and their exit status, a version with its artifacts, generated
pronunciations and the user's that win, bad phones refused, a failure with
its reason code, Ctrl+C leaving no version behind, and a SIGKILL whose
leftovers the next command puts right."""

import json
import os
import re
import signal
import sqlite3
import subprocess
import tempfile
import time

from cli_testlib import CLI, ENV, check, finish, run_in, write
from cli_testlib import model_status as status


def run(workspace, *args, timeout=60):
    return run_in(workspace, *args, timeout=timeout)


def db_status(ws, name):
    """The stored status, read without opening the workspace (which would
    recover a killed training)."""
    con = sqlite3.connect("file:%s?mode=ro" % os.path.join(ws, "parlance.db"), uri=True)
    try:
        row = con.execute("SELECT status FROM models WHERE name = ?", (name,)).fetchone()
    finally:
        con.close()
    return row[0] if row else None


def job_owner(ws, name):
    """The pid recorded as running the model's training, if any."""
    con = sqlite3.connect("file:%s?mode=ro" % os.path.join(ws, "parlance.db"), uri=True)
    try:
        row = con.execute("SELECT owner_pid FROM jobs JOIN models ON models.id = model_id"
                          " WHERE name = ?", (name,)).fetchone()
    except sqlite3.OperationalError:  # a workspace without job records
        row = None
    finally:
        con.close()
    return row[0] if row else None


def model_id(ws, name):
    con = sqlite3.connect("file:%s?mode=ro" % os.path.join(ws, "parlance.db"), uri=True)
    try:
        return con.execute("SELECT id FROM models WHERE name = ?", (name,)).fetchone()[0]
    finally:
        con.close()


def version_dirs(ws):
    root = os.path.join(ws, "models")
    found = []
    for model_id in os.listdir(root) if os.path.isdir(root) else []:
        found += os.listdir(os.path.join(root, model_id))
    return found


with tempfile.TemporaryDirectory() as tmp:
    ws = os.path.join(tmp, "ws")
    notes = write(os.path.join(tmp, "notes.txt"),
                  "The patient has atrial fibrillation.\nStart metoprolol today.\n"
                  "The patient takes metoprolol twice a day.\n")
    tune = write(os.path.join(tmp, "tune.txt"), "the patient takes metoprolol\n")
    empty = write(os.path.join(tmp, "empty.txt"), "um, uh...\nuh!\n")

    run(ws, "models", "create", "clinic")
    rc, out, err = run(ws, "train", "clinic")
    check("no data is refused with 1", rc == 1 and "no training text" in err, err)

    run(ws, "datasets", "add", "clinic", notes, "--type", "TRANSCRIPT")
    run(ws, "datasets", "add", "clinic", tune, "--type", "TUNING")

    rc, out, err = run(ws, "pronunciations", "set", "clinic", "atrial", "XX", "EY")
    check("unknown phones are refused with the phone list",
          rc == 1 and "XX" in err and "AA AE AH" in err, err)
    rc, out, err = run(ws, "pronunciations", "set", "clinic", "Atrial", "EY T R IY AH L")
    check("pronunciations set", rc == 0, err)

    rc, out, err = run(ws, "train", "clinic", "--wait")
    m = re.search(r"Trained version (clinic-\d{8}T\d{6}Z)", out)
    check("train succeeds and names the version", rc == 0 and m, out + err)
    check("train prints the weight and perplexities",
          "Weight" in out and "Perplexity, mixture" in out, out)
    check("train prints generated pronunciations", "metoprolol" in out, out)
    check("train says where the weight came from",
          "tuned on the TUNING text (1 sentence)" in out, out)
    check("train shows the stock model's known-word perplexity and unknown words",
          re.search(r"Stock model: +perplexity \d+ on known words; 25\.0 % of words "
                    r"unknown to the stock model", out) is not None, out)
    check("train summarizes the generated pronunciations with the command to list them",
          re.search(r"Generated \d+ pronunciations? for (a word|words) the stock dictionary", out)
          and "parlance-cli pronunciations list clinic" in out, out)
    check("train prints its stages", "Saving the version" in err, err)
    rc, out, err = run(ws, "models", "show", "clinic", "--json")
    shown = json.loads(out)["versions"][0] if rc == 0 else {}
    check("models show --json has the weight, its source and the stock figures",
          shown.get("weight_source") == "tuning" and shown.get("n_tuning_sentences") == 1
          and 0 <= shown.get("lm_weight", -1) <= 1
          and abs(shown.get("stock_oov_rate", -1) - 0.25) < 1e-9
          and shown.get("stock_known_perplexity", -1) > 1, out + err)
    rc, out, err = run(ws, "models", "show", "clinic")
    check("models show says why λ and the stock model's fit",
          "tuned on the TUNING text (1 sentence)" in out
          and "stock model: perplexity" in out and "25.0 % of words unknown" in out,
          out + err)
    check("status is success", status(ws, "clinic") == "success")
    first = m.group(1) if m else ""
    folder = os.path.join(ws, "models", "1", first)
    for name in ("custom.arpa", "merged.dict", "pronunciations.tsv", "params.json"):
        check("artifact " + name, os.path.isfile(os.path.join(folder, name)))
    try:
        with open(os.path.join(folder, "params.json")) as f:
            params = json.load(f)
        check("params.json has the dataset hashes",
              len(params["dataset_hashes"]) == 2
              and all(len(h) == 64 for h in params["dataset_hashes"]))
        check("params.json has the stock model and weight",
              params["base_model_id"].startswith("cmusphinx-en-us")
              and 0 <= params["lm_weight"] <= 1 and params["order"] == 3)
        with open(os.path.join(folder, "merged.dict")) as f:
            check("the user's pronunciation is in merged.dict",
                  "\natrial EY T R IY AH L\n" in f.read())
    except (OSError, KeyError, ValueError) as e:
        check("params.json readable", False, str(e))

    rc, out, err = run(ws, "pronunciations", "list", "clinic", "--json")
    entries = {e["word"]: e for e in json.loads(out)} if rc == 0 else {}
    check("metoprolol generated", entries.get("metoprolol", {}).get("generated") is True, out)
    check("atrial kept as the user's",
          entries.get("atrial", {}).get("generated") is False
          and entries["atrial"]["phones"] == "EY T R IY AH L", out)

    rc, out, err = run(ws, "train", "clinic")
    check("unchanged is refused with 1", rc == 1 and "Nothing changed" in err, err)
    rc, out, err = run(ws, "train", "clinic", "--force", "--order", "2")
    check("forced training makes a second version",
          rc == 0 and len(version_dirs(ws)) == 2, out + err)

    rc, out, err = run(ws, "pronunciations", "delete", "clinic", "atrial")
    check("pronunciations delete", rc == 0, err)
    rc, out, err = run(ws, "pronunciations", "delete", "clinic", "atrial")
    check("deleting a missing word fails", rc == 1, err)

    # Editing the pronunciation list is a change to train on.
    check("a pronunciation edit makes the model ready to run",
          status(ws, "clinic") == "ready-to-run", status(ws, "clinic"))
    rc, out, err = run(ws, "train", "clinic")
    check("training after an edit needs no --force",
          rc == 0 and len(version_dirs(ws)) == 3 and status(ws, "clinic") == "success",
          out + err)

    # Ctrl+C: cancelled with 130, no version, status as before. The text is
    # large enough to still be counting when the signal arrives.
    run(ws, "models", "create", "big")
    big = os.path.join(tmp, "big.txt")
    with open(big, "w") as f:
        for i in range(200000):
            f.write("line %d of the big corpus about metoprolol and word%d\n" % (i, i))
    run(ws, "datasets", "add", "big", big, "--type", "TRANSCRIPT", timeout=120)
    before = status(ws, "big")
    n_before = len(version_dirs(ws))
    proc = subprocess.Popen([CLI, "--workspace", ws, "train", "big"], env=ENV,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 30
    while status(ws, "big") != "running" and time.time() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    check("Ctrl+C exits with 130", proc.returncode == 130, "%d %s" % (proc.returncode, err))
    check("Ctrl+C leaves no version folder", len(version_dirs(ws)) == n_before,
          str(version_dirs(ws)))
    check("Ctrl+C restores the status", status(ws, "big") == before, status(ws, "big"))

    # SIGKILL mid-training: no handler runs, so the next command must put
    # right what the killed process left (issue #10): the status from
    # before, no temporary version folder, and training is not refused.
    big_dir = os.path.join(ws, "models", str(model_id(ws, "big")))

    def tmp_dirs():
        return [n for n in os.listdir(big_dir) if n.startswith(".tmp-")] \
            if os.path.isdir(big_dir) else []

    def kill_mid_training(*args):
        proc = subprocess.Popen([CLI, "--workspace", ws, "train", "big", "--wait"] + list(args),
                                env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        deadline = time.time() + 30
        while not tmp_dirs() and proc.poll() is None and time.time() < deadline:
            time.sleep(0.02)
        in_flight = bool(tmp_dirs()) and proc.poll() is None
        proc.kill()
        proc.communicate(timeout=30)
        return in_flight

    before = status(ws, "big")
    check("killed while writing its version",
          kill_mid_training() and db_status(ws, "big") == "running" and tmp_dirs(),
          str(tmp_dirs()))
    # The very next command is the training itself.
    proc = subprocess.Popen([CLI, "--workspace", ws, "train", "big", "--force"], env=ENV,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 30
    while job_owner(ws, "big") != proc.pid and proc.poll() is None \
            and time.time() < deadline:
        time.sleep(0.05)
    started = proc.poll() is None
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    check("train --force after SIGKILL is not refused",
          started and proc.returncode == 130 and "already training" not in err,
          "%d %s" % (proc.returncode, err))
    check("after SIGKILL the status is the previous one", status(ws, "big") == before,
          "%s != %s" % (status(ws, "big"), before))
    check("after SIGKILL no .tmp-* remains", not tmp_dirs(), str(tmp_dirs()))

    # Killed again: any command that opens the workspace recovers it.
    kill_mid_training()
    rc, out, err = run(ws, "models", "list", "--json")
    listed = {m["name"]: m["status"] for m in json.loads(out)} if rc == 0 else {}
    check("models list after SIGKILL shows the previous status",
          listed.get("big") == before, out + err)
    check("models list after SIGKILL removes .tmp-*", not tmp_dirs(), str(tmp_dirs()))

    # Killed, then deleted: the model's folder goes, leftovers included.
    kill_mid_training()
    rc, out, err = run(ws, "models", "delete", "big", "--yes")
    check("models delete removes the model's folder",
          rc == 0 and not os.path.exists(big_dir), err + str(tmp_dirs()))

    # Many new words, no tuning text: λ tuned on held-out training
    # sentences, and the pronunciations summarized (issue #17: 100 MB of
    # text printed 109,190 lines), all of them with --verbose.
    syllables = ["ka", "lo", "mi", "ne", "su", "ta", "ri", "vo"]
    coined = [a + b + "zine" for a in syllables[:4] for b in syllables[4:]]
    lots = write(os.path.join(tmp, "lots.txt"), "".join(
        "the patient takes %s %s\n" % (coined[i % len(coined)],
                                        ["today", "at night", "twice a day"][i % 3])
        for i in range(120)))
    run(ws, "models", "create", "many-words")
    run(ws, "datasets", "add", "many-words", lots, "--type", "TRANSCRIPT")
    rc, out, err = run(ws, "train", "many-words")
    check("no tuning text: the weight is tuned on 12 held-out sentences",
          rc == 0 and "tuned on held-out training text (12 sentences)" in out, out + err)
    check("16 generated, 10 shown and the rest counted",
          "Generated 16 pronunciations" in out and "… and 6 more" in out
          and sum(w in out for w in coined) == 10, out)
    check("the list command names the model",
          "parlance-cli pronunciations list many-words" in out, out)
    # A retraining reuses them (nothing new): --verbose on a fresh model.
    run(ws, "models", "create", "many-again")
    run(ws, "datasets", "add", "many-again", lots, "--type", "TRANSCRIPT")
    rc, out, err = run(ws, "train", "many-again", "--verbose")
    check("--verbose prints every generated pronunciation",
          rc == 0 and all(w in out for w in coined) and "more (--verbose" not in out,
          out + err)

    # Failure with a reason code.
    run(ws, "models", "create", "fillers")
    run(ws, "datasets", "add", "fillers", empty, "--type", "TRANSCRIPT")
    rc, out, err = run(ws, "train", "fillers")
    check("empty normalized text fails with validation_failed",
          rc == 1 and "validation_failed" in err, err)
    check("status is failed", status(ws, "fillers") == "failed")

finish()
