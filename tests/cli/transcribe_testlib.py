# transcribe_testlib.py
#
# Copyright 2026 The Parlance authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""What the Amazon Transcribe CLI tests (test-cli-transcribe-*.py) share:
the S3 server's keys from the cloud-s3 suite's environment, one AWS
account for the Transcribe stand-in (tests/cloud/transcribe-server.py,
argv[2]), starting the stand-in, asking it what it saw, and a bucket per
test. Import it after cli_testlib.require_s3(), which skips the test
without the S3 server."""

import json
import os
import subprocess
import sys
import time
import urllib.request

import boto3
from botocore.config import Config

SERVER = sys.argv[2]
S3_ENDPOINT = os.environ["PRL_TEST_S3_ENDPOINT"]
REGION = os.environ.get("PRL_TEST_S3_REGION", "us-east-1")
KEY = os.environ["PRL_TEST_S3_ACCESS_KEY"]
SECRET = os.environ["PRL_TEST_S3_SECRET_KEY"]
ACCOUNT_ID = "111122223333"
ROLE = f"arn:aws:iam::{ACCOUNT_ID}:role/TranscribeData"


def start_standin(tmp, *options, tries=200):
    """Starts the stand-in with @options, the S3 server's keys its only
    account; returns (process, endpoint) once it listens."""
    accounts = os.path.join(tmp, "accounts.json")
    with open(os.open(accounts, os.O_WRONLY | os.O_CREAT, 0o600), "w") as f:
        json.dump([{"AccessKeyId": KEY, "SecretAccessKey": SECRET,
                    "AccountId": ACCOUNT_ID}], f)
    port_file = os.path.join(tmp, "port")
    server = subprocess.Popen([sys.executable, SERVER, "--accounts", accounts,
                               "--port-file", port_file] + list(options),
                              stdout=subprocess.DEVNULL)
    for _ in range(tries):
        if os.path.exists(port_file) or server.poll() is not None:
            break
        time.sleep(0.05)
    with open(port_file) as f:
        return server, f"http://127.0.0.1:{f.read().strip()}"


def standin(endpoint, method, path, body=None):
    """One call of the stand-in's /_standin/ API; its JSON answer."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(endpoint + path, method=method, data=data)
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.loads(answer.read())


def transcribe_client(endpoint):
    """boto3's Transcribe client on the stand-in, without retries."""
    return boto3.client("transcribe", endpoint_url=endpoint, region_name=REGION,
                        aws_access_key_id=KEY, aws_secret_access_key=SECRET,
                        config=Config(retries={"max_attempts": 1}))


def create_bucket(bucket):
    """Makes @bucket on the S3 server; returns boto3's S3 client."""
    s3 = boto3.client("s3", endpoint_url=S3_ENDPOINT, region_name=REGION,
                      aws_access_key_id=KEY, aws_secret_access_key=SECRET,
                      config=Config(s3={"addressing_style": "path"},
                                    signature_version="s3v4"))
    s3.create_bucket(Bucket=bucket)
    return s3


def delete_bucket(s3, bucket):
    """Deletes @bucket and everything in it."""
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        for obj in page.get("Contents", []):
            s3.delete_object(Bucket=bucket, Key=obj["Key"])
    s3.delete_bucket(Bucket=bucket)
