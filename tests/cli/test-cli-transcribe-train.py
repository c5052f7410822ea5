#!/usr/bin/python3
# test-cli-transcribe-train.py
#
# Copyright 2026 The Parlance authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""Training on Amazon Transcribe through parlance-cli, against the real S3
server of the cloud-s3 suite (build-aux/s3-server.sh) and the Transcribe
stand-in (tests/cloud/transcribe-server.py), keys in a private keyring:

- `models create --provider aws-transcribe --account`, the sample's
  training text, `train --wait`: the text is uploaded content-addressed,
  one CreateLanguageModel (ModelName <model>-<UTC>, tags with
  parlance:model, the account's role), polled until COMPLETED, and a
  version named after the remote model is listed;
- SIGKILL while it polls, then `train --wait` again: the same remote model
  is waited for, CreateLanguageModel was sent once;
- `train` without --wait ends once Amazon trains; Ctrl+C during --wait
  says Transcribe cannot stop a training and leaves it for a resume;
- a training the service FAILS: the model is Failed with the
  FailureReason verbatim and Parlance's reading;
- a ConflictException for a name another model holds: a clear error;
- tuning text over 200 MB (when added) and training text over 2 GB (when
  trained): refused before any upload or request;
- a role ARN of the wrong shape: refused before any request.

The tests-only variables PARLANCE_TEST_TRANSCRIBE_ENDPOINT (the stand-in),
PARLANCE_TEST_TRANSCRIBE_POLL (back-off cap in seconds) point Parlance at
the stand-in. Skipped without PRL_TEST_S3_ENDPOINT unless
PRL_TEST_REQUIRE_S3=1."""

import datetime
import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import tempfile
import time
import uuid

from cli_testlib import CLI, DATA, check, finish, require_s3

require_s3()

from transcribe_testlib import (  # noqa: E402
    KEY, REGION, ROLE, S3_ENDPOINT, SECRET, create_bucket, delete_bucket, standin,
    start_standin, transcribe_client)

BUCKET = "prl-train-" + uuid.uuid4().hex[:12]
PREFIX = "team/parlance"
MB = 1000 * 1000


def creates(endpoint, prefix):
    """The CreateLanguageModel bodies the stand-in received for prefix."""
    found = []
    for r in standin(endpoint, "GET", "/_standin/requests"):
        headers = {k.lower(): v for k, v in r.get("headers") or []}
        if headers.get("x-amz-target", "").endswith("CreateLanguageModel"):
            body = json.loads(r["body"])
            if body.get("ModelName", "").startswith(prefix + "-"):
                found.append(body)
    return found


def transcribe(endpoint):
    return transcribe_client(endpoint)


def n_requests(endpoint):
    return len(standin(endpoint, "GET", "/_standin/requests"))


class Env:
    def __init__(self, endpoint, ws):
        self.env = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="C",
                        PARLANCE_TEST_TRANSCRIBE_ENDPOINT=endpoint,
                        PARLANCE_TEST_TRANSCRIBE_POLL="0.3")
        self.ws = ws

    def cmd(self, *args):
        return [CLI, "--workspace", self.ws] + list(args)

    def cli(self, *args, timeout=300, **extra):
        env = dict(self.env, **extra)
        proc = subprocess.run(self.cmd(*args), capture_output=True, text=True,
                              timeout=timeout, env=env)
        return proc.returncode, proc.stdout, proc.stderr

    def show(self, model):
        rc, out, err = self.cli("models", "show", model, "--json")
        return json.loads(out) if rc == 0 else {"error": err}


def add_account(name, role=ROLE, extra=()):
    """Adds the AWS account @name; @role is its IAM role ARN, None for none."""
    env = dict(os.environ, AWS_ACCESS_KEY_ID=KEY, AWS_SECRET_ACCESS_KEY=SECRET)
    role_args = (["--role-arn", role] if role else []) + list(extra)
    proc = subprocess.run([CLI, "accounts", "add", "aws", name, "--region", REGION,
                           "--bucket", BUCKET, "--prefix", PREFIX, "--endpoint",
                           S3_ENDPOINT] + role_args, capture_output=True, text=True,
                          timeout=60, env=env)
    if proc.returncode != 0:
        raise RuntimeError(f"accounts add {name} failed: {proc.stderr}")


def new_model(e, name, text, account="aws"):
    rc, out, err = e.cli("models", "create", name, "--provider", "aws-transcribe",
                         "--account", account, "--language", "en-US", "--tag", "clinic")
    check(f"{name}: created with its account", rc == 0, err)
    rc, out, err = e.cli("datasets", "add", name, text, "--type", "TRANSCRIPT")
    check(f"{name}: training text added", rc == 0, err)


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def test_train(e, endpoint, s3, text):
    new_model(e, "clinic", text)
    proc = subprocess.Popen(e.cmd("train", "clinic", "--wait"), env=e.env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not creates(endpoint, "clinic"):
        time.sleep(0.05)
    check("Running while Amazon trains", e.show("clinic").get("status") == "running")
    out, err = proc.communicate(timeout=300)
    rc = proc.returncode
    check("train --wait succeeds", rc == 0 and "Trained version clinic-" in out,
          f"{rc}: {out}{err}")
    sent = creates(endpoint, "clinic")
    check("one CreateLanguageModel", len(sent) == 1, sent)
    body = sent[0] if sent else {}
    config = body.get("InputDataConfig", {})
    check("the training text's S3 URI is content-addressed",
          config.get("S3Uri") == f"s3://{BUCKET}/{PREFIX}/blobs/{sha256(text)}", config)
    check("the role comes from the account", config.get("DataAccessRoleArn") == ROLE, config)
    check("base model and language from the model",
          body.get("BaseModelName") == "WideBand" and body.get("LanguageCode") == "en-US",
          body)
    tags = {t["Key"]: t.get("Value") for t in body.get("Tags", [])}
    check("tags: the model's tags and parlance:model",
          tags.get("parlance:model") == "clinic" and "clinic" in tags, tags)
    obj = s3.get_object(Bucket=BUCKET, Key=f"{PREFIX}/blobs/{sha256(text)}")["Body"].read()
    with open(text, "rb") as f:
        check("the uploaded object is the text", obj == f.read())
    shown = e.show("clinic")
    versions = [v["name"] for v in shown.get("versions", [])]
    check("the version names the remote model",
          versions == [body.get("ModelName")], shown)
    check("the model is Success", shown.get("status") == "success", shown)
    check("models show: the account and the finished remote training",
          shown.get("account") == "aws"
          and (shown.get("remote_training") or {}).get("status") == "done", shown)
    rc, out, err = e.cli("train", "clinic", "--wait")
    check("nothing changed: a second training is refused", rc == 1, out + err)
    check("and sends nothing", len(creates(endpoint, "clinic")) == 1)


def test_kill_and_resume(e, endpoint, text):
    new_model(e, "ward", text)
    proc = subprocess.Popen(e.cmd("train", "ward", "--wait"), env=e.env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not creates(endpoint, "ward"):
        time.sleep(0.05)
    time.sleep(0.5)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    shown = e.show("ward")
    check("killed while polling: still Running, the training interrupted",
          shown.get("status") == "running"
          and (shown.get("remote_training") or {}).get("status") == "interrupted", shown)
    rc, out, err = e.cli("train", "ward", "--wait")
    check("train --wait resumes and succeeds", rc == 0 and "Resuming" in err,
          f"{rc}: {out}{err}")
    sent = creates(endpoint, "ward")
    check("CreateLanguageModel was sent once", len(sent) == 1, sent)
    shown = e.show("ward")
    check("the version is the same remote model",
          [v["name"] for v in shown.get("versions", [])]
          == [s["ModelName"] for s in sent], shown)


def test_cancel_and_detach(e, endpoint, text):
    new_model(e, "night", text)
    rc, out, err = e.cli("train", "night")
    check("without --wait, train ends once Amazon trains",
          rc == 0 and "on the provider’s side" in out, f"{rc}: {out}{err}")
    shown = e.show("night")
    check("the model is Running, the training left for a resume",
          shown.get("status") == "running"
          and (shown.get("remote_training") or {}).get("status") == "interrupted", shown)

    proc = subprocess.Popen(e.cmd("train", "night", "--wait"), env=e.env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(1.0)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    check("Ctrl+C says honestly that Amazon cannot stop a training",
          proc.returncode == 130 and "cannot stop a training" in err,
          f"{proc.returncode}: {out}{err}")
    shown = e.show("night")
    check("it stays Running and resumable", shown.get("status") == "running"
          and (shown.get("remote_training") or {}).get("status") == "interrupted", shown)
    rc, out, err = e.cli("train", "night", "--wait")
    sent = creates(endpoint, "night")
    check("train --wait then collects it, created once",
          rc == 0 and len(sent) == 1 and [v["name"] for v in e.show("night")["versions"]]
          == [sent[0]["ModelName"]], f"{rc}: {out}{err} {sent}")


def test_remote_failure(e, endpoint, text):
    # An account whose role belongs to another AWS account: Transcribe
    # cannot assume it.
    add_account("elsewhere", "arn:aws:iam::444455556666:role/Elsewhere")
    new_model(e, "broken", text, account="elsewhere")
    rc, out, err = e.cli("train", "broken", "--wait")
    shown = e.show("broken")
    remote = json.loads(json.dumps(shown.get("remote_training") or {}))
    check("a failed training fails the command", rc == 1, out + err)
    check("the model is Failed", shown.get("status") == "failed", shown)
    message = shown.get("failure_message") or ""
    name = (remote.get("state") or {}).get("remote_name")
    reason = transcribe(endpoint).describe_language_model(ModelName=name)[
        "LanguageModel"].get("FailureReason") if name else None
    check("with the FailureReason verbatim, then a plain reading",
          reason and message.startswith(reason + "\n") and "IAM role" in message
          and remote.get("status") == "failed", f"{reason!r} / {message!r}")
    check("and no version", shown.get("versions") == [], shown)


def test_conflict(e, endpoint, text):
    new_model(e, "taken", text)
    client = transcribe(endpoint)
    now = datetime.datetime.now(datetime.timezone.utc)
    # Another model holds every name the training may pick in the next minute.
    for s in range(60):
        stamp = (now + datetime.timedelta(seconds=s)).strftime("%Y%m%dT%H%M%SZ")
        client.create_language_model(
            LanguageCode="en-US", BaseModelName="WideBand", ModelName=f"taken-{stamp}",
            InputDataConfig={"S3Uri": f"s3://{BUCKET}/elsewhere/", "DataAccessRoleArn": ROLE})
    rc, out, err = e.cli("train", "taken", "--wait")
    check("a name another model holds is a clear error",
          rc == 1 and "already has a language model named" in err, f"{rc}: {err}")
    check("the model shows it", "already has" in (e.show("taken").get("failure_message") or ""))


def test_refusals(e, endpoint, s3, tmp):
    text = os.path.join(tmp, "small.txt")
    with open(text, "w") as f:
        f.write("the patient was seen today\n")
    new_model(e, "big", text)
    tuning = os.path.join(tmp, "tuning.txt")
    line = b"the patient was seen in clinic today and will return next week\n"
    with open(tuning, "wb") as f:
        for _ in range(200 * MB // len(line) + 2):
            f.write(line)
    before = n_requests(endpoint)
    rc, out, err = e.cli("datasets", "add", "big", tuning, "--type", "TUNING", timeout=900)
    check("tuning text over 200 MB is refused when added", rc == 1 and "over the limit" in err,
          f"{rc}: {err}")
    check("before any request", n_requests(endpoint) == before)
    listed = s3.list_objects_v2(Bucket=BUCKET, Prefix=f"{PREFIX}/blobs/{sha256(tuning)}")
    check("and before any upload", not listed.get("Contents"), listed)

    # Training text over 2 GB: the store's record of a file says so (a
    # real one would take minutes to add), so the limit is checked on what
    # Parlance believes it would send.
    new_model(e, "huge", text)
    db = sqlite3.connect(os.path.join(e.ws, "parlance.db"), timeout=30)
    db.execute("UPDATE dataset_files SET size = ? WHERE dataset_id IN (SELECT d.id FROM"
               " datasets d JOIN models m ON m.id = d.model_id WHERE m.name = 'huge')",
               (2 * 1000 ** 3 + 1,))
    db.commit()
    db.close()
    before = n_requests(endpoint)
    rc, out, err = e.cli("train", "huge", "--wait")
    check("training text over 2 GB is refused", rc == 1 and "at most 2 GB" in err,
          f"{rc}: {err}")
    check("before any request", n_requests(endpoint) == before)
    shown = e.show("huge")
    check("and before any upload: no training started",
          shown.get("remote_training") is None and shown.get("status") != "running", shown)

    # A role ARN of the wrong shape never reaches an account (accounts add
    # refuses it); an account without a role is refused at training.
    add_account("norole", None)
    new_model(e, "shape", text, account="norole")
    before = n_requests(endpoint)
    rc, out, err = e.cli("train", "shape", "--wait")
    check("an account without a role ARN is refused", rc == 1 and "no IAM role" in err,
          f"{rc}: {err}")
    check("before any request", n_requests(endpoint) == before)
    os.unlink(tuning)


def test_budget(e, endpoint, text):
    """An account with a budget of one training a month: the second
    training stops before any request, with no-claims-available and the
    date the budget renews; the refusal spends nothing."""
    add_account("budget", ROLE, ["--training-budget", "1"])
    new_model(e, "first", text, account="budget")
    rc, out, err = e.cli("train", "first", "--wait")
    check("the first training of the month runs", rc == 0, f"{rc}: {out}{err}")
    new_model(e, "second", text, account="budget")
    before = n_requests(endpoint)
    rc, out, err = e.cli("train", "second", "--wait")
    check("the second is refused with no-claims-available",
          rc == 1 and "no-claims-available" in err and "renews" in err, f"{rc}: {err}")
    check("before any request", n_requests(endpoint) == before)
    shown = e.show("second")
    check("the model says why", shown.get("failure_code") == "no-claims-available", shown)
    rc, out, err = e.cli("train", "second", "--wait")
    check("a refusal spends nothing: still one training counted",
          rc == 1 and "no-claims-available" in err and n_requests(endpoint) == before,
          f"{rc}: {err}")


def main():
    s3 = create_bucket(BUCKET)
    add_account("aws")
    text = os.path.join(DATA, "clinic-training.txt")
    with tempfile.TemporaryDirectory(prefix="prl-cli-transcribe-train-") as tmp:
        server, endpoint = start_standin(tmp, "--training-seconds", "6")
        e = Env(endpoint, os.path.join(tmp, "ws"))
        try:
            test_train(e, endpoint, s3, text)
            test_kill_and_resume(e, endpoint, text)
            test_cancel_and_detach(e, endpoint, text)
            test_remote_failure(e, endpoint, text)
            test_conflict(e, endpoint, text)
            test_refusals(e, endpoint, s3, tmp)
            test_budget(e, endpoint, text)
        finally:
            server.terminate()
            server.wait()
            delete_bucket(s3, BUCKET)
    finish()


main()
