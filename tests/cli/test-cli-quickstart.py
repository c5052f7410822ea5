#!/usr/bin/python3
# test-cli-quickstart.py CLI SAMPLE_DIR
#
# Copyright 2026 The Parlance authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""`parlance-cli quickstart`: the whole main job on the bundled sample in a
fresh workspace exits 0, prints each step, the leaderboard (a stock line
and a version line) and one utterance, and the version's WER is below the
stock model's."""

import os
import re
import subprocess
import sys
import tempfile

from cli_testlib import CLI, check, finish, have_speech, skip_all

SAMPLE = sys.argv[2]

if not have_speech() or not os.path.exists(os.path.join(SAMPLE, "clinic1.wav")):
    skip_all("espeak-ng, the sample audio or the PocketSphinx en-us model is missing")

with tempfile.TemporaryDirectory() as tmp:
    # The fresh workspace goes to TMPDIR, so that it is removed with tmp.
    env = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="C", TMPDIR=tmp)
    env.pop("PARLANCE_WORKSPACE", None)
    proc = subprocess.run([CLI, "quickstart", "--sample", SAMPLE], capture_output=True,
                          text=True, timeout=600, env=env)
    out, detail = proc.stdout, proc.stdout + proc.stderr
    for line in detail.splitlines():
        print(f"# {line}")

    check("exits 0", proc.returncode == 0, detail)
    m = re.search(r"^Workspace: (.*)$", out, re.M)
    check("a fresh workspace under TMPDIR", m and m.group(1).startswith(tmp)
          and os.path.exists(os.path.join(m.group(1), "parlance.db")), detail)
    check("each step is printed", all(s in out for s in (
        "sample-cardiology", "(TRANSCRIPT)", "(TUNING)",
        "Added clinic (TEST): clinic1.wav, clinic2.wav, clinic3.wav, clinic4.wav, clinic1.txt",
        "clinic4.txt.", "Trained version", "Weight λ:", "Perplexity, mixture:")),
        detail)

    stock = re.search(r"^\s*stock\s+([0-9.]+)\s", out, re.M)
    version = re.search(r"^\s*sample-cardiology-\S+\s+([0-9.]+)\s+[0-9.]+\s+\d+\s+\d+"
                        r"\s+\d+\s+(\d+)\s+4\s", out, re.M)
    check("leaderboard: a header, a stock line and a version line",
          re.search(r"^\s*System\s+WER %", out, re.M) and stock and version, detail)
    check("the version's WER is below stock's", stock and version
          and float(version.group(1)) < float(stock.group(1)), detail)
    check("one utterance: reference, stock and version", all(
        re.search(rf"^\s*{label}:\s+\S", out, re.M)
        for label in ("Reference", "Stock", "Version")), detail)

    proc = subprocess.run([CLI, "quickstart", "--sample", tmp], capture_output=True,
                          text=True, timeout=30, env=env)
    check("a folder without a sample is refused", proc.returncode == 1
          and tmp in proc.stderr, proc.stdout + proc.stderr)

finish()
