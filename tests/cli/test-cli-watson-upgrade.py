#!/usr/bin/python3
# test-cli-watson-upgrade.py
#
# Copyright 2026 The Parlance authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""`parlance-cli models upgrade NAME --wait` for an IBM Watson model,
against the Watson stand-in (tests/cloud/watson-server.py), the API key in
a private keyring:

- before IBM releases a newer base version there is nothing to upgrade,
  and nothing is sent;
- after a release (the stand-in's hook), the next-generation model is
  retrained with force=true on its own customization (never upgrade_model,
  which the stand-in refuses there), and the new version is named after
  the base version; the old one stays.

argv: parlance-cli, watson-server.py."""

import json
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import time

from cli_testlib import CLI, DATA, check, finish, in_private_keyring
from watson_standin import posts, standin, start, stop

in_private_keyring()

SERVER = sys.argv[2]
KEY = secrets.token_urlsafe(33)
BASE = "en-US_Multimedia"


def main():
    with tempfile.TemporaryDirectory(prefix="prl-cli-watson-upgrade-") as tmp:
        server, url = start(SERVER, tmp, KEY, "--training-seconds", "1",
                            "--analysis-seconds", "0.2")
        ws = os.path.join(tmp, "ws")
        env = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="C")

        def cli(*args, extra=None):
            proc = subprocess.run([CLI, "--workspace", ws] + list(args),
                                  capture_output=True, text=True, timeout=600,
                                  env=dict(env, **(extra or {})))
            return proc.returncode, proc.stdout, proc.stderr

        def kill_while_sent(args, path):
            """Runs the CLI and kills it once its request to PATH reached the
            stand-in (which holds its answer)."""
            proc = subprocess.Popen([CLI, "--workspace", ws] + args,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                    env=env)
            for _ in range(600):
                if posts(url, path) or proc.poll() is not None:
                    break
                time.sleep(0.05)
            proc.send_signal(signal.SIGKILL)
            proc.wait()

        try:
            rc, out, err = cli("accounts", "add", "ibm", "Watson", "--url", url,
                               "--iam-url", url + "/identity/token",
                               extra={"IBM_APIKEY": KEY})
            check("an IBM account", rc == 0, out + err)
            rc, out, err = cli("models", "create", "clinic", "--provider", "ibm-watson",
                               "--account", "Watson", "--base", BASE)
            check("a Watson model", rc == 0, out + err)
            rc, out, err = cli("datasets", "add", "clinic",
                               os.path.join(DATA, "clinic-training.txt"),
                               "--type", "TRANSCRIPT")
            check("its training text", rc == 0, err)
            rc, out, err = cli("train", "clinic", "--wait")
            check("trained on the stand-in", rc == 0, f"{rc}: {out}{err}")
            rc, out, err = cli("models", "show", "clinic", "--json")
            versions = json.loads(out)["versions"] if rc == 0 else []
            old = versions[0]["name"] if versions else ""
            check("one version", len(versions) == 1, out + err)

            standin(url, "DELETE", "/_standin/requests")
            rc, out, err = cli("models", "upgrade", "clinic", "--wait")
            check("nothing to upgrade yet", rc != 0 and "no upgrade" in err,
                  f"{rc}: {out}{err}")
            check("nothing trained", posts(url, "/train") == [], err)

            standin(url, "POST", f"/_standin/bases/{BASE}/release",
                    {"version": "2024-03-01"})
            rc, out, err = cli("models", "show", "clinic", "--json")
            shown = json.loads(out)["versions"] if rc == 0 else []
            check("the upgrade offered",
                  [v.get("upgrade_available") for v in shown] == [True], out + err)
            standin(url, "DELETE", "/_standin/requests")
            rc, out, err = cli("models", "upgrade", "clinic", "--wait")
            new = f"{old}@v2024-03-01"
            check("upgraded", rc == 0 and f"new version “{new}”" in out,
                  f"{rc}: {out}{err}")
            trains = posts(url, "/train")
            check("retrained with force=true",
                  len(trains) == 1 and trains[0]["query"].get("force") == "true", trains)
            check("no upgrade_model for a next-generation base",
                  posts(url, "/upgrade_model") == [], err)
            check("no new customization", posts(url, "/v1/customizations") == [], err)
            rc, out, err = cli("models", "show", "clinic", "--json")
            shown = json.loads(out)["versions"] if rc == 0 else []
            names = sorted(v["name"] for v in shown)
            check("both versions", names == sorted([old, new]), out + err)
            check("only the old one still offers the upgrade",
                  {v["name"]: v.get("upgrade_available") for v in shown}
                  == {old: True, new: False}, shown)
            check("no version marked base_removed while IBM offers the base",
                  [v.get("base_removed") for v in shown] == [False, False], shown)

            # The CLI killed while Watson retrains for an upgrade: the
            # stand-in holds the answer to /train, then trains; the resume
            # polls the training the stand-in already has, and sends
            # nothing twice.
            standin(url, "POST", f"/_standin/bases/{BASE}/release",
                    {"version": "2024-09-01"})
            standin(url, "POST", "/_standin/next",
                    {"fault": "none", "delay": 3, "count": 1, "path": "/train"})
            standin(url, "DELETE", "/_standin/requests")
            kill_while_sent(["models", "upgrade", "clinic", "--version", new, "--wait"],
                            "/train")
            check("killed while the upgrade's /train was under way",
                  len(posts(url, "/train")) == 1, posts(url, "/train"))
            time.sleep(3.5)
            rc, out, err = cli("jobs", "resume", "--wait")
            third = f"{old}@v2024-09-01"
            rc2, out2, err2 = cli("models", "show", "clinic", "--json")
            shown = json.loads(out2)["versions"] if rc2 == 0 else []
            check("the resumed upgrade saved its version",
                  rc == 0 and third in [v["name"] for v in shown], f"{rc}: {out}{err}{out2}")
            trains = posts(url, "/train")
            check("exactly one /train reached the stand-in after the kill and resume",
                  len(trains) == 1 and trains[0]["query"].get("force") == "true", trains)

            # IBM retires the base: every version says so, and none can be used.
            standin(url, "POST", f"/_standin/bases/{BASE}/remove", {})
            rc, out, err = cli("models", "show", "clinic", "--json")
            shown = json.loads(out)["versions"] if rc == 0 else []
            check("every version marked base_removed",
                  len(shown) == 3 and all(v.get("base_removed") is True
                                          and v.get("remote_status") == "base-removed"
                                          for v in shown), out + err)
            rc, out, err = cli("models", "show", "clinic")
            check("models show says Base removed",
                  rc == 0 and out.count("Base removed") == 3, out + err)
            rc, out, err = cli("models", "upgrade", "clinic")
            check("a version on a removed base is not upgraded",
                  rc != 0 and posts(url, "/train") == trains, f"{rc}: {out}{err}")

            # The same for a previous-generation base, whose upgrade is
            # upgrade_model: killed while Watson takes it, the resume polls
            # the upgrade Watson already has and sends nothing twice.
            legacy_base = "en-US_BroadbandModel"
            rc, out, err = cli("models", "create", "legacy", "--provider", "ibm-watson",
                               "--account", "Watson", "--base", legacy_base)
            check("a previous-generation Watson model", rc == 0, out + err)
            rc, out, err = cli("datasets", "add", "legacy",
                               os.path.join(DATA, "clinic-training.txt"),
                               "--type", "TRANSCRIPT")
            rc, out, err = cli("train", "legacy", "--wait")
            check("the previous-generation model trained", rc == 0, f"{rc}: {out}{err}")
            standin(url, "POST", f"/_standin/bases/{legacy_base}/release",
                    {"version": "2024-05-01"})
            standin(url, "POST", "/_standin/next",
                    {"fault": "none", "delay": 3, "count": 1, "path": "/upgrade_model"})
            standin(url, "DELETE", "/_standin/requests")
            kill_while_sent(["models", "upgrade", "legacy", "--wait"], "/upgrade_model")
            check("killed while upgrade_model was under way",
                  len(posts(url, "/upgrade_model")) == 1, posts(url, "/upgrade_model"))
            time.sleep(3.5)
            rc, out, err = cli("jobs", "resume", "--wait")
            rc2, out2, err2 = cli("models", "show", "legacy", "--json")
            shown = json.loads(out2)["versions"] if rc2 == 0 else []
            check("the resumed upgrade_model saved its version",
                  rc == 0 and any(v["name"].endswith("@v2024-05-01") for v in shown),
                  f"{rc}: {out}{err}{out2}")
            check("exactly one upgrade_model reached the stand-in after the kill and resume",
                  len(posts(url, "/upgrade_model")) == 1, posts(url, "/upgrade_model"))
            check("no /train for a previous-generation upgrade",
                  posts(url, "/train") == [], posts(url, "/train"))
        finally:
            stop(server)
    finish()


main()
