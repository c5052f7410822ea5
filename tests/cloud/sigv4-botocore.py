#!/usr/bin/python3
# sigv4-botocore.py
#
# Copyright 2026 The Parlance authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""Cross-checks Parlance's SigV4 signer against botocore's.

Generates seeded random requests (methods, paths with odd characters and dot
segments, query parameters, headers with odd spacing, repeated headers,
bodies, session tokens, S3 and other services, header signing and presigned
URLs, UNSIGNED-PAYLOAD), signs each with botocore (Debian's python3-botocore,
run by /usr/bin/python3) and with Parlance (the sigv4-sign test program) and
compares the canonical request, string to sign, signature and the headers or
query the signer adds. Exits 1 on any mismatch and prints it.

Usage: sigv4-botocore.py SIGV4-SIGN [--count N] [--seed S]
"""

import argparse
import datetime
import json
import random
import re
import subprocess
import sys
import types
from urllib.parse import quote, unquote, urlsplit

try:
    import botocore.auth as auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials
except ImportError:
    sys.exit("sigv4-botocore: needs Debian's python3-botocore "
             "(build-aux/install-deps.sh --tests) and /usr/bin/python3")


class FixedClock(datetime.datetime):
    """botocore signs at utcnow(); the cross-check needs a chosen time."""
    now_value = datetime.datetime(2015, 8, 30, 12, 36, 0)

    @classmethod
    def utcnow(cls):
        return cls.now_value


auth.datetime = types.SimpleNamespace(datetime=FixedClock)


def capturing(cls):
    """The signer class, keeping its intermediate results."""
    class Capture(cls):
        def string_to_sign(self, request, canonical_request):
            self.creq = canonical_request
            self.sts = super().string_to_sign(request, canonical_request)
            return self.sts

        def signature(self, string_to_sign, request):
            self.sig = super().signature(string_to_sign, request)
            return self.sig
    return Capture


KEY_CHARS = ("abcxyzABCXYZ0189-_.~ !$&'()*+,;=:@%#?[]\"<>\\^`{|}"
             "éüßሴ中😀")
SEGMENTS = ["a", "b c", "..", ".", "", "dir", "x.txt", "test$file.text",
            "ሴ", "%41", "50%", "~user", "a+b", "é"]
REGIONS = ["us-east-1", "eu-west-3", "ap-southeast-2", "us-gov-west-1"]
SERVICES = ["service", "transcribe", "execute-api", "sts", "iam"]
HEADER_NAMES = ["X-Amz-Meta-Foo", "Content-Type", "x-custom-Header",
                "My-Header1", "Range", "Cache-Control", "X-Amz-Target",
                "User-Agent", "Expect", "X-Amzn-Trace-Id", "x-amz-meta-ሴ-no"]
VALUE_PARTS = ["value", "a   b", "\tc", " ", "\"q  u\"", "ü", "1,2",
               "application/json; charset=utf-8", "=x=", "ሴ"]
B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def rand_text(rng, chars, lo, hi):
    return "".join(rng.choice(chars) for _ in range(rng.randint(lo, hi)))


def rand_path(rng):
    segs = [rng.choice(SEGMENTS) if rng.random() < 0.5
            else rand_text(rng, KEY_CHARS, 1, 6)
            for _ in range(rng.randint(0, 5))]
    raw = "/" + "/".join(segs)
    if rng.random() < 0.3:
        raw += "/"
    # The wire path, as botocore's serializer builds it: encoded once.
    return quote(raw, safe="/~")


def loose_quote(rng, text):
    """A valid but not canonical wire form: some sub-delimiters left raw,
    some escapes in lower case. The signer must canonicalize it."""
    out = quote(text, safe="-_.~!*'(),;:@$/+" if rng.random() < 0.5 else "-_.~")
    if rng.random() < 0.5:
        out = re.sub("%[0-9A-F]{2}", lambda m: m.group(0).lower(), out)
    return out


def rand_query(rng, presign):
    pairs = []
    for _ in range(rng.randint(0, 5)):
        key = rand_text(rng, KEY_CHARS, 1, 5)
        if presign and (key in [k for k, _ in pairs] or key.lower().startswith("x-amz-")):
            continue
        value = "" if rng.random() < 0.2 else rand_text(rng, KEY_CHARS, 1, 8)
        pairs.append((key, value))
        if not presign and rng.random() < 0.15:
            pairs.append((key, rand_text(rng, KEY_CHARS, 0, 4)))
    wire = []
    for key, value in pairs:
        part = loose_quote(rng, key)
        if value or rng.random() < 0.5:
            part += "=" + loose_quote(rng, value)
        wire.append(part)
    return pairs, "&".join(wire)


def rand_headers(rng, host):
    headers = [("Host", host)]
    for _ in range(rng.randint(0, 6)):
        name = rng.choice(HEADER_NAMES)
        if "ሴ" in name:
            continue
        if rng.random() < 0.3:
            name = name.upper() if rng.random() < 0.5 else name.lower()
        value = "".join(rng.choice(VALUE_PARTS) for _ in range(rng.randint(1, 3)))
        if rng.random() < 0.3:
            value = "  " + value + " \t"
        headers.append((name, value))
    rng.shuffle(headers)
    return headers


def make_case(rng):
    s3 = rng.random() < 0.5
    presign = rng.random() < 0.3
    unsigned = not presign and rng.random() < 0.15
    service = "s3" if s3 else rng.choice(SERVICES)
    region = rng.choice(REGIONS)
    when = datetime.datetime(2000, 1, 1) + datetime.timedelta(
        seconds=rng.randint(0, 30 * 365 * 86400))
    token = None
    if rng.random() < 0.4:
        token = rand_text(rng, B64, 20, 200) + "=" * rng.randint(0, 2)
    method = rng.choice(["GET", "HEAD", "DELETE"] if presign else
                        ["GET", "PUT", "POST", "DELETE", "HEAD", "PATCH"])
    host = rng.choice(["examplebucket.s3.amazonaws.com", "127.0.0.1:7480",
                       f"{service}.{region}.amazonaws.com", "localhost"])
    path = rand_path(rng)
    pairs, query = rand_query(rng, presign)
    headers = rand_headers(rng, host)
    body = ""
    if method in ("PUT", "POST", "PATCH") and rng.random() < 0.7:
        body = rand_text(rng, KEY_CHARS + "\n", 0, 200)
    if unsigned:
        headers.append(("Content-MD5", "1B2M2Y8AsgTpgAmY7PhCfg=="))
    return {
        "s3": s3, "presign": rng.randint(1, 604800) if presign else 0,
        "unsigned": unsigned, "service": service, "region": region,
        "time": when, "token": token, "method": method, "host": host,
        "path": path, "pairs": pairs, "query": query, "headers": headers,
        "body": body,
        "access_key": "AKIA" + rand_text(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 12, 16),
        "secret_key": rand_text(rng, B64, 40, 40),
    }


def botocore_sign(case):
    FixedClock.now_value = case["time"]
    creds = Credentials(case["access_key"], case["secret_key"], case["token"])
    scheme = "https" if case["unsigned"] else "http"
    url = f"{scheme}://{case['host']}{case['path']}"
    if case["presign"]:
        cls = auth.S3SigV4QueryAuth if case["s3"] else auth.SigV4QueryAuth
        signer = capturing(cls)(creds, case["service"], case["region"],
                                expires=case["presign"])
    else:
        cls = auth.S3SigV4Auth if case["s3"] else auth.SigV4Auth
        signer = capturing(cls)(creds, case["service"], case["region"])
    req = AWSRequest(case["method"], url, data=case["body"].encode("utf-8"),
                     params=list(case["pairs"]))
    for name, value in case["headers"]:
        req.headers[name] = value  # appends: repeated names stay repeated
    if case["unsigned"]:
        req.context["payload_signing_enabled"] = False
    before = {name.lower() for name in req.headers.keys()}
    signer.add_auth(req)
    added = {}
    for name in req.headers.keys():
        if name.lower() not in before or name.lower() == "authorization":
            added[name.lower()] = req.headers[name]
    return signer, req, added


def parlance_request(case):
    flags = []
    if case["s3"]:
        flags.append("s3")
    elif case["unsigned"]:
        flags.append("content-sha256")
    out = {
        "method": case["method"], "path": case["path"],
        "query": case["query"] or None,
        "headers": [list(h) for h in case["headers"]],
        "access_key": case["access_key"], "secret_key": case["secret_key"],
        "token": case["token"], "region": case["region"],
        "service": case["service"],
        "time": case["time"].strftime("%Y-%m-%dT%H:%M:%SZ"),
        "flags": flags, "presign": case["presign"],
    }
    if case["unsigned"]:
        out["payload_hash"] = "UNSIGNED-PAYLOAD"
    elif not case["presign"]:
        out["body"] = case["body"]
    return out


def decoded_pairs(query):
    """The query's pairs, decoded as SigV4 reads them ("+" is a plus)."""
    pairs = []
    for part in filter(None, query.split("&")):
        key, _, value = part.partition("=")
        pairs.append((unquote(key), unquote(value)))
    return sorted(pairs)


