#!/usr/bin/python3
# transcribe-server.py
#
# Copyright 2026 The Parlance authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""A stand-in for Amazon Transcribe on 127.0.0.1, for the tests: no real
Transcribe server can run offline. It follows the published API (awsJson1_1,
botocore's service model transcribe/2017-10-26) for the operations Parlance
uses:

  CreateLanguageModel DescribeLanguageModel ListLanguageModels DeleteLanguageModel
  StartTranscriptionJob GetTranscriptionJob ListTranscriptionJobs DeleteTranscriptionJob

What it does, exactly:

* Every request is POST / with Content-Type application/x-amz-json-1.1 and
  X-Amz-Target Transcribe.<Operation>; others are refused as AWS does
  (UnknownOperationException, SerializationException).
* SigV4 is verified independently with botocore's signer (Debian's
  python3-botocore): the credential scope (date, region, service
  "transcribe"), the signed headers (host and x-amz-date must be among them),
  the payload hash and the signature. Unknown access key ->
  UnrecognizedClientException 403; wrong secret -> InvalidSignatureException
  403; a date more than 5 minutes away from the server's clock ->
  InvalidSignatureException 403 ("Signature expired" / "not yet current");
  a session token that is missing or wrong -> UnrecognizedClientException
  403, an expired one -> ExpiredTokenException 400.
