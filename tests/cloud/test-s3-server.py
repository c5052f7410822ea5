#!/usr/bin/python3
# test-s3-server.py
#
# Copyright 2026 The Parlance authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""The S3 server the cloud tests run against (build-aux/s3-server.sh),
driven by a real client, boto3: it stores and returns objects, follows S3's
multipart rules, and refuses what AWS refuses with AWS's error codes. If
this test fails, the cloud tests' failures say nothing about Parlance.

Reads PRL_TEST_S3_* from the environment (build-aux/test.sh sets them).
Exits 0 on success, 1 on failure and 77 (skip) when no server was started,
unless PRL_TEST_REQUIRE_S3=1 (CI), where a missing server is a failure."""

import datetime
import hashlib
import os
import types
import uuid

from s3_testlib import check, finish, no_server, require_server

require_server()

try:
    import boto3
    import botocore.auth
    from botocore.config import Config
    from botocore.exceptions import ClientError
except ImportError as e:
    no_server(f"boto3 is missing ({e}); build-aux/install-deps.sh --tests installs it")

ENDPOINT = os.environ["PRL_TEST_S3_ENDPOINT"]
REGION = os.environ.get("PRL_TEST_S3_REGION", "us-east-1")
ACCESS_KEY = os.environ["PRL_TEST_S3_ACCESS_KEY"]
SECRET_KEY = os.environ["PRL_TEST_S3_SECRET_KEY"]
OTHER_ACCESS_KEY = os.environ["PRL_TEST_S3_OTHER_ACCESS_KEY"]
OTHER_SECRET_KEY = os.environ["PRL_TEST_S3_OTHER_SECRET_KEY"]
MIB = 1024 * 1024


def client(access_key=ACCESS_KEY, secret_key=SECRET_KEY):
    # Path-style addressing, as 127.0.0.1 has no bucket subdomains; no
    # retries, so that each refusal is the server's first answer.
    return boto3.client(
        "s3", endpoint_url=ENDPOINT, region_name=REGION,
        aws_access_key_id=access_key, aws_secret_access_key=secret_key,
        config=Config(s3={"addressing_style": "path"}, signature_version="s3v4",
                      connect_timeout=5, read_timeout=60,
                      retries={"total_max_attempts": 1}))


def error_code(call, *args, **kwargs):
    """The S3 error code a call fails with, or a description of what it did instead."""
    try:
        call(*args, **kwargs)
    except ClientError as e:
        return e.response.get("Error", {}).get("Code")
    except Exception as e:  # a dropped connection is a result too
        return f"{type(e).__name__}: {e}"
    return "no error"


def quoted_md5(data):
    return '"' + hashlib.md5(data).hexdigest() + '"'


class SkewedDatetime(datetime.datetime):
    """What botocore's signer reads as now: one hour behind."""

    @classmethod
    def utcnow(cls):
        return datetime.datetime.utcnow() - datetime.timedelta(hours=1)


def open_uploads(s3, bucket):
    return s3.list_multipart_uploads(Bucket=bucket).get("Uploads", [])


