#!/usr/bin/python3
# test-cli-datasets.py
#
# Copyright 2026 The Parlance authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""`parlance-cli datasets` as a user runs it: checking, adding, listing and
deleting, the model status that follows, and what a refused, cancelled or
killed upload leaves behind (nothing)."""

import json
import os
import signal
import struct
import subprocess
import tempfile
import time

from cli_testlib import CLI, check, finish, model_status, write
from cli_testlib import run_in as run


def run_bounded(workspace, *args, timeout=30):
    """Like run(), but a hang is a result (rc None), not a crash of the test."""
    try:
        return run(workspace, *args, timeout=timeout)
    except subprocess.TimeoutExpired as e:
        return None, e.stdout or "", f"timed out after {timeout} s"


def wav_header(data_bytes, rate=16000):
    return (b"RIFF" + struct.pack("<I", 36 + data_bytes) + b"WAVEfmt "
            + struct.pack("<IHHIIHH", 16, 1, 1, rate, rate * 2, 2, 16)
            + b"data" + struct.pack("<I", data_bytes))


def make_wav(path, seconds, rate=16000):
    n = int(seconds * rate) * 2
    with open(path, "wb") as f:
        f.write(wav_header(n, rate))
        f.write(b"\x00" * n)
    return path


def blob_files(ws):
    found = []
    for root, _dirs, files in os.walk(os.path.join(ws, "blobs")):
        found += [os.path.join(root, f) for f in files]
    return found


with tempfile.TemporaryDirectory() as tmp:
    files = os.path.join(tmp, "files")
    os.makedirs(files)
    train = write(os.path.join(files, "notes.txt"),
                  "the patient has atrial fibrillation\nstart metoprolol today\n")
    bad = write(os.path.join(files, "bad.txt"), "fine line\nsee &amp; <i>this</i>\n")
    latin1 = write(os.path.join(files, "latin1.txt"), b"caf\xe9 au lait\n")
    manifest = write(os.path.join(files, "set.jsonl"),
                     '{"audio_filepath": "a.wav", "text": "hello"}\n{"text": "no audio"}\n')
    a_wav = make_wav(os.path.join(files, "a.wav"), 1.0)
    a_txt = write(os.path.join(files, "a.txt"), "hello world\n")

    # datasets check: no workspace, nothing stored.
    rc, out, err = run(None, "datasets", "check", train, bad, latin1, "--json")
    report = json.loads(out) if out else []
    check("check exits non-zero when a file fails", rc == 1, err)
    check("check reports each file", [os.path.basename(r["path"]) for r in report]
          == ["notes.txt", "bad.txt", "latin1.txt"], out)
    check("good file passes", report and report[0]["ok"] and report[0]["lines"] == 2, out)
    markup = [i for i in report[1]["issues"] if i["code"] == "markup"] if report else []
    check("markup found with line and column", markup and markup[0]["line"] == 2
          and markup[0]["column"] >= 5 and markup[0]["fix"], out)
    utf8 = [i for i in report[2]["issues"] if i["code"] == "invalid_utf8"] if report else []
    check("invalid UTF-8 found with line and byte offset", utf8 and utf8[0]["line"] == 1
          and utf8[0]["byte_offset"] == 3, out)

    rc, out, err = run(None, "datasets", "check", manifest)
    check("manifest problems by line", rc == 1 and "set.jsonl:2" in out, out + err)

    rc, out, err = run(None, "datasets", "check", train)
    check("check passes a good file", rc == 0 and "OK" in out, out + err)

    # A line nested 100000 deep used to overflow json-glib's recursive parser.
    deep = write(os.path.join(files, "deep.jsonl"),
                 '{"audio_filepath": "a.wav", "text": "hello"}\n'
                 + "[" * 100000 + "]" * 100000 + "\n")
    rc, out, err = run_bounded(None, "datasets", "check", deep, "--json")
    report = json.loads(out) if rc == 1 and out else []
    deep_issues = [(i["code"], i["line"]) for i in report[0]["issues"]] if report else []
    check("deeply nested JSON line is an issue, not a crash",
          rc == 1 and deep_issues == [("too_deep", 2)], f"rc={rc}\n{out}{err}")

    # A named pipe has no end: checking it must not wait for a writer.
    fifo = os.path.join(tmp, "f.txt")
    os.mkfifo(fifo)
    fifo_jsonl = os.path.join(tmp, "f.jsonl")
    os.mkfifo(fifo_jsonl)
    for path in (fifo, fifo_jsonl):
        name = os.path.basename(path)
        start = time.monotonic()
        rc, out, err = run_bounded(None, "datasets", "check", path)
        check(f"check refuses the named pipe {name} promptly",
              rc == 1 and "named pipe" in out and time.monotonic() - start < 20,
              f"rc={rc}\n{out}{err}")

    rc, out, err = run(None, "datasets", "check", train, "--type", "BANANA")
    check("unknown type refused", rc == 2 and "Unknown dataset type" in err, err)

    # add / list / delete on a workspace.
    ws = os.path.join(tmp, "ws")
    run(ws, "models", "create", "clinic")
    check("new model is not running", model_status(ws, "clinic") == "not-running")

    rc, out, err = run(ws, "datasets", "add", "clinic", train, bad)
    check("an upload with a bad file is refused whole", rc == 1 and "nothing was added" in err
          and "bad.txt:2" in err, err)
    check("refused upload stored no blob", blob_files(ws) == [], str(blob_files(ws)))

    rc, out, err = run(ws, "datasets", "add", "clinic", train, manifest)
    check("mixed types refused", rc == 1 and "set.jsonl" in err, err)

    many = [write(os.path.join(files, f"n{i}.txt"), f"line {i}\n") for i in range(11)]
    rc, out, err = run(ws, "datasets", "add", "clinic", *many)
    check("more than ten files refused", rc == 1 and "10" in err, err)

    for path in (fifo, fifo_jsonl):
        name = os.path.basename(path)
        rc, out, err = run_bounded(ws, "datasets", "add", "clinic", path)
        check(f"add refuses the named pipe {name} promptly",
              rc == 1 and "named pipe" in err and "nothing was added" in err,
              f"rc={rc}\n{out}{err}")
    rc, out, err = run_bounded(ws, "datasets", "add", "clinic", deep)
    check("add refuses a deeply nested JSON line", rc == 1 and "deep.jsonl:2" in err,
          f"rc={rc}\n{out}{err}")
    check("refused pipes stored no blob", blob_files(ws) == [], str(blob_files(ws)))

    rc, out, err = run(ws, "datasets", "add", "clinic", train)
    check("add training text", rc == 0 and "notes.txt" in out, out + err)
    check("status becomes ready to run", model_status(ws, "clinic") == "ready-to-run")

    rc, out, err = run(ws, "datasets", "add", "clinic", a_wav, a_txt, "--type", "TEST")
    check("add a test pair", rc == 0, out + err)

    rc, out, err = run(ws, "datasets", "list", "clinic", "--json")
    groups = json.loads(out) if rc == 0 else []
    # One dataset per upload; the test pair is one dataset of two files.
    check("list --json: one entry per dataset", [(d["name"], d["type"], d["n_files"])
                                                 for d in groups]
          == [("notes.txt", "TRANSCRIPT", 1), ("a", "TEST", 2)], out)
    listed = [f for d in groups for f in d["files"]]
    check("list --json: the files of each", [(d["name"], d["type"]) for d in listed]
          == [("notes.txt", "TRANSCRIPT"), ("a.wav", "AUDIO"), ("a.txt", "TEST")], out)
    check("audio duration listed", listed and abs(listed[1]["duration"] - 1.0) < 0.05, out)
    check("the dataset's duration sums its audio",
          groups and abs(groups[1]["duration"] - 1.0) < 0.05, out)
    check("the source is the file the user chose", groups and groups[0]["source"] == train
          and listed[0]["source"] == train, out)
    check("url points at the stored copy", listed and listed[0]["url"].startswith("file://")
          and os.path.exists(listed[0]["url"][7:]), out)
    with open(listed[0]["url"][7:]) as f:
        check("stored copy is identical", f.read() == open(train).read())

    rc, out, err = run(ws, "datasets", "list", "clinic")
    check("list shows test pairs", "1 test pair" in out, out)

    rc, out, err = run(ws, "datasets", "delete", "clinic", "notes.txt")
    check("delete needs --yes", rc == 2, err)
    rc, out, err = run(ws, "datasets", "delete", "clinic", "notes.txt", "--yes")
    check("delete", rc == 0, err)
    check("status back to not running", model_status(ws, "clinic") == "not-running")
    check("its blob is gone", len(blob_files(ws)) == 2, str(blob_files(ws)))

    rc, out, err = run(ws, "datasets", "delete", "clinic", "nope.txt", "--yes")
    check("deleting an unknown dataset says so", rc == 1 and "no dataset named" in err, err)

    # SIGKILL during the copy: no row, and no partial blob after reopening.
    big = make_wav(os.path.join(files, "long.wav"), 20000.0)  # about 640 MB
    proc = subprocess.Popen([CLI, "--workspace", ws, "datasets", "add", "clinic", big],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    staging = os.path.join(ws, "blobs", "tmp")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if os.path.isdir(staging) and any(os.path.getsize(os.path.join(staging, f)) > 1 << 20
                                          for f in os.listdir(staging)):
            break
        time.sleep(0.02)
    copying = os.path.isdir(staging) and os.listdir(staging) != []
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    check("killed while copying", copying)
    rc, out, err = run(ws, "datasets", "list", "clinic", "--json")
    check("killed upload left no dataset row",
          [d["name"] for d in json.loads(out)] == ["a"], out)
    check("killed upload left no partial blob", len(blob_files(ws)) == 2
          and os.listdir(staging) == [], str(blob_files(ws)))
    os.unlink(big)


# Base model from the audio: a model never trained takes the band of the
# audio it is given, and says so with the app's sentence; a trained model
# keeps its base model and only warns.
def base_model(ws, name):
    rc, out, err = run(ws, "models", "list", "--json")
    return {m["name"]: m["base_model"] for m in json.loads(out)}.get(name)


with tempfile.TemporaryDirectory() as tmp:
    ws = os.path.join(tmp, "ws")
    call = make_wav(os.path.join(tmp, "call.wav"), 1.0, rate=8000)
    run(ws, "models", "create", "calls")
    check("a new model is WideBand", base_model(ws, "calls") == "WideBand")
    rc, out, err = run(ws, "datasets", "add", "calls", call)
    check("8 kHz audio switches a new model to NarrowBand",
          rc == 0 and "The audio is sampled at 8000 Hz, so “calls” now uses the "
          "NarrowBand base model instead of WideBand." in out, out + err)
    check("the switch is stored", base_model(ws, "calls") == "NarrowBand")

    notes = write(os.path.join(tmp, "notes.txt"),
                  "the patient has atrial fibrillation\nstart metoprolol today\n")
    tune = write(os.path.join(tmp, "tuning.txt"), "the patient takes metoprolol\n")
    run(ws, "models", "create", "wards", "--base-model", "NarrowBand")
    rc, out, err = run(ws, "datasets", "add", "wards", notes, tune)
    check("training and tuning text go up together, tuning.txt as tuning text",
          rc == 0 and "Added tuning.txt (TUNING)" in out
          and "Added notes.txt (TRANSCRIPT)" in out, out + err)
    rc, out, err = run(ws, "train", "wards", "--wait", timeout=600)
    check("wards trains", rc == 0, out + err)
    wide = make_wav(os.path.join(tmp, "dictation.wav"), 1.0, rate=16000)
    rc, out, err = run(ws, "datasets", "add", "wards", wide)
    check("a trained model keeps its base model",
          rc == 0 and "now uses" not in out and base_model(ws, "wards") == "NarrowBand",
          out + err)
    check("and is warned about the mismatch", "warning" in err, err)
# A dataset is what was added together: a mixed upload becomes one dataset
# per type, --name names it, the list shows one row per dataset with its
# file count and --files its files, and deleting it deletes every file.
with tempfile.TemporaryDirectory() as tmp:
    ws = os.path.join(tmp, "ws")
    src = os.path.join(tmp, "clinic")
    os.makedirs(src)
    pairs = []
    for i in range(1, 5):
        # Lengths that differ, so that each recording is a blob of its own.
        pairs.append(make_wav(os.path.join(src, f"clinic{i}.wav"), 0.5 + i / 10))
        pairs.append(write(os.path.join(src, f"clinic{i}.txt"), f"start metoprolol {i}\n"))
    training = write(os.path.join(src, "training.txt"), "the patient has atrial fibrillation\n")
    run(ws, "models", "create", "groups")

    rc, out, err = run(ws, "datasets", "add", "groups", *pairs, training)
    check("a mixed upload adds one dataset per type",
          rc == 0 and "Added clinic (TEST): clinic1.wav, clinic1.txt, clinic2.wav" in out
          and "Added training.txt (TRANSCRIPT)." in out, out + err)
    rc, out, err = run(ws, "datasets", "list", "groups", "--json")
    groups = json.loads(out) if rc == 0 else []
    check("two datasets, 8 files and 1", [(d["name"], d["type"], d["n_files"])
                                          for d in groups]
          == [("clinic", "TEST", 8), ("training.txt", "TRANSCRIPT", 1)], out)
    check("the dataset's source is the folder", groups
          and groups[0]["source"] == f"{src} (8 files)", out)
    check("the duration is the sum of its audio",
          groups and abs(groups[0]["duration"] - 3.0) < 0.05, out)

    rc, out, err = run(ws, "datasets", "list", "groups")
    lines = out.splitlines()
    check("list: a header with FILES and one row per dataset",
          rc == 0 and "FILES" in lines[0] and lines[1].split()[:3] == ["clinic", "TEST", "8"]
          and lines[2].split()[:3] == ["training.txt", "TRANSCRIPT", "1"]
          and "4 test pairs" in out, out)
    rc, out, err = run(ws, "datasets", "list", "groups", "--files")
    check("list --files shows every file under its dataset",
          rc == 0 and all(f"  {os.path.basename(p)} " in out for p in pairs)
          and "file://" in out, out)

    notes = write(os.path.join(tmp, "ward1.txt"), "stop aspirin today\n")
    more = write(os.path.join(tmp, "ward2.txt"), "start heparin now\n")
    rc, out, err = run(ws, "datasets", "add", "groups", notes, more, "--name", "Ward notes")
    check("--name names the dataset",
          rc == 0 and "Added Ward notes (TRANSCRIPT): ward1.txt, ward2.txt." in out,
          out + err)
    rc, out, err = run(ws, "datasets", "add", "groups", notes, "--name", "ward NOTES")
    check("a name already used is refused, saying so",
          rc == 1 and "already has a dataset named" in err, err)
    rc, out, err = run(ws, "datasets", "add", "groups", notes, "--name", " ")
    check("an empty name is refused", rc == 1 and "needs a name" in err, err)

    many = [write(os.path.join(tmp, f"n{i}.txt"), f"line {i}\n") for i in range(11)]
    rc, out, err = run(ws, "datasets", "add", "groups", *many)
    check("eleven files are refused with the limit and what to do",
          rc == 1 and "at most 10" in err, err)

    before = len(blob_files(ws))
    rc, out, err = run(ws, "datasets", "delete", "groups", "clinic", "--yes")
    check("deleting a dataset deletes all its files", rc == 0 and
          len(blob_files(ws)) == before - 8, f"{before} {blob_files(ws)}\n{err}")
    rc, out, err = run(ws, "datasets", "list", "groups", "--json")
    check("the other datasets stay", [d["name"] for d in json.loads(out)]
          == ["training.txt", "Ward notes"], out)

finish()
