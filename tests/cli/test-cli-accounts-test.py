#!/usr/bin/python3
# test-cli-accounts-test.py
#
# Copyright 2026 The Parlance authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""`parlance-cli accounts test NAME` against the real S3 server of the
cloud-s3 suite (build-aux/s3-server.sh), with the keys in a private
gnome-keyring: a good account passes every step and leaves no probe
object behind; each wrong setting gets its own plain-words reason and exit
status 1; no secret is ever printed. Skipped without PRL_TEST_S3_ENDPOINT
unless PRL_TEST_REQUIRE_S3=1."""

import os
import socket
import subprocess
import uuid

from cli_testlib import CLI, check, finish, require_s3

require_s3()

import http.server  # noqa: E402
import threading  # noqa: E402

import boto3  # noqa: E402
from botocore.config import Config  # noqa: E402

ENDPOINT = os.environ["PRL_TEST_S3_ENDPOINT"]
REGION = os.environ.get("PRL_TEST_S3_REGION", "us-east-1")
KEY = os.environ["PRL_TEST_S3_ACCESS_KEY"]
SECRET = os.environ["PRL_TEST_S3_SECRET_KEY"]
OTHER_KEY = os.environ["PRL_TEST_S3_OTHER_ACCESS_KEY"]
OTHER_SECRET = os.environ["PRL_TEST_S3_OTHER_SECRET_KEY"]
SECRETS = [SECRET, OTHER_SECRET, SECRET + "X"]
BASE_ENV = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="C")
BUCKET = "prl-acctest-" + uuid.uuid4().hex[:12]
OTHER_BUCKET = BUCKET + "-other"
PREFIX = "team/parlance"


def s3(key=KEY, secret=SECRET):
    return boto3.client(
        "s3", endpoint_url=ENDPOINT, region_name=REGION,
        aws_access_key_id=key, aws_secret_access_key=secret,
        config=Config(s3={"addressing_style": "path"}, signature_version="s3v4"))


def cli(*args, env=None):
    e = dict(BASE_ENV)
    e.update(env or {})
    proc = subprocess.run([CLI] + list(args), capture_output=True, text=True,
                          timeout=120, env=e)
    return proc.returncode, proc.stdout, proc.stderr


def add(name, bucket=BUCKET, key=KEY, secret=SECRET, region=REGION, endpoint=ENDPOINT,
        prefix=PREFIX):
    rc, out, err = cli("accounts", "add", "aws", name, "--region", region, "--bucket", bucket,
                       "--prefix", prefix, "--endpoint", endpoint,
                       env={"AWS_ACCESS_KEY_ID": key, "AWS_SECRET_ACCESS_KEY": secret})
    if rc != 0:
        raise RuntimeError(f"accounts add {name} failed: {err}")


def no_secret(text):
    return not any(s in text for s in SECRETS)


def objects(bucket, client=None):
    pages = (client or s3()).get_paginator("list_objects_v2").paginate(Bucket=bucket)
    return [o["Key"] for page in pages for o in page.get("Contents", [])]


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


s3().create_bucket(Bucket=BUCKET)
s3(OTHER_KEY, OTHER_SECRET).create_bucket(Bucket=OTHER_BUCKET)
s3().put_object(Bucket=BUCKET, Key=PREFIX + "/blobs/existing", Body=b"kept")

# A good account: every step passes, exit 0, and only what was there stays.
add("good")
rc, out, err = cli("accounts", "test", "good")
check("a good account passes", rc == 0, out + err)
for step in ("Find the bucket", "List objects", "Write a test object", "Read the test object",
             "Delete the test object"):
    check(f"good: '{step}' is ok", any(line.startswith("ok") and step in line
                                       for line in out.splitlines()), out)
check("good: the summary says what works",
      "can list, write and delete objects under “team/parlance”" in out, out)
check("good: the probe was written under the prefix", f"“{PREFIX}/.parlance-test-" in out, out)
check("good: no probe object is left behind",
      objects(BUCKET) == [PREFIX + "/blobs/existing"], objects(BUCKET))
check("good: no secret in the output", no_secret(out + err))


def refused(name, expect, what, **account):
    add(name, **account)
    rc, out, err = cli("accounts", "test", name)
    check(f"{what}: exit 1", rc == 1, f"rc={rc}\n{out}{err}")
    check(f"{what}: says why", expect in err and expect in out, out + err)
    check(f"{what}: no secret in the output", no_secret(out + err))
    return out, err


out, err = refused("wrong secret", "refused the secret access key", "wrong secret",
                   secret=SECRET + "X")
check("wrong secret: later steps are skipped", "skipped  Write a test object" in out, out)
refused("unknown key", "does not know the access key ID", "unknown key",
        key="PRLUNKNOWNKEY0000000")
refused("missing", f"The bucket “{BUCKET}-missing” does not exist", "missing bucket",
        bucket=BUCKET + "-missing")
out, err = refused("intruder", "may not use the bucket", "other user's bucket",
                   bucket=OTHER_BUCKET)
check("other user's bucket: each step names its refusal",
      all(f"FAILED   {s}" in out for s in ("Find the bucket", "List objects",
                                            "Write a test object")), out)
refused("region", f"is in the region “{REGION}”, not in “eu-west-3”", "wrong region",
        region="eu-west-3")
refused("closed", "Could not connect to 127.0.0.1", "closed port",
        endpoint=f"http://127.0.0.1:{free_port()}")


class WebPage(http.server.BaseHTTPRequestHandler):
    """A web server where S3 storage should be: HTML for every request."""

    def answer(self):
        body = b"<!DOCTYPE html><html><body>Welcome</body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    do_GET = do_PUT = do_HEAD = do_DELETE = do_POST = answer

    def log_message(self, *args):
        pass


class ElsewhereS3(http.server.BaseHTTPRequestHandler):
    """Answers as AWS does for a bucket in eu-central-1: a request signed for
    another region is refused without naming the right one, except
    GetBucketLocation signed for us-east-1."""

    def do_GET(self):
        auth = self.headers.get("Authorization", "")
        if "location" in self.path and "/us-east-1/s3/" in auth:
            status, body = 200, ("<LocationConstraint xmlns=\"http://s3.amazonaws.com/doc/"
                                 "2006-03-01/\">eu-central-1</LocationConstraint>")
        else:
            status, body = 400, ("<Error><Code>AuthorizationHeaderMalformed</Code><Message>"
                                 "the region is wrong</Message></Error>")
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


elsewhere = http.server.ThreadingHTTPServer(("127.0.0.1", 0), ElsewhereS3)
threading.Thread(target=elsewhere.serve_forever, daemon=True).start()
refused("elsewhere", "is in the region “eu-central-1”, not in “eu-west-3”",
        "wrong region the server does not name", region="eu-west-3",
        endpoint=f"http://127.0.0.1:{elsewhere.server_address[1]}")
elsewhere.shutdown()

web = http.server.ThreadingHTTPServer(("127.0.0.1", 0), WebPage)
threading.Thread(target=web.serve_forever, daemon=True).start()
refused("web page", "not as S3 storage does", "endpoint that is not S3",
        endpoint=f"http://127.0.0.1:{web.server_address[1]}")
web.shutdown()

check("nothing was written to the other user's bucket",
      objects(OTHER_BUCKET, s3(OTHER_KEY, OTHER_SECRET)) == [])

# Usage and an unknown account.
rc, out, err = cli("accounts", "test")
check("no name is a usage error", rc == 2 and "accounts test NAME" in err, err)
rc, out, err = cli("accounts", "test", "nobody")
check("an unknown account fails clearly", rc == 1 and "no cloud account named" in err, err)

finish()
