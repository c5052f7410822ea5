#!/usr/bin/python3
# test-cli-accounts-ibm.py
#
# Copyright 2026 The Parlance authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""IBM Cloud accounts from the command line, in a private gnome-keyring,
against the Watson stand-in (tests/cloud/watson-server.py): `accounts add
ibm` with the key from IBM_APIKEY and from standard input, `accounts
test` listing the base models and which accept language customization,
IAM refusing the key, Basic authentication, the service down; bad URLs,
an empty key and AWS options refused; then `models create --provider
ibm-watson` with the base model chosen among the service's. The API key
never reaches accounts.ini or any output.

argv: parlance-cli, watson-server.py."""

import json
import os
import secrets
import socket
import subprocess
import sys

from cli_testlib import CLI, check, finish, in_private_keyring
from watson_standin import start

in_private_keyring()

SERVER = sys.argv[2]
HOME = os.environ["HOME"]
INI = os.path.join(os.environ["XDG_CONFIG_HOME"], "parlance", "accounts.ini")
KEY = secrets.token_urlsafe(33)  # 44 characters, like IBM's keys
WRONG_KEY = secrets.token_urlsafe(33)
BASE_ENV = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="C")


def cli(*args, stdin="", env=None, workspace=None):
    e = dict(BASE_ENV)
    e.pop("IBM_APIKEY", None)
    e.update(env or {})
    cmd = [CLI] + (["--workspace", workspace] if workspace else []) + list(args)
    proc = subprocess.run(cmd, input=stdin, capture_output=True, text=True, timeout=120,
                          env=e)
    return proc.returncode, proc.stdout, proc.stderr


def keyring(name):
    proc = subprocess.run(["secret-tool", "lookup", "kind", "ibm", "name", name],
                          capture_output=True, text=True, timeout=30)
    return proc.stdout if proc.returncode == 0 and proc.stdout else None


def ini_text():
    with open(INI, encoding="utf-8") as f:
        return f.read()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


server, URL = start(SERVER, HOME, KEY, "--base-without-customization", "ko-KR_Telephony")
IAM = f"{URL}/identity/token"

try:
    # Key from IBM_APIKEY; the test lists the base models.
    rc, out, err = cli("accounts", "add", "ibm", "Watson", "--url", URL, "--iam-url", IAM,
                       env={"IBM_APIKEY": KEY})
    check("add ibm with IBM_APIKEY", rc == 0 and "Watson" in out, out + err)
    check("the key is in the keyring", keyring("Watson") and KEY in keyring("Watson"),
          str(keyring("Watson")))
    text = ini_text()
    check("accounts.ini has the URLs and no key",
          f"ServiceUrl={URL}" in text and f"IamUrl={IAM}" in text and "Auth=iam" in text
          and KEY not in text, text)

    rc, out, err = cli("accounts", "list", "--json")
    listed = json.loads(out) if rc == 0 else []
    check("list --json shows the IBM fields, no key",
          rc == 0 and listed[0]["kind"] == "ibm" and listed[0]["service_url"] == URL
          and listed[0]["auth"] == "iam" and KEY not in out, out + err)

    rc, out, err = cli("accounts", "test", "Watson")
    check("test passes", rc == 0, out + err)
    check("test names the models that accept customization",
          "accept language customization" in out and "en-US_Telephony" in out
          and "de-DE_Multimedia" in out, out)
    lines = [line.split() for line in out.splitlines()]
    table = {cols[1]: cols[0] for cols in lines if len(cols) > 2 and cols[0] in ("yes", "no")}
    check("test prints every base model with yes/no",
          table.get("en-US_Multimedia") == "yes" and table.get("en-US_NarrowbandModel") == "yes"
          and table.get("ko-KR_Telephony") == "no" and len(table) == 7, out)
    check("the summary leaves out the base without customization",
          "6 base models accept" in out
          and "ko-KR_Telephony" not in out.split("accept language customization:")[-1], out)
    check("test output has no key", KEY not in out + err)

    # Key from standard input; Basic authentication (Cloud Pak).
    rc, out, err = cli("accounts", "add", "ibm", "Pak", "--url", URL, "--auth", "basic",
                       stdin=KEY + "\n")
    check("add ibm with the key on stdin, basic auth", rc == 0, out + err)
    rc, out, err = cli("accounts", "test", "Pak")
    check("basic auth test passes", rc == 0 and "en-US_Multimedia" in out, out + err)

    # IAM refuses the key: a clear message, exit 1.
    rc, out, err = cli("accounts", "add", "ibm", "Wrong", "--url", URL, "--iam-url", IAM,
                       env={"IBM_APIKEY": WRONG_KEY})
    check("an unknown key can be added", rc == 0, out + err)
    rc, out, err = cli("accounts", "test", "Wrong")
    check("IAM refusing the key fails the test with IAM's reason",
          rc == 1 and "did not accept the API key" in err and "Preferences" in err
          and WRONG_KEY not in out + err, out + err)
    rc, out, err = cli("accounts", "add", "ibm", "PakWrong", "--url", URL, "--auth", "basic",
                       stdin=WRONG_KEY + "\n")
    rc, out, err = cli("accounts", "test", "PakWrong")
    check("the service refusing a Basic key fails the test with its reason",
          rc == 1 and "did not accept the credentials" in err and WRONG_KEY not in out + err,
          out + err)

    # Bad input, refused before anything is stored.
    bad = [
        (("--url", "api.example.com/instances/1"), "not a URL"),
        (("--url", "ftp://example.com/x"), "must use https"),
        (("--url", "http://speech.example.com/x"), "must use https"),
        (("--url", "https://user:pw@api.us-south.speech-to-text.watson.cloud.ibm.com/x"),
         "user name or password"),
        (("--url", "https://api.us-south.text-to-speech.watson.cloud.ibm.com/instances/1"),
         "another IBM Watson service"),
        (("--url", URL, "--iam-url", "iam.example.com"), "IAM token URL is not a URL"),
        (("--url", URL, "--auth", "oauth"), "“iam”"),
        (("--url", URL, "--bucket", "b"), "--bucket is not an option"),
        ((), "needs --url"),
    ]
    for args, expected in bad:
        rc, out, err = cli("accounts", "add", "ibm", "Bad", *args, env={"IBM_APIKEY": KEY})
        check(f"refused: {' '.join(args) or 'no --url'}", rc == 2 and expected in err,
              out + err)
    rc, out, err = cli("accounts", "add", "aws", "Bad", "--region", "us-east-1", "--bucket",
                       "parlance-data", "--url", URL, env={"IBM_APIKEY": KEY})
    check("aws refuses --url", rc == 2 and "--url is not an option" in err, out + err)
    rc, out, err = cli("accounts", "add", "ibm", "Bad", "--url", URL, stdin="\n")
    check("an empty key is refused", rc == 1 and "needs an API key" in err, out + err)
    rc, out, err = cli("accounts", "add", "ibm", "Bad", "--url", URL, stdin=KEY + "\nmore\n")
    check("two lines of stdin are refused", rc == 1 and "more than one line" in err,
          out + err)
    check("nothing of the refused accounts stored",
          "[Bad]" not in ini_text() and keyring("Bad") is None, ini_text())

    # Models: the base model comes from the service.
    ws = os.path.join(HOME, "ws")
    rc, out, err = cli("models", "create", "calls", "--provider", "ibm-watson", "--account",
                       "Watson", "--base-model", "NarrowBand", workspace=ws)
    check("create proposes Telephony for NarrowBand",
          rc == 0 and "en-US_Telephony" in out, out + err)
    rc, out, err = cli("models", "create", "talks", "--provider", "ibm-watson", "--account",
                       "Watson", "--base", "de-DE_Multimedia", workspace=ws)
    check("create with --base takes its language", rc == 0, out + err)
    rc, out, err = cli("models", "list", "--json", workspace=ws)
    models = {m["name"]: m for m in json.loads(out)} if rc == 0 else {}
    check("the models keep account and Watson base",
          models.get("calls", {}).get("provider_base") == "en-US_Telephony"
          and models["calls"]["account"] == "Watson"
          and models["calls"]["base_model"] == "NarrowBand"
          and models.get("talks", {}).get("language") == "de-DE"
          and models["talks"]["provider_base"] == "de-DE_Multimedia"
          and models["talks"]["base_model"] == "WideBand", out + err)
    bad_models = [
        (("--base", "en-US_Nothing"), "no base model “en-US_Nothing”"),
        (("--base", "en-US_Telephony", "--language", "de-DE"), "is for en-US, not de-DE"),
        (("--base", "en-US_Telephony", "--base-model", "WideBand"), "8000 Hz"),
        (("--language", "fr-FR"), "no WideBand base model for fr-FR"),
        (("--base", "ko-KR_Telephony"), "no base model “ko-KR_Telephony”"),
    ]
    for args, expected in bad_models:
        rc, out, err = cli("models", "create", "bad", "--provider", "ibm-watson",
                           "--account", "Watson", *args, workspace=ws)
        check(f"create refused: {' '.join(args)}", rc != 0 and expected in err, out + err)
    rc, out, err = cli("models", "create", "bad", "--provider", "ibm-watson",
                       "--account", "Pak", "--base", "x", workspace=ws)
    rc2, out2, err2 = cli("models", "create", "bad", "--provider", "aws-transcribe",
                          "--account", "Watson", workspace=ws)
    check("an IBM account cannot take a Transcribe model",
          rc2 == 2 and "needs a “aws” account" in err2, out2 + err2)
    rc, out, err = cli("models", "create", "bad", "--base", "en-US_Telephony", workspace=ws)
    check("--base is for Watson only", rc == 2 and "--base is for IBM Watson" in err,
          out + err)
    rc, out, err = cli("models", "list", "--json", workspace=ws)
    check("no refused model was created",
          rc == 0 and "bad" not in {m["name"] for m in json.loads(out)}, out + err)

    # Training on Watson from the command line.
    text = os.path.join(HOME, "calls.txt")
    with open(text, "w", encoding="utf-8") as f:
        f.write("the patient was seen in clinic today\nmetoprolol twice daily\n")
    rc, out, err = cli("datasets", "add", "calls", text, workspace=ws)
    check("a training text is added", rc == 0, out + err)
    rc, out, err = cli("train", "calls", "--wait", workspace=ws)
    check("train --wait trains on Watson", rc == 0, out + err)
    rc, out, err = cli("models", "show", "calls", workspace=ws)
    check("the version is listed", rc == 0 and "calls-" in out, out + err)
    rc, out, err = cli("models", "list", "--json", workspace=ws)
    status = {m["name"]: m["status"] for m in json.loads(out)} if rc == 0 else {}
    check("the model is trained", status.get("calls") == "success", out + err)

    # The service down: a clear message, exit 1.
    server.terminate()
    server.wait(timeout=30)
    rc, out, err = cli("accounts", "test", "Pak")
    check("service down fails the test with the reason",
          rc == 1 and "List the base models" in err and "127.0.0.1" in err, out + err)
    rc, out, err = cli("models", "create", "down", "--provider", "ibm-watson", "--account",
                       "Watson", workspace=ws)
    check("create with the service down says so",
          rc == 1 and "Could not list the base models" in err, out + err)
finally:
    if server.poll() is None:
        server.terminate()
        server.wait(timeout=30)

finish()
