#!/usr/bin/python3
# test-cli-transcribe-delete.py
#
# Copyright 2026 The Parlance authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""`parlance-cli models delete NAME` of an Amazon Transcribe model, against
the Transcribe stand-in (tests/cloud/transcribe-server.py), keys in a
private keyring. The models are imported from the account, so nothing is
trained; the S3 server holds only the account's (empty) bucket.

- without --yes it says that the language models on the service go too,
  naming them and the account, and sends nothing;
- a MEMBER is refused before any request;
- a remote delete that fails deletes nothing here, and the error names the
  version whose remote model stayed;
- with --yes every version's remote model is deleted (DeleteLanguageModel;
  one already deleted elsewhere, NotFound, counts as deleted), then the
  model here, so the account no longer offers them for import;
- a local model's delete still says nothing about a service."""

import json
import os
import sqlite3
import subprocess
import tempfile
import uuid

from cli_testlib import CLI, check, finish, require_s3

require_s3()

from transcribe_testlib import (  # noqa: E402
    ACCOUNT_ID, KEY, REGION, ROLE, S3_ENDPOINT, SECRET, create_bucket, delete_bucket,
    standin, start_standin)

OLD = "ward-20250101T000000Z"
NEW = "ward-20250201T000000Z"
BUCKET = "prl-del-" + uuid.uuid4().hex[:12]


def deletes(endpoint):
    return standin(endpoint, "GET", "/_standin/counts").get("DeleteLanguageModel", 0)


def add_elsewhere(endpoint, name, created):
    standin(endpoint, "POST", "/_standin/add-model",
            {"AccountId": ACCOUNT_ID, "ModelName": name, "LanguageCode": "en-US",
             "BaseModelName": "WideBand", "ModelStatus": "COMPLETED",
             "S3Uri": "s3://elsewhere/training.txt", "DataAccessRoleArn": ROLE,
             "CreateTime": created})


def main():
    s3 = create_bucket(BUCKET)
    with tempfile.TemporaryDirectory(prefix="prl-cli-tr-del-") as tmp:
        server, endpoint = start_standin(tmp)
        ws = os.path.join(tmp, "ws")
        env = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="C",
                   PARLANCE_TEST_TRANSCRIBE_ENDPOINT=endpoint)

        def cli(*args):
            proc = subprocess.run([CLI, "--workspace", ws] + list(args),
                                  capture_output=True, text=True, timeout=120, env=env)
            return proc.returncode, proc.stdout, proc.stderr

        def remote_names():
            rc, out, err = cli("accounts", "models", "aws", "--json")
            return sorted(m["name"] for m in json.loads(out)) if rc == 0 else [err]

        def versions(model):
            rc, out, err = cli("models", "show", model, "--json")
            return ({v["name"]: v["remote_status"] for v in json.loads(out)["versions"]}
                    if rc == 0 else None)

        def set_role(role):
            con = sqlite3.connect(os.path.join(ws, "parlance.db"))
            con.execute("UPDATE workspace SET owner_role = ?", (role,))
            con.commit()
            con.close()

        try:
            proc = subprocess.run(
                [CLI, "accounts", "add", "aws", "aws", "--region", REGION, "--bucket",
                 BUCKET, "--endpoint", S3_ENDPOINT, "--role-arn", ROLE],
                capture_output=True, text=True, timeout=60,
                env=dict(env, AWS_ACCESS_KEY_ID=KEY, AWS_SECRET_ACCESS_KEY=SECRET))
            check("account added", proc.returncode == 0, proc.stderr)
            add_elsewhere(endpoint, OLD, 1735689600)
            add_elsewhere(endpoint, NEW, 1738368000)
            add_elsewhere(endpoint, "kept-elsewhere", 1700000000)
            rc, out, err = cli("models", "import", "--account", "aws", OLD, NEW)
            check("ward imported with two versions",
                  rc == 0 and versions("ward") == {OLD: "completed", NEW: "completed"},
                  out + err)
            standin(endpoint, "DELETE", "/_standin/counts")

            rc, out, err = cli("models", "delete", "ward")
            check("without --yes: says the language models on the service go too",
                  rc == 2 and "also deletes its language models on the service" in err
                  and "account “aws”" in err and OLD in err and NEW in err
                  and "--yes" in err, err)
            check("and sends nothing", deletes(endpoint) == 0)

            set_role("MEMBER")
            rc, out, err = cli("models", "delete", "ward", "--yes")
            check("a MEMBER is refused before any request",
                  rc == 1 and "Only an Organization Admin" in err and deletes(endpoint) == 0, err)
            set_role("SYSOP")

            # The newest version's delete is answered by a proxy's page.
            standin(endpoint, "POST", "/_standin/next",
                    {"fault": "html", "count": 1, "operation": "DeleteLanguageModel"})
            rc, out, err = cli("models", "delete", "ward", "--yes")
            check("a failed remote delete: refused, naming the version",
                  rc == 1 and "“ward” stays in this workspace" in err
                  and f"did not delete “{NEW}”" in err, err)
            check("nothing was deleted here",
                  versions("ward") == {OLD: "completed", NEW: "completed"},
                  versions("ward"))
            check("nor on the service", remote_names() == sorted(
                [OLD, NEW, "kept-elsewhere"]), remote_names())

            # One is deleted elsewhere meanwhile: NotFound counts as deleted.
            standin(endpoint, "POST", "/_standin/delete-model", {"ModelName": OLD})
            standin(endpoint, "DELETE", "/_standin/counts")
            rc, out, err = cli("models", "delete", "ward", "--yes")
            check("--yes: deleted with its language models on the service",
                  rc == 0 and "Deleted model “ward” and its language models on the "
                  "service" in out and NEW in out, out + err)
            check("one DeleteLanguageModel per version", deletes(endpoint) == 2,
                  standin(endpoint, "GET", "/_standin/counts"))
            rc, out, err = cli("models", "list", "--json")
            check("the model is gone here",
                  rc == 0 and "ward" not in [m["name"] for m in json.loads(out)], out)
            check("its remote models are gone and not offered for import",
                  remote_names() == ["kept-elsewhere"], remote_names())

            rc, out, err = cli("models", "create", "local")
            rc2, out2, err2 = cli("models", "delete", "local")
            check("a local model: nothing said of a service",
                  rc == 0 and rc2 == 2 and "cannot be undone" in err2
                  and "service" not in err2, err + err2)
            standin(endpoint, "DELETE", "/_standin/counts")
            rc, out, err = cli("models", "delete", "local", "--yes")
            check("a local model's delete asks no service",
                  rc == 0 and out.strip() == "Deleted model “local”."
                  and deletes(endpoint) == 0, out + err)
        finally:
            server.terminate()
            server.wait()
            delete_bucket(s3, BUCKET)
    finish()


main()