def compare(case, ours):
    signer, req, added = botocore_sign(case)
    problems = []
    if not ours.get("ok"):
        return [f"Parlance refused it: {ours.get('error')}"]
    for what, theirs, mine in (("canonical request", signer.creq, ours["canonical_request"]),
                               ("string to sign", signer.sts, ours["string_to_sign"]),
                               ("signature", signer.sig, ours["signature"])):
        if theirs != mine:
            problems.append(f"{what} differs:\n--- botocore\n{theirs}\n--- Parlance\n{mine}")
    if case["presign"]:
        theirs = decoded_pairs(urlsplit(req.url).query)
        mine = decoded_pairs(ours["query"])
        # botocore's presigned URL carries its own encoding of our pairs.
        if theirs != mine:
            problems.append(f"presigned query differs:\n{theirs}\n{mine}")
        if ours["headers"]:
            problems.append(f"presigning returned headers {ours['headers']}")
    else:
        mine = {name.lower(): value for name, value in ours["headers"]}
        if mine != added:
            problems.append(f"added headers differ:\n{added}\n{mine}")
    return problems


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("signer")
    parser.add_argument("--count", type=int, default=600)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    cases = [make_case(rng) for _ in range(args.count)]
    lines = "".join(json.dumps(parlance_request(c)) + "\n" for c in cases)
    run = subprocess.run([args.signer], input=lines.encode("utf-8"),
                         capture_output=True, check=False)
    if run.returncode != 0:
        sys.stderr.write(run.stderr.decode("utf-8", "replace"))
        sys.exit(f"sigv4-botocore: {args.signer} exited with {run.returncode}")
    answers = [json.loads(line) for line in run.stdout.decode("utf-8").splitlines()]
    if len(answers) != len(cases):
        sys.exit(f"sigv4-botocore: {len(answers)} answers for {len(cases)} requests")

    mismatches = 0
    for i, (case, ours) in enumerate(zip(cases, answers)):
        problems = compare(case, ours)
        if problems:
            mismatches += 1
            print(f"# request {i} (seed {args.seed}): "
                  f"{json.dumps(parlance_request(case), ensure_ascii=False)}")
            for p in problems:
                print("# " + p.replace("\n", "\n# "))
    kinds = {
        "S3": sum(c["s3"] for c in cases),
        "presigned": sum(bool(c["presign"]) for c in cases),
        "session token": sum(c["token"] is not None for c in cases),
        "UNSIGNED-PAYLOAD": sum(c["unsigned"] for c in cases),
    }
    summary = ", ".join(f"{n} {k}" for k, n in kinds.items())
    print(f"sigv4-botocore: {len(cases)} requests ({summary}), {mismatches} mismatches")
    sys.exit(1 if mismatches else 0)


if __name__ == "__main__":
    main()
