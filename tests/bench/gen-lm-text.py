#!/usr/bin/python3
# gen-lm-text.py
#
# Copyright 2026 The Parlance authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes reproducible training and held-out text for the language-model
benchmark: sentences over a real English vocabulary (the words of
PocketSphinx's pronunciation dictionary, so that no word needs a generated
pronunciation), drawn by a seeded Markov chain with Zipf-distributed
unigrams and per-word successor preferences, so that an n-gram model has
structure to learn. Lower case, one sentence a line, no punctuation: both
estimators see the same tokens.

  gen-lm-text.py --train OUT --held-out OUT [--mb 100] [--seed 1]
"""

import argparse
import bisect
import itertools
import random
import re

DICT = "/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict"


def zipf_cumulative(n, s):
    return list(itertools.accumulate(1.0 / (r ** s) for r in range(1, n + 1)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--train", required=True)
    ap.add_argument("--held-out", required=True)
    ap.add_argument("--mb", type=float, default=100)
    ap.add_argument("--held-out-lines", type=int, default=20000)
    ap.add_argument("--vocabulary", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()

    rng = random.Random(args.seed)
    words = sorted({line.split()[0] for line in open(DICT, encoding="utf-8")
                    if re.fullmatch(r"[a-z]{2,}", line.split()[0])})
    rng.shuffle(words)
    vocab = words[:args.vocabulary]

    uni = zipf_cumulative(len(vocab), 1.05)
    n_succ = 40
    succ_cum = zipf_cumulative(n_succ, 1.3)
    # Each word prefers a few followers; which ones is part of the "language".
    succ = [[rng.randrange(len(vocab)) for _ in range(n_succ)] for _ in vocab]

    def unigram():
        return bisect.bisect_left(uni, rng.random() * uni[-1])

    def sentence():
        n = rng.randint(4, 22)
        w = unigram()
        out = [vocab[w]]
        for _ in range(n - 1):
            if rng.random() < 0.65:
                w = succ[w][bisect.bisect_left(succ_cum, rng.random() * succ_cum[-1])]
            else:
                w = unigram()
            out.append(vocab[w])
        return " ".join(out)

    limit = int(args.mb * 1000 * 1000)
    with open(args.held_out, "w", encoding="utf-8") as f:
        for _ in range(args.held_out_lines):
            f.write(sentence() + "\n")
    written = 0
    with open(args.train, "w", encoding="utf-8") as f:
        while written < limit:
            lines = "".join(sentence() + "\n" for _ in range(1000))
            f.write(lines)
            written += len(lines)


if __name__ == "__main__":
    main()
