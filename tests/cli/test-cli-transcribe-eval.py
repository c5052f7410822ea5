#!/usr/bin/python3
# test-cli-transcribe-eval.py
#
# Copyright 2026 The Parlance authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""Transcribing and evaluating with Amazon Transcribe through parlance-cli,
against the real S3 server of the cloud-s3 suite and the Transcribe
stand-in running Parlance's own recognizer (--recognizer), keys in a
private keyring:

- `transcribe --model M@stock --format json`: one StartTranscriptionJob
  without a language model, the probed sample rate and format, output to
  the account's bucket; the audio uploaded once under its SHA-256; words
  with times and confidence; the job deleted afterwards;
- a truncated transcript file: refused with what is wrong, the job
  deleted so that the next run transcribes afresh;
- `transcribe --model M`: the version's remote model in ModelSettings;
- `evaluate M --json`: Transcribe's stock model and the trained version,
  the version's WER below the stock model's, "provider" on every row,
  several jobs at once but never more than the stand-in's limit (beyond
  it LimitExceededException, which slows the run down without failing
  it), every job started once and deleted when its result is stored;
- SIGKILL in the middle of an evaluation, then evaluate again: the jobs
  already started are found by name, none is started twice, and the
  leaderboard is the same;
- audio never uploaded twice, counted by the S3 server itself (its
  request log, PRL_TEST_S3_LOG): each recording's object is written once
  in the first evaluation and not at all in the second;
- one leaderboard: a local model on the same test set (same recordings
  and references) lists the Transcribe rows after its own, and the
  Transcribe model the local ones, each with its provider; another test
  set shares nothing;
- a model whose language Transcribe (or its custom models) cannot take:
  refused before any request.

