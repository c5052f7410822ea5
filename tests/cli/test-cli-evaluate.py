#!/usr/bin/python3
# test-cli-evaluate.py
#
# Copyright 2026 The Parlance authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""`parlance-cli evaluate`: a model trained on cardiology sentences, three
test pairs synthesized by espeak-ng, the leaderboard as JSON (a stock row
and a version row, consistent counts, the version far better), incremental
runs that reuse the stored results, a new pair adding exactly its rows,
--recompute, and the table output."""

import json
import os
import sqlite3
import tempfile
import time

from cli_testlib import check, finish, read_data, require_speech, run, synthesize

require_speech()

# Thirty sentences of a cardiology clinic to train on, and spoken test
# sentences made of new combinations of their words (shared with the other
# CLI tests that train).
CLINIC_TEXT = read_data("clinic-training.txt")
SPOKEN = [line for line in read_data("clinic-spoken.txt").splitlines() if line]

FIELDS = {"model", "version", "wer", "ser", "substitutions", "deletions", "insertions",
          "words", "utterances", "p_value"}


def add_pair(tmp, ws, name, text):
    wav = synthesize(os.path.join(tmp, f"{name}.wav"), text)
    txt = os.path.join(tmp, f"{name}.txt")
    with open(txt, "w") as f:
        f.write(text + "\n")
    rc, out, err = run("datasets", "add", "clinic", wav, txt, "--type", "TEST",
                       workspace=ws)
    return rc == 0, err


def evaluate(ws, *extra):
    start = time.monotonic()
    rc, out, err = run("evaluate", "clinic", "--json", *extra, workspace=ws)
    elapsed = time.monotonic() - start
    try:
        rows = json.loads(out) if rc == 0 else None
    except json.JSONDecodeError:
        rows = None
    return rows, elapsed, out + err


def consistent(row):
    errors = row["substitutions"] + row["deletions"] + row["insertions"]
    return (set(row) >= FIELDS and row["words"] > 0
            and abs(row["wer"] - 100.0 * errors / row["words"]) < 1e-6
            and 0 <= row["ser"] <= 100)


def db_rows(ws):
    con = sqlite3.connect(os.path.join(ws, "parlance.db"))
    try:
        return con.execute("SELECT system, utterance_id, profile, hypothesis, words_json,"
                           " correct, sub, del, ins, ref_words, created"
                           " FROM eval_results ORDER BY system, utterance_id").fetchall()
    finally:
        con.close()


with tempfile.TemporaryDirectory() as tmp:
    ws = os.path.join(tmp, "workspace")
    corpus = os.path.join(tmp, "clinic.txt")
    with open(corpus, "w") as f:
        f.write(CLINIC_TEXT)

    run("models", "create", "clinic", workspace=ws)
    rc, out, err = run("evaluate", "clinic", workspace=ws)
    check("no test pairs: a clear error", rc == 1 and "test pairs" in err, err)
    rc, out, err = run("evaluate", "nosuch", workspace=ws)
    check("an unknown model is named", rc == 1 and "nosuch" in err, err)
    rc, out, err = run("evaluate", workspace=ws)
    check("no model is a usage error", rc == 2, err)

    rc_add, out, err_add = run("datasets", "add", "clinic", corpus, "--type", "TRANSCRIPT",
                               workspace=ws)
    rc_train, out, err_train = run("train", "clinic", workspace=ws)
    check("the clinic model trains", rc_add == 0 and rc_train == 0, err_add + err_train)
    pairs_ok = all(add_pair(tmp, ws, f"utt{i}", t)[0] for i, t in enumerate(SPOKEN[:3]))
    check("three test pairs added", pairs_ok)

    rows, first_time, detail = evaluate(ws)
    for line in detail.splitlines():
        print(f"# {line}")
    stock = rows[0] if rows else None
    version = rows[1] if rows and len(rows) > 1 else None
    check("json: a stock row and a version row", rows and len(rows) == 2
          and stock["version"] is None and version["version"] is not None
          and version["version"].startswith("clinic-")
          and all(r["model"] == "clinic" for r in rows), detail)
    check("json: fields present and consistent", rows and all(consistent(r) for r in rows)
          and all(r["utterances"] == 3 for r in rows)
          and stock["words"] == version["words"] == sum(len(s.split()) for s in SPOKEN[:3]),
          detail)
    check("the version's WER is far below stock's", rows and version
          and version["wer"] < stock["wer"] - 20, detail)
    check("p-value against stock on the version row only", rows and version
          and stock["p_value"] is None and version["p_value"] is not None
          and 0 <= version["p_value"] <= 1, detail)
    check("first run computed every result", rows and all(r["computed"] == 3 for r in rows),
          detail)

    stored = db_rows(ws) if rows else []
    check("stored: one row per system and utterance with words and counts",
          len(stored) == 6 and {r[0] for r in stored} == {"", version["version"]}
          and all(r[2].startswith("default") for r in stored)
          and all(json.loads(r[4]) and r[9] > 0 for r in stored)
          and all(r[6] + r[7] + r[5] == r[9] for r in stored), repr(stored))

    again, second_time, detail2 = evaluate(ws)
    print(f"# first run {first_time:.2f} s, second {second_time:.2f} s")
    check("second run reuses the stored results", again
          and all(r["computed"] == 0 for r in again)
          and [(r["wer"], r["substitutions"]) for r in again]
          == [(r["wer"], r["substitutions"]) for r in rows]
          and db_rows(ws) == stored, detail2)

    ok, err = add_pair(tmp, ws, "utt3", SPOKEN[3])
    third, _, detail3 = evaluate(ws)
    after = db_rows(ws)
    check("a new pair adds exactly its rows", ok and third
          and all(r["computed"] == 1 and r["utterances"] == 4 for r in third)
          and len(after) == 8 and set(stored) <= set(after)
          and {r[1] for r in set(after) - set(stored)} == {"utt3"}, detail3 + err)

    fourth, _, detail4 = evaluate(ws, "--recompute")
    recomputed = db_rows(ws)
    check("--recompute transcribes everything again", fourth
          and all(r["computed"] == 4 for r in fourth) and len(recomputed) == 8
          and all(a[10] != b[10] for a, b in zip(after, recomputed)), detail4)

    rc, out, err = run("evaluate", "clinic", "--versions", "nope", workspace=ws)
    check("an unknown version is named", rc == 1 and "nope" in err, err)
    rc, out, err = run("evaluate", "clinic", "--versions", version["version"] if version
                       else "x", "--json", workspace=ws)
    check("--versions picks a version", rc == 0 and len(json.loads(out)) == 2, out + err)

    rc, out, err = run("evaluate", "clinic", workspace=ws)
    check("table: a line for stock and for the version", rc == 0 and "stock" in out
          and (version or {}).get("version", "?") in out and "WER" in out, out + err)

    # Reports: the newest version against stock, written whole or not at all.
    pra = os.path.join(tmp, "clinic.pra")
    rc, out, err = run("evaluate", "clinic", "--report", "pra", "--output", pra,
                       workspace=ws)
    text = open(pra, encoding="utf-8").read() if os.path.exists(pra) else ""
    check("--report pra writes sclite alignments of every pair", rc == 0
          and text.count("Scores: (#C #S #D #I)") == 4 and "id: (utt0)" in text, out + err)
    rows_csv = os.path.join(tmp, "clinic.csv")
    rc, out, err = run("evaluate", "clinic", "--report", "csv", "--output", rows_csv,
                       workspace=ws)
    check("--report csv", rc == 0 and os.path.exists(rows_csv)
          and "utt3" in open(rows_csv, encoding="utf-8").read(), out + err)
    rc, out, err = run("evaluate", "clinic", "--report", "docx", "--output", pra,
                       workspace=ws)
    check("an unknown report format is a usage error", rc == 2 and "docx" in err, err)
    rc, out, err = run("evaluate", "clinic", "--report", "pra", workspace=ws)
    check("--report needs --output", rc == 2, err)
    missing = os.path.join(tmp, "no", "such", "dir", "x.json")
    rc, out, err = run("evaluate", "clinic", "--report", "json", "--output", missing,
                       workspace=ws)
    check("an unwritable report is an error, and nothing is written", rc == 1
          and "x.json" in err and not os.path.exists(missing), err)

finish()