def main():
    s3 = client()
    bucket = "prl-test-" + uuid.uuid4().hex[:12]

    try:
        s3.create_bucket(Bucket=bucket)
        names = [b["Name"] for b in s3.list_buckets()["Buckets"]]
        check("a bucket is created and listed", bucket in names, names)
    except Exception as e:
        check("a bucket is created and listed", False, f"{ENDPOINT}: {e}")
        return

    location = s3.get_bucket_location(Bucket=bucket).get("LocationConstraint")
    check("GetBucketLocation answers PRL_TEST_S3_REGION", location == REGION, location)
    elsewhere = "eu-west-1" if REGION != "eu-west-1" else "us-west-2"
    check("a bucket in another region is InvalidLocationConstraint",
          error_code(s3.create_bucket, Bucket=bucket + "-elsewhere",
                     CreateBucketConfiguration={"LocationConstraint": elsewhere})
          == "InvalidLocationConstraint")

    # Put and get, with a key that needs encoding in the path.
    key = "dir/a b+ü.bin"
    body = os.urandom(100_000)
    put = s3.put_object(Bucket=bucket, Key=key, Body=body)
    check("PutObject answers the MD5 ETag", put["ETag"] == quoted_md5(body), put["ETag"])
    got = s3.get_object(Bucket=bucket, Key=key)
    check("GetObject returns the bytes put", got["Body"].read() == body)
    listed = s3.list_objects_v2(Bucket=bucket, Prefix="dir/")
    check("ListObjectsV2 lists the key decoded",
          [o["Key"] for o in listed.get("Contents", [])] == [key], listed.get("Contents"))
    check("GetObject of a missing key is NoSuchKey",
          error_code(s3.get_object, Bucket=bucket, Key="missing") == "NoSuchKey")

    # Multipart: 5 MiB, 5 MiB and a short last part.
    parts_data = [os.urandom(5 * MIB), os.urandom(5 * MIB), os.urandom(1000)]
    mkey = "multi/three-parts"
    upload = s3.create_multipart_upload(Bucket=bucket, Key=mkey)["UploadId"]
    parts = []
    for n, data in enumerate(parts_data, 1):
        etag = s3.upload_part(Bucket=bucket, Key=mkey, UploadId=upload,
                              PartNumber=n, Body=data)["ETag"]
        parts.append({"ETag": etag, "PartNumber": n})
    check("each part's ETag is its MD5",
          [p["ETag"] for p in parts] == [quoted_md5(d) for d in parts_data], parts)
    listed_parts = s3.list_parts(Bucket=bucket, Key=mkey, UploadId=upload).get("Parts", [])
    check("ListParts shows the three parts and their sizes",
          [(p["PartNumber"], p["Size"]) for p in listed_parts]
          == [(n, len(d)) for n, d in enumerate(parts_data, 1)], listed_parts)
    done = s3.complete_multipart_upload(Bucket=bucket, Key=mkey, UploadId=upload,
                                        MultipartUpload={"Parts": parts})
    digests = b"".join(hashlib.md5(d).digest() for d in parts_data)
    expected = '"' + hashlib.md5(digests).hexdigest() + '-3"'
    got = s3.get_object(Bucket=bucket, Key=mkey)
    check("the multipart ETag is md5(part md5s)-3", got["ETag"] == expected,
          f"{got['ETag']} != {expected}")
    # RGW 16.2 leaves <ETag> in CompleteMultipartUploadResult empty; a
    # client must not take that for a mismatch, and HeadObject has it.
    check("CompleteMultipartUpload answers that ETag or none",
          done["ETag"] in (expected, ""), done["ETag"])
    head = s3.head_object(Bucket=bucket, Key=mkey)
    check("HeadObject answers that ETag", head["ETag"] == expected, head["ETag"])
    check("the assembled object is the parts in order",
          got["ContentLength"] == sum(map(len, parts_data))
          and got["Body"].read() == b"".join(parts_data))

    # A part other than the last below 5 MiB is refused on completion.
    skey = "multi/too-small"
    small = s3.create_multipart_upload(Bucket=bucket, Key=skey)["UploadId"]
    small_parts = []
    for n, data in enumerate([os.urandom(MIB), os.urandom(1000)], 1):
        etag = s3.upload_part(Bucket=bucket, Key=skey, UploadId=small,
                              PartNumber=n, Body=data)["ETag"]
        small_parts.append({"ETag": etag, "PartNumber": n})
    check("a 1 MiB first part is EntityTooSmall",
          error_code(s3.complete_multipart_upload, Bucket=bucket, Key=skey,
                     UploadId=small, MultipartUpload={"Parts": small_parts})
          == "EntityTooSmall")
    check("and no object is created",
          error_code(s3.head_object, Bucket=bucket, Key=skey) == "404")

    # Abort leaves no upload open.
    akey = "multi/aborted"
    aborted = s3.create_multipart_upload(Bucket=bucket, Key=akey)["UploadId"]
    s3.upload_part(Bucket=bucket, Key=akey, UploadId=aborted, PartNumber=1,
                   Body=os.urandom(5 * MIB))
    ids = [u["UploadId"] for u in open_uploads(s3, bucket)]
    check("ListMultipartUploads shows the open uploads",
          aborted in ids and small in ids, ids)
    s3.abort_multipart_upload(Bucket=bucket, Key=akey, UploadId=aborted)
    s3.abort_multipart_upload(Bucket=bucket, Key=skey, UploadId=small)
    left = open_uploads(s3, bucket)
    check("after AbortMultipartUpload no upload is open", left == [], left)
    check("a part for an aborted upload is refused",
          error_code(s3.upload_part, Bucket=bucket, Key=akey, UploadId=aborted,
                     PartNumber=2, Body=b"x") == "NoSuchUpload")

    # Credentials the server must refuse.
    wrong = client(secret_key=SECRET_KEY[:-1] + ("B" if SECRET_KEY.endswith("A") else "A"))
    check("a wrong secret is SignatureDoesNotMatch",
          error_code(wrong.get_object, Bucket=bucket, Key=key) == "SignatureDoesNotMatch")
    unknown = client(access_key="PRLUNKNOWN" + uuid.uuid4().hex[:10].upper())
    check("an unknown access key is InvalidAccessKeyId",
          error_code(unknown.list_objects_v2, Bucket=bucket) == "InvalidAccessKeyId")

    other = client(OTHER_ACCESS_KEY, OTHER_SECRET_KEY)
    check("the second user's own credentials work",
          error_code(other.list_buckets) == "no error")
    check("the second user may not read the first user's objects",
          error_code(other.get_object, Bucket=bucket, Key=key) == "AccessDenied")
    check("nor list them",
          error_code(other.list_objects_v2, Bucket=bucket) == "AccessDenied")
    check("nor write into the bucket",
          error_code(other.put_object, Bucket=bucket, Key="intruder", Body=b"x")
          == "AccessDenied")

    # A request signed an hour ago (more than the 15 minutes S3 allows).
    real_datetime = botocore.auth.datetime
    botocore.auth.datetime = types.SimpleNamespace(datetime=SkewedDatetime)
    try:
        skewed = error_code(s3.list_objects_v2, Bucket=bucket)
    finally:
        botocore.auth.datetime = real_datetime
    check("a clock an hour off is RequestTimeTooSkewed",
          skewed == "RequestTimeTooSkewed", skewed)
    check("and the right clock works again",
          error_code(s3.list_objects_v2, Bucket=bucket) == "no error")

    # Leave the shared server as we found it.
    keys = [{"Key": o["Key"]} for o in
            s3.list_objects_v2(Bucket=bucket).get("Contents", [])]
    if keys:
        s3.delete_objects(Bucket=bucket, Delete={"Objects": keys})
    s3.delete_bucket(Bucket=bucket)
    names = [b["Name"] for b in s3.list_buckets()["Buckets"]]
    check("the bucket is deleted", bucket not in names, names)


try:
    main()
except Exception as e:
    check("the S3 server answers every call", False, f"{ENDPOINT}: {type(e).__name__}: {e}")

finish()
