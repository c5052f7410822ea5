#!/usr/bin/python3
# test-transcribe-server.py
#
# Copyright 2026 The Parlance authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Transcribe stand-in (transcribe-server.py) driven by a real client,
boto3's transcribe client: every operation Parlance uses, pagination, every
modelled error, the authentication errors, and the requests boto3 sends
compared with the shapes captured from it. If this test fails, the
Transcribe client's tests say nothing about Parlance.

Trains from the tests' S3 server (build-aux/s3-server.sh; PRL_TEST_S3_*):
exits 77 (skip) without one, unless PRL_TEST_REQUIRE_S3=1.

With parlance-cli and the bundled sample (data/sample: training and tuning
text, clinic*.wav with their reference transcripts), the stand-in trains a
real local model and the test asserts that transcription jobs with it have
a lower WER than jobs with the stock model, printing both.

Usage: test-transcribe-server.py TRANSCRIBE-SERVER.PY [PARLANCE-CLI [SAMPLE-DIR]]
"""

import datetime
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import types
import urllib.error
import urllib.request
import uuid

from s3_testlib import check, finish, require_server

require_server()

import boto3  # noqa: E402
import botocore.auth  # noqa: E402
from botocore.awsrequest import AWSRequest  # noqa: E402
from botocore.config import Config  # noqa: E402
from botocore.credentials import Credentials  # noqa: E402
from botocore.exceptions import ClientError  # noqa: E402

SERVER = sys.argv[1]
CLI = sys.argv[2] if len(sys.argv) > 2 else None
SAMPLE = sys.argv[3] if len(sys.argv) > 3 else None
REGION = "us-east-1"
ACCOUNT = "111122223333"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/TranscribeData"
TRAINING_LIMIT = 4096
TUNING_LIMIT = 1024


def new_key():
    return "AKIA" + secrets.token_hex(8).upper()


KEYS = {
    "main": (new_key(), secrets.token_urlsafe(30), None),
    "token": (new_key(), secrets.token_urlsafe(30), secrets.token_urlsafe(60)),
    "expired": (new_key(), secrets.token_urlsafe(30), secrets.token_urlsafe(60)),
    "other": (new_key(), secrets.token_urlsafe(30), None),
}

tmp = tempfile.mkdtemp(prefix="prl-transcribe-test-")
accounts_path = os.path.join(tmp, "accounts.json")
with open(os.open(accounts_path, os.O_WRONLY | os.O_CREAT, 0o600), "w") as f:
    json.dump([
        {"AccessKeyId": KEYS["main"][0], "SecretAccessKey": KEYS["main"][1],
         "AccountId": ACCOUNT},
        {"AccessKeyId": KEYS["token"][0], "SecretAccessKey": KEYS["token"][1],
         "SessionToken": KEYS["token"][2], "AccountId": ACCOUNT},
        {"AccessKeyId": KEYS["expired"][0], "SecretAccessKey": KEYS["expired"][1],
         "SessionToken": KEYS["expired"][2], "AccountId": ACCOUNT, "Expired": True},
        {"AccessKeyId": KEYS["other"][0], "SecretAccessKey": KEYS["other"][1],
         "AccountId": "444455556666"},
    ], f)

port_file = os.path.join(tmp, "port")
server_args = [sys.executable, SERVER, "--accounts", accounts_path, "--port-file",
               port_file, "--training-seconds", "1", "--training-limit",
               str(TRAINING_LIMIT), "--tuning-limit", str(TUNING_LIMIT)]
if CLI:
    server_args += ["--recognizer", CLI]
server = subprocess.Popen(server_args)
for _ in range(200):
    if os.path.exists(port_file) or server.poll() is not None:
        break
    time.sleep(0.05)
if not os.path.exists(port_file):
    print("Bail out! the stand-in did not start")
    sys.exit(1)
with open(port_file) as f:
    ENDPOINT = f"http://127.0.0.1:{f.read().strip()}"


def transcribe(which="main", validate=True, region=REGION, key=None):
    access, secret, token = KEYS[which]
    if key is not None:
        access = key
    # No retries: each refusal must be the server's first answer.
    return boto3.client(
        "transcribe", endpoint_url=ENDPOINT, region_name=region,
        aws_access_key_id=access, aws_secret_access_key=secret, aws_session_token=token,
        config=Config(parameter_validation=validate, retries={"total_max_attempts": 1}))


def error_of(call, **kwargs):
    """(code, message, status, error-type header) of a failing call, or what
    it answered instead."""
    try:
        answer = call(**kwargs)
    except ClientError as e:
        return (e.response["Error"]["Code"], e.response["Error"].get("Message", ""),
                e.response["ResponseMetadata"]["HTTPStatusCode"],
                e.response["ResponseMetadata"]["HTTPHeaders"].get("x-amzn-errortype", ""))
    return ("no error", str(answer), 200, "")


def wait_model(client, name, timeout=30):
    deadline = time.monotonic() + timeout
    while True:
        model = client.describe_language_model(ModelName=name)["LanguageModel"]
        if model["ModelStatus"] != "IN_PROGRESS" or time.monotonic() > deadline:
            return model
        time.sleep(0.2)


def wait_job(client, name, timeout=120):
    deadline = time.monotonic() + timeout
    while True:
        job = client.get_transcription_job(TranscriptionJobName=name)["TranscriptionJob"]
        if job["TranscriptionJobStatus"] in ("COMPLETED", "FAILED") \
                or time.monotonic() > deadline:
            return job
        time.sleep(0.2)


def words(text):
    """The words of a transcript as scoring compares them: lower case,
    without punctuation (Amazon's items of type punctuation)."""
    return re.findall(r"[\w']+", text.lower())


def word_errors(reference, results):
    """Substitutions, insertions and deletions between @reference and the
    pronunciation items of a transcript's results (None: all deleted)."""
    ref = words(reference)
    if results is None:
        return len(ref)
    hyp = [w for i in results["items"] if i["type"] == "pronunciation"
           for w in words(i["alternatives"][0]["content"])]
    row = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        previous, row[0] = row[0], i
        for j, h in enumerate(hyp, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1,
                                           previous + (r != h))
    return row[-1]


def standin(method, path, body=None):
    request = urllib.request.Request(ENDPOINT + path, method=method,
                                     data=json.dumps(body).encode() if body else None)
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.loads(answer.read())


def raw(target, body, content_type="application/x-amz-json-1.1", which="main"):
    """A request signed with botocore but sent by hand: the raw answer."""
    access, secret, token = KEYS[which]
    request = AWSRequest(method="POST", url=ENDPOINT + "/", data=body, headers={
        "Content-Type": content_type, "X-Amz-Target": target})
    botocore.auth.SigV4Auth(Credentials(access, secret, token), "transcribe",
                            REGION).add_auth(request)
    prepared = urllib.request.Request(ENDPOINT + "/", data=body, method="POST",
                                      headers=dict(request.headers.items()))
    try:
        with urllib.request.urlopen(prepared, timeout=30) as answer:
            return answer.status, dict(answer.headers), answer.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


s3 = boto3.client(
    "s3", endpoint_url=os.environ["PRL_TEST_S3_ENDPOINT"],
    region_name=os.environ.get("PRL_TEST_S3_REGION", REGION),
    aws_access_key_id=os.environ["PRL_TEST_S3_ACCESS_KEY"],
    aws_secret_access_key=os.environ["PRL_TEST_S3_SECRET_KEY"],
    config=Config(s3={"addressing_style": "path"}, signature_version="s3v4"))
BUCKET = f"prl-transcribe-{uuid.uuid4().hex[:12]}"
s3.create_bucket(Bucket=BUCKET)
objects = {
    "train/a.txt": "the quick brown fox jumps over the lazy dog\n".encode() * 20,
    "train/b.txt": "zoë’s café serves crème brûlée\n".encode() * 10,
    "tune.txt": b"the fox and the dog\n" * 10,
    "binary.bin": bytes(range(256)) * 4,
    "latin1.txt": "caf\xe9 cr\xe8me\n".encode("latin-1") * 10,
    "big.txt": b"word " * (TRAINING_LIMIT // 5 + 10),
    "bigtune.txt": b"tune " * (TUNING_LIMIT // 5 + 10),
}
for key, data in objects.items():
    s3.put_object(Bucket=BUCKET, Key=key, Body=data)


def config(uri=f"s3://{BUCKET}/train/", tuning=None, role=ROLE):
    out = {"S3Uri": uri, "DataAccessRoleArn": role}
    if tuning:
        out["TuningDataS3Uri"] = tuning
    return out


try:
    c = transcribe()
    # The life of a model: create, IN_PROGRESS, COMPLETED, delete.
    created = c.create_language_model(
        LanguageCode="en-US", BaseModelName="WideBand", ModelName="good.model-1",
        InputDataConfig=config(tuning=f"s3://{BUCKET}/tune.txt"),
        Tags=[{"Key": "project", "Value": "parlance"}])
    check("create answers IN_PROGRESS with the input",
          created["ModelStatus"] == "IN_PROGRESS" and created["ModelName"] == "good.model-1"
          and created["InputDataConfig"]["TuningDataS3Uri"] == f"s3://{BUCKET}/tune.txt",
          created)
    code = error_of(c.delete_language_model, ModelName="good.model-1")
    check("delete while IN_PROGRESS is a BadRequestException",
          code[0] == "BadRequestException" and code[2] == 400, code)
    code = error_of(c.create_language_model, LanguageCode="en-US",
                    BaseModelName="NarrowBand", ModelName="good.model-1",
                    InputDataConfig=config())
    check("a name in use is a ConflictException", code[0] == "ConflictException", code)
    model = wait_model(c, "good.model-1")
    check("the model trains to COMPLETED",
          model["ModelStatus"] == "COMPLETED" and "FailureReason" not in model
          and model["UpgradeAvailability"] is False and model["BaseModelName"] == "WideBand"
          and model["LastModifiedTime"] >= model["CreateTime"], model)
    status, headers, body = raw("Transcribe.DescribeLanguageModel",
                                b'{"ModelName": "good.model-1"}')
    described = json.loads(body)["LanguageModel"]
    check("timestamps are epoch-second numbers",
          status == 200 and isinstance(described["CreateTime"], float)
          and abs(described["CreateTime"] - time.time()) < 120
          and headers.get("Content-Type") == "application/x-amz-json-1.1", (status, body))
    c.delete_language_model(ModelName="good.model-1")
    code = error_of(c.describe_language_model, ModelName="good.model-1")
    check("a deleted model is a NotFoundException",
          code[0] == "NotFoundException" and code[2] == 400
          and code[3].startswith("NotFoundException:"), code)
    code = error_of(c.delete_language_model, ModelName="good.model-1")
    check("deleting a missing model is a BadRequestException",
          code[0] == "BadRequestException", code)

    # Training that fails, with the reason.
    failing = {
        "missing": (config(f"s3://{BUCKET}/nothing-here/"), "No training data"),
        "binary": (config(f"s3://{BUCKET}/binary.bin"), "not plain text in UTF-8"),
        "latin1": (config(f"s3://{BUCKET}/latin1.txt"), "not plain text in UTF-8"),
        "too-big": (config(f"s3://{BUCKET}/big.txt"), f"must not exceed {TRAINING_LIMIT}"),
        "tune-too-big": (config(tuning=f"s3://{BUCKET}/bigtune.txt"),
                         f"must not exceed {TUNING_LIMIT}"),
        "tune-binary": (config(tuning=f"s3://{BUCKET}/binary.bin"), "not plain text"),
        "no-bucket": (config("s3://no-such-bucket-prl/x.txt"), "NoSuchBucket"),
        "other-role": (config(role="arn:aws:iam::999988887777:role/Data"),
                       "couldn't assume the role"),
        "http-uri": (config("https://example.com/a.txt"), "not an Amazon S3 location"),
    }
    for name, (cfg, _) in failing.items():
        c.create_language_model(LanguageCode="en-US", BaseModelName="NarrowBand",
                                ModelName=f"fail-{name}", InputDataConfig=cfg)
    for name, (_, reason) in failing.items():
        model = wait_model(c, f"fail-{name}")
        check(f"training fails with a reason: {name}",
              model["ModelStatus"] == "FAILED" and reason in model.get("FailureReason", ""),
              model)

    # Pagination, newest first; filters.
    listed = []
    pages = []
    token = None
    while True:
        page = c.list_language_models(MaxResults=4, **({"NextToken": token} if token else {}))
        pages.append(len(page["Models"]))
        listed += [m["ModelName"] for m in page["Models"]]
        token = page.get("NextToken")
        if not token:
            break
    names = [f"fail-{n}" for n in failing]
    check("ListLanguageModels pages through every model once, newest first",
          pages == [4, 4, 1] and listed == names[::-1], (pages, listed))
    page = c.list_language_models()
    check("MaxResults defaults to 5", len(page["Models"]) == 5 and "NextToken" in page, page)
    page = c.list_language_models(MaxResults=100, NameContains="TUNE")
    check("NameContains filters, ignoring case",
          sorted(m["ModelName"] for m in page["Models"])
          == ["fail-tune-binary", "fail-tune-too-big"] and "NextToken" not in page, page)
    page = c.list_language_models(StatusEquals="COMPLETED")
    check("StatusEquals filters", page["Models"] == [], page)
    page = c.list_language_models(StatusEquals="FAILED", MaxResults=100)
    check("StatusEquals FAILED lists the failed", len(page["Models"]) == len(failing), page)
    token = c.list_language_models(MaxResults=2)["NextToken"]
    code = error_of(c.list_language_models, MaxResults=2, NameContains="fail",
                    NextToken=token)
    check("a NextToken of another listing is refused", code[0] == "BadRequestException",
          code)
    code = error_of(c.list_language_models, NextToken="garbage")
    check("a made-up NextToken is refused", code[0] == "BadRequestException", code)
    other = transcribe("other")
    check("another account sees none of them",
          other.list_language_models()["Models"] == [])

    # Every input checked against the model (boto3's own checks off).
    loose = transcribe(validate=False)
    invalid = {
        "name with a space": dict(LanguageCode="en-US", BaseModelName="WideBand",
                                  ModelName="a b", InputDataConfig=config()),
        "name too long": dict(LanguageCode="en-US", BaseModelName="WideBand",
                              ModelName="n" * 201, InputDataConfig=config()),
        "empty name": dict(LanguageCode="en-US", BaseModelName="WideBand", ModelName="",
                           InputDataConfig=config()),
        "language not an enum value": dict(LanguageCode="fr-FR", BaseModelName="WideBand",
                                           ModelName="x", InputDataConfig=config()),
        "base model not an enum value": dict(LanguageCode="en-US", BaseModelName="Huge",
                                             ModelName="x", InputDataConfig=config()),
        "malformed role ARN": dict(LanguageCode="en-US", BaseModelName="WideBand",
                                   ModelName="x", InputDataConfig=config(role="arn:aws:s3:::role/x")),
        "role ARN too short": dict(LanguageCode="en-US", BaseModelName="WideBand",
                                   ModelName="x", InputDataConfig=config(role="arn:aws")),
        "URI without a scheme": dict(LanguageCode="en-US", BaseModelName="WideBand",
                                     ModelName="x", InputDataConfig=config("bucket/key")),
        "missing InputDataConfig": dict(LanguageCode="en-US", BaseModelName="WideBand",
                                        ModelName="x"),
        "missing S3Uri": dict(LanguageCode="en-US", BaseModelName="WideBand", ModelName="x",
                              InputDataConfig={"DataAccessRoleArn": ROLE}),
        "empty tag list": dict(LanguageCode="en-US", BaseModelName="WideBand",
                               ModelName="x", InputDataConfig=config(), Tags=[]),
        "tag key too long": dict(LanguageCode="en-US", BaseModelName="WideBand",
                                 ModelName="x", InputDataConfig=config(),
                                 Tags=[{"Key": "k" * 129, "Value": "v"}]),
    }
    for what, params in invalid.items():
        code = error_of(loose.create_language_model, **params)
        check(f"CreateLanguageModel refuses: {what}",
              code[0] == "BadRequestException" and "validation error" in code[1], code)
    code = error_of(loose.create_language_model, LanguageCode="en-US",
                    BaseModelName="WideBand", ModelName="a b",
                    InputDataConfig=config(role="bad"))
    check("every broken constraint is listed", "3 validation errors" in code[1], code)
    for value in (0, 101):
        code = error_of(loose.list_language_models, MaxResults=value)
        check(f"MaxResults {value} is refused", code[0] == "BadRequestException", code)
    code = error_of(loose.list_language_models, StatusEquals="DONE")
    check("StatusEquals must be a ModelStatus", code[0] == "BadRequestException", code)
    code = error_of(loose.describe_language_model)
    check("DescribeLanguageModel needs ModelName",
          code[0] == "BadRequestException" and "must not be null" in code[1], code)
    code = error_of(loose.start_transcription_job, TranscriptionJobName="j",
                    Media={"MediaFileUri": f"s3://{BUCKET}/a.wav"}, LanguageCode="en-US",
                    MediaSampleRateHertz=4000)
    check("MediaSampleRateHertz below 8000 is refused", code[0] == "BadRequestException",
          code)
    status, headers, body = raw("Transcribe.ListLanguageModels", b'{"MaxResults": "5"}')
    check("a string for an integer is a SerializationException",
          status == 400 and json.loads(body)["__type"] == "SerializationException",
          (status, body))
    status, headers, body = raw("Transcribe.ListLanguageModels", b"{not json")
    check("a body that is not JSON is a SerializationException",
          status == 400 and json.loads(body)["__type"] == "SerializationException",
          (status, body))
    status, headers, body = raw("Transcribe.ListLanguageModels", b"{}", "application/json")
    check("a wrong Content-Type is refused", status == 400, (status, body))
    status, headers, body = raw("Transcribe.MakeCoffee", b"{}")
    check("an unknown operation is an UnknownOperationException",
          status == 400 and json.loads(body)["__type"] == "UnknownOperationException"
          and headers.get("x-amzn-ErrorType", "").startswith("UnknownOperationException:"),
          (status, headers, body))
    status, headers, body = raw("Transcribe.ListLanguageModels", b"")
    check("an empty body is an empty input", status == 200 and "Models" in json.loads(body),
          (status, body))

    # Authentication.
    code = error_of(transcribe(key="AKIANOSUCHKEY0000000").list_language_models)
    check("an unknown access key is UnrecognizedClientException 403",
          code[:1] == ("UnrecognizedClientException",) and code[2] == 403, code)
    wrong = transcribe()
    wrong._request_signer._credentials = Credentials(KEYS["main"][0], "wrong-secret")
    code = error_of(wrong.list_language_models)
    check("a wrong secret is InvalidSignatureException 403",
          code[0] == "InvalidSignatureException" and code[2] == 403
          and "does not match" in code[1], code)
    code = error_of(transcribe(region="eu-west-1").list_language_models)
    check("a credential scoped to another region is refused",
          code[0] == "InvalidSignatureException" and "region" in code[1], code)

    class Clock(datetime.datetime):
        shift = datetime.timedelta(0)

        @classmethod
        def utcnow(cls):
            return datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None) \
                + cls.shift

    real_datetime = botocore.auth.datetime
    botocore.auth.datetime = types.SimpleNamespace(datetime=Clock)
    try:
        Clock.shift = datetime.timedelta(minutes=-10)
        code = error_of(c.list_language_models)
        check("a request signed 10 minutes ago is refused",
              code[0] == "InvalidSignatureException" and "Signature expired" in code[1],
              code)
        Clock.shift = datetime.timedelta(minutes=10)
        code = error_of(c.list_language_models)
        check("a request signed 10 minutes ahead is refused",
              code[0] == "InvalidSignatureException" and "not yet current" in code[1], code)
        Clock.shift = datetime.timedelta(minutes=-4)
        code = error_of(c.list_language_models)
        check("4 minutes of skew are accepted", code[0] == "no error", code)
    finally:
        botocore.auth.datetime = real_datetime
    code = error_of(transcribe("token").list_language_models)
    check("a session token is accepted", code[0] == "no error", code)
    no_token = transcribe("token")
    no_token._request_signer._credentials = Credentials(KEYS["token"][0], KEYS["token"][1])
    code = error_of(no_token.list_language_models)
    check("temporary credentials without their token are refused",
          code[0] == "UnrecognizedClientException" and code[2] == 403, code)
    bad_token = transcribe("token")
    bad_token._request_signer._credentials = Credentials(KEYS["token"][0], KEYS["token"][1],
                                                         "not-the-token")
    code = error_of(bad_token.list_language_models)
    check("a wrong session token is refused", code[0] == "UnrecognizedClientException",
          code)
    code = error_of(transcribe("expired").list_language_models)
    check("an expired session token is ExpiredTokenException",
          code[0] == "ExpiredTokenException" and code[2] == 400, code)
    request = urllib.request.Request(ENDPOINT + "/", data=b"{}", method="POST", headers={
        "Content-Type": "application/x-amz-json-1.1",
        "X-Amz-Target": "Transcribe.ListLanguageModels"})
    try:
        urllib.request.urlopen(request, timeout=30)
        unsigned = "accepted"
    except urllib.error.HTTPError as e:
        unsigned = json.loads(e.read())["__type"]
    check("an unsigned request is refused",
          unsigned == "MissingAuthenticationTokenException", unsigned)

    # Transcription jobs.
    c.create_language_model(LanguageCode="en-US", BaseModelName="WideBand",
                            ModelName="for-jobs", InputDataConfig=config())
    code = error_of(c.start_transcription_job, TranscriptionJobName="too-early",
                    LanguageCode="en-US", Media={"MediaFileUri": f"s3://{BUCKET}/x.wav"},
                    ModelSettings={"LanguageModelName": "for-jobs"})
    check("a job with a model still training is refused",
          code[0] == "BadRequestException", code)
    check("the job's model trains", wait_model(c, "for-jobs")["ModelStatus"] == "COMPLETED")
    code = error_of(c.start_transcription_job, TranscriptionJobName="no-language",
                    Media={"MediaFileUri": f"s3://{BUCKET}/x.wav"})
    check("a job needs a LanguageCode", code[0] == "BadRequestException", code)
    started = c.start_transcription_job(
        TranscriptionJobName="missing-media", LanguageCode="en-US", MediaFormat="wav",
        Media={"MediaFileUri": f"s3://{BUCKET}/no-such.wav"},
        ModelSettings={"LanguageModelName": "for-jobs"})["TranscriptionJob"]
    check("StartTranscriptionJob answers QUEUED",
          started["TranscriptionJobStatus"] == "QUEUED"
          and started["ModelSettings"] == {"LanguageModelName": "for-jobs"}, started)
    code = error_of(c.start_transcription_job, TranscriptionJobName="missing-media",
                    LanguageCode="en-US", Media={"MediaFileUri": f"s3://{BUCKET}/x.wav"})
    check("a job name in use is a ConflictException", code[0] == "ConflictException", code)
    job = wait_job(c, "missing-media")
    check("a job whose media is missing FAILS with a reason",
          job["TranscriptionJobStatus"] == "FAILED"
          and ("could not be read" in job.get("FailureReason", "")
               or "no recognizer" in job.get("FailureReason", "")), job)
    s3.put_object(Bucket=BUCKET, Key="noise.wav", Body=b"RIFF not really a wave file")
    c.start_transcription_job(TranscriptionJobName="bad-media", LanguageCode="en-US",
                              Media={"MediaFileUri": f"s3://{BUCKET}/noise.wav"})
    job = wait_job(c, "bad-media")
    check("a job whose media is unreadable FAILS with a reason",
          job["TranscriptionJobStatus"] == "FAILED" and job.get("FailureReason"), job)
    code = error_of(c.get_transcription_job, TranscriptionJobName="nope")
    check("an unknown job is a NotFoundException", code[0] == "NotFoundException", code)
    code = error_of(c.delete_transcription_job, TranscriptionJobName="nope")
    check("deleting an unknown job is a BadRequestException",
          code[0] == "BadRequestException", code)

    speech = shutil.which("espeak-ng") is not None and CLI is not None
    if speech:
        wav = os.path.join(tmp, "speech.wav")
        subprocess.run(["espeak-ng", "-v", "en-us+f2", "-s", "140", "-w", wav,
                        "the quick brown fox jumps over the lazy dog"], check=True)
        s3.upload_file(wav, BUCKET, "media/speech.wav")
        c.start_transcription_job(
            TranscriptionJobName="speech", LanguageCode="en-US", MediaFormat="wav",
            Media={"MediaFileUri": f"s3://{BUCKET}/media/speech.wav"},
            ModelSettings={"LanguageModelName": "for-jobs"})
        c.start_transcription_job(
            TranscriptionJobName="speech-to-bucket", LanguageCode="en-US",
            Media={"MediaFileUri": f"s3://{BUCKET}/media/speech.wav"},
            OutputBucketName=BUCKET, OutputKey="out/speech.json")
        job = wait_job(c, "speech")
        local = subprocess.run([CLI, "transcribe", "--format", "json", wav],
                               capture_output=True, text=True,
                               env=dict(os.environ, XDG_DATA_HOME=tmp))
        heard = json.loads(local.stdout)[0]["text"] if local.returncode == 0 else None
        transcript = None
        if job["TranscriptionJobStatus"] == "COMPLETED":
            with urllib.request.urlopen(job["Transcript"]["TranscriptFileUri"]) as answer:
                transcript = json.loads(answer.read())
        # With the custom model, what it hears is the local version's
        # business (the sample below shows it helps); the format is checked.
        text = transcript["results"]["transcripts"][0]["transcript"] if transcript else ""
        check("a job transcribes real speech into Amazon's output format",
              transcript is not None and transcript["status"] == "COMPLETED"
              and transcript["jobName"] == "speech" and text
              and " ".join(i["alternatives"][0]["content"]
                           for i in transcript["results"]["items"]) == text
              and all(i["type"] == "pronunciation"
                      and float(i["end_time"]) >= float(i["start_time"])
                      and 0 <= float(i["alternatives"][0]["confidence"]) <= 1
                      for i in transcript["results"]["items"]), (job, transcript))
        job = wait_job(c, "speech-to-bucket")
        stored = json.loads(s3.get_object(Bucket=BUCKET, Key="out/speech.json")["Body"]
                            .read() if job["TranscriptionJobStatus"] == "COMPLETED"
                            else b"{}")
        check("OutputBucketName and OutputKey put the transcript there",
              stored.get("jobName") == "speech-to-bucket"
              and job["Transcript"]["TranscriptFileUri"].endswith(
                  f"/{BUCKET}/out/speech.json"), job)
        check("a job without ModelSettings hears what parlance-cli's stock model hears",
              heard and stored.get("results", {}).get("transcripts", [{}])[0]
              .get("transcript") == heard, (stored, heard))
    else:
        check("# SKIP real speech: espeak-ng or parlance-cli missing", True)

    seen = []
    token = None
    while True:
        page = c.list_transcription_jobs(MaxResults=1, **({"NextToken": token} if token
                                                          else {}))
        seen += [j["TranscriptionJobName"] for j in page["TranscriptionJobSummaries"]]
        token = page.get("NextToken")
        if not token:
            break
    expected = ["missing-media", "bad-media"] + (["speech", "speech-to-bucket"]
                                                 if speech else [])
    check("ListTranscriptionJobs pages through every job, newest first",
          seen == expected[::-1], seen)
    page = c.list_transcription_jobs(Status="FAILED", JobNameContains="MEDIA")
    check("ListTranscriptionJobs filters by status and name",
          page["Status"] == "FAILED"
          and sorted(j["TranscriptionJobName"] for j in page["TranscriptionJobSummaries"])
          == ["bad-media", "missing-media"], page)
    for name in expected:
        c.delete_transcription_job(TranscriptionJobName=name)
    check("DeleteTranscriptionJob deletes",
          c.list_transcription_jobs()["TranscriptionJobSummaries"] == [])

    # Real recognition: a custom model trained from the bundled sample's
    # training text beats the stock model on the sample's recordings.
    clips = sorted(os.path.splitext(n)[0] for n in os.listdir(SAMPLE)
                   if n.endswith(".wav")) if SAMPLE and os.path.isdir(SAMPLE) else []
    if CLI and clips:
        for name in ("training.txt", "tuning.txt"):
            s3.upload_file(os.path.join(SAMPLE, name), BUCKET, f"sample/text/{name}")
        for clip in clips:
            s3.upload_file(os.path.join(SAMPLE, clip + ".wav"), BUCKET,
                           f"sample/audio/{clip}.wav")
        standin("DELETE", "/_standin/counts")
        c.create_language_model(
            LanguageCode="en-US", BaseModelName="WideBand", ModelName="clinic",
            InputDataConfig=config(f"s3://{BUCKET}/sample/text/training.txt",
                                   tuning=f"s3://{BUCKET}/sample/text/tuning.txt"))
        began = time.monotonic()
        status = c.describe_language_model(ModelName="clinic")["LanguageModel"]
        check("the stand-in answers while it trains: IN_PROGRESS at once",
              status["ModelStatus"] == "IN_PROGRESS" and time.monotonic() - began < 2,
              status)
        model = wait_model(c, "clinic", timeout=90)
        check("a model trains from the sample's text to COMPLETED",
              model["ModelStatus"] == "COMPLETED", model)
        check("CreateLanguageModel counted once",
              standin("GET", "/_standin/counts").get("CreateLanguageModel") == 1,
              standin("GET", "/_standin/counts"))
        for clip in clips:
            media = {"MediaFileUri": f"s3://{BUCKET}/sample/audio/{clip}.wav"}
            c.start_transcription_job(TranscriptionJobName=f"stock-{clip}",
                                      LanguageCode="en-US", Media=media)
            c.start_transcription_job(TranscriptionJobName=f"custom-{clip}",
                                      LanguageCode="en-US", Media=media,
                                      ModelSettings={"LanguageModelName": "clinic"})
        # A model of another language is silently not applied.
        c.start_transcription_job(
            TranscriptionJobName="other-language", LanguageCode="en-GB",
            Media={"MediaFileUri": f"s3://{BUCKET}/sample/audio/{clips[0]}.wav"},
            ModelSettings={"LanguageModelName": "clinic"})
        heard = {}
        for job_name in [f"{kind}-{clip}" for clip in clips
                         for kind in ("stock", "custom")] + ["other-language"]:
            job = wait_job(c, job_name, timeout=180)
            if job["TranscriptionJobStatus"] != "COMPLETED":
                check(f"job {job_name} completes", False, job)
                continue
            with urllib.request.urlopen(job["Transcript"]["TranscriptFileUri"]) as answer:
                heard[job_name] = json.loads(answer.read())["results"]
        refs = {}
        for clip in clips:
            with open(os.path.join(SAMPLE, clip + ".txt"), encoding="utf-8") as f:
                refs[clip] = f.read()
        wer = {}
        for kind in ("stock", "custom"):
            errors = sum(word_errors(refs[clip], heard.get(f"{kind}-{clip}"))
                         for clip in clips)
            wer[kind] = 100.0 * errors / sum(len(words(refs[clip])) for clip in clips)
        print(f"# WER on the sample ({len(clips)} recordings): stock model "
              f"{wer['stock']:.1f}%, custom language model {wer['custom']:.1f}%")
        check("the custom language model's WER is lower than the stock model's",
              len(heard) == 2 * len(clips) + 1 and wer["custom"] < wer["stock"],
              (wer, heard))
        check("a model of another language is not applied: the stock model hears it",
              heard.get("other-language") is not None
              and heard["other-language"] == heard.get(f"stock-{clips[0]}"),
              (heard.get("other-language"), heard.get(f"stock-{clips[0]}")))
        for name in heard:
            c.delete_transcription_job(TranscriptionJobName=name)

        # A language the local engine cannot train fails with its words.
        c.create_language_model(
            LanguageCode="de-DE", BaseModelName="WideBand", ModelName="german",
            InputDataConfig=config(f"s3://{BUCKET}/sample/text/training.txt"))
        model = wait_model(c, "german", timeout=60)
        check("a local training that fails is FAILED with parlance-cli's reason",
              model["ModelStatus"] == "FAILED"
              and "cannot train" in model.get("FailureReason", "")
              and "de-DE" in model.get("FailureReason", ""), model)

        # Deleted "remotely": while it trains, and once it is COMPLETED.
        c.create_language_model(
            LanguageCode="en-US", BaseModelName="WideBand", ModelName="vanishing",
            InputDataConfig=config(f"s3://{BUCKET}/sample/text/training.txt"))
        check("the delete-model hook deletes a model in training",
              standin("POST", "/_standin/delete-model",
                      {"ModelName": "vanishing"}) == {"deleted": 1})
        time.sleep(1.5)
        code = error_of(c.describe_language_model, ModelName="vanishing")
        check("a model deleted remotely while IN_PROGRESS is NotFound, also later",
              code[0] == "NotFoundException"
              and "vanishing" not in [m["ModelName"] for m in
                                      c.list_language_models(MaxResults=100)["Models"]],
              code)
        standin("POST", "/_standin/delete-model", {"ModelName": "clinic",
                                                  "AccountId": ACCOUNT})
        first_clip = {"MediaFileUri": f"s3://{BUCKET}/sample/audio/{clips[0]}.wav"}
        code = error_of(c.start_transcription_job, TranscriptionJobName="gone-model",
                        LanguageCode="en-US", Media=first_clip,
                        ModelSettings={"LanguageModelName": "clinic"})
        check("a model deleted remotely cannot be used",
              code[0] == "BadRequestException", code)
    else:
        check("# SKIP recognition on the sample: parlance-cli or the sample's audio "
              "(espeak-ng) missing", True)

    # Fault hooks: a failing training, a throttling storm, request counts.
    standin("POST", "/_standin/fail-training",
            {"FailureReason": "Internal failure: the stand-in was told so."})
    c.create_language_model(LanguageCode="en-US", BaseModelName="WideBand",
                            ModelName="told-to-fail", InputDataConfig=config())
    c.create_language_model(LanguageCode="en-US", BaseModelName="WideBand",
                            ModelName="after-the-failure", InputDataConfig=config())
    model = wait_model(c, "told-to-fail")
    check("the fail-training hook fails the next training with its reason",
          model["ModelStatus"] == "FAILED"
          and model["FailureReason"] == "Internal failure: the stand-in was told so.",
          model)
    check("the fail-training hook fails only the next training",
          wait_model(c, "after-the-failure")["ModelStatus"] == "COMPLETED")
    standin("DELETE", "/_standin/counts")
    standin("POST", "/_standin/next", {"fault": "throttle", "count": 3,
                                       "operation": "DescribeLanguageModel"})
    standin("POST", "/_standin/next", {"fault": "limit", "count": 2,
                                       "operation": "GetTranscriptionJob"})
    answers = [error_of(c.describe_language_model, ModelName="after-the-failure")[0]
               for _ in range(4)]
    listed = error_of(c.list_language_models)[0]
    limited = [error_of(c.get_transcription_job, TranscriptionJobName="nope")[0]
               for _ in range(3)]
    check("a throttling storm hits only its operation, N times",
          answers == ["ThrottlingException"] * 3 + ["no error"] and listed == "no error"
          and limited == ["LimitExceededException"] * 2 + ["NotFoundException"],
          (answers, listed, limited))
    counts = standin("GET", "/_standin/counts")
    check("requests are counted per operation, refused ones too",
          counts == {"DescribeLanguageModel": 4, "ListLanguageModels": 1,
                     "GetTranscriptionJob": 3}, counts)

    # Faults the tests inject.
    standin("POST", "/_standin/next", {"fault": "throttle", "count": 1})
    code = error_of(c.list_language_models)
    check("an injected throttle is a ThrottlingException",
          code[0] == "ThrottlingException", code)
    standin("POST", "/_standin/next", {"fault": "limit", "count": 1})
    code = error_of(c.list_language_models)
    check("an injected limit is a LimitExceededException with its header",
          code[0] == "LimitExceededException" and code[2] == 400
          and code[3].startswith("LimitExceededException:"), code)
    standin("POST", "/_standin/next", {"fault": "internal", "count": 1})
    code = error_of(c.list_language_models)
    check("an injected fault is InternalFailureException 500",
          code[0] == "InternalFailureException" and code[2] == 500, code)
    check("the injected faults are used up",
          error_of(c.list_language_models)[0] == "no error")

    # What boto3 sends, against the shapes captured from it.
    captured = [
        ("CreateLanguageModel", dict(LanguageCode="en-US", BaseModelName="NarrowBand",
                                     ModelName="shape", InputDataConfig=config(
                                         tuning=f"s3://{BUCKET}/tune.txt")),
         '{"LanguageCode": "en-US", "BaseModelName": "NarrowBand", "ModelName": "shape", '
         f'"InputDataConfig": {{"S3Uri": "s3://{BUCKET}/train/", '
         f'"DataAccessRoleArn": "{ROLE}", "TuningDataS3Uri": "s3://{BUCKET}/tune.txt"}}}}'),
        ("DescribeLanguageModel", dict(ModelName="shape"), '{"ModelName": "shape"}'),
        ("ListLanguageModels", dict(StatusEquals="FAILED", NameContains="fail",
                                    MaxResults=3),
         '{"StatusEquals": "FAILED", "NameContains": "fail", "MaxResults": 3}'),
        ("ListLanguageModels", dict(), "{}"),
        ("StartTranscriptionJob", dict(
            TranscriptionJobName="shape-job", LanguageCode="en-US", MediaFormat="wav",
            Media={"MediaFileUri": f"s3://{BUCKET}/x.wav"},
            ModelSettings={"LanguageModelName": "for-jobs"}),
         '{"TranscriptionJobName": "shape-job", "LanguageCode": "en-US", '
         f'"MediaFormat": "wav", "Media": {{"MediaFileUri": "s3://{BUCKET}/x.wav"}}, '
         '"ModelSettings": {"LanguageModelName": "for-jobs"}}'),
        ("GetTranscriptionJob", dict(TranscriptionJobName="shape-job"),
         '{"TranscriptionJobName": "shape-job"}'),
        ("ListTranscriptionJobs", dict(Status="COMPLETED", MaxResults=2),
         '{"Status": "COMPLETED", "MaxResults": 2}'),
        ("DeleteLanguageModel", dict(ModelName="fail-missing"),
         '{"ModelName": "fail-missing"}'),
    ]
    standin("DELETE", "/_standin/requests")
    for operation, params, _ in captured:
        name = "".join("_" + ch.lower() if ch.isupper() else ch for ch in operation)[1:]
        getattr(c, name)(**params)
    sent = standin("GET", "/_standin/requests")
    for (operation, _, body), request in zip(captured, sent):
        headers = {k.lower(): v for k, v in request["headers"]}
        auth = headers.get("authorization", "")
        check(f"boto3's {operation} has the captured shape",
              request["method"] == "POST" and request["path"] == "/"
              and headers.get("content-type") == "application/x-amz-json-1.1"
              and headers.get("x-amz-target") == f"Transcribe.{operation}"
              and auth.startswith(f"AWS4-HMAC-SHA256 Credential={KEYS['main'][0]}/")
              and f"/{REGION}/transcribe/aws4_request, " in auth
              and "SignedHeaders=content-type;host;x-amz-date;x-amz-target, " in auth
              and "x-amz-content-sha256" not in headers
              and request["body"] == body, (request, body))
    check("every captured request was seen", len(sent) == len(captured), sent)

    # The stand-in stops its children when it ends.
    if CLI and clips:
        c.start_transcription_job(
            TranscriptionJobName="cut-short", LanguageCode="en-US",
            Media={"MediaFileUri": f"s3://{BUCKET}/sample/audio/{clips[0]}.wav"})
        deadline = time.monotonic() + 60
        children = standin("GET", "/_standin/children")
        while not children["pids"] and time.monotonic() < deadline:
            time.sleep(0.05)
            children = standin("GET", "/_standin/children")
        server.terminate()
        server.wait(timeout=30)

        def alive(pid):
            try:
                with open(f"/proc/{pid}/stat") as f:
                    return f.read().rsplit(")", 1)[1].split()[0] != "Z"
            except FileNotFoundError:
                return False
        # A loaded machine takes a moment to reap the killed recognizer;
        # what must hold is that it goes, without anyone else's help.
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and (
                any(alive(p) for p in children["pids"]) or os.path.exists(children["root"])):
            time.sleep(0.1)
        check("the stand-in kills its recognizers and removes its files when it ends",
              children["pids"] and not any(alive(p) for p in children["pids"])
              and not os.path.exists(children["root"]), children)
finally:
    server.terminate()
    server.wait()
    try:
        for item in s3.list_objects_v2(Bucket=BUCKET).get("Contents", []):
            s3.delete_object(Bucket=BUCKET, Key=item["Key"])
        s3.delete_bucket(Bucket=BUCKET)
    except ClientError:
        pass
    shutil.rmtree(tmp, ignore_errors=True)

finish()
