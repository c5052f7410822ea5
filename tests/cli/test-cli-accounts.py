#!/usr/bin/python3
# test-cli-accounts.py
#
# Copyright 2026 The Parlance authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""`parlance-cli accounts add|list|remove` in a private gnome-keyring
(DESIGN.md, "The Secret Service in tests"): keys from the AWS variables,
from a profile of a credentials file and from standard input; `list`
never shows a secret; `remove` deletes the keys; bad input is refused
with a clear message and leaves nothing behind."""

import json
import os
import shutil
import stat
import subprocess

from cli_testlib import CLI, check, finish, in_private_keyring

in_private_keyring()

HOME = os.environ["HOME"]
INI = os.path.join(os.environ["XDG_CONFIG_HOME"], "parlance", "accounts.ini")
KEY_ID = "AKIAIOSFODNN7EXAMPLE"
SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
TOKEN = "FwoGZXIvYXdzEXAMPLEsessionTOKEN42"
KEY_ID2 = "AKIAI44QH8DHBEXAMPLE"
SECRET2 = "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY"
SECRETS = [SECRET, TOKEN, SECRET2, KEY_ID, KEY_ID2]
BASE_ENV = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="C")


def cli(*args, stdin="", env=None):
    e = dict(BASE_ENV)
    e.update(env or {})
    proc = subprocess.run([CLI] + list(args), input=stdin, capture_output=True, text=True,
                          timeout=60, env=e)
    return proc.returncode, proc.stdout, proc.stderr


def keyring(name):
    """The secret secret-tool finds for the account, or None."""
    proc = subprocess.run(["secret-tool", "lookup", "kind", "aws", "name", name],
                          capture_output=True, text=True, timeout=30)
    return proc.stdout if proc.returncode == 0 and proc.stdout else None


def ini_text():
    with open(INI, encoding="utf-8") as f:
        return f.read()


def no_secret(text):
    return not any(s in text for s in SECRETS)


AWS = ["--region", "eu-west-1", "--bucket", "parlance-data"]

# Keys from the environment.
rc, out, err = cli("accounts", "add", "aws", "From env", *AWS, "--prefix", "team/",
                   env={"AWS_ACCESS_KEY_ID": KEY_ID, "AWS_SECRET_ACCESS_KEY": SECRET,
                        "AWS_SESSION_TOKEN": TOKEN})
check("add from the environment succeeds", rc == 0 and "From env" in out, err)
raw = keyring("From env") or ""
check("the environment's keys are in the keyring", SECRET in raw and TOKEN in raw
      and KEY_ID in raw, raw and "(present)")
check("accounts.ini holds no secret and is private",
      os.path.exists(INI) and no_secret(ini_text())
      and stat.S_IMODE(os.stat(INI).st_mode) == 0o600)
check("no secret in the command's output", no_secret(out + err))

# Keys from a profile of a credentials file named by AWS_SHARED_CREDENTIALS_FILE.
creds = os.path.join(HOME, "creds")
with open(creds, "w", encoding="utf-8") as f:
    f.write("; made by a test\n[default]\naws_access_key_id = WRONGWRONGWRONG1\n"
            "aws_secret_access_key = wrong\n\n[work]\n# the work keys\n"
            f"aws_access_key_id = {KEY_ID2}\naws_secret_access_key={SECRET2}\n"
            "[other]\naws_access_key_id = OTHEROTHEROTHER1\n")
rc, out, err = cli("accounts", "add", "aws", "work", *AWS, "--profile", "work",
                   env={"AWS_SHARED_CREDENTIALS_FILE": creds,
                        "AWS_ACCESS_KEY_ID": KEY_ID, "AWS_SECRET_ACCESS_KEY": SECRET})
raw = keyring("work") or ""
check("add --profile takes the profile's keys over the environment",
      rc == 0 and SECRET2 in raw and KEY_ID2 in raw and SECRET not in raw, err)
check("a profile without a token stores none", "session_token" not in raw)

# ~/.aws/credentials when the variable is not set.
os.makedirs(os.path.join(HOME, ".aws"))
shutil.copy(creds, os.path.join(HOME, ".aws", "credentials"))
rc, out, err = cli("accounts", "add", "aws", "home-profile", *AWS, "--profile", "work")
check("add --profile reads ~/.aws/credentials", rc == 0 and keyring("home-profile"), err)

# Keys from standard input: two lines, then three.
rc, out, err = cli("accounts", "add", "aws", "stdin two", *AWS,
                   stdin=f"{KEY_ID}\n{SECRET}\n")
raw = keyring("stdin two") or ""
check("add from two lines of stdin", rc == 0 and SECRET in raw and "session_token" not in raw,
      err)
rc, out, err = cli("accounts", "add", "aws", "stdin.three", *AWS, "--endpoint",
                   "http://127.0.0.1:7480", stdin=f"{KEY_ID}\r\n{SECRET}\r\n{TOKEN}\r\n")
raw = keyring("stdin.three") or ""
check("add from three lines of stdin (CRLF too)", rc == 0 and TOKEN in raw
      and SECRET + "\r" not in raw, err)

# list and list --json.
rc, out, err = cli("accounts", "list")
check("list shows every account with the key id masked",
      rc == 0 and all(n in out for n in ("From env", "work", "stdin two", "stdin.three"))
      and "AKIA…MPLE" in out and no_secret(out + err), out + err)
rc, out, err = cli("accounts", "list", "--json")
rows = json.loads(out) if rc == 0 else []
by_name = {r["name"]: r for r in rows}
check("list --json has the fields and no secret",
      len(rows) == 5 and by_name["From env"]["prefix"] == "team/"
      and by_name["From env"]["region"] == "eu-west-1"
      and by_name["stdin.three"]["endpoint"] == "http://127.0.0.1:7480"
      and by_name["work"]["endpoint"] is None
      and by_name["work"]["access_key_id_masked"] == "AKIA…MPLE"
      and no_secret(out + err), out + err)

# The Transcribe fields: role ARN, jobs at once, training budget.
ROLE = "arn:aws:iam::123456789012:role/TranscribeReadsParlance"
rc, out, err = cli("accounts", "add", "aws", "speech", *AWS, "--role-arn", ROLE,
                   "--jobs", "12", "--training-budget", "3", stdin=f"{KEY_ID}\n{SECRET}\n")
check("add with --role-arn, --jobs and --training-budget", rc == 0, err)
check("accounts.ini holds them",
      f"RoleArn={ROLE}\n" in ini_text() and "ConcurrentJobs=12\n" in ini_text()
      and "TrainingBudget=3\n" in ini_text(), ini_text())
rc, out, err = cli("accounts", "list")
line = next((l for l in out.splitlines() if l.startswith("speech ")), "")
check("list shows jobs, budget and role", rc == 0 and " 12 " in line and " 3 " in line
      and line.rstrip().endswith(ROLE), out + err)
line = next((l for l in out.splitlines() if l.startswith("work ")), "")
check("list shows the defaults of an account without them",
      " 5 " in line and " none " in line and line.rstrip().endswith(" -"), out)
rc, out, err = cli("accounts", "list", "--json")
rows = {r["name"]: r for r in json.loads(out)} if rc == 0 else {}
check("list --json has role_arn, concurrent_jobs and training_budget",
      rows.get("speech", {}).get("role_arn") == ROLE
      and rows["speech"].get("concurrent_jobs") == 12
      and rows["speech"].get("training_budget") == 3
      and rows.get("work", {}).get("role_arn", "x") is None
      and rows["work"].get("concurrent_jobs") == 5
      and rows["work"].get("training_budget", 0) is None, out + err)
rc, out, err = cli("accounts", "remove", "speech")
check("remove the Transcribe account", rc == 0, err)

# Bad input: each refused with a message, nothing stored.
before = ini_text()
bad = [
    (["accounts", "add", "aws", "bad/name", *AWS], "may only contain", 2),
    (["accounts", "add", "aws", "x" * 65, *AWS], "64 characters", 2),
    (["accounts", "add", "aws", "r", "--region", "Europe", "--bucket", "abc"], "us-east-1", 2),
    (["accounts", "add", "aws", "b", "--region", "us-east-1", "--bucket", "Bad_Bucket"],
     "lowercase", 2),
    (["accounts", "add", "aws", "p", *AWS, "--prefix", "/abs"], "slash", 2),
    (["accounts", "add", "aws", "e", *AWS, "--endpoint", "http://s3.example.com"],
     "https", 2),
    (["accounts", "add", "aws", "e", *AWS, "--endpoint", "https://me:hunter2@s3.example.com"],
     "user name", 2),
    (["accounts", "add", "ibm", "i", *AWS], "--region is not an option of “ibm”", 2),
    (["accounts", "add", "gcp", "g", *AWS], "either Amazon Web Services", 2),
    (["accounts", "add", "aws", "role", *AWS, "--role-arn", "arn:aws:s3:::parlance-data"],
     "is not the ARN of an IAM role", 2),
    (["accounts", "add", "aws", "role", *AWS, "--role-arn", "TranscribeRole"],
     "arn:aws:iam::123456789012:role/NAME", 2),
    (["accounts", "add", "aws", "jobs", *AWS, "--jobs", "0"], "1 to 100", 2),
    (["accounts", "add", "aws", "jobs", *AWS, "--jobs", "101"], "1 to 100", 2),
    (["accounts", "add", "aws", "jobs", *AWS, "--jobs", "many"], "1 to 100", 2),
    (["accounts", "add", "aws", "budget", *AWS, "--training-budget", "-1"],
     "empty for no limit", 2),
    (["accounts", "add", "aws", "nobucket", "--region", "us-east-1"], "--bucket", 2),
    (["accounts", "add", "aws"], "Usage", 2),
    (["accounts", "add", "aws", "WORK", *AWS], "already", 1),
    (["accounts", "frob"], "Unknown accounts command", 2),
    (["accounts", "remove", "nobody"], "no cloud account", 1),
]
for args, words, code in bad:
    rc, out, err = cli(*args, stdin=f"{KEY_ID}\n{SECRET}\n")
    check(f"refused: {' '.join(args[1:])[:60]}", rc == code and words in err
          and "hunter2" not in err and no_secret(out + err), f"{rc} {err}")

for stdin, words in [("", "two lines"), (KEY_ID + "\n", "two lines"),
                     (f"{KEY_ID}\n{SECRET}\n{TOKEN}\nmore\n", "more than three"),
                     (f"{KEY_ID}\nsec ret\n", "copied whole"),
                     (f"AK\n{SECRET}\n", "3 to 128"),
                     ("A" * 70000 + "\n", "too long")]:
    rc, out, err = cli("accounts", "add", "aws", "badstdin", *AWS, stdin=stdin)
    check(f"bad stdin refused ({words})", rc == 1 and words in err and no_secret(err)
          and "sec ret" not in err and keyring("badstdin") is None, err)

for env, words in [({"AWS_ACCESS_KEY_ID": KEY_ID}, "AWS_SECRET_ACCESS_KEY"),
                   ({"AWS_SHARED_CREDENTIALS_FILE": creds, "--profile": "nope"},
                    "no profile “nope”"),
                   ({"AWS_SHARED_CREDENTIALS_FILE": creds, "--profile": "other"},
                    "has no aws_access_key_id"),
                   ({"AWS_SHARED_CREDENTIALS_FILE": os.path.join(HOME, "missing"),
                     "--profile": "work"}, "Could not read"),
                   ({"AWS_SHARED_CREDENTIALS_FILE": HOME, "--profile": "work"},
                    "Could not read")]:
    extra = ["--profile", env.pop("--profile")] if "--profile" in env else []
    rc, out, err = cli("accounts", "add", "aws", "badkeys", *AWS, *extra, env=env)
    check(f"bad key source refused ({words})", rc == 1 and words in err and no_secret(err)
          and keyring("badkeys") is None, err)
check("refused adds left accounts.ini as it was", ini_text() == before)

# remove deletes the keys.
rc, out, err = cli("accounts", "remove", "stdin two")
check("remove succeeds", rc == 0 and "Removed" in out, err)
check("remove deleted the keyring item", keyring("stdin two") is None)
check("remove dropped it from accounts.ini", "[stdin two]" not in ini_text())
rc, out, err = cli("accounts", "list", "--json")
check("list no longer shows it", rc == 0 and "stdin two" not in out)

# An item deleted behind Parlance's back is shown as missing, not an error.
subprocess.run(["secret-tool", "clear", "kind", "aws", "name", "work"], check=True)
rc, out, err = cli("accounts", "list", "--json")
rows = {r["name"]: r for r in json.loads(out)} if rc == 0 else {}
check("list shows an account whose keys are gone",
      rc == 0 and rows.get("work", {}).get("access_key_id_masked", "x") is None, out + err)

# Without a Secret Service: a clear message, and nothing written.
rc, out, err = cli("accounts", "add", "aws", "nokeyring", *AWS, stdin=f"{KEY_ID}\n{SECRET}\n",
                   env={"DBUS_SESSION_BUS_ADDRESS": "unix:path=/nonexistent/prl-bus"})
check("add without a keyring fails clearly", rc == 1 and "keyring" in err
      and "[nokeyring]" not in ini_text() and no_secret(err), err)

finish()
