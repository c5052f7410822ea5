#!/usr/bin/python3
# test-s3-tool.py
#
# Copyright 2026 The Parlance authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""PrlS3Client (through tests/cloud/s3-upload-tool) checked by boto3, and a
real crash: the tool is killed with SIGKILL in the middle of a 500 MB
multipart upload, then resumed from its state file; only the parts the
server lacks may be sent.

Usage: test-s3-tool.py S3-UPLOAD-TOOL. Exits 77 (skip) without
PRL_TEST_S3_ENDPOINT unless PRL_TEST_REQUIRE_S3=1 (then 1)."""

import hashlib
import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid

from s3_testlib import check, finish, no_server, require_server

MIB = 1024 * 1024
require_server()
try:
    import boto3
    from botocore.config import Config
except ImportError as e:
    no_server(f"boto3 is missing ({e})")

TOOL = sys.argv[1]


def s3():
    return boto3.client(
        "s3", endpoint_url=os.environ["PRL_TEST_S3_ENDPOINT"],
        region_name=os.environ.get("PRL_TEST_S3_REGION", "us-east-1"),
        aws_access_key_id=os.environ["PRL_TEST_S3_ACCESS_KEY"],
        aws_secret_access_key=os.environ["PRL_TEST_S3_SECRET_KEY"],
        config=Config(s3={"addressing_style": "path"}, signature_version="s3v4"))


def make_file(path, size, seed):
    """Pseudo-random blocks, so that a misplaced part shows in the hash."""
    block = hashlib.sha256(str(seed).encode()).digest() * (MIB // 32)
    with open(path, "wb") as f:
        for i in range(0, size, MIB):
            n = min(MIB, size - i)
            f.write(i.to_bytes(8, "little") + block[8:n])


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(MIB):
            h.update(chunk)
    return h.hexdigest()


def tool(*args):
    return subprocess.run([TOOL, *args], capture_output=True, text=True)


def parts_sent(output):
    for line in output.splitlines():
        if line.startswith("parts-sent "):
            return int(line.split()[1])
    return -1


def main():
    client = s3()
    bucket = f"prl-s3-tool-{uuid.uuid4().hex[:8]}"
    client.create_bucket(Bucket=bucket)
    tmp = tempfile.mkdtemp(prefix="prl-s3-tool-")

    # Parlance uploads (one PUT and a 6-part multipart); boto3 reads back.
    for name, size in (("single.bin", 3 * MIB + 1), ("multi.bin", 27 * MIB + 5)):
        path = os.path.join(tmp, name)
        make_file(path, size, name)
        run = tool("--part-size", str(5 * MIB), "put", bucket, name, path)
        check(f"parlance uploads {name}", run.returncode == 0, run.stderr)
        body = client.get_object(Bucket=bucket, Key=name)["Body"].read()
        check(f"boto3 reads {name} byte for byte",
              hashlib.sha256(body).hexdigest() == sha256_file(path))
        if name == "multi.bin":
            etag = client.head_object(Bucket=bucket, Key=name)["ETag"]
            check("the object is a 6-part multipart upload", etag.endswith('-6"'), etag)

    # boto3 uploads; Parlance downloads.
    src = os.path.join(tmp, "from-boto3.bin")
    make_file(src, 9 * MIB + 3, "boto3")
    client.upload_file(src, bucket, "dir/from boto3.bin")
    out = os.path.join(tmp, "downloaded.bin")
    run = tool("get", bucket, "dir/from boto3.bin", out)
    check("parlance downloads boto3's object", run.returncode == 0, run.stderr)
    check("the download matches", os.path.exists(out) and sha256_file(out) == sha256_file(src))

    # SIGKILL in the middle of a 500 MB upload, then a resume.
    big = os.path.join(tmp, "big.bin")
    size = 500 * 1000 * 1000
    make_file(big, size, "big")
    state = os.path.join(tmp, "state")
    part = 8 * MIB
    n_parts = (size + part - 1) // part
    proc = subprocess.Popen([TOOL, "--part-size", str(part), "--state", state,
                             "put", bucket, "big.bin", big],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 300
    done = 0
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            with open(state) as f:
                done = sum(1 for line in f if line.startswith("part "))
        except FileNotFoundError:
            done = 0
        if done >= n_parts // 3:
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    check("the tool was killed mid-way", proc.returncode == -signal.SIGKILL and done < n_parts,
          f"returncode {proc.returncode}, {done} parts recorded")
    with open(state) as f:
        upload_id = next(line.split()[1] for line in f if line.startswith("upload "))
    listed = client.list_parts(Bucket=bucket, Key="big.bin", UploadId=upload_id,
                               MaxParts=1000).get("Parts", [])
    check("the server kept the parts sent before the kill", len(listed) >= done,
          f"{len(listed)} on the server, {done} recorded")
    run = tool("--state", state, "put", bucket, "big.bin", big)
    check("the resume completes", run.returncode == 0, run.stderr)
    sent = parts_sent(run.stdout)
    print(f"# killed after {done} recorded parts; {len(listed)} of {n_parts} were on the "
          f"server; the resume sent {sent}", flush=True)
    # A part whose body had fully arrived when the tool died may still be
    # stored by the server after the listing: at most one per worker (4).
    check("the resume sent only the missing parts",
          n_parts - len(listed) - 4 <= sent <= n_parts - len(listed),
          f"sent {sent}, {n_parts} parts, {len(listed)} were on the server")
    check("the state file is gone", not os.path.exists(state))
    h = hashlib.sha256()
    for chunk in client.get_object(Bucket=bucket, Key="big.bin")["Body"].iter_chunks(MIB):
        h.update(chunk)
    check("the resumed object matches byte for byte", h.hexdigest() == sha256_file(big))
    uploads = client.list_multipart_uploads(Bucket=bucket).get("Uploads", [])
    check("no upload is left open", not uploads, uploads)

    for obj in client.list_objects_v2(Bucket=bucket).get("Contents", []):
        client.delete_object(Bucket=bucket, Key=obj["Key"])
    client.delete_bucket(Bucket=bucket)
    for name in os.listdir(tmp):
        os.unlink(os.path.join(tmp, name))
    os.rmdir(tmp)


main()
finish()
