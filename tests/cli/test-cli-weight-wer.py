#!/usr/bin/python3
# test-cli-weight-wer.py CLI SAMPLE_DIR
#
# Copyright 2026 The Parlance authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""Issue #17: when TUNING text is given, the weight chosen on it must not be
worse on held-out speech than the default. On the bundled sample, one
model is trained twice from the same training text: with its tuning text
(λ tuned on it), then without (40 sentences, too few to hold some out, so
λ is the default). Both versions transcribe the sample's four recordings,
which neither text contains, and the tuned version's WER must be no
higher than the default's."""

import json
import os
import re
import sys
import tempfile

from cli_testlib import check, finish, have_speech, run_in, skip_all

SAMPLE = sys.argv[2]

if not have_speech() or not os.path.exists(os.path.join(SAMPLE, "clinic1.wav")):
    skip_all("espeak-ng, the sample audio or the PocketSphinx en-us model is missing")


def run(ws, *args, timeout=60):
    return run_in(ws, *args, timeout=timeout)


def trained_version(out):
    m = re.search(r"Trained version (\S+)", out)
    return m.group(1) if m else None


with tempfile.TemporaryDirectory() as tmp:
    ws = os.path.join(tmp, "ws")
    tests = [os.path.join(SAMPLE, "clinic%d.%s" % (i, ext))
             for ext in ("wav", "txt") for i in range(1, 5)]
    run(ws, "models", "create", "clinic")
    run(ws, "datasets", "add", "clinic", os.path.join(SAMPLE, "training.txt"),
        "--type", "TRANSCRIPT")
    run(ws, "datasets", "add", "clinic", os.path.join(SAMPLE, "tuning.txt"),
        "--type", "TUNING")
    rc, out, err = run(ws, "datasets", "add", "clinic", *tests, "--type", "TEST")
    check("the sample's test pairs are added", rc == 0, out + err)

    rc, out, err = run(ws, "train", "clinic")
    tuned = trained_version(out)
    check("trained with the tuning text",
          rc == 0 and tuned and "tuned on the TUNING text (10 sentences)" in out, out + err)
    tuned_weight = re.search(r"Weight λ: +([0-9.]+)", out)

    rc, out, err = run(ws, "datasets", "delete", "clinic", "tuning.txt", "--yes")
    check("tuning text deleted", rc == 0, out + err)
    # --force: the training status does not count TUNING text as a change.
    rc, out, err = run(ws, "train", "clinic", "--force")
    default = trained_version(out)
    check("trained without it: the default weight (too little text to hold out)",
          rc == 0 and default and "0.5000, default (too little text to tune on)" in out,
          out + err)
    check("the tuned weight differs from the default", tuned_weight
          and abs(float(tuned_weight.group(1)) - 0.5) > 0.01, out)

    rc, out, err = run(ws, "evaluate", "clinic", "--json", timeout=600)
    rows = {r["version"]: r for r in json.loads(out)} if rc == 0 else {}
    for line in (out + err).splitlines():
        print("# " + line)
    check("both versions and the stock model are scored on the 4 recordings",
          tuned and default and tuned != default
          and all(rows.get(v, {}).get("utterances") == 4 for v in (None, tuned, default)),
          out + err)
    if tuned and default and tuned in rows and default in rows:
        wer_tuned, wer_default = rows[tuned]["wer"], rows[default]["wer"]
        print("# WER: stock %.1f %%, default λ %.1f %%, tuned λ %.1f %%"
              % (rows[None]["wer"], wer_default, wer_tuned))
        check("the weight tuned on the TUNING text is not worse than the default",
              wer_tuned <= wer_default,
              "tuned %.2f %% > default %.2f %%" % (wer_tuned, wer_default))

finish()
