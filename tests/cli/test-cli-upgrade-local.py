#!/usr/bin/python3
# test-cli-upgrade-local.py
#
# Copyright 2026 The Parlance authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""`parlance-cli models upgrade` for the local provider, without network:
a model trained on the stock base, then a second base installed
(install_second_base()) as the current one. The old version offers an
upgrade, warns when it recognizes, and the upgrade trains a new version on
the new base while the old one stays usable. Refusals: nothing to upgrade,
no such model, no version yet, usage."""

import json
import os
import re
import signal
import sqlite3
import subprocess
import tempfile
import time

from cli_testlib import (CLI, ENV, check, finish, install_second_base, require_speech,
                         synthesize, write)


# Under the sanitizers (build-aux/sanitize.sh) parlance-cli runs several
# times slower; the big model's 200,000 new words took over 300 s there.
SLOW = 5 if "ASAN_OPTIONS" in os.environ else 1


def run(ws, *args, base=None, timeout=120):
    env = dict(ENV)
    if base is not None:
        env["PRL_POCKETSPHINX_MODELDIR"] = base
    proc = subprocess.run([CLI, "--workspace", ws] + list(args), capture_output=True,
                          text=True, timeout=timeout * SLOW, env=env)
    return proc.returncode, proc.stdout, proc.stderr


def show(ws, name, base=None):
    rc, out, err = run(ws, "models", "show", name, "--json", base=base)
    return json.loads(out) if rc == 0 else {"error": err}


def list_entry(ws, name, base=None):
    rc, out, err = run(ws, "models", "list", "--json", base=base)
    return {m["name"]: m for m in json.loads(out)}.get(name, {}) if rc == 0 else {}


def db_upgrade_rows(ws):
    """The live upgrade claims, read without opening the workspace (which
    would recover a killed one)."""
    con = sqlite3.connect("file:%s?mode=ro" % os.path.join(ws, "parlance.db"), uri=True)
    try:
        return con.execute("SELECT count(*) FROM jobs WHERE kind = 'upgrade'").fetchone()[0]
    finally:
        con.close()


def merged_dict(ws, version):
    with open(os.path.join(ws, "models", "1", version, "merged.dict")) as f:
        return f.read()


require_speech()

with tempfile.TemporaryDirectory(prefix="prl-upg-") as tmp:
    ws = os.path.join(tmp, "ws")
    second = install_second_base(os.path.join(tmp, "base2"))
    notes = write(os.path.join(tmp, "notes.txt"),
                  "The patient has atrial fibrillation.\nStart metoprolol today.\n"
                  "The patient takes metoprolol twice a day.\n")
    wav = synthesize(os.path.join(tmp, "say.wav"), "the patient takes metoprolol")

    rc, out, err = run(ws, "models", "upgrade")
    check("upgrade without a model is a usage error", rc == 2 and "Usage" in err, err)
    rc, out, err = run(ws, "models", "upgrade", "nosuch")
    check("upgrade of an unknown model is refused", rc == 1 and "nosuch" in err, err)

    run(ws, "models", "create", "clinic")
    rc, out, err = run(ws, "models", "upgrade", "clinic")
    check("upgrade before any training is refused",
          rc == 1 and "no version to upgrade" in err, err)

    run(ws, "datasets", "add", "clinic", notes, "--type", "TRANSCRIPT")
    rc, out, err = run(ws, "train", "clinic", "--wait")
    m = re.search(r"Trained version (clinic-\d{8}T\d{6}Z)", out)
    check("trained on the stock base", rc == 0 and m, out + err)
    old = m.group(1) if m else ""

    shown = show(ws, "clinic")
    check("on its own base: no upgrade offered",
          shown.get("upgrade_available") is False
          and [v["upgrade_available"] for v in shown.get("versions", [])] == [False],
          str(shown))
    rc, out, err = run(ws, "models", "upgrade", "clinic")
    check("upgrade on the current base is refused with the reason",
          rc == 1 and "has no upgrade" in err, err)
    rc, out, err = run(ws, "transcribe", "--model", "clinic", wav)
    check("no base warning on the current base", rc == 0 and "older base" not in err, err)

    # The second base becomes the current one, as a package upgrade would.
    rc, out, err = run(ws, "models", "list", "--json", base=second)
    listed = {m["name"]: m for m in json.loads(out)} if rc == 0 else {}
    check("a new base: models list --json says upgrade_available at once",
          listed.get("clinic", {}).get("upgrade_available") is True, out + err)
    shown = show(ws, "clinic", base=second)
    versions = shown.get("versions", [])
    check("a new base: the model offers an upgrade",
          shown.get("upgrade_available") is True and len(versions) == 1
          and versions[0]["upgrade_available"] is True, str(shown))
    rc, out, err = run(ws, "models", "show", "clinic", base=second)
    check("models show says an upgrade is available",
          rc == 0 and "Upgrade:" in out and "upgrade available" in out, out + err)

    rc, out, err = run(ws, "transcribe", "--model", "clinic", wav, base=second)
    check("recognition with the old-base version warns on stderr",
          rc == 0 and "Warning:" in err and "older base model" in err and old in err
          and "Warning" not in out, err)
    check("and still recognizes", "patient" in out, out)

    rc, out, err = run(ws, "models", "upgrade", "clinic", "--wait", base=second,
                       timeout=300)
    m = re.search(r"Upgraded “clinic”: new version “(clinic-\d{8}T\d{6}Z)”", out)
    check("upgrade trains a new version", rc == 0 and m and "cannot" not in err, out + err)
    check("upgrade says the old version stays", old in err and "stays" in err, err)
    new = m.group(1) if m else ""

    shown = show(ws, "clinic", base=second)
    versions = shown.get("versions", [])
    names = [v["name"] for v in versions]
    check("both versions exist, the new one first (the default)",
          names == [new, old], str(names))
    if len(versions) == 2:
        check("each version records its own base",
              versions[0]["base_model"] != versions[1]["base_model"]
              and all(v["base_model"].startswith("cmusphinx-en-us") for v in versions),
              str(versions))
        check("only the old version still offers an upgrade",
              [v["upgrade_available"] for v in versions] == [False, True], str(versions))
    check("the model no longer offers one", shown.get("upgrade_available") is False,
          str(shown))
    check("status is success after the upgrade", shown.get("status") == "success",
          str(shown))
    try:
        check("the new version is built on the new base's dictionary",
              "\nparlancebase " in merged_dict(ws, new)
              and "\nparlancebase " not in merged_dict(ws, old))
    except OSError as e:
        check("merged.dict readable", False, str(e))

    rc, out, err = run(ws, "transcribe", "--model", "clinic", wav, base=second)
    check("the default (new) version recognizes without a warning",
          rc == 0 and "patient" in out and "older base" not in err, out + err)
    rc, out, err = run(ws, "transcribe", "--model", "clinic@" + old, wav, base=second)
    check("the old version can still be chosen, with the warning",
          rc == 0 and "patient" in out and "older base model" in err, out + err)

    rc, out, err = run(ws, "models", "upgrade", "clinic", base=second)
    check("a second upgrade of the newest version is refused",
          rc == 1 and "has no upgrade" in err, err)

    # A big model whose upgrade takes long enough to be seen from another
    # process, then killed: the next command recovers it. Under the
    # sanitizers, where counting n-grams is some thirty times slower, a
    # tenth of it is as long (the whole corpus took 1,000 s there).
    run(ws, "models", "create", "big")
    big = os.path.join(tmp, "big.txt")
    with open(big, "w") as f:
        for i in range(200000 if SLOW == 1 else 20000):
            f.write("line %d of the big corpus about metoprolol and word%d\n" % (i, i))
    run(ws, "datasets", "add", "big", big, "--type", "TRANSCRIPT", timeout=120)
    rc, out, err = run(ws, "train", "big", "--wait", timeout=300)
    check("the big model trains on the stock base", rc == 0, out + err)
    env = dict(ENV, PRL_POCKETSPHINX_MODELDIR=second)
    proc = subprocess.Popen([CLI, "--workspace", ws, "models", "upgrade", "big", "--wait"],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    deadline = time.time() + 60 * SLOW
    seen = {}
    while time.time() < deadline and proc.poll() is None:
        seen = list_entry(ws, "big", base=second)
        if seen.get("upgrading"):
            break
        time.sleep(0.05)
    check("another process sees the model Upgrading (status still running)",
          seen.get("upgrading") is True and seen.get("status") == "running", str(seen))
    rc, out, err = run(ws, "models", "list", base=second)
    line = [l for l in out.splitlines() if l.startswith("big ")]
    check("models list shows Upgrading", line and "Upgrading" in line[0], out + err)
    rc, out, err = run(ws, "models", "upgrade", "big", base=second)
    check("a second upgrade meanwhile is refused", rc == 1 and "training" in err, err)
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=30 * SLOW)
    check("the killed upgrade left its claim", db_upgrade_rows(ws) == 1)
    after = list_entry(ws, "big", base=second)
    check("the next command recovers it: no longer upgrading, status as before",
          after.get("upgrading") is False and after.get("status") == "success"
          and db_upgrade_rows(ws) == 0, str(after))
    rc, out, err = run(ws, "models", "upgrade", "big", "--wait", base=second, timeout=300)
    check("the upgrade can be run again after the kill",
          rc == 0 and "Upgraded “big”" in out, out + err)

finish()
