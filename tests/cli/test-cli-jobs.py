#!/usr/bin/python3
# test-cli-jobs.py
#
# Copyright 2026 The Parlance authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""Cloud jobs that outlive the process, through parlance-cli, against the
real S3 server of the cloud-s3 suite (build-aux/s3-server.sh) with the
keys in a private gnome-keyring:

- `datasets upload MODEL --account NAME --wait` puts each dataset under
  PREFIX/blobs/SHA256, which boto3 reads back byte for byte (decrypted,
  for an encrypted workspace), and sends nothing again the second time;
- SIGKILL in the middle of a 200 MB multipart upload, then `jobs resume
  --wait`: it completes, sends only the parts the server lacked
  (ListParts before the resume against the parts it sent), the object's
  SHA-256 is right, the job is done and no multipart upload stays open;
  meanwhile every other command says in one line how to resume;
- SIGTERM during `--wait` keeps the upload for a resume;
- an unknown account, a missing bucket and a wrong secret fail the job
  with their own message, lose no dataset, and leave no job to resume.

Skipped without PRL_TEST_S3_ENDPOINT unless PRL_TEST_REQUIRE_S3=1."""

import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import tempfile
import time
import uuid

from cli_testlib import CLI, check, finish, require_s3

require_s3()

import boto3  # noqa: E402
from botocore.config import Config  # noqa: E402

ENDPOINT = os.environ["PRL_TEST_S3_ENDPOINT"]
REGION = os.environ.get("PRL_TEST_S3_REGION", "us-east-1")
KEY = os.environ["PRL_TEST_S3_ACCESS_KEY"]
SECRET = os.environ["PRL_TEST_S3_SECRET_KEY"]
ENV = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="C")
BUCKET = "prl-jobs-" + uuid.uuid4().hex[:12]
PREFIX = "team/parlance"
MIB = 1024 * 1024
PART = 8 * MIB


def s3():
    return boto3.client(
        "s3", endpoint_url=ENDPOINT, region_name=REGION,
        aws_access_key_id=KEY, aws_secret_access_key=SECRET,
        config=Config(s3={"addressing_style": "path"}, signature_version="s3v4"))


def cli(ws, *args, timeout=600):
    proc = subprocess.run([CLI, "--workspace", ws] + list(args), capture_output=True,
                          text=True, timeout=timeout, env=ENV)
    return proc.returncode, proc.stdout, proc.stderr


def add_account(name, bucket=BUCKET, secret=SECRET):
    env = dict(ENV, AWS_ACCESS_KEY_ID=KEY, AWS_SECRET_ACCESS_KEY=secret)
    proc = subprocess.run([CLI, "accounts", "add", "aws", name, "--region", REGION,
                           "--bucket", bucket, "--prefix", PREFIX, "--endpoint", ENDPOINT],
                          capture_output=True, text=True, timeout=60, env=env)
    if proc.returncode != 0:
        raise RuntimeError(f"accounts add {name} failed: {proc.stderr}")


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(MIB), b""):
            h.update(chunk)
    return h.hexdigest()


def sha256_object(client, key):
    h = hashlib.sha256()
    for chunk in client.get_object(Bucket=BUCKET, Key=key)["Body"].iter_chunks(MIB):
        h.update(chunk)
    return h.hexdigest()


def make_text(path, size, seed):
    """Training text of about size bytes, different for each seed."""
    line = 0
    with open(path, "w") as f:
        written = 0
        while written < size:
            text = f"{seed} line {line} the patient was seen in clinic today\n"
            f.write(text)
            written += len(text)
            line += 1
    return path


def rows(ws):
    """The workspace's remote_jobs rows, read as another process would."""
    db = sqlite3.connect(f"file:{os.path.join(ws, 'parlance.db')}?mode=ro", uri=True,
                         timeout=30)
    try:
        return [dict(id=r[0], status=r[1], error=r[2], state=json.loads(r[3]))
                for r in db.execute("SELECT id, status, error, state FROM remote_jobs"
                                    " ORDER BY id")]
    finally:
        db.close()


def jobs_json(ws):
    rc, out, err = cli(ws, "jobs", "--json")
    return json.loads(out) if rc == 0 else err


def new_workspace(tmp, name, files, encrypt=False):
    ws = os.path.join(tmp, name)
    cli(ws, "models", "create", "clinic")
    if encrypt:
        rc, out, err = cli(ws, "workspace", "encrypt")
        check(f"{name}: the workspace is encrypted", rc == 0, err)
    rc, out, err = cli(ws, "datasets", "add", "clinic", *files, "--type", "TRANSCRIPT")
    check(f"{name}: datasets added", rc == 0, err)
    return ws


