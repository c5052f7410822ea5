#!/usr/bin/python3
# test-cli-watson-eval.py
#
# Copyright 2026 The Parlance authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""Transcribing and evaluating with IBM Watson through parlance-cli,
against the Watson stand-in (tests/cloud/watson-server.py) running
Parlance's own recognizer and applying customizations
(--recognizer, --apply-customizations), the API key in a private keyring:

- `transcribe --model M@stock --format json`: one POST /v1/recognize with
  the model's base, no customization, timestamps and word confidences,
  the audio as audio/wav; words with times and confidence;
- `transcribe --model M`: the version's customization_id (looked up by
  the version's name once) and its customization_weight, tuned on the
  model's tuning text;
- `evaluate M --json`: Watson's stock model and the trained version, each
  row with the provider "ibm-watson", the version's WER below the stock
  model's, as many recognize requests at once as the account's jobs;
- `evaluate` of more recordings than the batch threshold: one
  recognition job each, a killed run's jobs taken up by the next run,
  nothing sent twice, the synchronous path's transcripts;
- `pronunciations set/list` for a Watson model: custom words kept as typed,
  sent before train, Watson's out-of-vocabulary words listed back;
- refusals before any request: a model without account, a model without
  base, audio that cannot be decoded, a version whose customization was
  deleted on the service;
