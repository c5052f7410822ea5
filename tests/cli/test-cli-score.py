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
import random
import resource
import subprocess
import tempfile

from cli_testlib import check, finish, run


def score(*args):
    return run("score", *args, timeout=60)


def score_promptly(*args, timeout=20):
    """score, but a hang fails the check instead of blocking the suite."""
    try:
        return run("score", *args, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, "", f"still running after {timeout} s"


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

    # Pipes and devices are refused at once, wherever score reads a file:
    # a FIFO used to block forever and /dev/zero to fill the memory.
    fifo = os.path.join(tmp, "pipe.trn")
    os.mkfifo(fifo)
    word_map = write(tmp, "map.txt", "colour = color\n")
    for option in ("--ref", "--hyp", "--compare", "--word-map"):
        args = {"--ref": ref, "--hyp": hyp, "--compare": None, "--word-map": None}
        args[option] = fifo
        argv = [a for k, v in args.items() if v is not None for a in (k, v)]
        rc, out, err = score_promptly(*argv)
        check(f"refuses a FIFO as {option}", rc not in (0, None) and "pipe.trn" in err
              and "named pipe" in err and out == "", f"rc={rc} err={err!r}")
    rc, out, err = score_promptly("--ref", "/dev/zero", "--hyp", hyp)
    check("refuses /dev/zero", rc not in (0, None) and "/dev/zero" in err
          and "device" in err, f"rc={rc} err={err!r}")
    rc, out, err = score_promptly("--ref", ref, "--hyp", hyp, "--word-map", word_map)
    check("a regular word map is still read", rc == 0, f"rc={rc} err={err!r}")

    # Lines over 16 MiB are refused with the file and line.
    long_line = write(tmp, "long.trn", "ok (u1)\n" + "w " * (9 << 20) + "(u2)\n")
    rc, out, err = score_promptly("--ref", long_line, "--hyp", long_line)
    check("refuses a line over the limit", rc not in (0, None) and "long.trn:2" in err
          and "16.8" in err, f"rc={rc} err={err[:300]!r}")
    os.unlink(long_line)

    # A 1.2-million-word utterance against itself once asked for 360 GB.
    # Under build-aux/sanitize.sh every allocation is traced, so the same
    # paths run at a tenth of the size and without the memory check (ASan's
    # shadow memory would dominate it); the wer suite's very-long test
    # keeps the full size there.
    sanitized = "ASAN_OPTIONS" in os.environ
    n_words = 120000 if sanitized else 1200000
    rng = random.Random(5)
    vocab = ["w%d" % i for i in range(3000)]
    words = [rng.choice(vocab) for _ in range(n_words)]
    huge = write(tmp, "huge.trn", " ".join(words) + " (u1)\n")
    rc, out, err = score_promptly("--ref", huge, "--hyp", huge, "--format", "json",
                                  timeout=120)
    data = json.loads(out) if rc == 0 else {}
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    check(f"scores a {n_words}-word utterance against itself",
          data.get("words") == n_words and data.get("correct") == n_words
          and data.get("errors") == 0, f"rc={rc} err={err[:300]!r}")
    if not sanitized:
        check("... in bounded memory", peak_mb < 600, f"peak RSS {peak_mb:.0f} MB")

    # Two unrelated ones would need far more than the 2^30 cells allowed
    # (1.4 × 10^12 at full size; 40,000 words already make 1.6 × 10^9): a
    # clear error instead.
    if sanitized:
        words = words[:40000]
        huge = write(tmp, "huge.trn", " ".join(words) + " (u1)\n")
    other = write(tmp, "other.trn", " ".join(rng.choice(vocab) for _ in words) + " (u1)\n")
    out_file = os.path.join(tmp, "report.json")
    rc, out, err = score_promptly("--ref", huge, "--hyp", other, "--format", "json",
                                  "-o", out_file, timeout=120)
    check("refuses two long unrelated utterances", rc not in (0, None)
          and "u1" in err and "differ too much" in err and not os.path.exists(out_file),
          f"rc={rc} err={err[:300]!r}")

finish()
