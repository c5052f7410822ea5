#!/usr/bin/python3
# test-atspi-transcribe.py
#
# Copyright 2026 The Parlance authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""Amazon Transcribe through the real `parlance` binary and its
accessibility tree: with an AWS account (accounts.ini and its keys in a
private gnome-keyring, added by `parlance-cli accounts add` as a user
would), New Custom Model → Amazon Transcribe, the sample's training and
tuning text through the New Dataset dialog, Train → the dialog says what
goes where (s3://…), that Amazon trains for hours and the budget → Train,
and the version appears once the Transcribe stand-in
(tests/cloud/transcribe-server.py) says COMPLETED. The S3 server is the
cloud-s3 suite's (build-aux/s3-server.sh, PRL_TEST_S3_* variables).

Usage: test-atspi-transcribe.py PARLANCE PARLANCE_CLI SAMPLE_DIR STANDIN
Exit status 77 is a skip (no display, no S3 server unless
PRL_TEST_REQUIRE_S3=1)."""

import json
import os
import subprocess
import sys
import tempfile
import time
import uuid

GUI, CLI, SAMPLE, STANDIN = sys.argv[1:5]
MODEL = "atspi-transcribe"
ACCOUNT = "lab"
ACCOUNT_ID = "111122223333"
ROLE = f"arn:aws:iam::{ACCOUNT_ID}:role/TranscribeData"
PREFIX = "team/parlance"

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from atspi_session import in_private_keyring, own_display, skip  # noqa: E402

own_display()
if not os.environ.get("PRL_TEST_S3_ENDPOINT"):
    if os.environ.get("PRL_TEST_REQUIRE_S3") == "1":
        print("Bail out! PRL_TEST_S3_ENDPOINT is not set, but PRL_TEST_REQUIRE_S3=1")
        sys.exit(1)
    skip("PRL_TEST_S3_ENDPOINT is not set; run build-aux/test.sh or start "
         "build-aux/s3-server.sh")

in_private_keyring()

import boto3  # noqa: E402
from botocore.config import Config  # noqa: E402
import pyatspi  # noqa: E402  (after the bus exists)

from atspi_common import (  # noqa: E402  (after pyatspi, as it loads it)
    all_passed, check, click, cli_json, find, find_app, run, settle, wait_for, window)
from atspi_keys import (  # noqa: E402
    button, choose_in_combo, choose_file, sensitive, train)

S3_ENDPOINT = os.environ["PRL_TEST_S3_ENDPOINT"]
REGION = os.environ.get("PRL_TEST_S3_REGION", "us-east-1")
KEY = os.environ["PRL_TEST_S3_ACCESS_KEY"]
SECRET = os.environ["PRL_TEST_S3_SECRET_KEY"]
BUCKET = "prl-e2e-" + uuid.uuid4().hex[:12]

# The Type row of the New Dataset dialog lists PrlDatasetType in order,
# Auto-detect first; the Provider row lists the providers, local first.
TYPE_ROWS = {"Training text": 1, "Tuning text": 2}
TRANSCRIBE_ROW = 1


# Each training takes 40 s on the stand-in: the retraining must still run
# when the flow, through AT-SPI on a loaded machine, asks to delete it
# (with 15 s, a CI run once reached that click after Amazon had finished).
def start_standin(tmp):
    accounts = os.path.join(tmp, "accounts.json")
    with open(os.open(accounts, os.O_WRONLY | os.O_CREAT, 0o600), "w") as f:
        json.dump([{"AccessKeyId": KEY, "SecretAccessKey": SECRET,
                    "AccountId": ACCOUNT_ID}], f)
    port_file = os.path.join(tmp, "port")
    server = subprocess.Popen(["/usr/bin/python3", STANDIN, "--accounts", accounts,
                               "--port-file", port_file, "--training-seconds", "40",
                               "--exit-with-parent"], stdout=subprocess.DEVNULL)
    for _ in range(200):
        if os.path.exists(port_file) or server.poll() is not None:
            break
        time.sleep(0.05)
    with open(port_file) as f:
        return server, f"http://127.0.0.1:{f.read().strip()}"


def counts(endpoint):
    import urllib.request
    with urllib.request.urlopen(endpoint + "/_standin/counts", timeout=30) as answer:
        return json.loads(answer.read())


def creates(endpoint):
    """The CreateLanguageModel bodies the stand-in received."""
    import urllib.request
    with urllib.request.urlopen(endpoint + "/_standin/requests", timeout=30) as answer:
        requests = json.loads(answer.read())
    found = []
    for r in requests:
        headers = {k.lower(): v for k, v in r.get("headers") or []}
        if headers.get("x-amz-target", "").endswith("CreateLanguageModel"):
            found.append(json.loads(r["body"]))
    return found


def add_account():
    env = dict(os.environ, AWS_ACCESS_KEY_ID=KEY, AWS_SECRET_ACCESS_KEY=SECRET)
    proc = subprocess.run([CLI, "accounts", "add", "aws", ACCOUNT, "--region", REGION,
                           "--bucket", BUCKET, "--prefix", PREFIX, "--endpoint",
                           S3_ENDPOINT, "--role-arn", ROLE, "--training-budget", "3"],
                          capture_output=True, text=True, timeout=60, env=env)
    if proc.returncode != 0:
        raise RuntimeError(f"accounts add failed: {proc.stderr}")


def create_model(app, main_window):
    click(wait_for("the New Custom Model button",
                   lambda: find(main_window, "push button", "New Custom Model")))
    dialog = wait_for("the New Custom Model dialog", lambda: window(app, "New Custom Model"))
    settle()
    entry = wait_for("the Name field", lambda: find(dialog, "text", "Name"))
    entry.queryEditableText().setTextContents(MODEL)
    provider = choose_in_combo(dialog, "New Custom Model", "Provider", TRANSCRIBE_ROW,
                               "Amazon Transcribe")
    check("Amazon Transcribe is offered with the account",
          provider is not None
          and find(dialog, None, f"In the account “{ACCOUNT}”") is not None)
    create = wait_for("the dialog's Create button", lambda: button(dialog, "Create"))
    wait_for("Create to become enabled", lambda: sensitive(create))
    click(create)
    wait_for("the dialog to close", lambda: window(app, "New Custom Model") is None)
    settle()
    click(wait_for("the model's Edit button",
                   lambda: find(main_window, "push button", f"Edit {MODEL}")))
    settle()


def add_dataset(app, main_window, name, type_label):
    click(wait_for("Add Dataset…", lambda: find(main_window, "push button", "Add Dataset")))
    dialog = wait_for("the New Dataset dialog", lambda: window(app, "New Dataset"))
    settle()
    choose_file(app, dialog, os.path.join(SAMPLE, name))
    choose_in_combo(dialog, "New Dataset", "Type", TYPE_ROWS[type_label], type_label)
    create = wait_for("the New Dataset dialog's Create button",
                      lambda: button(dialog, "Create"))
    wait_for("the file to pass the checks", lambda: sensitive(create), timeout=60)
    click(create)
    wait_for("the import to finish and the dialog to close",
             lambda: window(app, "New Dataset") is None, timeout=120)
    settle()


def check_train_dialog(dialog):
    where = f"s3://{BUCKET}/{PREFIX}/blobs/"
    check("the Train dialog says what is uploaded and where to",
          find(dialog, "label", "will upload 2 text files") is not None
          and find(dialog, "label", where) is not None, where)
    check("the Train dialog says Amazon trains, typically for hours",
          find(dialog, "label", "typically takes hours") is not None)
    check("the Train dialog shows the account's budget",
          find(dialog, "label",
               f"Training budget of “{ACCOUNT}”: 0 of 3 trainings used this month, 3 left")
          is not None)


def find_dialog_with(app, text):
    """The top-level window that contains a label with @text."""
    for i in range(app.childCount):
        child = app.getChildAtIndex(i)
        if child is not None and find(child, "label", text):
            return child
    return None


def cancel_retraining(app, main_window, endpoint):
    """Force Retrain, then Cancel in the jobs list while Amazon trains:
    the app says the training cannot be stopped, and Delete the Model
    When Training Finishes makes the job delete it at the end."""
    # The versions list has just rebuilt: let GTK 4.8's AT-SPI catch up.
    settle()
    settle()
    click(wait_for("the Train button",
                   lambda: find(main_window, "push button", "Train the Language")))
    dialog = wait_for("the Train dialog", lambda: window(app, "Train the Language"))
    settle()
    force = wait_for("Force Retrain", lambda: pyatspi.findDescendant(
        dialog, lambda n: n is not None and n.getRoleName() != "label"
        and "Force Retrain" in (n.name or ""), True))
    click(force)
    confirm = wait_for("the Train dialog's Train button", lambda: button(dialog, "Train"))
    wait_for("Train to become enabled", lambda: sensitive(confirm))
    click(confirm)
    wait_for("the Train dialog to close", lambda: window(app, "Train the Language") is None)
    wait_for("the second CreateLanguageModel", lambda: len(creates(endpoint)) == 2,
             timeout=60)
    settle()
    jobs = wait_for("the jobs button", lambda: pyatspi.findDescendant(
        main_window, lambda n: n is not None and n.getRoleName() != "label"
        and n.name in ("Running Jobs", "Finished Jobs"), True))
    # The menu button or its inner toggle button: whichever has an action.
    nodes = [jobs] + pyatspi.findAllDescendants(jobs, lambda n: n is not None)
    for node in nodes:
        try:
            actions = node.queryAction().nActions
        except NotImplementedError:
            actions = 0
        if actions > 0:
            click(node)
            break
    settle()
    click(wait_for("the training's Cancel button",
                   lambda: find(main_window, "push button", f"Cancel “Training “{MODEL}”")))
    message = wait_for("the cannot-stop dialog",
                       lambda: find_dialog_with(app, "The Training Cannot Be Stopped"))
    check("Cancel says Amazon Transcribe cannot stop a training",
          find(message, "label", "Amazon Transcribe cannot stop a training") is not None)
    click(wait_for("Delete the Model When Training Finishes",
                   lambda: button(message, "Delete the Model When Training Finishes")))
    wait_for("DeleteLanguageModel when the training ends",
             lambda: counts(endpoint).get("DeleteLanguageModel", 0) >= 1, timeout=90)
    check("the model is deleted on Amazon once, when its training ended",
          counts(endpoint).get("DeleteLanguageModel", 0) == 1, str(counts(endpoint)))


def make_steps(endpoint):
    def steps(workspace):
        app = wait_for("the parlance application on the accessibility bus",
                       lambda: find_app("parlance"))
        main_window = wait_for("the main window", lambda: window(app, "Parlance"))
        guide = wait_for("the Getting Started guide", lambda: window(app, "Getting Started"))
        click(wait_for("the guide's button", lambda: find(guide, "push button", "Get Started")))
        wait_for("the guide to close", lambda: window(app, "Getting Started") is None)
        settle()

        create_model(app, main_window)
        models = cli_json(CLI, workspace, "models", "list")
        check("the model is created on Amazon Transcribe with its account",
              [(m["name"], m["provider"], m.get("account")) for m in models]
              == [(MODEL, "aws-transcribe", ACCOUNT)], str(models))

        add_dataset(app, main_window, "training.txt", "Training text")
        add_dataset(app, main_window, "tuning.txt", "Tuning text")
        datasets = cli_json(CLI, workspace, "datasets", "list", MODEL)
        check("the training and tuning text are added",
              sorted(d["type"] for d in datasets) == ["TRANSCRIPT", "TUNING"],
              str(datasets))

        train(app, main_window, check_train_dialog)
        version = wait_for("the version to appear once Amazon completes",
                           lambda: find(main_window, "label", f"{MODEL}-"), timeout=180)
        check("the version appears in the model's versions", version is not None)
        # The node may be gone once the list rebuilds: keep its name.
        version_name = version.name
        # The row's badge says what the service has: the model is there.
        check("its row says the model is on the service",
              wait_for("the version's On the service badge",
                       lambda: find(main_window, "label", "On the service"), timeout=180)
              is not None)
        sent = creates(endpoint)
        check("one CreateLanguageModel, named after the version",
              len(sent) == 1 and version_name == sent[0].get("ModelName"),
              f"{sent} {version_name}")
        config = sent[0].get("InputDataConfig", {}) if sent else {}
        check("with the training and tuning text in the account's bucket and its role",
              config.get("S3Uri", "").startswith(f"s3://{BUCKET}/{PREFIX}/blobs/")
              and config.get("TuningDataS3Uri", "").startswith(f"s3://{BUCKET}/")
              and config.get("DataAccessRoleArn") == ROLE, str(config))
        shown = cli_json(CLI, workspace, "models", "show", MODEL)
        check("the model is Success with the version",
              shown.get("status") == "success"
              and [v["name"] for v in shown.get("versions", [])] == [version_name],
              str(shown))

        cancel_retraining(app, main_window, endpoint)

        def cancelled():
            shown = cli_json(CLI, workspace, "models", "show", MODEL)
            remote = shown.get("remote_training") or {}
            return shown if remote.get("status") == "cancelled" else None
        shown = wait_for("the training to end cancelled", cancelled, timeout=60)
        check("the cancelled training made no version, and says the model was deleted",
              [v["name"] for v in shown.get("versions", [])] == [version_name]
              and "deleted the model" in ((shown.get("remote_training") or {})
                                          .get("error") or ""), str(shown))
    return steps


def main():
    add_account()
    s3 = boto3.client("s3", endpoint_url=S3_ENDPOINT, region_name=REGION,
                      aws_access_key_id=KEY, aws_secret_access_key=SECRET,
                      config=Config(s3={"addressing_style": "path"},
                                    signature_version="s3v4"))
    s3.create_bucket(Bucket=BUCKET)
    with tempfile.TemporaryDirectory(prefix="prl-e2e-transcribe-") as tmp:
        server, endpoint = start_standin(tmp)
        # The app reads these (tests only): the stand-in and a short poll.
        os.environ["PARLANCE_TEST_TRANSCRIBE_ENDPOINT"] = endpoint
        os.environ["PARLANCE_TEST_TRANSCRIBE_POLL"] = "0.5"
        try:
            run(GUI, "prl-atspi-transcribe-", make_steps(endpoint))
        finally:
            server.terminate()
            server.wait()
            for page in s3.get_paginator("list_objects_v2").paginate(Bucket=BUCKET):
                for obj in page.get("Contents", []):
                    s3.delete_object(Bucket=BUCKET, Key=obj["Key"])
            s3.delete_bucket(Bucket=BUCKET)
    sys.exit(0 if all_passed() else 1)


main()