def wait_for_parts(ws, n, proc, deadline):
    """Polls the job's state until its open upload has n confirmed parts."""
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            for row in rows(ws):
                upload = row["state"].get("upload")
                if upload and len(upload.get("parts", {})) >= n:
                    return upload
        except sqlite3.OperationalError:
            pass
        time.sleep(0.05)
    return None


def test_upload(client, tmp):
    small = make_text(os.path.join(tmp, "small.txt"), 4000, "small")
    mid = make_text(os.path.join(tmp, "mid.txt"), 19 * MIB, "mid")
    for encrypt in (False, True):
        name = "encrypted" if encrypt else "plain"
        ws = new_workspace(tmp, name, [small, mid], encrypt)
        rc, out, err = cli(ws, "datasets", "upload", "clinic", "--account", "good", "--wait")
        check(f"{name}: upload succeeds", rc == 0, err)
        for path in (small, mid):
            digest = sha256_file(path)
            key = f"{PREFIX}/blobs/{digest}"
            check(f"{name}: {os.path.basename(path)} prints its S3 URI",
                  f"s3://{BUCKET}/{key}" in out, out)
            check(f"{name}: boto3 reads {os.path.basename(path)} back byte for byte",
                  sha256_object(client, key) == digest)
        [row] = rows(ws)
        check(f"{name}: the job is done", row["status"] == "done", row)
        check(f"{name}: each dataset's URI is in the job's state",
              all(d.get("uri", "").startswith(f"s3://{BUCKET}/{PREFIX}/blobs/")
                  for d in row["state"]["datasets"]), row["state"])
        rc, out, err = cli(ws, "jobs")
        check(f"{name}: jobs lists it as done", rc == 0 and "dataset-upload" in out
              and "done" in out and "clinic" in out, out + err)
    # The second workspace held the same bytes: nothing was sent again.
    check("the same blobs are not sent twice", row["state"].get("parts_sent") == 0,
          row["state"])


