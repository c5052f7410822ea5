#!/usr/bin/python3
# test-cli-improve.py
#
# Copyright 2026 The Parlance authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""`parlance-cli improve` (self-heal) against the real MediaWiki that
build-aux/test.sh starts (tests/data/wiki: beekeeping pages): test pairs
synthesized by espeak-ng whose references use the pages' words, which the
stock model misses; `improve --rounds 2` fetches text about the missed
words, trains and evaluates at least one new version, prints a row per
round and why it stopped, and --json prints the leaderboard. The sentence
planted in the Varroa page equal to a test reference is dropped and
counted. Missed words no page is about, or only pages the model has, stop
the round, saying so. Bad input (unknown model, not a URL, no evaluation
yet, an unreachable wiki) changes nothing. A round cancelled (SIGINT) while
it trains or evaluates is undone: no dataset, no version."""

import json
import os
import signal
import subprocess
import tempfile
import time

from cli_testlib import CLI, ENV, check, finish, require_speech, require_wiki, synthesize
from cli_testlib import run_in as run

API = require_wiki()
require_speech()

# The first equals a sentence planted in the Varroa page (the leak guard
# must drop it); the others use the pages' words in new sentences.
SPOKEN = [
    "Beekeepers count the varroa mites on a sticky board.",
    "The Langstroth hive has movable frames in boxes called supers.",
    "Oxalic acid treats the varroa mite when the colony has no brood.",
]


def datasets(ws, model):
    rc, out, err = run(ws, "datasets", "list", model, "--json")
    return json.loads(out) if rc == 0 else None


def add_tests(ws, tmp, model):
    for i, text in enumerate(SPOKEN):
        wav = synthesize(os.path.join(tmp, f"bee{i}.wav"), text)
        txt = os.path.join(tmp, f"bee{i}.txt")
        with open(txt, "w") as f:
            f.write(text + "\n")
        rc, out, err = run(ws, "datasets", "add", model, wav, txt, "--type", "TEST")
        if rc != 0:
            return err
    return None


def test_improve(ws, tmp):
    run(ws, "models", "create", "bees", "--provider", "local")
    err = add_tests(ws, tmp, "bees")
    check("test pairs added", err is None, err)

    rc, out, err = run(ws, "improve", "bees", "--wiki", API)
    check("no evaluation yet: a clear message", rc == 1 and "no evaluation yet" in err
          and "parlance-cli evaluate bees" in err, f"rc={rc} {err}")
    listed = datasets(ws, "bees") or [None]
    check("no evaluation yet: nothing added",
          all(d and d["type"] == "TEST" for d in listed), listed)

    rc, out, err = run(ws, "evaluate", "bees", "--json", timeout=300)
    stock = json.loads(out) if rc == 0 else []
    check("the stock model is evaluated", rc == 0 and len(stock) == 1, err)
    check("the stock model misses words", stock and stock[0]["wer"] > 0, stock)

    rc, out, err = run(ws, "improve", "bees", "--wiki", "http://127.0.0.1:1/api.php")
    check("unreachable wiki: refused", rc == 1 and "Could not reach the wiki" in err,
          f"rc={rc} {err}")
    listed = datasets(ws, "bees") or [None]
    check("unreachable wiki: nothing added",
          all(d and d["type"] == "TEST" for d in listed), listed)

    rc, out, err = run(ws, "improve", "bees", "--rounds", "2", "--wiki", API, "--json",
                       timeout=600)
    check("improve succeeds", rc == 0, f"rc={rc} {err}")
    try:
        board = json.loads(out) if rc == 0 else []
    except json.JSONDecodeError:
        board = []
    rounds = [line for line in err.splitlines() if line.startswith("Round ")]
    check("one row per round, 1 or 2 rounds", 1 <= len(rounds) <= 2, err)
    check("the round looked up a missed word", "varroa" in err.lower(), err)
    check("the stop reason is printed", "Stopped:" in err, err)
    trained = [line for line in err.splitlines() if line.startswith("  version ")]
    check("the first round trained a version", len(trained) >= 1, err)
    own = [row for row in board if not row["shared"]]
    check("the leaderboard has stock and each round's version",
          len(own) == 1 + len(trained) and own[0]["version"] is None
          and all(row["version"] for row in own[1:]), board)
    check("each row is scored", all(row["words"] > 0 for row in own), board)
    check("the first round's version beats stock",
          len(own) > 1 and own[1]["wer"] < own[0]["wer"], board)

    added = [d for d in datasets(ws, "bees") or [] if d["type"] == "TRANSCRIPT"]
    check("a dataset per round, from the wiki",
          len(added) == len(trained) and all(d["source"] == API for d in added), added)
    prov = (added[0].get("provenance") or {}) if added else {}
    check("the planted test reference was dropped and counted",
          prov.get("dropped_test_sentences") == 1 and "dropped 1 sentence equal to a test reference" in err,
          f"{prov} {err}")
    check("the reported stop matches the leaderboard",
          len(trained) == 2 and ("no significant gain" in err or "rounds done" in err)
          or len(trained) == 1 and ("no significant gain" in err or "nothing new" in err),
          err)

    # Again: the best version misses the words the last round looked up,
    # whose pages the model has; nothing new is fetched, nothing added.
    rc, out, err = run(ws, "improve", "bees", "--wiki", API, timeout=600)
    check("again: nothing new, says so", rc == 0 and "nothing new" in out, out + err)
    check("again: nothing added",
          len([d for d in datasets(ws, "bees") or [] if d["type"] == "TRANSCRIPT"])
          == len(added), out)


def versions(ws, model):
    rc, out, err = run(ws, "models", "show", model, "--json")
    return [v["name"] for v in json.loads(out)["versions"]] if rc == 0 else None


def improve_until(ws, model, ready):
    """Starts `improve`, sends SIGINT once ready() holds, returns whether it
    did, the exit status and the output."""
    proc = subprocess.Popen([CLI, "--workspace", ws, "improve", model, "--wiki", API],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV,
                            text=True)
    hit = False
    deadline = time.time() + 300
    while not hit and proc.poll() is None and time.time() < deadline:
        hit = ready()
        if not hit:
            time.sleep(0.1)
    if hit:
        proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=300)
    return hit, proc.returncode, out + err


def test_cancel(ws, tmp):
    run(ws, "models", "create", "mites", "--provider", "local")
    err = add_tests(ws, tmp, "mites")
    rc, out, err = run(ws, "evaluate", "mites", timeout=300)
    check("cancel: the stock model is evaluated", rc == 0, err)

    def text_added():
        return any(d["type"] == "TRANSCRIPT" for d in datasets(ws, "mites") or [])

    hit, rc, out = improve_until(ws, "mites", text_added)
    check("cancel while training: the round had added its text", hit, out)
    check("cancel while training: says the round was undone",
          rc == 1 and "the round under way was undone" in out, f"rc={rc} {out}")
    check("cancel while training: the round's text is gone", not text_added(),
          datasets(ws, "mites"))
    check("cancel while training: no version", versions(ws, "mites") == [],
          versions(ws, "mites"))

    hit, rc, out = improve_until(ws, "mites", lambda: bool(versions(ws, "mites")))
    check("cancel while evaluating: the round had trained", hit, out)
    check("cancel while evaluating: says the round was undone",
          rc == 1 and "the round under way was undone" in out, f"rc={rc} {out}")
    check("cancel while evaluating: no version without its evaluation",
          versions(ws, "mites") == [], versions(ws, "mites"))
    check("cancel while evaluating: the round's text is gone", not text_added(),
          datasets(ws, "mites"))
    rc, out, err = run(ws, "evaluate", "mites", "--json", timeout=300)
    rows = json.loads(out) if rc == 0 else None
    check("cancel: the leaderboard is the stock model's alone",
          rows is not None and len(rows) == 1 and rows[0]["version"] is None, rows)


def test_bad_input(ws, tmp):
    rc, out, err = run(ws, "improve", "nosuch", "--wiki", API)
    check("unknown model: refused", rc == 1 and "nosuch" in err, f"rc={rc} {err}")
    run(ws, "models", "create", "empty", "--provider", "local")
    rc, out, err = run(ws, "improve", "empty", "--rounds", "0", "--wiki", API)
    check("--rounds 0: refused", rc == 2 and "--rounds" in err, f"rc={rc} {err}")
    rc, out, err = run(ws, "improve", "empty", "--wiki", "wiki.example")
    check("not a URL: refused", rc == 2 and "not a web address" in err, f"rc={rc} {err}")
    rc, out, err = run(ws, "improve", "empty", "--wiki", API)
    check("no test pairs, no evaluation: refused", rc == 1 and "no evaluation yet" in err,
          f"rc={rc} {err}")
    check("nothing added", datasets(ws, "empty") == [])

    # Missed words the wiki has no page about: the round stops and says so.
    run(ws, "models", "create", "odd", "--provider", "local")
    wav = synthesize(os.path.join(tmp, "odd.wav"), "zorblat quixotic flumphery")
    txt = os.path.join(tmp, "odd.txt")
    with open(txt, "w") as f:
        f.write("zorblat quixotic flumphery\n")
    run(ws, "datasets", "add", "odd", wav, txt, "--type", "TEST")
    rc, out, err = run(ws, "evaluate", "odd", timeout=300)
    rc, out, err = run(ws, "improve", "odd", "--wiki", API)
    check("no page about the missed words: stops and says so",
          rc == 0 and "Stopped: the wiki has no pages about the missed words" in out,
          f"rc={rc} {out} {err}")
    listed = datasets(ws, "odd") or [None]
    check("no page: nothing added", all(d and d["type"] == "TEST" for d in listed), listed)


with tempfile.TemporaryDirectory() as tmp:
    for test in (test_bad_input, test_improve, test_cancel):
        sub = os.path.join(tmp, test.__name__)
        os.makedirs(sub)
        test(os.path.join(sub, "ws"), sub)

finish()
