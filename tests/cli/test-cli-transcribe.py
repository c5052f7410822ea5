#!/usr/bin/python3
# test-cli-transcribe.py
#
# Copyright 2026 The Parlance authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""`parlance-cli transcribe` and `parlance-cli align` on speech synthesized
by espeak-ng: the exact shape of each format, ids from file names, input
order, a bad file among good ones, alignment to captions, clear errors, and
the issue's proof: a model trained on cardiology sentences transcribes
cardiology speech with a far lower WER than the stock model (scored by
`parlance-cli score`)."""

import json
import os
import re
import subprocess
import tempfile
import time

from cli_testlib import check, finish, read_data, require_speech, run, synthesize

require_speech()

GENERAL = [
    "the weather will be cold and rainy tomorrow morning",
    "please open the window in the kitchen",
    "my brother bought a new car last week",
    "we will meet at the station at noon",
]

# Thirty sentences of a cardiology clinic to train on, and spoken test
# sentences made of new combinations of their words (shared with the other
# CLI tests that train).
CLINIC_TEXT = read_data("clinic-training.txt")
CLINIC_SPOKEN = [line for line in read_data("clinic-spoken.txt").splitlines() if line]


def words_ok(t):
    """Words with times that increase and stay within the audio."""
    last = 0.0
    for w in t["words"]:
        if not (w["word"] and w["start"] >= last - 1e-6 and w["start"] < w["end"]
                <= t["duration"] + 1e-6 and 0 <= w["confidence"] <= 1):
            return False
        last = w["end"]
    return len(t["words"]) > 0


SRT_CUE = re.compile(r"^(\d+)\n(\d\d):(\d\d):(\d\d),(\d{3}) --> (\d\d):(\d\d):(\d\d),(\d{3})\n"
                     r"(.+)$")


def parse_srt(text):
    """Cues as (start, end, text), or None when @text is not well-formed."""
    cues = []
    for n, block in enumerate(filter(None, text.strip("\n").split("\n\n")), 1):
        m = SRT_CUE.match(block)
        if m is None or int(m.group(1)) != n:
            return None
        g = [int(x) for x in m.groups()[1:9]]
        start = g[0] * 3600 + g[1] * 60 + g[2] + g[3] / 1000
        end = g[4] * 3600 + g[5] * 60 + g[6] + g[7] / 1000
        if start >= end or (cues and start < cues[-1][1]):
            return None
        cues.append((start, end, m.group(10)))
    return cues


def wer_by_score(tmp, ref_lines, hyp_trn, name):
    ref = os.path.join(tmp, f"{name}-ref.trn")
    hyp = os.path.join(tmp, f"{name}-hyp.trn")
    with open(ref, "w") as f:
        f.write(ref_lines)
    with open(hyp, "w") as f:
        f.write(hyp_trn)
    rc, out, err = run("score", "--ref", ref, "--hyp", hyp, "--format", "json")
    return json.loads(out)["wer"] if rc == 0 else None


with tempfile.TemporaryDirectory() as tmp:
    names = ["alpha.wav", "bravo.wav", "charlie.v2.wav", "delta.wav"]
    wavs = [synthesize(os.path.join(tmp, n), t) for n, t in zip(names, GENERAL)]
    ids = ["alpha", "bravo", "charlie.v2", "delta"]

    # trn: exactly one "hypothesis (id)" line per file, in input order.
    start = time.monotonic()
    rc, out, err = run("transcribe", "--format", "trn", *wavs)
    elapsed = time.monotonic() - start
    lines = out.splitlines()
    shape = [re.fullmatch(r"([a-z' ]+) \(([^()]+)\)", line) for line in lines]
    check("trn: one line per file, ids from the names, in order",
          rc == 0 and len(lines) == 4 and all(shape)
          and [m.group(2) for m in shape] == ids, out + err)
    check("trn: the words are recognized", all(shape) and len(shape) == 4 and all(
        len(set(m.group(1).split()) & set(ref.split())) >= len(ref.split()) // 2
        for m, ref in zip(shape, GENERAL)), out)
    print(f"# 4 files ({len(GENERAL)} sentences) transcribed in {elapsed:.2f} s "
          f"on {os.cpu_count()} cores")

    # text: one file prints its words alone; several, each after its name.
    rc, out, err = run("transcribe", wavs[1])
    check("text: one file, one line", rc == 0 and len(out.splitlines()) == 1
          and "kitchen" in out, out + err)
    rc, out, err = run("transcribe", wavs[0], wavs[1])
    check("text: several files, each after its name",
          rc == 0 and out.splitlines()[0] == wavs[0] + ":"
          and out.splitlines()[3] == wavs[1] + ":", out + err)

    # json: the fields, with word times. Four files on a pool of one thread
    # per core: each decoder is reused, and times must still count from the
    # start of each file.
    rc, out, err = run("transcribe", "--format", "json", *wavs)
    data = json.loads(out) if rc == 0 else []
    check("json: an array of id, path, text, duration, words",
          len(data) == 4 and [d["id"] for d in data] == ids
          and all(set(d) == {"id", "path", "text", "duration", "words"} for d in data)
          and all(set(w) == {"word", "start", "end", "confidence"}
                  for d in data for w in d["words"])
          and data[0]["path"] == wavs[0] and data[0]["duration"] > 2, out + err)
    check("json: words with increasing times within the audio",
          data and all(words_ok(d) for d in data)
          and all(" ".join(w["word"] for w in d["words"]) == d["text"] for d in data),
          out)

    # srt and vtt.
    rc, out, err = run("transcribe", "--format", "srt", wavs[0])
    cues = parse_srt(out)
    check("srt: well-formed cues in order", rc == 0 and cues and cues[0][0] < 0.5
          and "tomorrow" in " ".join(c[2] for c in cues), out + err)
    rc, out, err = run("transcribe", "--format", "vtt", wavs[0])
    check("vtt: WEBVTT header and cues", rc == 0 and out.startswith("WEBVTT\n\n")
          and parse_srt(re.sub(r"(\d\d:\d\d:\d\d)\.(\d{3})", r"\1,\2",
                               "\n\n".join(f"{i}\n{b}" for i, b in enumerate(
                                   out.split("\n\n")[1:], 1) if b.strip())))
          is not None, out + err)
    rc, out, err = run("transcribe", "--format", "srt", wavs[0], wavs[1])
    parts = re.split(r"^==> (.+) <==\n", out, flags=re.M)
    check("srt: several files, each after a ==> FILE <== line",
          rc == 0 and parts[0] == "" and parts[1] == wavs[0] and parts[3] == wavs[1]
          and parse_srt(parts[2]) and parse_srt(parts[4]), out + err)

    # A bad file among good ones: the others are still printed.
    bad = os.path.join(tmp, "broken.wav")
    with open(bad, "w") as f:
        f.write("not audio at all\n")
    rc, out, err = run("transcribe", "--format", "trn", wavs[0], bad, wavs[1])
    check("a bad file is reported, the others printed, exit 1",
          rc == 1 and "broken.wav" in err
          and [line.rsplit(" ", 1)[1] for line in out.splitlines()] == ["(alpha)", "(bravo)"],
          f"rc={rc}\n{out}{err}")
    rc, out, err = run("transcribe", os.path.join(tmp, "missing.wav"))
    check("a missing file is named", rc == 1 and "missing.wav" in err and out == "", err)
    rc, out, err = run("transcribe", "--format", "doc", wavs[0])
    check("an unknown format is a usage error", rc == 2 and "doc" in err, err)
    rc, out, err = run("transcribe")
    check("no file is a usage error", rc == 2 and "Usage" in err, err)

    # align: one timed word per transcript word.
    text = "Please open the window, in the kitchen!"
    transcript = os.path.join(tmp, "bravo.txt")
    with open(transcript, "w") as f:
        f.write(text + "\n")
    rc, out, err = run("align", wavs[1], transcript, "--format", "json")
    data = json.loads(out) if rc == 0 else {}
    check("align json: each transcript word, timed",
          data.get("text") == "please open the window in the kitchen"
          and len(data.get("words", [])) == 7 and words_ok(data), out + err)
    rc, out, err = run("align", wavs[1], transcript)
    cues = parse_srt(out)
    check("align: srt by default", rc == 0 and cues
          and " ".join(c[2] for c in cues) == "please open the window in the kitchen",
          out + err)
    rc, out, err = run("align", "--format", "vtt", wavs[1], transcript)
    check("align: vtt", rc == 0 and out.startswith("WEBVTT\n\n00:00:0"), out + err)
    rc, out, err = run("align", wavs[1], os.path.join(tmp, "none.txt"))
    check("align: a missing transcript is named", rc == 1 and "none.txt" in err, err)
    latin1 = os.path.join(tmp, "latin1.txt")
    with open(latin1, "wb") as f:
        f.write(b"caf\xe9 au lait\n")
    rc, out, err = run("align", wavs[1], latin1)
    check("align: a transcript that is not UTF-8", rc == 1 and "UTF-8" in err, err)
    rc, out, err = run("align", os.path.join(tmp, "none.wav"), transcript)
    check("align: a missing audio file is named", rc == 1 and "none.wav" in err, err)
    rc, out, err = run("align", bad, transcript)
    check("align: unreadable audio is named", rc == 1 and "broken.wav" in err, err)
    fifo = os.path.join(tmp, "pipe.txt")
    os.mkfifo(fifo)
    try:
        rc, out, err = run("align", wavs[1], fifo, timeout=30)
        check("align: a named pipe as transcript is refused at once",
              rc == 1 and "named pipe" in err, err)
    except subprocess.TimeoutExpired:
        check("align: a named pipe as transcript is refused at once", False,
              "parlance-cli align waited on the pipe")
    rc, out, err = run("align", wavs[1], "/dev/zero", timeout=30)
    check("align: a device as transcript is refused", rc == 1 and "device" in err, err)
    rc, out, err = run("align", wavs[1])
    check("align: no transcript is a usage error", rc == 2, err)

    # The proof: a model trained on clinic sentences against the stock one.
    ws = os.path.join(tmp, "workspace")
    corpus = os.path.join(tmp, "clinic.txt")
    with open(corpus, "w") as f:
        f.write(CLINIC_TEXT)
    run("models", "create", "clinic", workspace=ws)
    rc, out, err = run("transcribe", "--model", "clinic", wavs[0], workspace=ws)
    check("a model without versions says how to train it", rc == 1
          and "“clinic” has no trained version yet; train it with parlance-cli train "
          "clinic" in err, err)
    rc, out, err = run("transcribe", "--model", "nosuch", wavs[0], workspace=ws)
    check("an unknown model is named", rc == 1 and "nosuch" in err, err)

    start = time.monotonic()
    rc_add, out, err_add = run("datasets", "add", "clinic", corpus, "--type", "TRANSCRIPT",
                               workspace=ws)
    rc_train, out, err_train = run("train", "clinic", workspace=ws)
    check("the clinic model trains", rc_add == 0 and rc_train == 0, err_add + err_train)

    spoken = [synthesize(os.path.join(tmp, f"clinic{i}.wav"), t)
              for i, t in enumerate(CLINIC_SPOKEN)]
    ref = "".join(f"{t} (clinic{i})\n" for i, t in enumerate(CLINIC_SPOKEN))
    rc_s, stock, err_s = run("transcribe", "--format", "trn", *spoken)
    rc_c, custom, err_c = run("transcribe", "--model", "clinic", "--format", "trn", *spoken,
                              workspace=ws)
    elapsed = time.monotonic() - start
    stock_wer = wer_by_score(tmp, ref, stock, "stock") if rc_s == 0 else None
    custom_wer = wer_by_score(tmp, ref, custom, "custom") if rc_c == 0 else None
    for line in (stock + custom).splitlines():
        print(f"# {line}")
    print(f"# in-domain WER: stock {stock_wer}%, custom {custom_wer}% "
          f"(train and both transcriptions: {elapsed:.1f} s)")
    check("custom WER is at least 20 points below stock",
          stock_wer is not None and custom_wer is not None
          and custom_wer < stock_wer - 20, f"stock {stock_wer} custom {custom_wer}\n"
          f"{err_s}{err_c}")

    rc_v, out_v, err_v = run("transcribe", "--model", "clinic@nope", wavs[0], workspace=ws)
    check("an unknown version lists the versions", rc_v == 1 and "nope" in err_v
          and "clinic-" in err_v, err_v)
    m = re.search(r"(clinic-\d{8}T\d{6}Z)", err_v)
    if m:
        rc, out, err = run("transcribe", "--model", "clinic@" + m.group(1), "--format", "trn",
                           spoken[0], workspace=ws)
        check("MODEL@VERSION picks that version", rc == 0
              and out == custom.splitlines()[0] + "\n", out + err)

finish()
