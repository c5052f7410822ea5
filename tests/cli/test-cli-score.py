#!/usr/bin/python3
# test-cli-score.py
#
# Copyright 2026 The Parlance authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""`parlance-cli score` on small hand-checked transcripts: the JSON fields
the issue names, matching by id rather than position, and each kind of bad
input refused with the file and line and without a partial report."""

import json
import os
import subprocess
import sys
import tempfile

CLI = sys.argv[1]
results = []


def check(name, ok, detail=""):
    results.append((name, bool(ok), detail))


def score(*args):
    proc = subprocess.run([CLI, "score"] + list(args), capture_output=True, text=True,
                          env=dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="C"), timeout=60)
    return proc.returncode, proc.stdout, proc.stderr


def write(tmp, name, data, mode="w"):
    path = os.path.join(tmp, name)
    with open(path, mode) as f:
        f.write(data)
    return path


with tempfile.TemporaryDirectory() as tmp:
    ref = write(tmp, "ref.trn", "the cat sat on the mat (u1)\nhello world (u2)\n")
    # Same utterances in the other order: pairing is by id.
    hyp = write(tmp, "hyp.trn", "hello there world (u2)\nthe cat sat on mat (u1)\n")

    rc, out, err = score("--ref", ref, "--hyp", hyp, "--format", "json", "--profile", "sclite")
    data = json.loads(out) if rc == 0 else {}
    expected = {"utterances": 2, "words": 8, "correct": 7, "substitutions": 0,
                "deletions": 1, "insertions": 1, "errors": 2, "wer": 25.0,
                "sentences_with_errors": 2, "ser": 100.0}
    check("json totals", all(data.get(k) == v for k, v in expected.items()),
          f"{out}{err}")
    check("json ends with a newline", out.endswith("}\n"), repr(out[-5:]))

    rc, out, err = score("--ref", ref, "--hyp", hyp, "--format", "pra", "--profile", "sclite")
    check("pra has REF/HYP/Eval lines", rc == 0 and "REF:" in out and "HYP:" in out
          and "Eval:" in out, out + err)

    plain_ref = write(tmp, "ref.txt", "alpha beta gamma\ndelta epsilon\n")
    plain_hyp = write(tmp, "hyp.txt", "alpha bet gamma\ndelta epsilon zeta\n")
    rc, out, err = score("--ref", plain_ref, "--hyp", plain_hyp, "--format", "json")
    data = json.loads(out) if rc == 0 else {}
    check("plain text paired by line", data.get("substitutions") == 1
          and data.get("insertions") == 1 and data.get("words") == 5, out + err)

    bad_cases = [
        ("one-sided id", "hello world (u3)\n", "not in"),
        ("duplicate id", "a (u1)\nb (u1)\n", "u1"),
        ("line without id", "the cat sat on the mat (u1)\nno id here\n", ":2"),
        ("empty file", "", "no utterances"),
    ]
    for name, text, needle in bad_cases:
        bad = write(tmp, "bad.trn", text)
        out_file = os.path.join(tmp, "report.json")
        rc, out, err = score("--ref", ref, "--hyp", bad, "--format", "json", "-o", out_file)
        check(f"refuses {name}", rc != 0 and "bad.trn" in err and needle in err
              and not os.path.exists(out_file), f"rc={rc} err={err!r}")

    bad = write(tmp, "bad.trn", b"caf\xe9 (u1)\n", "wb")
    rc, out, err = score("--ref", ref, "--hyp", bad)
    check("refuses invalid UTF-8 naming the line", rc != 0 and "bad.trn:1" in err
          and out == "", err)

print(f"1..{len(results)}")
for i, (name, ok, detail) in enumerate(results, 1):
    print(f"{'ok' if ok else 'not ok'} {i} {name}")
    if not ok:
        for line in detail.splitlines():
            print(f"# {line}")
