#!/usr/bin/python3
# data/sample/make-sample.py TEXT OUTPUT
#
# Copyright 2026 The Parlance authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the reference transcript of one sample test utterance: TEXT and a
newline into OUTPUT (the audio is made by espeak-ng in meson.build)."""

import sys

with open(sys.argv[2], "w", encoding="utf-8") as f:
    f.write(sys.argv[1] + "\n")
