#!/usr/bin/python3
# test-cli-transcribe-account.py
#
# Copyright 2026 The Parlance authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""An AWS account's Amazon Transcribe models through parlance-cli, against
the real S3 server (build-aux/s3-server.sh) and the Transcribe stand-in
(tests/cloud/transcribe-server.py, paging at two models a page), keys in a
private keyring:

- `accounts models NAME --json`: every model of the account through every
  page of ListLanguageModels, with which the workspace has;
- `models import --account NAME [REMOTE…]`: models made elsewhere become
  models with one version per remote model (Parlance's `-<UTC>` names
  grouped), their status from ModelStatus; unknown account, unknown remote
  name, a name already in the workspace and a model name taken are refused
  with nothing saved;
- `models delete-version … --yes`: says first that the service's model goes
  too, deletes it (DeleteLanguageModel), and is refused to a MEMBER;
- a model deleted elsewhere shows as "gone" and is not asked about again;
- UpgradeAvailability=true: `upgrade_available` in `models list/show
  --json`; `models upgrade --wait` trains a new version on the same S3
  text through the remote training, the old version kept."""

import hashlib
import json
import os
import sqlite3
import subprocess
import tempfile
import uuid

from cli_testlib import CLI, DATA, check, finish, require_s3

require_s3()

from transcribe_testlib import (  # noqa: E402
    ACCOUNT_ID, KEY, REGION, ROLE, S3_ENDPOINT, SECRET, create_bucket, delete_bucket,
    standin, start_standin, transcribe_client)

BUCKET = "prl-acct-" + uuid.uuid4().hex[:12]
PREFIX = "team/parlance"
ELSEWHERE = "console/training.txt"


def counts(endpoint):
    return standin(endpoint, "GET", "/_standin/counts")


def add_elsewhere(endpoint, name, status="COMPLETED", base="WideBand", created=None,
                  **extra):
    body = {"AccountId": ACCOUNT_ID, "ModelName": name, "LanguageCode": "en-US",
            "BaseModelName": base, "ModelStatus": status,
            "S3Uri": f"s3://{BUCKET}/{ELSEWHERE}", "DataAccessRoleArn": ROLE}
    if created is not None:
        body["CreateTime"] = created
    body.update(extra)
    standin(endpoint, "POST", "/_standin/add-model", body)


class Env:
    def __init__(self, endpoint, ws):
        self.env = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="C",
                        PARLANCE_TEST_TRANSCRIBE_ENDPOINT=endpoint,
                        PARLANCE_TEST_TRANSCRIBE_POLL="0.3")
        self.ws = ws

    def cli(self, *args, timeout=300):
        proc = subprocess.run([CLI, "--workspace", self.ws] + list(args),
                              capture_output=True, text=True, timeout=timeout,
                              env=self.env)
        return proc.returncode, proc.stdout, proc.stderr

    def json(self, *args):
        rc, out, err = self.cli(*args, "--json")
        return json.loads(out) if rc == 0 else {"error": err}

    def show(self, model):
        return self.json("models", "show", model)

    def models(self):
        rc, out, err = self.cli("models", "list", "--json")
        return {m["name"]: m for m in json.loads(out)} if rc == 0 else {}


def add_account(name):
    env = dict(os.environ, AWS_ACCESS_KEY_ID=KEY, AWS_SECRET_ACCESS_KEY=SECRET)
    proc = subprocess.run([CLI, "accounts", "add", "aws", name, "--region", REGION,
                           "--bucket", BUCKET, "--prefix", PREFIX, "--endpoint",
                           S3_ENDPOINT, "--role-arn", ROLE], capture_output=True,
                          text=True, timeout=60, env=env)
    if proc.returncode != 0:
        raise RuntimeError(f"accounts add {name} failed: {proc.stderr}")


def train_here(e, text):
    rc, out, err = e.cli("models", "create", "clinic", "--provider", "aws-transcribe",
                         "--account", "aws", "--language", "en-US")
    check("clinic: created", rc == 0, err)
    rc, out, err = e.cli("datasets", "add", "clinic", text, "--type", "TRANSCRIPT")
    check("clinic: training text added", rc == 0, err)
    rc, out, err = e.cli("train", "clinic", "--wait")
    check("clinic: trained on the stand-in", rc == 0, out + err)
    versions = [v["name"] for v in e.show("clinic").get("versions", [])]
    return versions[0] if versions else "clinic-missing"


def test_list(e, endpoint, trained):
    standin(endpoint, "DELETE", "/_standin/counts")
    listed = e.json("accounts", "models", "aws")
    names = [m.get("name") for m in listed] if isinstance(listed, list) else []
    check("accounts models: all six models of the account", sorted(names) == sorted(
        [trained, "console-a", "console-b", "legacy-20250101T000000Z",
         "legacy-20250201T000000Z", "other"]), listed)
    check("through every page (two a page: three ListLanguageModels)",
          counts(endpoint).get("ListLanguageModels") == 3, counts(endpoint))
    by_name = {m["name"]: m for m in listed} if isinstance(listed, list) else {}
    check("the one Parlance trained is in the workspace",
          by_name.get(trained, {}).get("workspace_model") == "clinic", by_name)
    check("the others are not",
          all(by_name.get(n, {}).get("workspace_model", 1) is None
              for n in ("console-a", "console-b", "other")), by_name)
    check("name, language, base, status, created and upgrade are listed",
          by_name.get("console-b", {}).get("status") == "FAILED"
          and by_name.get("legacy-20250101T000000Z", {}).get("base_model") == "NarrowBand"
          and by_name.get("console-a", {}).get("language") == "en-US"
          and by_name.get("console-a", {}).get("created", "").startswith("20")
          and by_name.get("console-a", {}).get("upgrade_available") is False, by_name)
    check("Parlance's -<UTC> names import as one model",
          by_name.get("legacy-20250201T000000Z", {}).get("import_as") == "legacy", by_name)
    rc, out, err = e.cli("accounts", "models", "aws")
    check("the table says what the workspace has",
          rc == 0 and "console-a" in out and "clinic" in out, out + err)
    rc, out, err = e.cli("accounts", "models", "nosuch")
    check("unknown account: refused", rc == 1 and "no cloud account named" in err, err)


def test_import(e, endpoint, trained):
    before = counts(endpoint).get("ListLanguageModels", 0)
    rc, out, err = e.cli("models", "import", "--account", "nosuch")
    check("import from an unknown account: refused before any request",
          rc == 1 and "no cloud account named" in err
          and counts(endpoint).get("ListLanguageModels", 0) == before, err)
    rc, out, err = e.cli("models", "import", "console-a")
    check("import without --account: usage", rc == 2 and "--account" in err, err)
    rc, out, err = e.cli("models", "import", "--account", "aws", "console-a", "nosuch")
    check("an unknown remote name: refused, nothing imported",
          rc == 1 and "has no Amazon Transcribe language model named “nosuch”" in err
          and "console-a" not in e.models(), err)
    rc, out, err = e.cli("models", "import", "--account", "aws", trained)
    check("a remote model already in the workspace: refused",
          rc == 1 and "already in the workspace" in err and "clinic" in err, err)

    imported = e.json("models", "import", "--account", "aws", "console-a", "console-b",
                      "legacy-20250101T000000Z", "legacy-20250201T000000Z")
    check("import: one model per name, the -<UTC> versions grouped",
          imported == ["console-a", "console-b", "legacy"], imported)
    models = e.models()
    legacy = e.show("legacy")
    check("an imported model: provider, account, language, base",
          legacy.get("provider") == "aws-transcribe" and legacy.get("account") == "aws"
          and legacy.get("language") == "en-US" and legacy.get("base_model") == "NarrowBand",
          legacy)
    check("one version per remote model, newest first",
          [v["name"] for v in legacy.get("versions", [])]
          == ["legacy-20250201T000000Z", "legacy-20250101T000000Z"], legacy)
    check("status from ModelStatus: COMPLETED → success, FAILED → failed",
          models.get("console-a", {}).get("status") == "success"
          and models.get("console-b", {}).get("status") == "failed"
          and "Failed elsewhere." in (models.get("console-b", {}).get("failure_message")
                                      or ""), models)
    check("the failed version says so",
          [v["remote_status"] for v in e.show("console-b").get("versions", [])]
          == ["failed"], e.show("console-b"))
    rc, out, err = e.cli("models", "import", "--account", "aws")
    check("import without names: the rest", rc == 0 and "Imported “other”" in out,
          out + err)
    rc, out, err = e.cli("models", "import", "--account", "aws")
    check("and then nothing is left", rc == 0 and "already has every" in out, out + err)
    # A model elsewhere whose name is a workspace model's.
    add_elsewhere(endpoint, "clinic")
    rc, out, err = e.cli("models", "import", "--account", "aws", "clinic")
    check("a model name already in the workspace: refused",
          rc == 1 and "A model named “clinic” already exists" in err, err)
    check("nothing of it was saved",
          [v["name"] for v in e.show("clinic").get("versions", [])] == [trained])


def test_delete(e, endpoint, client):
    rc, out, err = e.cli("models", "delete-version", "console-a", "console-a")
    check("delete a version without --yes: says the service's model goes too",
          rc == 2 and "on the service" in err and "--yes" in err, err)
    con = sqlite3.connect(os.path.join(e.ws, "parlance.db"))
    con.execute("UPDATE workspace SET owner_role = 'MEMBER'")
    con.commit()
    before = counts(endpoint).get("DeleteLanguageModel", 0)
    rc, out, err = e.cli("models", "delete-version", "console-a", "console-a", "--yes")
    check("a MEMBER may not delete: nothing sent",
          rc == 1 and counts(endpoint).get("DeleteLanguageModel", 0) == before, err)
    con.execute("UPDATE workspace SET owner_role = 'SYSOP'")
    con.commit()
    con.close()
    rc, out, err = e.cli("models", "delete-version", "console-a", "console-a", "--yes")
    check("delete-version --yes", rc == 0 and "its model on the service" in out,
          out + err)
    try:
        client.describe_language_model(ModelName="console-a")
        gone = False
    except client.exceptions.NotFoundException:
        gone = True
    check("the remote model was deleted (DeleteLanguageModel)", gone)
    shown = e.show("console-a")
    check("the model has no version left and is no longer Success",
          shown.get("versions") == [] and shown.get("status") == "not-running", shown)


def test_deleted_elsewhere(e, endpoint):
    standin(endpoint, "POST", "/_standin/delete-model",
            {"ModelName": "legacy-20250101T000000Z"})
    shown = e.show("legacy")
    status = {v["name"]: v["remote_status"] for v in shown.get("versions", [])}
    check("a model deleted elsewhere shows as gone, not as an error",
          status == {"legacy-20250201T000000Z": "completed",
                     "legacy-20250101T000000Z": "gone"}, shown)
    standin(endpoint, "DELETE", "/_standin/requests")
    e.show("legacy")
    asked = [json.loads(r["body"]).get("ModelName")
             for r in standin(endpoint, "GET", "/_standin/requests")]
    check("a gone model is not asked about again",
          "legacy-20250101T000000Z" not in asked and "legacy-20250201T000000Z" in asked,
          asked)
    rc, out, err = e.cli("models", "delete-version", "legacy", "20250101T000000Z", "--yes")
    check("deleting a gone version sends nothing",
          rc == 0 and counts(endpoint).get("DeleteLanguageModel", 0) == 0, out + err)


def test_upgrade(e, endpoint, trained):
    rc, out, err = e.cli("models", "upgrade", "clinic")
    check("no upgrade offered: refused", rc == 1 and "has no upgrade" in err, err)
    standin(endpoint, "POST", "/_standin/set-model",
            {"ModelName": trained, "UpgradeAvailability": True})
    shown = e.show("clinic")
    check("models show --json: upgrade_available on the model and the version",
          shown.get("upgrade_available") is True
          and shown.get("versions", [{}])[0].get("upgrade_available") is True, shown)
    check("models list --json: upgrade_available",
          e.models().get("clinic", {}).get("upgrade_available") is True)
    check("only the model with the offer",
          e.models().get("legacy", {}).get("upgrade_available") is False)
    standin(endpoint, "DELETE", "/_standin/requests")
    rc, out, err = e.cli("models", "upgrade", "clinic", "--wait")
    check("models upgrade --wait", rc == 0 and "Upgraded “clinic”" in out, out + err)
    created = [json.loads(r["body"]) for r in standin(endpoint, "GET", "/_standin/requests")
               if dict(r["headers"]).get("X-Amz-Target", "").endswith("CreateLanguageModel")]
    check("one CreateLanguageModel on the same S3 text",
          len(created) == 1
          and created[0]["InputDataConfig"]["S3Uri"] == f"s3://{BUCKET}/{PREFIX}/blobs/"
          + hashlib.sha256(open(os.path.join(DATA, "clinic-training.txt"), "rb").read())
          .hexdigest()
          and created[0]["ModelName"].startswith("clinic-")
          and created[0]["ModelName"] != trained, created)
    shown = e.show("clinic")
    names = [v["name"] for v in shown.get("versions", [])]
    check("a new version, the old one kept and usable",
          len(names) == 2 and names[1] == trained
          and shown["versions"][1]["remote_status"] == "completed", shown)
    check("the model no longer offers an upgrade (its newest version is current)",
          shown.get("upgrade_available") is False and shown.get("status") == "success",
          shown)

    # An imported model upgrades from the S3 text its remote model read.
    standin(endpoint, "POST", "/_standin/set-model",
            {"ModelName": "legacy-20250201T000000Z", "UpgradeAvailability": True})
    standin(endpoint, "DELETE", "/_standin/requests")
    # Not waited for: the upgrade trains on the service's side meanwhile,
    # and the model says Upgrading (PrlModel:upgrading) until it ends.
    rc, out, err = e.cli("models", "upgrade", "legacy", "--version", "20250201T000000Z")
    listed = e.models().get("legacy", {})
    check("a detached cloud upgrade: the model is Upgrading, status running",
          rc == 0 and listed.get("upgrading") is True and listed.get("status") == "running",
          out + err + str(listed))
    rc2, out2, err2 = e.cli("train", "legacy", "--wait")
    after = e.models().get("legacy", {})
    check("waiting for it ends the Upgrading (the imported model's status as before)",
          rc2 == 0 and after.get("upgrading") is False
          and after.get("status") == "not-running", out2 + err2 + str(after))
    created = [json.loads(r["body"]) for r in standin(endpoint, "GET", "/_standin/requests")
               if dict(r["headers"]).get("X-Amz-Target", "").endswith("CreateLanguageModel")]
    check("an imported model upgrades on the S3 text it was trained on",
          rc == 0 and len(created) == 1
          and created[0]["InputDataConfig"]["S3Uri"] == f"s3://{BUCKET}/{ELSEWHERE}"
          and created[0]["BaseModelName"] == "NarrowBand", out + err + str(created))
    rc, out, err = e.cli("models", "upgrade", "console-b")
    check("a model without a usable version: refused",
          rc == 1 and "no version to upgrade" in err, err)


def test_deleted_while_training(e, endpoint, text):
    rc, out, err = e.cli("models", "create", "ward", "--provider", "aws-transcribe",
                         "--account", "aws", "--language", "en-US")
    rc2, out2, err2 = e.cli("datasets", "add", "ward", text, "--type", "TRANSCRIPT")
    rc3, out3, err3 = e.cli("train", "ward")
    check("ward: training on the stand-in, not waited for",
          rc == 0 and rc2 == 0 and rc3 == 0, err + err2 + out3 + err3)
    remote = [v for v in standin(endpoint, "GET", "/_standin/requests")
              if dict(v["headers"]).get("X-Amz-Target", "").endswith("CreateLanguageModel")
              and json.loads(v["body"])["ModelName"].startswith("ward-")]
    name = json.loads(remote[-1]["body"])["ModelName"] if remote else "ward-missing"
    standin(endpoint, "POST", "/_standin/delete-model", {"ModelName": name})
    rc, out, err = e.cli("train", "ward", "--wait")
    check("deleted elsewhere while it trained: the resumed wait ends once, saying so",
          rc == 1 and "was deleted on Amazon Transcribe while it trained" in err, out + err)
    shown = e.show("ward")
    check("the model is Failed with that reason, its remote job no longer running",
          shown.get("status") == "failed"
          and "deleted on Amazon Transcribe" in (shown.get("failure_message") or "")
          and (shown.get("remote_training") or {}).get("status") == "failed", shown)
    standin(endpoint, "DELETE", "/_standin/counts")
    rc, out, err = e.cli("jobs", "resume")
    check("nothing is polled again", counts(endpoint).get("DescribeLanguageModel", 0) == 0,
          out + err + str(counts(endpoint)))


def main():
    s3 = create_bucket(BUCKET)
    add_account("aws")
    text = os.path.join(DATA, "clinic-training.txt")
    with open(text, "rb") as f:
        s3.put_object(Bucket=BUCKET, Key=ELSEWHERE, Body=f.read())
    with tempfile.TemporaryDirectory(prefix="prl-cli-tr-acct-") as tmp:
        server, endpoint = start_standin(tmp, "--training-seconds", "2", "--page-cap", "2")
        e = Env(endpoint, os.path.join(tmp, "ws"))
        client = transcribe_client(endpoint)
        try:
            trained = train_here(e, text)
            add_elsewhere(endpoint, "console-a", created=1700000000)
            add_elsewhere(endpoint, "console-b", status="FAILED", created=1700000100)
            add_elsewhere(endpoint, "legacy-20250101T000000Z", base="NarrowBand",
                          created=1735689600)
            add_elsewhere(endpoint, "legacy-20250201T000000Z", base="NarrowBand",
                          created=1738368000)
            add_elsewhere(endpoint, "other", created=1700000200)
            test_list(e, endpoint, trained)
            test_import(e, endpoint, trained)
            test_delete(e, endpoint, client)
            test_deleted_elsewhere(e, endpoint)
            test_upgrade(e, endpoint, trained)
            test_deleted_while_training(e, endpoint, text)
        finally:
            server.terminate()
            server.wait()
            delete_bucket(s3, BUCKET)
    finish()


main()