def test_kill_and_resume(client, tmp):
    big = make_text(os.path.join(tmp, "big.txt"), 200 * 1000 * 1000, "big")
    digest = sha256_file(big)
    key = f"{PREFIX}/blobs/{digest}"
    n_parts = (os.path.getsize(big) + PART - 1) // PART
    ws = new_workspace(tmp, "killed", [big])

    start = time.monotonic()
    proc = subprocess.Popen([CLI, "--workspace", ws, "datasets", "upload", "clinic",
                             "--account", "good", "--wait"], env=ENV,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    upload = wait_for_parts(ws, n_parts // 3, proc, time.monotonic() + 300)
    proc.send_signal(signal.SIGKILL)
    proc.communicate()
    check("the upload was killed mid-way", proc.returncode == -signal.SIGKILL
          and upload is not None, f"returncode {proc.returncode}, upload {upload}")
    if upload is None:
        return
    done = len(upload["parts"])
    [row] = rows(ws)
    check("the killed job's row stays running", row["status"] == "running", row)
    jobs = jobs_json(ws)
    check("jobs shows it interrupted", isinstance(jobs, list) and jobs[0]["interrupted"],
          jobs)
    rc, out, err = cli(ws, "datasets", "list", "clinic")
    check("another command says in one line how to resume",
          rc == 0 and err.count("\n") == 1 and "interrupted" in err
          and "parlance-cli jobs resume" in err, err)

    listed = client.list_parts(Bucket=BUCKET, Key=key, UploadId=row["state"]["upload"][
        "upload_id"], MaxParts=1000).get("Parts", [])
    check("the server kept the parts sent before the kill", len(listed) >= done,
          f"{len(listed)} listed, {done} recorded")
    rc, out, err = cli(ws, "jobs", "resume", "--wait")
    elapsed = time.monotonic() - start
    check("jobs resume completes the upload", rc == 0, err)
    [row] = rows(ws)
    sent = row["state"].get("parts_sent", -1)
    print(f"# {os.path.getsize(big)} bytes, {n_parts} parts of {PART // MIB} MiB: killed after "
          f"{done} recorded parts, {len(listed)} on the server; the resume sent {sent}; "
          f"{elapsed:.1f} s in all", flush=True)
    # A part whose body had fully arrived when the process died may still
    # be stored after the listing: at most one per worker (4).
    check("the resume sent only the missing parts",
          n_parts - len(listed) - 4 <= sent <= n_parts - len(listed),
          f"sent {sent}, {n_parts} parts, {len(listed)} were on the server")
    check("the resumed job is done", row["status"] == "done" and "upload" not in row["state"],
          row)
    check("the resumed object matches byte for byte", sha256_object(client, key) == digest)
    uploads = client.list_multipart_uploads(Bucket=BUCKET).get("Uploads", [])
    check("no multipart upload is left open", not uploads, uploads)
    rc, out, err = cli(ws, "jobs", "resume")
    check("nothing is left to resume", rc == 0 and "No interrupted" in out, out + err)
    rc, out, err = cli(ws, "datasets", "list", "clinic")
    check("no line about interrupted jobs once resumed", "interrupted" not in err, err)
    client.delete_object(Bucket=BUCKET, Key=key)
    os.unlink(big)


def test_sigterm(client, tmp):
    path = make_text(os.path.join(tmp, "term.txt"), 60 * MIB, "term")
    key = f"{PREFIX}/blobs/{sha256_file(path)}"
    ws = new_workspace(tmp, "terminated", [path])
    proc = subprocess.Popen([CLI, "--workspace", ws, "datasets", "upload", "clinic",
                             "--account", "good", "--wait"], env=ENV,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    upload = wait_for_parts(ws, 1, proc, time.monotonic() + 120)
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=120)
    check("SIGTERM stops the upload with a hint", proc.returncode == 1
          and "jobs resume" in err, f"{proc.returncode}: {err}")
    [row] = rows(ws)
    open_uploads = client.list_multipart_uploads(Bucket=BUCKET).get("Uploads", [])
    check("SIGTERM keeps the job and its open upload",
          upload is not None and row["status"] == "running"
          and row["state"].get("upload", {}).get("upload_id") == upload["upload_id"]
          and any(u["UploadId"] == upload["upload_id"] for u in open_uploads),
          f"{row} {open_uploads}")
    rc, out, err = cli(ws, "jobs", "resume", "--wait")
    check("the stopped upload resumes", rc == 0 and rows(ws)[0]["status"] == "done", err)
    check("no multipart upload is left open after it",
          not client.list_multipart_uploads(Bucket=BUCKET).get("Uploads", []))
    client.delete_object(Bucket=BUCKET, Key=key)


def test_bad_input(client, tmp):
    path = make_text(os.path.join(tmp, "bad.txt"), 2000, "bad")
    ws = new_workspace(tmp, "bad", [path])
    add_account("nobucket", bucket=BUCKET + "-missing")
    add_account("wrongsecret", secret=SECRET[:-1] + ("A" if SECRET[-1] != "A" else "B"))
    cases = [
        ("unknown account", "nosuch", "no cloud account named “nosuch”"),
        ("missing bucket", "nobucket", f"bucket “{BUCKET}-missing” does not exist"),
        ("wrong secret", "wrongsecret", "refused the secret access key"),
    ]
    for i, (label, account, phrase) in enumerate(cases):
        rc, out, err = cli(ws, "datasets", "upload", "clinic", "--account", account)
        check(f"{label}: the upload fails with its own message", rc == 1 and phrase in err,
              f"{rc}: {err}")
        check(f"{label}: no secret is printed", SECRET not in out + err)
        row = rows(ws)[i]
        check(f"{label}: the job is failed with the reason",
              row["status"] == "failed" and row["error"] and row["error"] in err, row)
    rc, out, err = cli(ws, "datasets", "list", "clinic")
    check("bad input loses no dataset", rc == 0 and "bad.txt" in out, out + err)
    check("failed jobs are not offered for a resume", "interrupted" not in err, err)
    rc, out, err = cli(ws, "jobs", "resume")
    check("jobs resume finds nothing to do", rc == 0 and "No interrupted" in out, out + err)
    check("no object was written", not client.list_objects_v2(Bucket=BUCKET,
          Prefix=f"{PREFIX}/blobs/{sha256_file(path)}").get("Contents"))


def main():
    client = s3()
    client.create_bucket(Bucket=BUCKET)
    add_account("good")
    with tempfile.TemporaryDirectory(prefix="prl-cli-jobs-") as tmp:
        try:
            test_upload(client, tmp)
            test_kill_and_resume(client, tmp)
            test_sigterm(client, tmp)
            test_bad_input(client, tmp)
        finally:
            for upload in client.list_multipart_uploads(Bucket=BUCKET).get("Uploads", []):
                client.abort_multipart_upload(Bucket=BUCKET, Key=upload["Key"],
                                              UploadId=upload["UploadId"])
            pages = client.get_paginator("list_objects_v2").paginate(Bucket=BUCKET)
            for page in pages:
                for obj in page.get("Contents", []):
                    client.delete_object(Bucket=BUCKET, Key=obj["Key"])
            client.delete_bucket(Bucket=BUCKET)
    finish()


main()
