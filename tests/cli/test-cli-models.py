#!/usr/bin/python3
# test-cli-models.py
#
# Copyright 2026 The Parlance authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""Drives `parlance-cli models` as a user would and checks what it prints,
its exit statuses, and that refused operations change nothing on disk."""

import datetime
import hashlib
import json
import os
import sqlite3
import subprocess
import tempfile
import time

from cli_testlib import CLI, ENV, check, finish


def run(workspace, *args, env=None, user=None):
    cmd = [CLI]
    if workspace is not None:
        cmd += ["--workspace", workspace]
    full_env = dict(ENV)
    full_env.pop("PARLANCE_WORKSPACE", None)
    if env:
        full_env.update(env)

    def drop():
        os.setgid(65534)
        os.setuid(65534)

    proc = subprocess.run(cmd + list(args), capture_output=True, text=True, env=full_env,
                          preexec_fn=drop if user == "nobody" else None, timeout=60)
    return proc.returncode, proc.stdout, proc.stderr


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def test_lifecycle(tmp):
    ws = os.path.join(tmp, "ws")
    rc, out, err = run(ws, "models", "list", "--json")
    check("empty list is []", rc == 0 and json.loads(out) == [], out + err)

    rc, out, err = run(ws, "models", "create", "cardiology", "--base-model", "NarrowBand",
                       "--tag", "clinic")
    check("create succeeds", rc == 0 and "cardiology" in out, out + err)
    rc, out, err = run(ws, "models", "create", "radiology")
    check("create with defaults", rc == 0, err)

    rc, out, err = run(ws, "models", "list", "--json")
    models = json.loads(out)
    check("list --json has both", [m["name"] for m in models] == ["cardiology", "radiology"],
          out)
    m = models[0]
    check("json fields", set(m) >= {"name", "provider", "language", "base_model", "status",
                                     "created", "modified"}, str(m))
    check("json values", m["provider"] == "local" and m["language"] == "en-US"
          and m["base_model"] == "NarrowBand" and m["status"] == "not-running"
          and m["tags"] == ["clinic"], str(m))
    created = datetime.datetime.fromisoformat(m["created"].replace("Z", "+00:00"))
    check("created is ISO 8601 UTC", created.tzinfo is not None
          and abs((datetime.datetime.now(datetime.timezone.utc) - created).total_seconds()) < 600,
          m["created"])
    check("radiology defaults to WideBand", models[1]["base_model"] == "WideBand", str(models[1]))

    rc, out, err = run(ws, "models", "list")
    check("table lists names and status", rc == 0 and "cardiology" in out
          and "Not Running" in out and "English" not in err, out)

    rc, out, err = run(ws, "models", "rename", "cardiology", "cardiology-v2")
    check("rename", rc == 0, err)
    rc, out, err = run(ws, "models", "list", "--json")
    names = [m["name"] for m in json.loads(out)]
    check("rename persisted", names == ["cardiology-v2", "radiology"], str(names))
    after = json.loads(out)[0]
    check("rename bumps modified", after["modified"] > m["modified"], str(after))

    rc, out, err = run(ws, "models", "delete", "radiology")
    check("delete without --yes refused", rc == 2 and "--yes" in err, err)
    rc, out, err = run(ws, "models", "delete", "radiology", "--yes")
    check("delete with --yes", rc == 0, err)
    rc, out, err = run(ws, "models", "list", "--json")
    check("delete persisted", [m["name"] for m in json.loads(out)] == ["cardiology-v2"], out)


def test_bad_input(tmp):
    ws = os.path.join(tmp, "bad")
    run(ws, "models", "create", "notes")
    db = os.path.join(ws, "parlance.db")
    cases = [
        (("models", "create", ""), "Enter a name"),
        (("models", "create", "NOTES"), "already exists"),
        (("models", "create", "two words"), "Spaces are not allowed"),
        (("models", "create", "caf\u00e9"), "is not allowed"),
        (("models", "create", "x" * 201), "at most 200"),
        (("models", "create", "x", "--language", "de-DE"), "cannot train"),
        (("models", "create", "x", "--provider", "aws-transcribe"), "Not set up"),
        (("models", "create", "x", "--base-model", "Huge"), "WideBand or NarrowBand"),
        (("models", "rename", "missing", "y"), "No model named"),
        (("models", "rename", "notes", "a/b"), "is not allowed"),
        (("models", "frobnicate"), "Unknown models command"),
        (("nothing",), "Unknown command"),
    ]
    for args, needle in cases:
        rc, out, err = run(ws, *args)
        check(f"refuses {args!r}", rc != 0 and needle in err and out == "",
              f"rc={rc} out={out!r} err={err!r}")

    # The limit is said the same way whatever the provider: its display
    # name (“On this computer”) is not the subject of the sentence.
    rc, out, err = run(ws, "models", "create", "x" * 10000)
    check("a 10,000-character name is refused with the limit",
          rc == 1 and "10000 characters long" in err and "at most 200 characters" in err
          and "On this computer" not in err, err)

    # Control characters in an echoed name are escaped: one line, no raw
    # newline, escape or bidirectional override reaches the terminal.
    for args, shown in ((("models", "create", "two\nlines"), "“\\n”"),
                        (("models", "rename", "no\nsuch", "y"), "“no\\nsuch”"),
                        (("models", "delete", "esc\x1b[31mred"), "“esc\\u001B[31mred”"),
                        (("models", "frobnicate\u202e"), "“frobnicate\\u202E”")):
        rc, out, err = run(ws, *args)
        first = err.split("\n")[0]
        check(f"{args!r} is echoed escaped",
              rc != 0 and shown in first and "\x1b" not in err and "\u202e" not in err,
              repr(err))

    rc, out, err = run(ws, "models", "list", "--json")
    check("nothing was added by refused commands",
          [m["name"] for m in json.loads(out)] == ["notes"], out)


def test_damaged_workspaces(tmp):
    corrupt = os.path.join(tmp, "corrupt")
    os.makedirs(corrupt)
    db = os.path.join(corrupt, "parlance.db")
    with open(db, "wb") as f:
        f.write(b"this is not a database\n" * 500)
    before = digest(db)
    rc, out, err = run(corrupt, "models", "create", "x")
    check("corrupt database refused", rc == 1 and "damaged" in err and "backup" in err, err)
    check("corrupt database untouched", digest(db) == before
          and not os.path.exists(db + "-wal"))

    newer = os.path.join(tmp, "newer")
    os.makedirs(newer)
    db = os.path.join(newer, "parlance.db")
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE t (x)")
    con.execute("PRAGMA user_version = 42")
    con.commit()
    con.close()
    before = digest(db)
    rc, out, err = run(newer, "models", "list")
    check("newer schema refused", rc == 1 and "newer version of Parlance" in err, err)
    check("newer schema untouched", digest(db) == before)

    ro = os.path.join(tmp, "ro")
    run(ro, "models", "create", "kept")
    os.chmod(tmp, 0o755)
    os.chmod(ro, 0o555)
    user = "nobody" if os.getuid() == 0 else None
    rc, out, err = run(ro, "models", "create", "x", user=user)
    check("read-only workspace refused", rc == 1 and "read-only" in err
          and "writable" in err, err)
    # Reading needs no write access.
    rc, out, err = run(ro, "models", "list", "--json", user=user)
    check("read-only workspace lists its models",
          rc == 0 and [m["name"] for m in json.loads(out or "[]")] == ["kept"], out + err)
    rc, out, err = run(ro, "models", "delete", "kept", "--yes", user=user)
    check("read-only workspace refuses a delete", rc == 1 and "read-only" in err, err)
    os.chmod(ro, 0o755)
    rc, out, err = run(ro, "models", "list", "--json")
    check("read-only workspace kept its model",
          [m["name"] for m in json.loads(out)] == ["kept"], out)


def test_import_leftovers(tmp):
    """An import killed while it copied leaves blobs/tmp/import-PID-*; the
    next command of any kind that opens the workspace removes it, even when
    the killed process has not been reaped yet (a zombie), and keeps the
    staging files of imports that still run."""
    ws = os.path.join(tmp, "ws")
    run(ws, "models", "create", "kept")
    staging = os.path.join(ws, "blobs", "tmp")
    os.makedirs(staging, exist_ok=True)
    killed = subprocess.Popen(["sleep", "60"])
    killed.kill()
    # Not waited for: a zombie, as right after `kill -9` of an import.
    deadline = time.time() + 10
    while time.time() < deadline:
        with open("/proc/%d/stat" % killed.pid) as f:
            if f.read().rsplit(")", 1)[1].split()[0] == "Z":
                break
        time.sleep(0.01)
    running = subprocess.Popen(["sleep", "60"])
    left = os.path.join(staging, "import-%d-AbC123" % killed.pid)
    live = os.path.join(staging, "import-%d-XyZ789" % running.pid)
    for path in (left, live):
        with open(path, "wb") as f:
            f.write(b"half a dataset")
    rc, out, err = run(ws, "models", "list")
    check("a read-only command removes a killed import's staging file",
          rc == 0 and not os.path.exists(left), err)
    check("a running import's staging file is kept", os.path.exists(live))
    running.kill()
    running.wait()
    killed.wait()


def test_default_locations(tmp):
    data_home = os.path.join(tmp, "xdg")
    rc, out, err = run(None, "models", "create", "xdg-model", env={"XDG_DATA_HOME": data_home})
    check("default workspace is XDG_DATA_HOME/parlance",
          rc == 0 and os.path.exists(os.path.join(data_home, "parlance", "parlance.db")), err)

    env_ws = os.path.join(tmp, "envws")
    rc, out, err = run(None, "models", "create", "env-model",
                       env={"PARLANCE_WORKSPACE": env_ws, "XDG_DATA_HOME": data_home})
    check("PARLANCE_WORKSPACE wins", rc == 0
          and os.path.exists(os.path.join(env_ws, "parlance.db")), err)

    rc, out, err = run(None, "--workspace")
    check("--workspace needs a value", rc == 2 and "needs a folder" in err, err)


with tempfile.TemporaryDirectory() as tmp:
    os.chmod(tmp, 0o755)
    for test in (test_lifecycle, test_bad_input, test_damaged_workspaces,
                 test_import_leftovers, test_default_locations):
        sub = os.path.join(tmp, test.__name__)
        os.makedirs(sub)
        os.chmod(sub, 0o755)
        test(sub)

finish()