* Inputs are validated against botocore's own service model (required
  members, types, string lengths, patterns, integer ranges, list lengths,
  enums), errors as "1 validation error detected: ..." in a
  BadRequestException. Patterns are applied to the whole value (as
  AWS's Java validators do with matches()), so "a b" is not a model name.
* Errors: HTTP 400 (500 for InternalFailureException) with the body
  {"__type": "<Code>", "Message": "..."} and the header
  x-amzn-ErrorType: <Code>:http://internal.amazon.com/coral/com.amazonaws.transcribe/.
* Timestamps are epoch seconds with a fraction (JSON numbers).
* Language models: CreateLanguageModel answers IN_PROGRESS at once; a
  thread reads the training data (every object under InputDataConfig.S3Uri,
  a key or a prefix) and the tuning data from the S3 server the tests run
  (Ceph RGW, build-aux/s3-server.sh; its account from --s3-env or the
  PRL_TEST_S3_* variables) with boto3, and after --training-seconds the
  model becomes COMPLETED, or FAILED with a FailureReason when the data is
  missing, unreadable, not UTF-8 text (or holds NUL bytes), larger than
  the documented limits (2 GB training, 200 MB tuning; --training-limit and
  --tuning-limit lower them for tests), when the role's account is not the
  caller's (Transcribe could not assume it), or when an S3Uri is not an
  s3:// URI. A malformed DataAccessRoleArn fails the model's pattern and is
  refused at once with BadRequestException, as the service does.
  With --recognizer PARLANCE-CLI the data that passed these checks trains a
  real model: in a private workspace under the stand-in's temporary folder
  it runs `parlance-cli --workspace DIR models create` (LanguageCode,
  BaseModelName), `datasets add` of the training text (every object, one
  after the other) and of the tuning text, and `train --wait`, in a
  background thread (DescribeLanguageModel answers IN_PROGRESS meanwhile).
  The model is COMPLETED when that training ends, not before
  --training-seconds; FAILED with parlance-cli's own message when a step
  fails (the local engine trains en-US only, so other languages fail).
  Without --recognizer nothing is trained and the checks decide alone.
  DeleteLanguageModel refuses a model still IN_PROGRESS (BadRequestException)
  and removes the local version. UpgradeAvailability is false until a test
  sets it (/_standin/set-model), as when Amazon releases a newer base.
* Transcription jobs: the stand-in cannot run Amazon's recognizer. A job is
  QUEUED (also while --max-running-jobs recognizers, default one per core,
  are busy), then IN_PROGRESS while the stand-in downloads
  Media.MediaFileUri from S3. With --recognizer PARLANCE-CLI it runs
  `parlance-cli transcribe --format json FILE` (Parlance's own offline
  recognizer, PocketSphinx), with the local version of the custom language
  model named in ModelSettings (`--workspace DIR transcribe --model`) or
  the stock model without one. StartTranscriptionJob refuses a model that
  does not exist or is not COMPLETED (BadRequestException); a model whose
  LanguageCode differs from the job's is silently not applied, as Amazon
  does. It writes the words heard as a transcript JSON in Amazon's output
  format ({"jobName", "accountId", "status", "results": {"transcripts",
  "items": [{"start_time", "end_time", "alternatives": [{"confidence",
  "content"}], "type": "pronunciation"}]}}; the local engine hears no
  punctuation, so there are no punctuation items); without --recognizer,
  or when the media cannot be read or decoded, the job FAILS with a
  FailureReason that says so. The transcript goes to
  OutputBucketName/OutputKey on the S3 server when given, otherwise it is
  served by the stand-in itself at /_transcripts/ACCOUNT/JOB.json (Amazon
  serves a pre-signed URL to its own bucket). Never a made-up transcript.
  With --max-concurrent-jobs N, StartTranscriptionJob answers
  LimitExceededException (with the message of Transcribe's API reference)
  while the account has N jobs QUEUED or IN_PROGRESS, as the service does
  beyond an account's quota of concurrent jobs.
* Lists are newest first; NextToken is opaque, MaxResults 1-100 (default 5);
  --page-cap N makes every page at most N long whatever MaxResults asks
  (the service may return fewer than asked), so that tests see pages.
* State lives in memory only and is lost when the stand-in stops. Its
  children (parlance-cli) are killed and its private workspaces removed
  when it ends: on SIGTERM or SIGINT, when --exit-with-parent sees the
  parent gone, and by the kernel (PR_SET_PDEATHSIG) when it is killed.

Test hooks (not part of AWS's API; outside POST / so they cannot be
mistaken for it):
* GET /_standin/requests returns every API request received (method, path,
  headers, body); DELETE /_standin/requests clears them and the counts.
* GET /_standin/counts: {"Operation": N} for every API request received,
  refused and faulted ones too (so a test can assert that
  CreateLanguageModel was sent once); DELETE /_standin/counts resets them.
* POST /_standin/next with {"fault": "html"|"truncate"|"throttle"|"limit"|
  "internal", "count": N, "delay": SECONDS, "status": N (html only, default
  200), "operation": NAME (optional)} makes the next N API requests (of
  that operation only, when given) fail that way (or wait first): "count"
  makes a throttling storm (ThrottlingException or LimitExceededException).
* POST /_standin/fail-training with {"FailureReason": TEXT, "count": N}
  makes the next N CreateLanguageModel trainings end FAILED with exactly
  that reason (after --training-seconds, whatever the data).
* POST /_standin/delete-model with {"ModelName": NAME, "AccountId": ID
  (optional)} deletes the model as if someone did elsewhere, whatever its
  status (a training is stopped): NotFoundException afterwards. 404 when
  there is no such model.
* POST /_standin/set-model with {"ModelName": NAME, "AccountId": ID
  (optional), "UpgradeAvailability": BOOL} changes what Describe and List
  say of an existing model (a newer base released). 404 without it.
* POST /_standin/add-model with {"AccountId": ID, "ModelName",
  "LanguageCode", "BaseModelName", "ModelStatus" (default COMPLETED),
  "S3Uri", "TuningDataS3Uri" (optional), "DataAccessRoleArn",
  "UpgradeAvailability" (default false), "FailureReason" (FAILED only),
  "CreateTime" (optional, Unix seconds)} adds a model as if it had been
  created elsewhere (the console, another tool), without training it.
  409 when the name is taken, 400 when a member is missing.
* GET /_standin/children: {"root": the private folder, "pids": [the
  parlance-cli processes running now]}.
* POST /_standin/bad-transcripts with {"count": N} makes the next N
  transcripts written to the output bucket truncated in the middle (what
  a reader must refuse as malformed JSON).
* GET /_standin/started: {"JobName": N} for every StartTranscriptionJob
  accepted (refused ones not counted), and "_peak": the most jobs that
  were QUEUED or IN_PROGRESS at once; so a test can assert that no job
  was started twice and how many ran together. DELETE /_standin/counts
  resets them too.

Accounts come from --accounts FILE, a JSON list of {"AccessKeyId",
"SecretAccessKey", "AccountId", "SessionToken" (optional), "Expired"
(optional)}; the file holds test keys generated at run time.

Usage: transcribe-server.py --accounts FILE [--port N] [--port-file FILE]
         [--region us-east-1] [--training-seconds S] [--s3-env FILE]
         [--recognizer PARLANCE-CLI] [--max-running-jobs N] [--max-concurrent-jobs N]
         [--training-limit BYTES] [--tuning-limit BYTES] [--exit-with-parent]
         [--page-cap N]
Prints "transcribe-server: listening on http://127.0.0.1:PORT" once ready.
"""

import argparse
import base64
import codecs
import ctypes
import datetime
import hashlib
import http.server
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

try:
    import botocore.auth
    import botocore.loaders
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials
except ImportError:
    sys.exit("transcribe-server: needs Debian's python3-botocore "
             "(build-aux/install-deps.sh --tests) and /usr/bin/python3")

SERVICE = "transcribe"
TARGET_PREFIX = "Transcribe."
CONTENT_TYPE = "application/x-amz-json-1.1"
ERROR_URL = "http://internal.amazon.com/coral/com.amazonaws.transcribe/"
MAX_SKEW = 5 * 60
OPERATIONS = (
    "CreateLanguageModel", "DescribeLanguageModel", "ListLanguageModels",
    "DeleteLanguageModel", "StartTranscriptionJob", "GetTranscriptionJob",
    "ListTranscriptionJobs", "DeleteTranscriptionJob",
)
MODEL = botocore.loaders.Loader().load_service_model(SERVICE, "service-2", "2017-10-26")
SHAPES = MODEL["shapes"]


class ApiError(Exception):
    def __init__(self, code, message, status=400):
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status


def bad_request(message):
    return ApiError("BadRequestException", message)


# ---------------------------------------------------------------- validation

def lower_first(name):
    return name[:1].lower() + name[1:]


def validate(shape_name, value, path, problems):
    """Appends one message per constraint @value breaks, in AWS's words."""
    shape = SHAPES[shape_name]
    kind = shape["type"]
    where = f"'{path}'" if path else "input"

    def constraint(text):
        shown = value if not isinstance(value, (dict, list)) else "..."
        problems.append(f"Value '{shown}' at {where} failed to satisfy constraint: "
                        f"Member must {text}")

    if kind == "structure":
        if not isinstance(value, dict):
            raise ApiError("SerializationException",
                           f"Expected an object at {where}")
        for name in shape.get("required", []):
            if value.get(name) is None:
                problems.append(f"Value null at '{(path + '.') if path else ''}"
                                f"{lower_first(name)}' failed to satisfy constraint: "
                                "Member must not be null")
        for name, member in value.items():
            if member is None:
                continue
            if name not in shape["members"]:
                # AWS's JSON services ignore members they do not know.
                continue
            validate(shape["members"][name]["shape"], member,
                     (path + "." if path else "") + lower_first(name), problems)
        return
    if kind == "list":
        if not isinstance(value, list):
            raise ApiError("SerializationException", f"Expected a list at {where}")
        if "min" in shape and len(value) < shape["min"]:
            constraint(f"have length greater than or equal to {shape['min']}")
        if "max" in shape and len(value) > shape["max"]:
            constraint(f"have length less than or equal to {shape['max']}")
        for i, item in enumerate(value):
            validate(shape["member"]["shape"], item, f"{path}.{i + 1}.member", problems)
        return
    if kind == "map":
        if not isinstance(value, dict):
            raise ApiError("SerializationException", f"Expected a map at {where}")
        for k, v in value.items():
            validate(shape["key"]["shape"], k, f"{path}.key", problems)
            validate(shape["value"]["shape"], v, f"{path}.value", problems)
        return
    if kind == "string":
        if not isinstance(value, str):
            raise ApiError("SerializationException",
                           f"Expected a string at {where}, got {type(value).__name__}")
        if "min" in shape and len(value) < shape["min"]:
            constraint(f"have length greater than or equal to {shape['min']}")
        if "max" in shape and len(value) > shape["max"]:
            constraint(f"have length less than or equal to {shape['max']}")
        if "enum" in shape and value not in shape["enum"]:
            constraint(f"satisfy enum value set: [{', '.join(shape['enum'])}]")
        if "pattern" in shape and re.fullmatch(shape["pattern"], value) is None:
            constraint(f"satisfy regular expression pattern: {shape['pattern']}")
        return
    if kind in ("integer", "long"):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ApiError("SerializationException",
                           f"Expected an integer at {where}")
        if "min" in shape and value < shape["min"]:
            constraint(f"have value greater than or equal to {shape['min']}")
        if "max" in shape and value > shape["max"]:
            constraint(f"have value less than or equal to {shape['max']}")
        return
    if kind == "boolean":
        if not isinstance(value, bool):
            raise ApiError("SerializationException", f"Expected a boolean at {where}")
        return
    if kind in ("float", "double"):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ApiError("SerializationException", f"Expected a number at {where}")
        return
    if kind == "timestamp":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ApiError("SerializationException", f"Expected a timestamp at {where}")
        return
    raise ApiError("SerializationException", f"Cannot read a {kind} at {where}")


def validate_input(operation, body):
    problems = []
    validate(MODEL["operations"][operation]["input"]["shape"], body, "", problems)
    if problems:
        count = len(problems)
        raise bad_request(f"{count} validation error{'s' if count > 1 else ''} detected: "
                          + "; ".join(problems))


# --------------------------------------------------------------------- SigV4

class Accounts:
    def __init__(self, path):
        with open(path, encoding="utf-8") as f:
            entries = json.load(f)
        self.by_key = {e["AccessKeyId"]: e for e in entries}


def parse_authorization(value):
    if not value.startswith("AWS4-HMAC-SHA256 "):
        raise ApiError("IncompleteSignatureException",
                       "Authorization header requires the AWS4-HMAC-SHA256 algorithm")
    fields = {}
    for part in value[len("AWS4-HMAC-SHA256 "):].split(","):
        name, _, val = part.strip().partition("=")
        fields[name] = val
    for name in ("Credential", "SignedHeaders", "Signature"):
        if not fields.get(name):
            raise ApiError("IncompleteSignatureException",
                           f"Authorization header requires '{name}' parameter. "
                           f"Authorization={value[:40]}...")
    scope = fields["Credential"].split("/")
    if len(scope) != 5:
        raise ApiError("IncompleteSignatureException",
                       "Authorization header requires a Credential of the form "
                       "KEY/DATE/REGION/SERVICE/aws4_request")
    return scope, fields["SignedHeaders"].split(";"), fields["Signature"]


def verify_signature(handler, body, accounts, region, now):
    """The caller's account, after checking the request's SigV4 signature
    with botocore's signer."""
    authorization = handler.headers.get("Authorization")
    if authorization is None:
        raise ApiError("MissingAuthenticationTokenException",
                       "Missing Authentication Token", 400)
    scope, signed, signature = parse_authorization(authorization)
    key_id, day, scope_region, service, terminal = scope
    account = accounts.by_key.get(key_id)
    if account is None:
        raise ApiError("UnrecognizedClientException",
                       "The security token included in the request is invalid.", 403)
    amz_date = handler.headers.get("X-Amz-Date")
    if amz_date is None or "x-amz-date" not in signed or "host" not in signed:
        raise ApiError("IncompleteSignatureException",
                       "The request must sign the Host and X-Amz-Date headers.", 400)
    try:
        when = datetime.datetime.strptime(amz_date, "%Y%m%dT%H%M%SZ").replace(
            tzinfo=datetime.timezone.utc).timestamp()
    except ValueError:
        raise ApiError("IncompleteSignatureException",
                       f"Date must be in ISO-8601 'basic format'. Got '{amz_date}'.", 400)
    if day != amz_date[:8] or terminal != "aws4_request" or service != SERVICE:
        raise ApiError("InvalidSignatureException",
                       f"Credential should be scoped to correct service: '{SERVICE}'."
                       if service != SERVICE else
                       "Credential should be scoped to a valid date and aws4_request.", 403)
    if scope_region != region:
        raise ApiError("InvalidSignatureException",
                       f"Credential should be scoped to a valid region, not "
                       f"'{scope_region}'.", 403)
    if when < now - MAX_SKEW:
        raise ApiError("InvalidSignatureException",
                       f"Signature expired: {amz_date} is now earlier than "
                       f"{fmt_amz(now - MAX_SKEW)} ({fmt_amz(now)} - 5 min.)", 403)
    if when > now + MAX_SKEW:
        raise ApiError("InvalidSignatureException",
                       f"Signature not yet current: {amz_date} is still later than "
                       f"{fmt_amz(now + MAX_SKEW)} ({fmt_amz(now)} + 5 min.)", 403)
    token = handler.headers.get("X-Amz-Security-Token")
    if account.get("SessionToken") is not None or token is not None:
        if token != account.get("SessionToken"):
            raise ApiError("UnrecognizedClientException",
                           "The security token included in the request is invalid.", 403)
        if "x-amz-security-token" not in signed:
            raise ApiError("IncompleteSignatureException",
                           "The request must sign the X-Amz-Security-Token header.")
    content_sha = handler.headers.get("X-Amz-Content-SHA256")
    if content_sha is not None and content_sha != hashlib.sha256(body).hexdigest():
        raise ApiError("InvalidSignatureException",
                       "The provided x-amz-content-sha256 header does not match what "
                       "was computed.", 400)

    # botocore signs every header it is given (but user-agent, expect,
    # x-amzn-trace-id), so it gets exactly the ones the client signed.
    headers = {}
    for name in signed:
        values = handler.headers.get_all(name)
        if values is None:
            raise ApiError("InvalidSignatureException",
                           f"The request signs the header '{name}', which it does not "
                           "carry.", 403)
        headers[name] = ",".join(values)
    request = AWSRequest(method=handler.command,
                         url=f"http://{handler.headers.get('Host', '')}{handler.path}",
                         headers=headers, data=body)
    request.context["timestamp"] = amz_date
    signer = botocore.auth.SigV4Auth(
        Credentials(key_id, account["SecretAccessKey"], account.get("SessionToken")),
        SERVICE, region)
    canonical = signer.canonical_request(request)
    expected = signer.signature(signer.string_to_sign(request, canonical), request)
    if signer.signed_headers(signer.headers_to_sign(request)) != ";".join(signed) \
            or expected != signature:
        raise ApiError(
            "InvalidSignatureException",
            "The request signature we calculated does not match the signature you "
            "provided. Check your AWS Secret Access Key and signing method. Consult the "
            "service documentation for details.", 403)
    if account.get("Expired"):
        raise ApiError("ExpiredTokenException",
                       "The security token included in the request is expired", 400)
    return account


def fmt_amz(epoch):
    return datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc).strftime(
        "%Y%m%dT%H%M%SZ")


# ------------------------------------------------------------------ S3 data

class S3:
    """Reads the training data and media from the tests' S3 server."""

    def __init__(self, env):
        self.env = env
        self.client = None
        if env.get("PRL_TEST_S3_ENDPOINT"):
            import boto3
            from botocore.config import Config
            self.client = boto3.client(
                "s3", endpoint_url=env["PRL_TEST_S3_ENDPOINT"],
                region_name=env.get("PRL_TEST_S3_REGION", "us-east-1"),
                aws_access_key_id=env["PRL_TEST_S3_ACCESS_KEY"],
                aws_secret_access_key=env["PRL_TEST_S3_SECRET_KEY"],
                config=Config(s3={"addressing_style": "path"}, signature_version="s3v4",
                              retries={"total_max_attempts": 2}))

    @staticmethod
    def split(uri):
        if not uri.startswith("s3://"):
            return None, None
        bucket, _, key = uri[5:].partition("/")
        return bucket, key

    def objects(self, uri):
        """(key, size) of the object @uri names, or of every object under
        the prefix; raises Failure with the reason."""
        bucket, key = self.split(uri)
        if bucket is None:
            raise Failure(f"The URI {uri} is not an Amazon S3 location (s3://...).")
        if self.client is None:
            raise Failure(f"Amazon Transcribe couldn't read {uri}: the stand-in was "
                          "started without an S3 server.")
        from botocore.exceptions import ClientError
        try:
            found = []
            kwargs = {"Bucket": bucket, "Prefix": key}
            while True:
                page = self.client.list_objects_v2(**kwargs)
                for item in page.get("Contents", []):
                    if item["Key"] == key or not key or key.endswith("/") \
                            or item["Key"].startswith(key + "/"):
                        if not item["Key"].endswith("/"):
                            found.append((item["Key"], item["Size"]))
                if not page.get("IsTruncated"):
                    break
                kwargs["ContinuationToken"] = page["NextContinuationToken"]
        except ClientError as e:
            raise Failure(f"Amazon Transcribe couldn't access {uri}: "
                          f"{e.response['Error'].get('Code')}. Check that the bucket "
                          "exists and the DataAccessRoleArn may read it.")
        exact = [o for o in found if o[0] == key]
        return bucket, exact or found

    def check_text(self, uri, limit, what, save=None):
        """The total size of the text at @uri after checking it; with @save,
        every object's text goes into that file, one after the other."""
        bucket, objects = self.objects(uri)
        if not objects:
            raise Failure(f"No {what} data was found at {uri}. Upload plain-text "
                          "files there and create the model again.")
        total = sum(size for _, size in objects)
        if total > limit:
            raise Failure(f"The {what} data at {uri} is {total} bytes; it must not "
                          f"exceed {limit} bytes.")
        out = open(save, "wb") if save else None
        try:
            for key, _ in objects:
                body = self.client.get_object(Bucket=bucket, Key=key)["Body"]
                decoder = codecs.getincrementaldecoder("utf-8")()
                last = b"\n"
                try:
                    for chunk in iter(lambda: body.read(1 << 20), b""):
                        if b"\0" in chunk:
                            raise UnicodeDecodeError("utf-8", chunk, 0, 1, "NUL byte")
                        decoder.decode(chunk)
                        if out:
                            out.write(chunk)
                            last = chunk[-1:]
                    decoder.decode(b"", final=True)
                except UnicodeDecodeError:
                    raise Failure(f"The {what} data s3://{bucket}/{key} is not plain "
                                  "text in UTF-8 encoding. Convert it and create the "
                                  "model again.")
                if out and last != b"\n":
                    # Files run together would join their last and first lines.
                    out.write(b"\n")
        finally:
            if out:
                out.close()
        return total

    def download(self, uri, path):
        bucket, key = self.split(uri)
        if bucket is None:
            raise Failure(f"The media URI {uri} is not an Amazon S3 location (s3://...).")
        if self.client is None:
            raise Failure("The stand-in was started without an S3 server.")
        from botocore.exceptions import ClientError
        try:
            self.client.download_file(bucket, key, path)
        except ClientError as e:
            raise Failure(f"The media file {uri} could not be read: "
                          f"{e.response['Error'].get('Code')}.")

    def upload(self, bucket, key, data):
        self.client.put_object(Bucket=bucket, Key=key, Body=data,
                               ContentType="application/json")
        return f"{self.env['PRL_TEST_S3_ENDPOINT']}/{bucket}/{key}"


class Failure(Exception):
    pass


# ------------------------------------------------------------- local engine

try:
    LIBC = ctypes.CDLL(None, use_errno=True)
except OSError:
    LIBC = None
PR_SET_PDEATHSIG = 1


def die_with_parent():
    """In the child: the kernel kills it when the stand-in dies, even by
    SIGKILL, so no recognizer outlives a crashed test."""
    if LIBC is not None:
        LIBC.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


class Local:
    """Parlance's own engine (parlance-cli) as the stand-in's recognizer:
    every custom language model is a private workspace under the stand-in's
    temporary folder holding one local model; transcription jobs run
    `parlance-cli transcribe`, with that model when the job names it.
    Every child is tracked, so a deleted model's training stops and the
    stand-in stops all of them when it ends."""

    LOCAL_NAME = "model"

    def __init__(self, cli, max_running):
        self.cli = cli
        self.root = tempfile.mkdtemp(prefix="transcribe-standin-")
        self.env = dict(os.environ, GSETTINGS_BACKEND="memory", LANGUAGE="C",
                        XDG_DATA_HOME=os.path.join(self.root, "data"),
                        XDG_CONFIG_HOME=os.path.join(self.root, "config"),
                        XDG_CACHE_HOME=os.path.join(self.root, "cache"))
        self.lock = threading.Lock()
        self.children = {}    # Popen -> owner
        self.cancelled = set()
        self.serial = 0
        self.stopping = False
        # Amazon queues jobs beyond the account's concurrency; the stand-in
        # runs as many recognizers at once as the machine has cores.
        self.slots = threading.BoundedSemaphore(max_running)

    def new_dir(self, kind):
        with self.lock:
            self.serial += 1
            path = os.path.join(self.root, kind, str(self.serial))
        os.makedirs(path)
        return path

    def run(self, args, owner, timeout=600):
        """(exit status, stdout, stderr) of parlance-cli @args; raises Failure
        when @owner is cancelled (a model deleted while it trains)."""
        with self.lock:
            if self.stopping or owner in self.cancelled:
                raise Failure("The stand-in stopped this work.")
            child = subprocess.Popen([self.cli] + args, stdin=subprocess.DEVNULL,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     text=True, env=self.env, start_new_session=True,
                                     preexec_fn=die_with_parent)
            self.children[child] = owner
        try:
            out, err = child.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill(child)
            out, err = child.communicate()
            err += f"\nparlance-cli did not finish within {timeout} seconds"
        finally:
            with self.lock:
                self.children.pop(child, None)
        with self.lock:
            if owner in self.cancelled:
                raise Failure("The stand-in stopped this work.")
        return child.returncode, out, err

    @staticmethod
    def kill(child):
        try:
            os.killpg(child.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass

    def cancel(self, owner):
        with self.lock:
            self.cancelled.add(owner)
            running = [c for c, o in self.children.items() if o == owner]
        for child in running:
            self.kill(child)

    def stop(self):
        """Kills every child and removes the private workspaces."""
        with self.lock:
            self.stopping = True
            running = list(self.children)
        for child in running:
            self.kill(child)
        for child in running:
            try:
                child.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass
        shutil.rmtree(self.root, ignore_errors=True)

    @staticmethod
    def error_of(what, status, err):
        lines = [line.removeprefix("parlance-cli: ").strip()
                 for line in err.splitlines() if line.strip()]
        return f"{what}: {lines[-1] if lines else f'parlance-cli exited with {status}'}"

    def train(self, owner, language, base_model, training, tuning):
        """A workspace with a local model trained from the text files
        @training and @tuning (nullable); raises Failure with parlance-cli's
        own words when a step fails."""
        workspace = self.new_dir("models")
        steps = [
            ["models", "create", self.LOCAL_NAME, "--language", language,
             "--base-model", base_model],
            ["datasets", "add", self.LOCAL_NAME, training, "--type", "TRANSCRIPT"],
        ]
        if tuning:
            steps.append(["datasets", "add", self.LOCAL_NAME, tuning, "--type", "TUNING"])
        steps.append(["train", self.LOCAL_NAME, "--wait"])
        try:
            for step in steps:
                status, _, err = self.run(["--workspace", workspace] + step, owner)
                if status != 0:
                    raise Failure(self.error_of(
                        "Amazon Transcribe couldn't train the model (the stand-in's "
                        f"local engine, at “{' '.join(step[:2])}”)", status, err))
        except Failure:
            shutil.rmtree(workspace, ignore_errors=True)
            raise
        return workspace

    def transcribe(self, owner, path, workspace):
        """What parlance-cli heard in @path, with the model in @workspace
        (nullable: the stock model)."""
        args = ["transcribe", "--format", "json", "--threads", "1", path]
        if workspace:
            args = ["--workspace", workspace, "transcribe", "--model",
                    self.LOCAL_NAME] + args[1:]
        status, out, err = self.run(args, owner)
        if status != 0:
            raise Failure(self.error_of(
                "The media format of the input media file is invalid or unsupported",
                status, err))
        return json.loads(out)[0]


# --------------------------------------------------------------------- state

class State:
    def __init__(self, options, s3):
        self.options = options
        self.s3 = s3
        self.lock = threading.Lock()
        self.models = {}       # (account, name) -> dict
        self.jobs = {}         # (account, name) -> dict
        self.transcripts = {}  # (account, name) -> bytes
        self.requests = []
        self.counts = {}       # operation -> API requests received
        self.started = {}      # job name -> StartTranscriptionJob accepted
        self.peak = 0          # most jobs QUEUED or IN_PROGRESS at once
        self.bad_transcripts = 0  # the next transcripts to write truncated
        self.faults = []       # pending test faults, first first
        self.failures = []     # FailureReasons for the next trainings
        self.workspaces = {}   # (account, name) -> the model's local workspace
        self.trainings = {}    # (account, name) -> the token of its running training
        self.local = (Local(options.recognizer, options.max_running_jobs)
                      if options.recognizer else None)

    # Language models.
    def create_model(self, account, body):
        name = body["ModelName"]
        config = body["InputDataConfig"]
        now = time.time()
        with self.lock:
            if (account["AccountId"], name) in self.models:
                raise ApiError("ConflictException",
                               f"The requested language model name {name} already exists. "
                               "Use a different name.")
            model = {
                "ModelName": name, "CreateTime": now, "LastModifiedTime": now,
                "LanguageCode": body["LanguageCode"],
                "BaseModelName": body["BaseModelName"], "ModelStatus": "IN_PROGRESS",
                "UpgradeAvailability": False, "InputDataConfig": dict(config),
            }
            self.models[(account["AccountId"], name)] = model
            injected = self.failures.pop(0) if self.failures else None
            # What stops this training's children when the model is deleted.
            token = self.trainings[(account["AccountId"], name)] = object()
        threading.Thread(target=self.train, args=(account, model, token, injected),
                         daemon=True).start()
        return {k: model[k] for k in ("LanguageCode", "BaseModelName", "ModelName",
                                      "InputDataConfig", "ModelStatus")}

    def train(self, account, model, token, injected=None):
        began = time.monotonic()
        config = model["InputDataConfig"]
        reason = None
        workspace = None
        try:
            if injected is not None:
                raise Failure(injected)
            role_account = config["DataAccessRoleArn"].split(":")[4]
            if role_account != account["AccountId"]:
                raise Failure(f"Amazon Transcribe couldn't assume the role "
                              f"{config['DataAccessRoleArn']}: it is not in your account "
                              f"{account['AccountId']}. Check the DataAccessRoleArn.")
            data = self.local.new_dir("data") if self.local else None
            training = os.path.join(data, "training.txt") if data else None
            tuning = None
            self.s3.check_text(config["S3Uri"], self.options.training_limit, "training",
                               training)
            if config.get("TuningDataS3Uri"):
                tuning = os.path.join(data, "tuning.txt") if data else None
                self.s3.check_text(config["TuningDataS3Uri"], self.options.tuning_limit,
                                   "tuning", tuning)
            if self.local:
                try:
                    workspace = self.local.train(token, model["LanguageCode"],
                                                 model["BaseModelName"], training, tuning)
                finally:
                    shutil.rmtree(data, ignore_errors=True)
        except Failure as e:
            reason = str(e)
        except Exception as e:  # the stand-in's own trouble, said as it is
            reason = f"The stand-in could not train the model: {e}"
        time.sleep(max(0.0, self.options.training_seconds - (time.monotonic() - began)))
        with self.lock:
            key = (account["AccountId"], model["ModelName"])
            if self.trainings.get(key) is token:
                del self.trainings[key]
            if self.models.get(key) is not model:
                # Deleted "remotely" meanwhile: nothing of it stays.
                reason = "deleted"
            elif reason is None:
                model["LastModifiedTime"] = time.time()
                model["ModelStatus"] = "COMPLETED"
                if workspace:
                    self.workspaces[key] = workspace
            else:
                model["LastModifiedTime"] = time.time()
                model["ModelStatus"] = "FAILED"
                model["FailureReason"] = reason
        if reason is not None and workspace:
            shutil.rmtree(workspace, ignore_errors=True)

    def find_model(self, account, name):
        model = self.models.get((account["AccountId"], name))
        if model is None:
            raise ApiError("NotFoundException",
                           "The requested language model couldn't be found. Check that "
                           "the name is correct and try your request again.")
        return model

    def describe_model(self, account, body):
        with self.lock:
            return {"LanguageModel": dict(self.find_model(account, body["ModelName"]))}

    def delete_model(self, account, body):
        with self.lock:
            try:
                model = self.find_model(account, body["ModelName"])
            except ApiError as e:
                raise bad_request(e.message)
            if model["ModelStatus"] == "IN_PROGRESS":
                raise bad_request("The language model is being created. Wait until its "
                                  "status is COMPLETED or FAILED before you delete it.")
        self.remove_model(account["AccountId"], body["ModelName"])
        return {}

    def remove_model(self, account_id, name):
        """Forgets the model whatever its state, stops its training and
        removes its local version; False when there is no such model."""
        with self.lock:
            model = self.models.pop((account_id, name), None)
            workspace = self.workspaces.pop((account_id, name), None)
            token = self.trainings.pop((account_id, name), None)
        if model is None:
            return False
        if self.local and token is not None:
            self.local.cancel(token)
        if workspace:
            shutil.rmtree(workspace, ignore_errors=True)
        return True

    def list_models(self, account, body):
        with self.lock:
            models = [dict(m) for (owner, _), m in self.models.items()
                      if owner == account["AccountId"]]
        status = body.get("StatusEquals")
        contains = body.get("NameContains")
        models = [m for m in models
                  if (status is None or m["ModelStatus"] == status)
                  and (contains is None or contains.lower() in m["ModelName"].lower())]
        page, token = paginate(models, "CreateTime", "ModelName", body, "ListLanguageModels")
        out = {"Models": page}
        if token:
            out["NextToken"] = token
        return out

    # Transcription jobs.
    def start_job(self, account, body):
        name = body["TranscriptionJobName"]
        media = body["Media"].get("MediaFileUri")
        if media is None:
            raise bad_request("The Media.MediaFileUri is required.")
        if body.get("LanguageCode") is None and not body.get("IdentifyLanguage") \
                and not body.get("IdentifyMultipleLanguages"):
            raise bad_request("You must specify a LanguageCode or set IdentifyLanguage "
                              "or IdentifyMultipleLanguages to true.")
        if body.get("OutputKey") and not body.get("OutputBucketName"):
            raise bad_request("You must specify an OutputBucketName with OutputKey.")
        model_name = (body.get("ModelSettings") or {}).get("LanguageModelName")
        now = time.time()
        workspace = None
        with self.lock:
            if model_name is not None:
                model = self.models.get((account["AccountId"], model_name))
                if model is None or model["ModelStatus"] != "COMPLETED":
                    raise bad_request(
                        f"The requested language model {model_name} couldn't be found or "
                        "isn't ready. Check that the model is COMPLETED and try again.")
                # A model of another language is silently not applied (the
                # job is transcribed with the stock model), as Amazon does.
                if model["LanguageCode"] == body.get("LanguageCode"):
                    workspace = self.workspaces.get((account["AccountId"], model_name))
            if (account["AccountId"], name) in self.jobs:
                raise ApiError("ConflictException",
                               "The requested job name already exists. Use a different "
                               "job name.")
            running = sum(1 for (owner, _), j in self.jobs.items()
                          if owner == account["AccountId"]
                          and j["TranscriptionJobStatus"] in ("QUEUED", "IN_PROGRESS"))
            limit = self.options.max_concurrent_jobs
            if limit and running >= limit:
                raise ApiError("LimitExceededException",
                               "You've either sent too many requests or your input file "
                               "is too long. Wait before retrying your request, or use a "
                               "smaller file and try your request again.")
            self.started[name] = self.started.get(name, 0) + 1
            self.peak = max(self.peak, running + 1)
            job = {
                "TranscriptionJobName": name, "TranscriptionJobStatus": "QUEUED",
                "Media": dict(body["Media"]), "CreationTime": now,
            }
            for member in ("LanguageCode", "MediaSampleRateHertz", "MediaFormat",
                           "Settings", "ModelSettings", "IdentifyLanguage",
                           "IdentifyMultipleLanguages", "LanguageOptions", "Tags",
                           "ContentRedaction", "JobExecutionSettings"):
                if body.get(member) is not None:
                    job[member] = body[member]
            self.jobs[(account["AccountId"], name)] = job
        threading.Thread(target=self.transcribe, args=(account, job, body, workspace),
                         daemon=True).start()
        return {"TranscriptionJob": public_job(job)}

    def transcribe(self, account, job, body, workspace):
        time.sleep(min(0.2, self.options.training_seconds))
        if self.local:
            # QUEUED until a recognizer is free, as Amazon queues jobs
            # beyond an account's concurrency.
            with self.local.slots:
                self.run_job(account, job, body, workspace)
        else:
            self.run_job(account, job, body, workspace)

    def run_job(self, account, job, body, workspace):
        with self.lock:
            job["TranscriptionJobStatus"] = "IN_PROGRESS"
            job["StartTime"] = time.time()
        reason = None
        try:
            transcript = self.recognize(account, job, workspace)
            with self.lock:
                if self.bad_transcripts > 0:
                    self.bad_transcripts -= 1
                    transcript = transcript[:len(transcript) // 2]
            if body.get("OutputBucketName"):
                key = body.get("OutputKey") or f"{job['TranscriptionJobName']}.json"
                if key.endswith("/"):
                    key += f"{job['TranscriptionJobName']}.json"
                uri = self.s3.upload(body["OutputBucketName"], key, transcript)
            else:
                with self.lock:
                    self.transcripts[(account["AccountId"],
                                      job["TranscriptionJobName"])] = transcript
                uri = (f"http://127.0.0.1:{self.options.port}/_transcripts/"
                       f"{account['AccountId']}/{job['TranscriptionJobName']}.json")
        except Failure as e:
            reason = str(e)
        except Exception as e:
            reason = f"The stand-in could not transcribe the media: {e}"
        with self.lock:
            job["CompletionTime"] = time.time()
            if reason is None:
                job["TranscriptionJobStatus"] = "COMPLETED"
                job["Transcript"] = {"TranscriptFileUri": uri}
            else:
                job["TranscriptionJobStatus"] = "FAILED"
                job["FailureReason"] = reason

    def recognize(self, account, job, workspace):
        """The transcript of @job's media in Amazon's format, heard with the
        local version in @workspace or, when None, the stock model."""
        if not self.local:
            raise Failure("This Transcribe stand-in has no recognizer (start it with "
                          "--recognizer PARLANCE-CLI); it never invents a transcript.")
        media = self.local.new_dir("media")
        try:
            suffix = os.path.splitext(job["Media"]["MediaFileUri"])[1] or ".media"
            path = os.path.join(media, "media" + suffix)
            self.s3.download(job["Media"]["MediaFileUri"], path)
            if workspace and not os.path.isdir(workspace):
                raise Failure("The language model "
                              f"{job['ModelSettings']['LanguageModelName']} was deleted "
                              "while the job waited.")
            heard = self.local.transcribe(object(), path, workspace)
        finally:
            shutil.rmtree(media, ignore_errors=True)
        items = [{
            "start_time": f"{w['start']:.3f}", "end_time": f"{w['end']:.3f}",
            "alternatives": [{"confidence": f"{w['confidence']:.4f}",
                              "content": w["word"]}],
            "type": "pronunciation",
        } for w in heard["words"]]
        return json.dumps({
            "jobName": job["TranscriptionJobName"], "accountId": account["AccountId"],
            "status": "COMPLETED",
            "results": {"transcripts": [{"transcript": heard["text"]}], "items": items},
        }).encode()

    def find_job(self, account, name):
        job = self.jobs.get((account["AccountId"], name))
        if job is None:
            raise ApiError("NotFoundException",
                           "The requested job couldn't be found. Check the job name and "
                           "try your request again.")
        return job

    def get_job(self, account, body):
        with self.lock:
            return {"TranscriptionJob": public_job(
                self.find_job(account, body["TranscriptionJobName"]))}

    def delete_job(self, account, body):
        with self.lock:
            try:
                job = self.find_job(account, body["TranscriptionJobName"])
            except ApiError as e:
                raise bad_request(e.message)
            if job["TranscriptionJobStatus"] in ("QUEUED", "IN_PROGRESS"):
                raise bad_request("The transcription job is still running. Wait until "
                                  "it is COMPLETED or FAILED before you delete it.")
            del self.jobs[(account["AccountId"], body["TranscriptionJobName"])]
            self.transcripts.pop((account["AccountId"], body["TranscriptionJobName"]), None)
        return {}

    def list_jobs(self, account, body):
        status = body.get("Status")
        contains = body.get("JobNameContains")
        with self.lock:
            jobs = [summary(j) for (owner, _), j in self.jobs.items()
                    if owner == account["AccountId"]
                    and (status is None or j["TranscriptionJobStatus"] == status)
                    and (contains is None
                         or contains.lower() in j["TranscriptionJobName"].lower())]
        page, token = paginate(jobs, "CreationTime", "TranscriptionJobName", body,
                               "ListTranscriptionJobs")
        out = {"TranscriptionJobSummaries": page}
        if status is not None:
            out["Status"] = status
        if token:
            out["NextToken"] = token
        return out


def public_job(job):
    return json.loads(json.dumps(job))


def summary(job):
    out = {k: job[k] for k in ("TranscriptionJobName", "CreationTime", "StartTime",
                               "CompletionTime", "LanguageCode", "TranscriptionJobStatus",
                               "FailureReason", "ModelSettings", "ContentRedaction",
                               "IdentifyLanguage", "IdentifyMultipleLanguages")
           if k in job}
    if job["TranscriptionJobStatus"] == "COMPLETED":
        out["OutputLocationType"] = ("CUSTOMER_BUCKET" if "/_transcripts/" not in
                                     job["Transcript"]["TranscriptFileUri"]
                                     else "SERVICE_BUCKET")
    return out


PAGE_CAP = None  # --page-cap


def paginate(items, time_key, name_key, body, operation):
    """Newest first; the token names the last item returned and the filters,
    so a token from another listing is refused."""
    items.sort(key=lambda x: (-x[time_key], x[name_key]))
    size = body.get("MaxResults", 5)
    if PAGE_CAP:
        size = min(size, PAGE_CAP)
    filters = {k: v for k, v in body.items() if k not in ("NextToken", "MaxResults")}
    start = 0
    if body.get("NextToken") is not None:
        try:
            token = json.loads(base64.urlsafe_b64decode(body["NextToken"].encode()))
            assert token["op"] == operation and token["filters"] == filters
            after = (token["after"][0], token["after"][1])
        except Exception:
            raise bad_request("The NextToken is not valid. Use the NextToken of the "
                              "previous answer to the same request.")
        start = next((i for i, x in enumerate(items)
                      if (-x[time_key], x[name_key]) > after), len(items))
    page = items[start:start + size]
    token = None
    if start + size < len(items):
        last = page[-1]
        token = base64.urlsafe_b64encode(json.dumps({
            "op": operation, "filters": filters,
            "after": [-last[time_key], last[name_key]]}).encode()).decode()
    return page, token


# -------------------------------------------------------------------- server

class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "TranscribeStandIn/1.0"

    def log_message(self, fmt, *args):
        if self.server.options.verbose:
            super().log_message(fmt, *args)

    def read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def send(self, status, body, content_type=CONTENT_TYPE, headers=(), declared=None):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(declared if declared is not None
                                               else len(body)))
        self.send_header("x-amzn-RequestId", os.urandom(16).hex())
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()

    def send_error_json(self, error):
        body = json.dumps({"__type": error.code, "Message": error.message}).encode()
        if error.code == "InternalFailureException":
            body = json.dumps({"__type": error.code, "Message": error.message,
                               "fault": True}).encode()
        self.send(error.status, body, headers=[("x-amzn-ErrorType",
                                                f"{error.code}:{ERROR_URL}")])

    def do_GET(self):
        state = self.server.state
        if self.path == "/_standin/requests":
            with state.lock:
                data = json.dumps(state.requests).encode()
            self.send(200, data, "application/json")
            return
        if self.path == "/_standin/counts":
            with state.lock:
                data = json.dumps(state.counts).encode()
            self.send(200, data, "application/json")
            return
        if self.path == "/_standin/started":
            with state.lock:
                data = json.dumps(dict(state.started, _peak=state.peak)).encode()
            self.send(200, data, "application/json")
            return
        if self.path == "/_standin/children":
            local = state.local
            with local.lock if local else state.lock:
                data = json.dumps({"root": local.root if local else None,
                                   "pids": [c.pid for c in local.children]
                                   if local else []}).encode()
            self.send(200, data, "application/json")
            return
        m = re.fullmatch(r"/_transcripts/([^/]+)/([^/]+)\.json", self.path)
        if m:
            with state.lock:
                data = state.transcripts.get((m.group(1), m.group(2)))
            if data is not None:
                self.send(200, data, "application/json")
                return
        self.send(404, b"Not Found", "text/plain")

    def do_DELETE(self):
        if self.path in ("/_standin/requests", "/_standin/counts"):
            self.read_body()
            with self.server.state.lock:
                if self.path == "/_standin/requests":
                    self.server.state.requests.clear()
                self.server.state.counts.clear()
                self.server.state.started.clear()
                self.server.state.peak = 0
            self.send(200, b"{}", "application/json")
            return
        self.not_api()

    def do_PUT(self):
        self.not_api()

    def not_api(self):
        self.read_body()
        self.send_error_json(ApiError("UnknownOperationException", "", 404))

    def do_POST(self):
        state = self.server.state
        body = self.read_body()
        if self.path.startswith("/_standin/"):
            self.hook(body)
            return
        target = self.headers.get("X-Amz-Target", "")
        operation = target[len(TARGET_PREFIX):] if target.startswith(TARGET_PREFIX) \
            else target
        with state.lock:
            state.requests.append({
                "method": self.command, "path": self.path,
                "headers": [[k, v] for k, v in self.headers.items()],
                "body": body.decode("utf-8", "replace"),
            })
            state.counts[operation] = state.counts.get(operation, 0) + 1
            fault = next((f for f in state.faults
                          if f.get("operation") in (None, operation)), None)
            if fault is not None:
                state.faults.remove(fault)
        if fault is not None and self.injected(fault):
            return
        try:
            self.api(body)
        except ApiError as e:
            self.send_error_json(e)
        except Exception as e:  # a bug in the stand-in: say so as AWS would
            print(f"transcribe-server: internal error: {e!r}", file=sys.stderr)
            self.send_error_json(ApiError("InternalFailureException",
                                          f"Stand-in failure: {e}", 500))

    def hook(self, body):
        """The test hooks under /_standin/ (see the file's header)."""
        state = self.server.state
        try:
            request = json.loads(body or b"{}")
        except ValueError:
            self.send(400, b'{"error": "the body is not JSON"}', "application/json")
            return
        if self.path == "/_standin/next":
            with state.lock:
                state.faults.extend([request] * int(request.get("count", 1)))
            answer = {}
        elif self.path == "/_standin/bad-transcripts":
            with state.lock:
                state.bad_transcripts += int(request.get("count", 1))
            answer = {}
        elif self.path == "/_standin/fail-training":
            reason = request.get("FailureReason")
            if not reason:
                self.send(400, b'{"error": "FailureReason is needed"}', "application/json")
                return
            with state.lock:
                state.failures.extend([reason] * int(request.get("count", 1)))
            answer = {}
        elif self.path == "/_standin/delete-model":
            name = request.get("ModelName")
            with state.lock:
                owners = [a for (a, n) in state.models
                          if n == name and request.get("AccountId") in (None, a)]
            deleted = sum(state.remove_model(a, name) for a in owners)
            if not deleted:
                self.send(404, json.dumps({"error": f"no model {name}"}).encode(),
                          "application/json")
                return
            answer = {"deleted": deleted}
        elif self.path == "/_standin/set-model":
            name = request.get("ModelName")
            with state.lock:
                found = [m for (a, n), m in state.models.items()
                         if n == name and request.get("AccountId") in (None, a)]
                for model in found:
                    if "UpgradeAvailability" in request:
                        model["UpgradeAvailability"] = bool(request["UpgradeAvailability"])
            if not found:
                self.send(404, json.dumps({"error": f"no model {name}"}).encode(),
                          "application/json")
                return
            answer = {"changed": len(found)}
        elif self.path == "/_standin/add-model":
            needed = ("AccountId", "ModelName", "LanguageCode", "BaseModelName", "S3Uri",
                      "DataAccessRoleArn")
            missing = [k for k in needed if not request.get(k)]
            if missing:
                self.send(400, json.dumps({"error": f"missing {missing}"}).encode(),
                          "application/json")
                return
            now = float(request.get("CreateTime", time.time()))
            config = {"S3Uri": request["S3Uri"],
                      "DataAccessRoleArn": request["DataAccessRoleArn"]}
            if request.get("TuningDataS3Uri"):
                config["TuningDataS3Uri"] = request["TuningDataS3Uri"]
            model = {
                "ModelName": request["ModelName"], "CreateTime": now,
                "LastModifiedTime": now, "LanguageCode": request["LanguageCode"],
                "BaseModelName": request["BaseModelName"],
                "ModelStatus": request.get("ModelStatus", "COMPLETED"),
                "UpgradeAvailability": bool(request.get("UpgradeAvailability", False)),
                "InputDataConfig": config,
            }
            if model["ModelStatus"] == "FAILED":
                model["FailureReason"] = request.get("FailureReason", "Failed elsewhere.")
            key = (request["AccountId"], request["ModelName"])
            with state.lock:
                taken = key in state.models
                if not taken:
                    state.models[key] = model
            if taken:
                self.send(409, b'{"error": "the name is taken"}', "application/json")
                return
            answer = {}
        else:
            self.send(404, b"Not Found", "text/plain")
            return
        self.send(200, json.dumps(answer).encode(), "application/json")

    def injected(self, fault):
        """Answers with the test's fault instead; False to answer normally."""
        time.sleep(float(fault.get("delay", 0)))
        kind = fault.get("fault")
        if kind == "html":
            # A captive portal or a proxy's page; 200 unless told otherwise.
            self.send(int(fault.get("status", 200)), b"<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1>"
                           b"</body></html>", "text/html")
        elif kind == "truncate":
            # Promises more bytes than it sends and closes the connection.
            self.send(200, b'{"LanguageModel": {"ModelName": "tr', declared=400)
            self.close_connection = True
        elif kind == "throttle":
            self.send_error_json(ApiError("ThrottlingException", "Rate exceeded"))
        elif kind == "limit":
            self.send_error_json(ApiError("LimitExceededException",
                                          "You have exceeded the request rate."))
        elif kind == "internal":
            self.send_error_json(ApiError("InternalFailureException",
                                          "We encountered an internal error. Try again.",
                                          500))
        else:
            return False
        return True

    def api(self, body):
        state = self.server.state
        if self.path != "/":
            raise ApiError("UnknownOperationException", "", 404)
        target = self.headers.get("X-Amz-Target", "")
        if not target.startswith(TARGET_PREFIX) \
                or target[len(TARGET_PREFIX):] not in MODEL["operations"]:
            raise ApiError("UnknownOperationException", "")
        operation = target[len(TARGET_PREFIX):]
        content_type = (self.headers.get("Content-Type") or "").split(";")[0].strip()
        if content_type != CONTENT_TYPE:
            raise ApiError("SerializationException",
                           f"Expected Content-Type {CONTENT_TYPE}, got "
                           f"'{content_type}'.")
        account = verify_signature(self, body, state.accounts, state.options.region,
                                   time.time())
        if operation not in OPERATIONS:
            raise ApiError("UnknownOperationException",
                           f"The stand-in does not offer {operation}.")
        try:
            request = json.loads(body.decode("utf-8")) if body else {}
        except (UnicodeDecodeError, ValueError):
            raise ApiError("SerializationException", "The request body is not JSON.")
        if not isinstance(request, dict):
            raise ApiError("SerializationException", "The request body is not an object.")
        validate_input(operation, request)
        handlers = {
            "CreateLanguageModel": state.create_model,
            "DescribeLanguageModel": state.describe_model,
            "ListLanguageModels": state.list_models,
            "DeleteLanguageModel": state.delete_model,
            "StartTranscriptionJob": state.start_job,
            "GetTranscriptionJob": state.get_job,
            "ListTranscriptionJobs": state.list_jobs,
            "DeleteTranscriptionJob": state.delete_job,
        }
        result = handlers[operation](account, request)
        self.send(200, json.dumps(result).encode())


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # A client that cancelled and hung up is no news.
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


def read_env_file(path):
    env = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            name, sep, value = line.strip().partition("=")
            if sep and not name.startswith("#"):
                env[name.removeprefix("export ")] = value
    return env


def watch_parent(parent, state):
    while os.getppid() == parent:
        time.sleep(0.5)
    if state.local:
        state.local.stop()
    os._exit(0)


def stop_on_signal(signum, frame):
    raise KeyboardInterrupt


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--accounts", required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--port-file")
    parser.add_argument("--region", default="us-east-1")
    parser.add_argument("--training-seconds", type=float,
                        default=float(os.environ.get("PRL_TRANSCRIBE_TRAINING_SECONDS",
                                                     "2")))
    parser.add_argument("--training-limit", type=int, default=2 * 1000 ** 3)
    parser.add_argument("--tuning-limit", type=int, default=200 * 1000 ** 2)
    parser.add_argument("--s3-env", help="an s3.env written by build-aux/s3-server.sh")
    parser.add_argument("--recognizer", help="the path of parlance-cli")
    parser.add_argument("--max-running-jobs", type=int, default=os.cpu_count() or 1,
                        help="recognizers run at once; more jobs stay QUEUED")
    parser.add_argument("--max-concurrent-jobs", type=int, default=0,
                        help="LimitExceededException beyond N jobs of an account "
                        "QUEUED or IN_PROGRESS (0: no limit)")
    parser.add_argument("--page-cap", type=int, default=0,
                        help="at most N items a page of a list, whatever MaxResults says")
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--exit-with-parent", action="store_true",
                        help="stop when the process that started it ends (a test that crashed)")
    options = parser.parse_args()
    global PAGE_CAP
    PAGE_CAP = options.page_cap or None

    env = read_env_file(options.s3_env) if options.s3_env else dict(os.environ)
    server = Server(("127.0.0.1", options.port), Handler)
    options.port = server.server_address[1]
    server.options = options
    server.state = State(options, S3(env))
    server.state.accounts = Accounts(options.accounts)
    if options.port_file:
        with open(options.port_file + ".tmp", "w", encoding="utf-8") as f:
            f.write(f"{options.port}\n")
        os.replace(options.port_file + ".tmp", options.port_file)
    if options.exit_with_parent:
        threading.Thread(target=watch_parent, args=(os.getppid(), server.state),
                         daemon=True).start()
    # SIGTERM (a test's terminate()) ends it as Ctrl+C does: children first.
    signal.signal(signal.SIGTERM, stop_on_signal)
    print(f"transcribe-server: listening on http://127.0.0.1:{options.port}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        if server.state.local:
            server.state.local.stop()


if __name__ == "__main__":
    main()