- audio Watson cannot read (AAC in MP4, a WAV below the base's 16 kHz)
  converted to FLAC, or to little-endian L16 without a FLAC encoder.

argv: parlance-cli, watson-server.py."""

import json
import os
import secrets
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

from cli_testlib import CLI, DATA, check, finish, in_private_keyring, read_data, \
    require_speech, synthesize
from watson_standin import posts, standin, start, stop

require_speech()
in_private_keyring()

SERVER = sys.argv[2]
KEY = secrets.token_urlsafe(33)
SPOKEN = [line for line in read_data("clinic-spoken.txt").splitlines() if line][:4]
BASE = "en-US_Multimedia"
JOBS = 2  # the account's concurrent jobs


def n_requests(url):
    return len(standin(url, "GET", "/_standin/requests"))


class Env:
    def __init__(self, ws):
        self.env = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="C")
        self.env.pop("IBM_APIKEY", None)
        self.ws = ws

    def cli(self, *args, env=None, timeout=900):
        proc = subprocess.run([CLI, "--workspace", self.ws] + list(args),
                              capture_output=True, text=True, timeout=timeout,
                              env=dict(self.env, **(env or {})))
        return proc.returncode, proc.stdout, proc.stderr

    def sql(self, statement, *args):
        con = sqlite3.connect(os.path.join(self.ws, "parlance.db"))
        try:
            with con:
                return con.execute(statement, args).fetchall()
        finally:
            con.close()


def setup(e, url, tmp):
    rc, out, err = e.cli("accounts", "add", "ibm", "Watson", "--url", url, "--iam-url",
                         url + "/identity/token", "--jobs", str(JOBS), env={"IBM_APIKEY": KEY})
    check("an IBM account", rc == 0, out + err)
    rc, out, err = e.cli("models", "create", "clinic", "--provider", "ibm-watson",
                         "--account", "Watson", "--base", BASE)
    check("a Watson model", rc == 0, out + err)
    rc, out, err = e.cli("datasets", "add", "clinic",
                         os.path.join(DATA, "clinic-training.txt"), "--type", "TRANSCRIPT")
    check("its training text", rc == 0, err)
    # Tuning text: the weight is tuned locally and sent with the version.
    tuning = os.path.join(tmp, "tuning.txt")
    with open(tuning, "w") as f:
        f.write("the patient takes metoprolol twice daily\n"
                "atrial fibrillation and metoprolol\n")
    rc, out, err = e.cli("datasets", "add", "clinic", tuning, "--type", "TUNING")
    check("its tuning text", rc == 0, err)
    # Watson's custom words through `pronunciations`: kept as typed, an
    # entry Watson would refuse is refused before it is saved.
    rc, out, err = e.cli("pronunciations", "set", "clinic", "lisinopril",
                         "lie sin oh pril; lye sin oh pril | Lisinopril")
    check("a Watson custom word", rc == 0, out + err)
    rc, out, err = e.cli("pronunciations", "set", "clinic", "ibuprofen", "a;b;c;d;e;f")
    check("six spellings refused", rc != 0 and "Watson takes at most 5" in err,
          f"{rc}: {out}{err}")
    rc, out, err = e.cli("train", "clinic", "--wait")
    check("trained on the stand-in", rc == 0, f"{rc}: {out}{err}")
    sent = [json.loads(r["body"]) for r in standin(url, "GET", "/_standin/requests")
            if r["method"] == "POST" and r["path"].endswith("/words")]
    check("the custom word sent before train",
          sent == [{"words": [{"word": "lisinopril",
                               "sounds_like": ["lie sin oh pril", "lye sin oh pril"],
                               "display_as": "Lisinopril"}]}], sent)
    rc, out, err = e.cli("pronunciations", "list", "clinic", "--json")
    entries = {p["word"]: p for p in json.loads(out)} if rc == 0 else {}
    check("the user's entry as typed",
          entries.get("lisinopril", {}).get("phones")
          == "lie sin oh pril; lye sin oh pril | Lisinopril", entries.get("lisinopril"))
    check("Watson's out-of-vocabulary words listed as generated",
          any(p["generated"] for p in entries.values()), sorted(entries))
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


def test_transcribe_stock(e, url, wav):
    standin(url, "DELETE", "/_standin/requests")
    rc, out, err = e.cli("transcribe", "--model", "clinic@stock", "--format", "json", wav)
    check("transcribe with Watson's stock model", rc == 0, f"{rc}: {out}{err}")
    result = json.loads(out)[0] if rc == 0 else {}
    words = result.get("words", [])
    check("words heard", len(words) >= 3 and result.get("text"), result)
    check("with times and confidence",
          all(0 <= w["start"] <= w["end"] and 0 <= w["confidence"] <= 1 for w in words)
          and words == sorted(words, key=lambda w: w["start"]), words)
    sent = posts(url, "/v1/recognize")
    check("one recognize request", len(sent) == 1, sent)
    query = sent[0]["query"] if sent else {}
    check("the model's base, timestamps and word confidences, no customization",
          query == {"model": BASE, "timestamps": "true", "word_confidence": "true"}, query)
    check("the audio as audio/wav",
          sent and sent[0]["headers"].get("content-type", "").startswith("audio/wav"), sent)


def test_stock_repeatable(e, url, wavs):
    """Watson's stock model (the stand-in's recognizer) gives the same text
    for the same file every time, several files at once, and the same as
    Parlance's local stock model: the stand-in keeps the caller's
    measuring hooks (PRL_DECODER_OPTIONS here) away from its recognizer."""
    rc, out, err = e.cli("transcribe", "--format", "json", *wavs)
    local = [r["text"] for r in json.loads(out)] if rc == 0 else None
    check("the local stock model transcribes the test files", local and all(local),
          f"{rc}: {err}")
    runs = []
    for _ in range(2):
        rc, out, err = e.cli("transcribe", "--model", "clinic@stock", "--format", "json",
                             *wavs)
        runs.append([r["text"] for r in json.loads(out)] if rc == 0 else None)
    check("two stock recognitions of the same files give the same text",
          runs[0] and runs[0] == runs[1], runs)
    check("Watson's stock model (the stand-in) hears what the local stock model hears",
          runs[0] == local, (runs[0], local))


def test_transcribe_version(e, url, version, wav):
    standin(url, "DELETE", "/_standin/requests")
    rc, out, err = e.cli("transcribe", "--model", "clinic", "--format", "json", wav)
    check("transcribe with the Watson version", rc == 0, f"{rc}: {out}{err}")
    models = standin(url, "GET", "/_standin/requests")
    sent = posts(url, "/v1/recognize")
    check("one recognize request", len(sent) == 1, models)
    query = sent[0]["query"] if sent else {}
    listed = [r for r in models if r["method"] == "GET"
              and r["path"].endswith("/v1/customizations")]
    check("the version's customization looked up once by its name", len(listed) == 1,
          models)
    check("the version's customization_id with the model's base",
          query.get("model") == BASE and len(query.get("language_customization_id", "")) > 8,
          query)
    # The model has tuning text: the version's tuned weight goes along.
    tuned = e.sql("SELECT lm_weight, tuned FROM versions WHERE name = ?", version)
    check("the version's weight was tuned", len(tuned) == 1 and tuned[0][1] == 1, tuned)
    check("the tuned weight sent with the recognition",
          tuned and "customization_weight" in query
          and abs(float(query["customization_weight"]) - tuned[0][0]) < 1e-4,
          (tuned, query))


def test_evaluate(e, url, version):
    standin(url, "DELETE", "/_standin/requests")
    rc, out, err = e.cli("evaluate", "clinic", "--json")
    try:
        rows = json.loads(out) if rc == 0 else None
    except json.JSONDecodeError:
        rows = None
    check("evaluate: the stock model and the version",
          rows is not None and [r["version"] for r in rows] == [None, version],
          f"{rc}: {out}{err}")
    wer = {r["version"]: r["wer"] for r in rows or []}
    print(f"# WER: Watson stock {wer.get(None)}, version {wer.get(version)}")
    check("the Watson version beats Watson's stock model",
          version in wer and None in wer and wer[version] < wer[None], wer)
    check("every row names its provider",
          rows is not None and all(r.get("provider") == "ibm-watson" for r in rows), rows)
    sent = posts(url, "/v1/recognize")
    with_id = [r for r in sent if "language_customization_id" in r["query"]]
    check("every test file with each model: one request each",
          len(sent) == 2 * len(SPOKEN) and len(with_id) == len(SPOKEN),
          [r["query"] for r in sent])
    peak = standin(url, "GET", "/_standin/recognizing")["peak"]
    check(f"several files at once, as many as the account's {JOBS} jobs", peak == JOBS, peak)


def test_evaluate_many(e, url, tmp):
    """An evaluation of more recordings than the batch threshold (4 here;
    8 = 4 files x 2 models) sends each as a recognition job, at most the
    account's jobs at once; killed while Watson works, the next run takes
    the jobs it started up again: no recording is sent twice, and the
    transcripts are those of /v1/recognize (test_evaluate's, stored)."""
    synchronous = e.sql("SELECT system, utterance_id, hypothesis FROM eval_results "
                        "ORDER BY system, utterance_id")
    check("the synchronous evaluation stored its transcripts",
          len(synchronous) == 2 * len(SPOKEN), synchronous)
    e.sql("DELETE FROM eval_results")
    standin(url, "DELETE", "/_standin/requests")
    env = dict(e.env, PRL_WATSON_BATCH_RECORDINGS="4")
    killed = subprocess.Popen([CLI, "--workspace", e.ws, "evaluate", "clinic"], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    polled = []
    for _ in range(1200):
        polled = [r for r in standin(url, "GET", "/_standin/requests")
                  if r["method"] == "GET" and "/v1/recognitions/" in r["path"]]
        if polled or killed.poll() is not None:
            break
        time.sleep(0.05)
    killed.kill()
    killed.wait()
    first = standin(url, "GET", "/_standin/requests")
    started = {r["path"].rsplit("/", 1)[1] for r in polled}
    created_first = [r for r in first if r["method"] == "POST"
                     and r["path"].endswith("/v1/recognitions")]
    check("killed while Watson worked on its first jobs",
          started and 1 <= len(created_first) < 2 * len(SPOKEN),
          (len(created_first), killed.returncode))
    stored = e.sql("SELECT COUNT(*) FROM eval_results")[0][0]
    check("the killed run had not stored everything", stored < 2 * len(SPOKEN), stored)

    standin(url, "DELETE", "/_standin/requests")
    rc, out, err = e.cli("evaluate", "clinic", "--json", env={
        "PRL_WATSON_BATCH_RECORDINGS": "4"})
    check("the evaluation run again to its end", rc == 0, f"{rc}: {out}{err}")
    second = standin(url, "GET", "/_standin/requests")
    created_second = [r for r in second if r["method"] == "POST"
                      and r["path"].endswith("/v1/recognitions")]
    taken_up = {r["path"].rsplit("/", 1)[1] for r in second if r["method"] == "GET"
                and "/v1/recognitions/" in r["path"]}
    check("no /v1/recognize request: every recording went as a job",
          not [r for r in first + second if r["path"].endswith("/v1/recognize")])
    check("the killed run's jobs taken up, not created again", started <= taken_up,
          (started, taken_up))
    check("each recording sent once over both runs",
          len(created_first) + len(created_second) == 2 * len(SPOKEN),
          (len(created_first), len(created_second), stored))
    peak = standin(url, "GET", "/_standin/recognizing")["peak"]
    check(f"at most the account's {JOBS} jobs at once", 1 <= peak <= JOBS, peak)
    batched = e.sql("SELECT system, utterance_id, hypothesis FROM eval_results "
                    "ORDER BY system, utterance_id")
    check("the same transcripts as the synchronous evaluation", batched == synchronous,
          (batched, synchronous))
    deleted = [r for r in first + second if r["method"] == "DELETE"
               and "/v1/recognitions/" in r["path"]]
    check("every job deleted once its transcript was stored",
          len(deleted) == len(created_first) + len(created_second)
          and watson_api(url, "GET", "/v1/recognitions")["recognitions"] == [],
          (len(deleted), watson_api(url, "GET", "/v1/recognitions")))
    state = os.path.join(os.environ.get("XDG_STATE_HOME")
                         or os.path.join(os.environ["HOME"], ".local", "state"),
                         "parlance", "watson-jobs")
    left = os.listdir(state) if os.path.isdir(state) else []
    check("no job left in the state folder", left == [], left)


def watson_api(url, method, path):
    """A call to the stand-in's API as any client makes it, with an IAM token."""
    form = urllib.parse.urlencode({"grant_type": "urn:ibm:params:oauth:grant-type:apikey",
                                   "apikey": KEY}).encode()
    with urllib.request.urlopen(urllib.request.Request(
            url + "/identity/token", data=form, method="POST"), timeout=30) as answer:
        token = json.loads(answer.read())["access_token"]
    request = urllib.request.Request(url + path, method=method,
                                     headers={"Authorization": "Bearer " + token})
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.loads(answer.read() or b"null")


def test_gone(e, url, version, wav):
    """A version whose customization was deleted on the service: refused
    with what to do, the audio not sent."""
    models = watson_api(url, "GET", "/v1/customizations")["customizations"]
    ids = [m["customization_id"] for m in models if m["name"] == version]
    check("the version's customization on the service", len(ids) == 1, models)
    for cid in ids:
        watson_api(url, "DELETE", f"/v1/customizations/{cid}")
    standin(url, "DELETE", "/_standin/requests")
    rc, out, err = e.cli("transcribe", "--model", "clinic", wav)
    check("a version whose customization is gone: refused",
          rc == 1 and "is no longer a custom model" in err and "train the model again" in err,
          f"{rc}: {err}")
    check("the audio was not sent", posts(url, "/v1/recognize") == [])


def test_refusals(e, url, tmp, wav):
    before = n_requests(url)
    e.sql("UPDATE models SET account = NULL WHERE name = 'clinic'")
    rc, out, err = e.cli("transcribe", "--model", "clinic@stock", wav)
    check("a model without account: refused",
          rc == 1 and "has no IBM Cloud account" in err and "Nothing was sent" in err,
          f"{rc}: {err}")
    rc, out, err = e.cli("evaluate", "clinic", "--recompute")
    check("its evaluation too: the provider is not set up",
          rc == 1 and "is not set up" in err and "accounts add ibm" in err, f"{rc}: {err}")
    e.sql("UPDATE models SET account = 'Watson', provider_base = NULL WHERE name = 'clinic'")
    rc, out, err = e.cli("transcribe", "--model", "clinic@stock", wav)
    check("a model without base: refused",
          rc == 1 and "names no Watson base model" in err, f"{rc}: {err}")
    e.sql("UPDATE models SET provider_base = ? WHERE name = 'clinic'", BASE)
    broken = os.path.join(tmp, "broken.m4a")
    with open(broken, "wb") as f:
        f.write(b"\0\0\0\x18ftypM4A " + os.urandom(4096))
    rc, out, err = e.cli("transcribe", "--model", "clinic@stock", broken)
    check("audio that cannot be decoded: refused",
          rc == 1 and "not audio Parlance can read" in err, f"{rc}: {err}")
    check("nothing was sent for any refusal", n_requests(url) == before)
    # AAC in MP4, which Watson refuses (415): converted to a 16 kHz mono
    # FLAC before it goes, the transcript naming the M4A.
    m4a = os.path.join(tmp, "speech.m4a")
    made = subprocess.run(["gst-launch-1.0", "-q", "filesrc", f"location={wav}", "!",
                           "decodebin", "!", "audioconvert", "!", "audioresample", "!",
                           "avenc_aac", "!", "mp4mux", "!", "filesink", f"location={m4a}"],
                          capture_output=True)
    check("an M4A made with GStreamer", made.returncode == 0, made.stderr)
    rc, out, err = e.cli("transcribe", "--model", "clinic@stock", wav, "--format", "json")
    direct = json.loads(out)[0] if rc == 0 else {}
    conv_tmp = os.path.join(tmp, "conv")
    os.makedirs(conv_tmp, exist_ok=True)
    heard = {}
    # FLAC where GStreamer has an encoder; raw little-endian L16 otherwise
    # (forced here), which IBM reads as big-endian unless told.
    for form, env, mime in [("FLAC", {}, "audio/flac"),
                            ("L16", {"PRL_AUDIO_CONVERT_FORMAT": "l16"},
                             "audio/l16;rate=16000;endianness=little-endian")]:
        standin(url, "DELETE", "/_standin/requests")
        rc, out, err = e.cli("transcribe", "--model", "clinic@stock", "--format", "json",
                             m4a, env=dict(env, TMPDIR=conv_tmp))
        check(f"audio Watson cannot read (AAC in MP4): converted to {form} and transcribed",
              rc == 0, f"{rc}: {out}{err}")
        result = json.loads(out)[0] if rc == 0 else {}
        heard[form] = result.get("text")
        # AAC is lossy and PocketSphinx's stock model fragile: the words
        # need not match the WAV's.
        check(f"{form}: words heard in the converted audio (the stand-in decodes it)",
              len(result.get("words", [])) >= 3, result)
        check(f"{form}: the transcript names the M4A",
              result.get("path", m4a) == m4a and result.get("id", "speech") == "speech",
              result)
        sent = posts(url, "/v1/recognize")
        check(f"sent as {mime}, one request",
              len(sent) == 1 and sent[0]["headers"].get("content-type", "") == mime, sent)
        size = sent[0]["body_size"] if sent else 0
        if form == "L16":
            seconds = size / 32000
            check("the L16 body: 16 kHz mono 16-bit samples of the recording's length",
                  direct.get("duration") and abs(seconds - direct["duration"]) < 0.15,
                  (seconds, direct.get("duration")))
        else:
            # Lossless compression of speech with pauses: well under the
            # 32 KB a second of the same samples.
            check("the FLAC body smaller than the same samples uncompressed",
                  direct.get("duration") and 0 < size < 0.9 * 32000 * direct["duration"],
                  (size, direct.get("duration")))
        check(f"{form}: the converted file removed", os.listdir(conv_tmp) == [],
              os.listdir(conv_tmp))
    # Both hold the same samples: the recognizer hears the same words.
    check("FLAC and L16 give the same transcript",
          heard.get("FLAC") and heard.get("FLAC") == heard.get("L16"), heard)
    # A WAV Watson takes is sent as it is; one below the base's 16 kHz is
    # converted (IBM: multimedia bases need 16 kHz or more).
    for rate, mime in [(22050, "audio/wav"), (8000, "audio/flac")]:
        path = os.path.join(tmp, f"speech-{rate}.wav")
        made = subprocess.run(["gst-launch-1.0", "-q", "filesrc", f"location={wav}", "!",
                               "decodebin", "!", "audioconvert", "!", "audioresample", "!",
                               f"audio/x-raw,rate={rate},format=S16LE", "!", "wavenc",
                               "!", "filesink", f"location={path}"], capture_output=True)
        check(f"a {rate} Hz WAV made with GStreamer", made.returncode == 0, made.stderr)
        standin(url, "DELETE", "/_standin/requests")
        rc, out, err = e.cli("transcribe", "--model", "clinic@stock", "--format", "json",
                             path, env={"TMPDIR": conv_tmp})
        sent = posts(url, "/v1/recognize")
        check(f"a {rate} Hz WAV: transcribed, sent as {mime}",
              rc == 0 and len(sent) == 1
              and sent[0]["headers"].get("content-type", "") == mime, f"{rc}: {err} {sent}")
        check(f"a {rate} Hz WAV: nothing left behind", os.listdir(conv_tmp) == [],
              os.listdir(conv_tmp))


def test_transcribe_job(e, url, wav):
    """A recording longer than the job threshold (0 s here) goes as an
    asynchronous recognition job: created with the recognize parameters,
    polled, deleted once read; the same transcript as /v1/recognize."""
    rc, out, err = e.cli("transcribe", "--model", "clinic@stock", "--format", "json", wav)
    direct = json.loads(out)[0] if rc == 0 else {}
    standin(url, "DELETE", "/_standin/requests")
    rc, out, err = e.cli("transcribe", "--model", "clinic@stock", "--format", "json", wav,
                         env={"PRL_WATSON_JOB_SECONDS": "0"})
    check("transcribe through a recognition job", rc == 0, f"{rc}: {out}{err}")
    result = json.loads(out)[0] if rc == 0 else {}
    check("the same transcript as one recognize request",
          result.get("text") and result.get("text") == direct.get("text"), (result, direct))
    sent = standin(url, "GET", "/_standin/requests")
    jobs = [r for r in sent if "/v1/recognitions" in r["path"]]
    check("no /v1/recognize request", posts(url, "/v1/recognize") == [], sent)
    check("a job created with the model's base, timestamps and confidences",
          jobs and jobs[0]["method"] == "POST" and jobs[0]["query"]
          == {"model": BASE, "timestamps": "true", "word_confidence": "true"}, jobs)
    check("polled, then deleted",
          [r["method"] for r in jobs][1:-1] and all(r["method"] == "GET" for r in jobs[1:-1])
          and jobs[-1]["method"] == "DELETE", [r["method"] for r in jobs])


def main():
    with tempfile.TemporaryDirectory(prefix="prl-cli-watson-eval-") as tmp:
        # A measuring hook in the caller's environment (docs/accuracy.md)
        # that changes what PocketSphinx hears: the stand-in must not pass
        # it on (test_stock_repeatable).
        server, url = start(SERVER, tmp, KEY, "--training-seconds", "1",
                            "--analysis-seconds", "0.2", "--recognizer", CLI,
                            "--apply-customizations",
                            env=dict(os.environ, PRL_DECODER_OPTIONS="-lw 2"))
        e = Env(os.path.join(tmp, "ws"))
        try:
            wavs, versions = setup(e, url, tmp)
            check("one version", len(versions) == 1, versions)
            version = versions[0] if versions else ""
            test_transcribe_stock(e, url, wavs[0])
            test_transcribe_job(e, url, wavs[0])
            test_stock_repeatable(e, url, wavs)
            test_transcribe_version(e, url, version, wavs[0])
            test_evaluate(e, url, version)
            test_evaluate_many(e, url, tmp)
            test_refusals(e, url, tmp, wavs[0])
            test_gone(e, url, version, wavs[0])
        finally:
            stop(server)
    finish()


main()