Skipped without PRL_TEST_S3_ENDPOINT unless PRL_TEST_REQUIRE_S3=1."""

import hashlib
import json
import os
import re
import signal
import sqlite3
import subprocess
import tempfile
import time
import urllib.parse
import uuid

from cli_testlib import CLI, DATA, check, finish, read_data, require_s3, require_speech, \
    synthesize

require_speech()
require_s3()

from transcribe_testlib import (  # noqa: E402
    KEY, REGION, ROLE, S3_ENDPOINT, SECRET, create_bucket, delete_bucket, standin,
    start_standin, transcribe_client)

BUCKET = "prl-eval-" + uuid.uuid4().hex[:12]
PREFIX = "team/parlance"
# The account asks for 4 jobs at once; the stand-in takes 2 and answers
# LimitExceededException beyond.
ACCOUNT_JOBS = 4
STANDIN_LIMIT = 2
SPOKEN = [line for line in read_data("clinic-spoken.txt").splitlines() if line][:4]


def api_bodies(endpoint, operation):
    found = []
    for r in standin(endpoint, "GET", "/_standin/requests"):
        headers = {k.lower(): v for k, v in r.get("headers") or []}
        if headers.get("x-amz-target", "") == "Transcribe." + operation:
            found.append(json.loads(r["body"]))
    return found


def n_requests(endpoint):
    return len(standin(endpoint, "GET", "/_standin/requests"))


def started(endpoint):
    counts = standin(endpoint, "GET", "/_standin/started")
    peak = counts.pop("_peak", 0)
    return counts, peak


def s3_log_size():
    return os.path.getsize(os.environ["PRL_TEST_S3_LOG"])


def blob_writes(since):
    """The requests that wrote to the account's blobs since byte @since of
    the S3 server's request log, as [(method, key, query)]: a PUT (whole
    object or a part) or a POST (starting or completing a multipart
    upload). RGW logs one "beast:" line per request and flushes its log a
    moment later, so this waits until the log stops growing."""
    path = os.environ["PRL_TEST_S3_LOG"]
    size, deadline = -1, time.monotonic() + 10
    while time.monotonic() < deadline and os.path.getsize(path) != size:
        size = os.path.getsize(path)
        time.sleep(0.5)
    with open(path, "rb") as f:
        f.seek(since)
        lines = f.read().decode(errors="replace").splitlines()
    writes = []
    for line in lines:
        match = re.search(r'beast: \S+ .*?"(PUT|POST) /([^ ?]+)(\?[^ ]*)? HTTP', line)
        if match and match.group(2).startswith(f"{BUCKET}/{PREFIX}/blobs/"):
            key = urllib.parse.unquote(match.group(2)[len(BUCKET) + 1:])
            writes.append((match.group(1), key, match.group(3) or ""))
    return writes


def uploads_started(writes):
    """Per key, how many uploads began: whole-object PUTs and multipart
    starts (POST ?uploads); a multipart upload's parts and completion are
    the same upload."""
    started = {}
    for method, key, query in writes:
        if (method == "PUT" and "uploadId=" not in query) \
                or (method == "POST" and query.startswith("?uploads")):
            started[key] = started.get(key, 0) + 1
    return started


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


class Env:
    def __init__(self, endpoint, ws):
        self.env = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="C",
                        PARLANCE_TEST_TRANSCRIBE_ENDPOINT=endpoint,
                        PARLANCE_TEST_TRANSCRIBE_POLL="0.3")
        self.ws = ws

    def cmd(self, *args):
        return [CLI, "--workspace", self.ws] + list(args)

    def cli(self, *args, timeout=600):
        proc = subprocess.run(self.cmd(*args), capture_output=True, text=True,
                              timeout=timeout, env=self.env)
        return proc.returncode, proc.stdout, proc.stderr

    def sql(self, statement, *args):
        con = sqlite3.connect(os.path.join(self.ws, "parlance.db"))
        try:
            with con:
                return con.execute(statement, args).fetchall()
        finally:
            con.close()


def add_account(name):
    env = dict(os.environ, AWS_ACCESS_KEY_ID=KEY, AWS_SECRET_ACCESS_KEY=SECRET)
    proc = subprocess.run([CLI, "accounts", "add", "aws", name, "--region", REGION,
                           "--bucket", BUCKET, "--prefix", PREFIX, "--endpoint",
                           S3_ENDPOINT, "--role-arn", ROLE, "--jobs", str(ACCOUNT_JOBS)],
                          capture_output=True, text=True, timeout=60, env=env)
    if proc.returncode != 0:
        raise RuntimeError(f"accounts add {name} failed: {proc.stderr}")


def jobs_left(transcribe):
    return [j["TranscriptionJobName"] for j in
            transcribe.list_transcription_jobs(MaxResults=100)
            .get("TranscriptionJobSummaries", [])]


def setup_model(e, tmp):
    rc, out, err = e.cli("models", "create", "clinic", "--provider", "aws-transcribe",
                         "--account", "aws", "--language", "en-US")
    check("an Amazon Transcribe model", rc == 0, err)
    rc, out, err = e.cli("datasets", "add", "clinic", os.path.join(DATA, "clinic-training.txt"),
                         "--type", "TRANSCRIPT")
    check("its training text", rc == 0, err)
    rc, out, err = e.cli("train", "clinic", "--wait")
    check("trained on the stand-in", rc == 0, f"{rc}: {out}{err}")
    wavs = []
    for i, text in enumerate(SPOKEN):
        wav = synthesize(os.path.join(tmp, f"pair{i}.wav"), text)
        txt = os.path.join(tmp, f"pair{i}.txt")
        with open(txt, "w") as f:
            f.write(text + "\n")
        rc, out, err = e.cli("datasets", "add", "clinic", wav, txt, "--type", "TEST")
        check(f"test pair {i}", rc == 0, err)
        wavs.append(wav)
    rc, out, err = e.cli("models", "show", "clinic", "--json")
    versions = [v["name"] for v in json.loads(out).get("versions", [])] if rc == 0 else []
    return wavs, versions


def test_transcribe_one(e, endpoint, s3, transcribe, wav):
    standin(endpoint, "DELETE", "/_standin/requests")
    rc, out, err = e.cli("transcribe", "--model", "clinic@stock", "--format", "json", wav)
    check("transcribe with Transcribe's stock model", rc == 0, f"{rc}: {out}{err}")
    result = json.loads(out)[0] if rc == 0 else {}
    words = result.get("words", [])
    check("words heard", len(words) >= 3 and result.get("text"), result)
    check("with times and confidence",
          all(0 <= w["start"] <= w["end"] and 0 <= w["confidence"] <= 1 for w in words)
          and words == sorted(words, key=lambda w: w["start"]), words)
    bodies = api_bodies(endpoint, "StartTranscriptionJob")
    check("one job started", len(bodies) == 1, bodies)
    body = bodies[0] if bodies else {}
    key = f"{PREFIX}/blobs/{sha256(wav)}"
    check("the audio by its SHA-256 in the account's bucket",
          body.get("Media", {}).get("MediaFileUri") == f"s3://{BUCKET}/{key}", body)
    check("format and sample rate from the probe, the model's language",
          body.get("MediaFormat") == "wav" and body.get("MediaSampleRateHertz") == 22050
          and body.get("LanguageCode") == "en-US", body)
    check("no language model for the stock model", "ModelSettings" not in body, body)
    check("output to the account's bucket",
          body.get("OutputBucketName") == BUCKET
          and body.get("OutputKey", "").startswith(f"{PREFIX}/transcripts/"), body)
    obj = s3.get_object(Bucket=BUCKET, Key=key)["Body"].read()
    with open(wav, "rb") as f:
        check("the uploaded object is the recording", obj == f.read())
    check("the job is deleted once its result is kept", jobs_left(transcribe) == [],
          jobs_left(transcribe))
    check("and its transcript object too",
          s3.list_objects_v2(Bucket=BUCKET, Prefix=f"{PREFIX}/transcripts/")
          .get("KeyCount") == 0)
    before = n_requests(endpoint)
    rc, out, err = e.cli("transcribe", "--model", "clinic@stock", "--format", "json", wav)
    again = api_bodies(endpoint, "StartTranscriptionJob")
    check("the same recording again: the blob is not sent again, the job has the same name",
          rc == 0 and len(again) == 2
          and again[1]["TranscriptionJobName"] == body.get("TranscriptionJobName"),
          f"{rc} {err} {before}")


def test_bad_transcript(e, endpoint, transcribe, wav):
    standin(endpoint, "POST", "/_standin/bad-transcripts", {"count": 1})
    rc, out, err = e.cli("transcribe", "--model", "clinic@stock", wav)
    check("a truncated transcript: a clear error",
          rc == 1 and "transcript could not be read" in err, f"{rc}: {out}{err}")
    check("the job that wrote it is deleted", jobs_left(transcribe) == [],
          jobs_left(transcribe))
    rc, out, err = e.cli("transcribe", "--model", "clinic@stock", wav)
    check("the next run transcribes afresh", rc == 0 and out.strip(), f"{rc}: {out}{err}")


def test_transcribe_version(e, endpoint, version, wav):
    standin(endpoint, "DELETE", "/_standin/requests")
    rc, out, err = e.cli("transcribe", "--model", "clinic", "--format", "json", wav)
    check("transcribe with the Transcribe version", rc == 0, f"{rc}: {out}{err}")
    bodies = api_bodies(endpoint, "StartTranscriptionJob")
    check("the version's remote model in ModelSettings",
          len(bodies) == 1
          and bodies[0].get("ModelSettings", {}).get("LanguageModelName") == version,
          bodies)


def evaluate(e):
    rc, out, err = e.cli("evaluate", "clinic", "--json")
    try:
        rows = json.loads(out) if rc == 0 else None
    except json.JSONDecodeError:
        rows = None
    return rows, f"{rc}: {out}{err}"


def wer_of(rows):
    return {r["version"]: r["wer"] for r in rows or []}


def test_evaluate(e, endpoint, transcribe, version, wavs):
    standin(endpoint, "DELETE", "/_standin/requests")
    log_start = s3_log_size()
    rows, detail = evaluate(e)
    first = uploads_started(blob_writes(log_start))
    # The first recording was sent by `transcribe` before; the others now.
    wanted = {f"{PREFIX}/blobs/{sha256(w)}" for w in wavs[1:]}
    check("the S3 server saw each new recording uploaded once, the one sent "
          "before not again", set(first) == wanted and set(first.values()) == {1},
          (first, sorted(wanted)))
    check("evaluate: the stock model and the version", rows is not None
          and [r["version"] for r in rows] == [None, version], detail)
    wer = wer_of(rows)
    print(f"# WER: Transcribe stock {wer.get(None)}, version {wer.get(version)}")
    check("the Transcribe version beats Transcribe's stock model",
          version in wer and None in wer and wer[version] < wer[None], wer)
    check("every row names its provider",
          rows is not None and all(r.get("provider") == "aws-transcribe" for r in rows),
          rows)
    counts, peak = started(endpoint)
    check("every test file with each model: one job each",
          len(counts) == 2 * len(SPOKEN) and set(counts.values()) == {1}, counts)
    check(f"several jobs at once, never more than the limit of {STANDIN_LIMIT}",
          peak == STANDIN_LIMIT, peak)
    refused = standin(endpoint, "GET", "/_standin/counts").get("StartTranscriptionJob", 0)
    check("LimitExceededException slowed the run down without failing it",
          refused > len(counts), (refused, len(counts)))
    check("every job deleted once its result was stored", jobs_left(transcribe) == [],
          jobs_left(transcribe))
    return rows


def test_resume(e, endpoint, transcribe, first_rows):
    e.sql("DELETE FROM eval_results")
    standin(endpoint, "DELETE", "/_standin/counts")
    proc = subprocess.Popen(e.cmd("evaluate", "clinic", "--json"), env=e.env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None:
        counts, _ = started(endpoint)
        stored = e.sql("SELECT COUNT(*) FROM eval_results")[0][0]
        if sum(counts.values()) >= 4 and stored >= 1:
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    stored = e.sql("SELECT COUNT(*) FROM eval_results")[0][0]
    check("killed in the middle of the evaluation",
          0 < stored < 2 * len(SPOKEN), stored)
    # A throttling storm on the polls as well: the run slows down, no more.
    standin(endpoint, "POST", "/_standin/next",
            {"fault": "throttle", "count": 8, "operation": "GetTranscriptionJob"})
    log_start = s3_log_size()
    rows, detail = evaluate(e)
    check("evaluated again after the kill, through a throttling storm",
          rows is not None, detail)
    again = blob_writes(log_start)
    check("the S3 server saw no audio written in the second evaluation", again == [],
          again)
    counts, _ = started(endpoint)
    check("no job started twice (the running ones were found by name)",
          len(counts) == 2 * len(SPOKEN) and set(counts.values()) == {1}, counts)
    check("the same leaderboard", wer_of(rows) == wer_of(first_rows),
          (wer_of(rows), wer_of(first_rows)))
    check("no job left behind", jobs_left(transcribe) == [], jobs_left(transcribe))


def test_one_leaderboard(e, tmp, transcribe_rows):
    """A local model on the same recordings and references: each model's
    leaderboard lists the other's rows, with their provider."""
    rc, out, err = e.cli("models", "create", "clinic-local", "--language", "en-US")
    check("a local model", rc == 0, err)
    rc, out, err = e.cli("datasets", "add", "clinic-local",
                         os.path.join(DATA, "clinic-training.txt"), "--type", "TRANSCRIPT")
    check("its training text", rc == 0, err)
    for i in range(len(SPOKEN)):
        rc, out, err = e.cli("datasets", "add", "clinic-local",
                             os.path.join(tmp, f"pair{i}.wav"),
                             os.path.join(tmp, f"pair{i}.txt"), "--type", "TEST")
        check(f"the same test pair {i}", rc == 0, err)
    rc, out, err = e.cli("train", "clinic-local", "--wait")
    check("trained locally", rc == 0, f"{rc}: {out}{err}")
    rc, out, err = e.cli("evaluate", "clinic-local", "--json")
    local_rows = json.loads(out) if rc == 0 else []
    check("the local model's leaderboard: its rows, then the Transcribe model's",
          [(r["model"], r["provider"], r["shared"], r["version"] is None)
           for r in local_rows]
          == [("clinic-local", "local", False, True), ("clinic-local", "local", False, False),
              ("clinic", "aws-transcribe", True, True),
              ("clinic", "aws-transcribe", True, False)], local_rows)
    aws = {r["version"]: r["wer"] for r in transcribe_rows}
    check("the shared rows are the Transcribe model's own results",
          {r["version"]: r["wer"] for r in local_rows if r["shared"]} == aws,
          (local_rows, aws))
    rows, detail = evaluate(e)
    check("the Transcribe model's leaderboard lists the local rows too",
          rows is not None
          and [(r["provider"], r["shared"]) for r in rows]
          == [("aws-transcribe", False), ("aws-transcribe", False), ("local", True),
              ("local", True)], detail)
    local = {r["version"]: r["wer"] for r in local_rows if not r["shared"]}
    check("with the local model's own figures",
          rows is not None
          and {r["version"]: r["wer"] for r in rows if r["shared"]} == local, (rows, local))
    rc, out, err = e.cli("evaluate", "clinic")
    check("the table has a Provider column",
          rc == 0 and "Provider" in out and "clinic-local (stock)" in out
          and "aws-transcribe" in out and " local" in out, out + err)
    # A test set that differs (one more pair) no longer shares rows.
    extra = synthesize(os.path.join(tmp, "extra.wav"), SPOKEN[0] + " again")
    with open(os.path.join(tmp, "extra.txt"), "w") as f:
        f.write(SPOKEN[0] + " again\n")
    rc, out, err = e.cli("datasets", "add", "clinic-local", extra,
                         os.path.join(tmp, "extra.txt"), "--type", "TEST")
    rows, detail = evaluate(e)
    check("another test set: no shared rows",
          rows is not None and not any(r["shared"] for r in rows), detail)


