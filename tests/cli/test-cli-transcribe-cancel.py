#!/usr/bin/python3
# test-cli-transcribe-cancel.py
#
# Copyright 2026 The Parlance authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""The honest cancel of a training on Amazon Transcribe, which the service
cannot stop, through parlance-cli against the S3 server and the Transcribe
stand-in (tests/cloud/transcribe-server.py):

- `jobs cancel ID` says that Transcribe cannot stop a training and changes
  nothing; bad IDs are refused with their own messages;
- `jobs cancel ID --delete-when-finished` saves the request in the job's
  remote state (so it survives the process: the training was left running
  by `train` without --wait), and `jobs resume` then polls on, calls
  DeleteLanguageModel once when Amazon completes the model, makes no
  version, and ends the job cancelled with a message that says so; the
  stand-in no longer knows the model.

Skipped without PRL_TEST_S3_ENDPOINT unless PRL_TEST_REQUIRE_S3=1."""

import json
import os
import subprocess
import tempfile
import uuid

from cli_testlib import CLI, DATA, check, finish, require_s3

require_s3()

from transcribe_testlib import (  # noqa: E402
    KEY, REGION, ROLE, S3_ENDPOINT, SECRET, create_bucket, delete_bucket, standin,
    start_standin, transcribe_client)

BUCKET = "prl-cancel-" + uuid.uuid4().hex[:12]


def counts(endpoint):
    return standin(endpoint, "GET", "/_standin/counts")


def main():
    s3 = create_bucket(BUCKET)
    env = dict(os.environ, AWS_ACCESS_KEY_ID=KEY, AWS_SECRET_ACCESS_KEY=SECRET)
    subprocess.run([CLI, "accounts", "add", "aws", "aws", "--region", REGION, "--bucket",
                    BUCKET, "--prefix", "team", "--endpoint", S3_ENDPOINT, "--role-arn",
                    ROLE], capture_output=True, text=True, timeout=60, env=env, check=True)
    with tempfile.TemporaryDirectory(prefix="prl-cli-transcribe-cancel-") as tmp:
        server, endpoint = start_standin(tmp, "--training-seconds", "5")
        env = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="C",
                   PARLANCE_TEST_TRANSCRIBE_ENDPOINT=endpoint,
                   PARLANCE_TEST_TRANSCRIBE_POLL="0.3")
        ws = os.path.join(tmp, "ws")

        def cli(*args):
            proc = subprocess.run([CLI, "--workspace", ws] + list(args), capture_output=True,
                                  text=True, timeout=300, env=env)
            return proc.returncode, proc.stdout, proc.stderr

        try:
            cli("models", "create", "night", "--provider", "aws-transcribe", "--account",
                "aws")
            cli("datasets", "add", "night", os.path.join(DATA, "clinic-training.txt"),
                "--type", "TRANSCRIPT")
            rc, out, err = cli("train", "night")
            check("train without --wait leaves the training to Amazon", rc == 0,
                  f"{rc}: {out}{err}")
            rc, out, err = cli("jobs", "list", "--json")
            rows = [j for j in json.loads(out) if j["kind"] == "transcribe-train"]
            check("one training row, running", len(rows) == 1
                  and rows[0]["status"] == "running", out)
            job = str(rows[0]["id"]) if rows else "0"
            name = rows[0]["state"].get("remote_name") if rows else None

            rc, out, err = cli("jobs", "cancel", job)
            check("jobs cancel says Transcribe cannot stop a training, changes nothing",
                  rc == 1 and "cannot stop a training" in out
                  and "--delete-when-finished" in out, f"{rc}: {out}{err}")
            rc, out, err = cli("jobs", "list", "--json")
            check("the state has no delete request yet",
                  "delete_when_done" not in json.loads(out)[0]["state"], out)
            rc, out, err = cli("jobs", "cancel", "999")
            check("an unknown job is refused", rc == 1 and "no cloud job 999" in err, err)
            rc, out, err = cli("jobs", "cancel", "x1")
            check("a job number that is not one is a usage error",
                  rc == 2 and "not a job number" in err, err)

            rc, out, err = cli("jobs", "cancel", job, "--delete-when-finished")
            check("--delete-when-finished is accepted and explained",
                  rc == 0 and "delete the model on Amazon when the training finishes" in out,
                  f"{rc}: {out}{err}")
            rc, out, err = cli("jobs", "list", "--json")
            state = json.loads(out)[0]["state"]
            check("the request is saved in the job's remote state",
                  state.get("delete_when_done") is True, out)
            check("no DeleteLanguageModel before the training ends",
                  counts(endpoint).get("DeleteLanguageModel", 0) == 0)

            rc, out, err = cli("jobs", "resume")
            check("jobs resume follows the training to its end", rc != 0 or "Done" not in out,
                  f"{rc}: {out}{err}")
            check("DeleteLanguageModel is sent once at the end",
                  counts(endpoint).get("DeleteLanguageModel", 0) == 1, counts(endpoint))
            check("CreateLanguageModel was sent once",
                  counts(endpoint).get("CreateLanguageModel", 0) == 1, counts(endpoint))
            rc, out, err = cli("models", "show", "night", "--json")
            shown = json.loads(out)
            remote = shown.get("remote_training") or {}
            check("no version was made", shown.get("versions") == [], shown)
            check("the training ended cancelled, saying the model was deleted",
                  remote.get("status") == "cancelled"
                  and "deleted the model" in (remote.get("error") or ""), remote)
            check("the model is no longer Running", shown.get("status") != "running", shown)
            transcribe = transcribe_client(endpoint)
            try:
                transcribe.describe_language_model(ModelName=name)
                gone = False
            except transcribe.exceptions.NotFoundException:
                gone = True
            check("Amazon (the stand-in) no longer has the model", gone, name)
            rc, out, err = cli("jobs", "cancel", job)
            check("an ended job has nothing to cancel", rc == 1 and "has ended" in err, err)
        finally:
            server.terminate()
            server.wait()
            delete_bucket(s3, BUCKET)
    finish()


main()