def test_language(e, endpoint, wav):
    e.sql("UPDATE models SET language = 'fr-FR' WHERE name = 'clinic'")
    before = n_requests(endpoint)
    rc, out, err = e.cli("transcribe", "--model", "clinic", wav)
    check("a version in a language Transcribe's custom models lack: refused",
          rc == 1 and "custom language models" in err, f"{rc}: {err}")
    check("before any request", n_requests(endpoint) == before)
    # French is a language of Transcribe's stock model, but the version's
    # refusal stops the whole evaluation before any job is started.
    rc, out, err = e.cli("evaluate", "clinic", "--recompute")
    check("the evaluation too", rc == 1 and "custom language models" in err, f"{rc}: {err}")
    check("before any request, even for the stock model", n_requests(endpoint) == before)
    e.sql("UPDATE models SET language = 'xx-XX' WHERE name = 'clinic'")
    before = n_requests(endpoint)
    rc, out, err = e.cli("transcribe", "--model", "clinic@stock", wav)
    check("a language Transcribe does not transcribe: refused",
          rc == 1 and "does not transcribe" in err, f"{rc}: {err}")
    check("before any request either", n_requests(endpoint) == before)
    e.sql("UPDATE models SET language = 'en-US' WHERE name = 'clinic'")


def main():
    s3 = create_bucket(BUCKET)
    add_account("aws")
    with tempfile.TemporaryDirectory(prefix="prl-cli-transcribe-eval-") as tmp:
        server, endpoint = start_standin(tmp, "--training-seconds", "1", "--recognizer", CLI, "--max-concurrent-jobs", str(STANDIN_LIMIT), "--exit-with-parent", tries=400)
        transcribe = transcribe_client(endpoint)
        e = Env(endpoint, os.path.join(tmp, "ws"))
        try:
            wavs, versions = setup_model(e, tmp)
            check("one version", len(versions) == 1, versions)
            version = versions[0] if versions else ""
            test_transcribe_one(e, endpoint, s3, transcribe, wavs[0])
            test_bad_transcript(e, endpoint, transcribe, wavs[0])
            test_transcribe_version(e, endpoint, version, wavs[0])
            rows = test_evaluate(e, endpoint, transcribe, version, wavs)
            test_resume(e, endpoint, transcribe, rows)
            test_one_leaderboard(e, tmp, rows)
            test_language(e, endpoint, wavs[0])
        finally:
            server.terminate()
            server.wait()
            delete_bucket(s3, BUCKET)
    finish()


main()
