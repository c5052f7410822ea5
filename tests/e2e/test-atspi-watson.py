#!/usr/bin/python3
# test-atspi-watson.py
#
# Copyright 2026 The Parlance authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""IBM Watson end to end through the real `parlance` binary and its
accessibility tree (issue #15): an IBM account and a Watson model with
the sample's training, tuning and test pairs (set up by `parlance-cli`,
as a user could; the API key in a private gnome-keyring), then in the
app: Train (the Train dialog) → the version → Evaluation → Run
Evaluation → the leaderboard (stock + the version). IBM then releases a
newer version of the base (the stand-in's hook): reopening the model
shows the Upgrade banner, Upgrade… asks, Upgrade trains a new version
named after the new base, and a second evaluation puts the stock model
and both versions on one leaderboard, the old one marked as built on the
older base.

The Watson stand-in (tests/cloud/watson-server.py) recognizes with
Parlance's own recognizer (--recognizer) and applies each custom model's
corpus (--apply-customizations), so a version really changes the
transcript.

Usage: test-atspi-watson.py PARLANCE PARLANCE_CLI SAMPLE_DIR STANDIN
Exit status 77 is a skip (no display, no keyring, no sample audio)."""

import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

GUI, CLI, SAMPLE, STANDIN = sys.argv[1:5]
SKIP = 77
MODEL = "atspi-watson"
ACCOUNT = "Watson"
BASE = "en-US_Multimedia"
RELEASE = "2024-03-01"

# Like the C suites' setup, G_DEBUG=fatal-warnings would make libatspi's
# warnings about its own cache races fatal here; drop it before GLib loads.
os.environ.pop("G_DEBUG", None)


def skip(reason):
    print(f"1..0 # SKIP {reason}")
    sys.exit(SKIP)


if not os.environ.get("DISPLAY"):
    skip("no display")
TESTS = sorted(f for f in os.listdir(SAMPLE) if f.endswith(".wav")) \
    if os.path.isdir(SAMPLE) else []
if not TESTS or not all(os.path.isfile(os.path.join(SAMPLE, f))
                        for f in ["training.txt", "tuning.txt"]
                        + [t[:-4] + ".txt" for t in TESTS]):
    skip(f"the sample audio was not built in {SAMPLE} (no espeak-ng)")

# A private session bus started inside the X session (the accessibility
# registry needs DISPLAY), with an unlocked gnome-keyring and private HOME
# and XDG folders: the API key goes to that keyring only.
if not os.environ.get("PRL_E2E_PRIVATE_BUS"):
    if not (shutil.which("gnome-keyring-daemon") and shutil.which("dbus-run-session")):
        skip("gnome-keyring-daemon or dbus-run-session is missing")
    home = tempfile.mkdtemp(prefix="prl-e2e-keyring-")
    for sub in ("run", "data", "config"):
        os.mkdir(os.path.join(home, sub), 0o700)
    env = dict(os.environ, HOME=home, XDG_RUNTIME_DIR=os.path.join(home, "run"),
               XDG_DATA_HOME=os.path.join(home, "data"),
               XDG_CONFIG_HOME=os.path.join(home, "config"), PRL_E2E_PRIVATE_BUS="1")
    for name in ("IBM_APIKEY", "DBUS_SESSION_BUS_ADDRESS"):
        env.pop(name, None)
    script = ("printf parlance | gnome-keyring-daemon --unlock --daemonize "
              "--components=secrets >/dev/null && exec \"$0\" \"$@\"")
    rc = subprocess.call(["dbus-run-session", "--", "sh", "-c", script, sys.executable,
                          os.path.abspath(sys.argv[0])] + sys.argv[1:], env=env)
    shutil.rmtree(home, ignore_errors=True)
    sys.exit(rc)

import pyatspi  # noqa: E402  (after the bus exists)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from atspi_common import (  # noqa: E402  (after pyatspi, as it loads it)
    all_passed, check, click, cli_json, find, find_app, run, settle, wait_for, window)
from atspi_keys import button, sensitive  # noqa: E402

KEY = secrets.token_urlsafe(33)
STOCK_ROW = re.compile(r"^Stock model, WER (\d+(?:\.\d+)?)%, the reference$")
VERSION_ROW = re.compile(r"^(" + re.escape(MODEL) + r"-\S+), WER (\d+(?:\.\d+)?)%, (.+)$")


def start_standin(tmp):
    keys = os.path.join(tmp, "keys")
    with open(os.open(keys, os.O_WRONLY | os.O_CREAT, 0o600), "w") as f:
        f.write(KEY + "\n")
    port_file = os.path.join(tmp, "port")
    if os.path.exists(port_file):
        os.unlink(port_file)
    server = subprocess.Popen(["/usr/bin/python3", STANDIN, "--apikey-file", keys,
                               "--port-file", port_file, "--training-seconds", "2",
                               "--analysis-seconds", "0.2", "--recognizer", CLI,
                               "--apply-customizations", "--exit-with-parent"],
                              stdout=subprocess.DEVNULL)
    for _ in range(400):
        if os.path.exists(port_file) or server.poll() is not None:
            break
        time.sleep(0.05)
    with open(port_file) as f:
        return server, f"http://127.0.0.1:{f.read().strip()}"


def standin(url, method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url + path, method=method, data=data)
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.loads(answer.read() or b"null")


def posts(url, suffix):
    return [r for r in standin(url, "GET", "/_standin/requests")
            if r["method"] == "POST" and r["path"].endswith(suffix)]


def cli(workspace, *args, extra=None):
    env = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="C", **(extra or {}))
    proc = subprocess.run([CLI, "--workspace", workspace] + list(args),
                          capture_output=True, text=True, timeout=300, env=env)
    if proc.returncode != 0:
        raise RuntimeError(f"parlance-cli {' '.join(args)} failed: {proc.stderr}")
    return proc.stdout


def set_up(workspace, url, account):
    """What is not the point here, through parlance-cli: the account, the
    model on Watson's next-generation base, and the sample as datasets."""
    cli(workspace, "accounts", "add", "ibm", account, "--url", url, "--iam-url",
        url + "/identity/token", extra={"IBM_APIKEY": KEY})
    cli(workspace, "models", "create", MODEL, "--provider", "ibm-watson", "--account",
        account, "--base", BASE)
    cli(workspace, "datasets", "add", MODEL, os.path.join(SAMPLE, "training.txt"),
        "--type", "TRANSCRIPT")
    cli(workspace, "datasets", "add", MODEL, os.path.join(SAMPLE, "tuning.txt"),
        "--type", "TUNING")
    pairs = []
    for wav in TESTS:
        pairs += [os.path.join(SAMPLE, wav), os.path.join(SAMPLE, wav[:-4] + ".txt")]
    cli(workspace, "datasets", "add", MODEL, *pairs, "--type", "TEST")


def all_names(root):
    return [n.name for n in pyatspi.findAllDescendants(
        root, lambda n: n is not None and bool(n.name))]


def leaderboard(main_window, n_versions):
    """The stock row's WER and the version rows (name, WER, comparison),
    once there are @n_versions of them."""
    stock, versions = None, []
    for name in all_names(main_window):
        m = STOCK_ROW.match(name)
        if m:
            stock = float(m.group(1))
        m = VERSION_ROW.match(name)
        if m:
            versions.append((m.group(1), float(m.group(2)), m.group(3)))
    if stock is None or len(versions) != n_versions:
        return None
    return stock, versions


def open_model(main_window, name=MODEL):
    click(wait_for(f"the Edit button of {name}",
                   lambda: find(main_window, "push button", f"Edit {name}")))
    settle()


def back(main_window):
    click(wait_for("Back to Custom Models",
                   lambda: find(main_window, "push button", "Back to Custom Models")))
    settle()


def train(app, main_window):
    click(wait_for("the Train button",
                   lambda: find(main_window, "push button", "Train the Language")))
    dialog = wait_for("the Train dialog", lambda: window(app, "Train the Language"))
    settle()
    confirm = wait_for("the Train dialog's Train button", lambda: button(dialog, "Train"))
    wait_for("Train to become enabled", lambda: sensitive(confirm))
    click(confirm)
    wait_for("the Train dialog to close", lambda: window(app, "Train the Language") is None)


def evaluate(main_window, n_versions):
    click(wait_for("the Evaluation button", lambda: button(main_window, "Evaluation")))
    settle()
    click(wait_for("the Run Evaluation button",
                   lambda: button(main_window, "Run Evaluation")))
    # The rows rebuild as the run ends: a tree walked too early may crash
    # GTK 4.8's AT-SPI, so poll slowly.
    return wait_for(f"the leaderboard's stock row and {n_versions} version rows",
                    lambda: settle() or leaderboard(main_window, n_versions), timeout=600)


def find_dialog_with(app, text):
    """The top-level window that contains a label with @text."""
    for i in range(app.childCount):
        child = app.getChildAtIndex(i)
        if child is not None and find(child, "label", text):
            return child
    return None


def make_steps(url):
    def steps(workspace):
        app = wait_for("the parlance application on the accessibility bus",
                       lambda: find_app("parlance"))
        main_window = wait_for("the main window", lambda: window(app, "Parlance"))
        guide = wait_for("the Getting Started guide", lambda: window(app, "Getting Started"))
        click(wait_for("the guide's button", lambda: find(guide, "push button", "Get Started")))
        wait_for("the guide to close", lambda: window(app, "Getting Started") is None)
        settle()

        open_model(main_window)
        train(app, main_window)
        version = wait_for("the version to appear once Watson has trained",
                           lambda: find(main_window, "label", f"{MODEL}-"), timeout=300)
        old = version.name
        check("training on Watson makes a version", old.startswith(f"{MODEL}-"), old)
        check("one customization trained on the stand-in",
              len(posts(url, "/train")) == 1, str(posts(url, "/train")))
        settle()

        stock, versions = evaluate(main_window, 1)
        check("the first leaderboard: the stock model and the version",
              [v[0] for v in versions] == [old], str(versions))
        check("the Watson version beats Watson's stock model", versions[0][1] < stock,
              f"{versions[0]} against stock {stock}%")
        print(f"# before the upgrade: stock WER {stock}%, {old} WER {versions[0][1]}%")

        # IBM releases a newer version of the base; the model page asks the
        # service again when it is shown.
        standin(url, "POST", f"/_standin/bases/{BASE}/release", {"version": RELEASE})
        standin(url, "DELETE", "/_standin/requests")
        # Reopening the model asks the service again.
        back(main_window)
        open_model(main_window)
        banner = wait_for("the Upgrade banner",
                          lambda: find(main_window, "label", "Upgrade available: "),
                          timeout=60)
        check("the banner names IBM Watson's newer base", "newer base model" in banner.name,
              banner.name)
        settle()
        click(wait_for("the banner's Upgrade… button",
                       lambda: button(main_window, "Upgrade…")))
        ask = wait_for("the Upgrade dialog", lambda: find_dialog_with(app, "An upgrade cannot be undone"))
        check("the Upgrade dialog names the version it replaces",
              find(ask, "label", f"“{old}”") is not None)
        click(wait_for("the dialog's Upgrade button", lambda: button(ask, "Upgrade")))
        new = f"{old}@v{RELEASE}"
        # The upgrade's version is saved when Watson has trained it; the
        # open page lists it by itself, without the model being reopened.
        check("the upgraded version is listed on the open page, named after the new base",
              wait_for("the upgraded version's row",
                       lambda: find(main_window, "label", new), timeout=300) is not None)
        trains = posts(url, "/train")
        check("the upgrade retrained the customization with force=true",
              len(trains) == 1 and trains[0]["query"].get("force") == "true", str(trains))
        shown = cli_json(CLI, workspace, "models", "show", MODEL)
        check("both versions kept",
              sorted(v["name"] for v in shown.get("versions", [])) == sorted([old, new]),
              str(shown.get("versions")))
        settle()
        settle()

        stock2, versions = evaluate(main_window, 2)
        wer = {name: w for name, w, _ in versions}
        check("the second leaderboard: the stock model and both versions",
              sorted(wer) == sorted([old, new]), str(versions))
        check("the stock row's WER is unchanged", stock2 == stock, f"{stock2} vs {stock}")
        check("both versions beat the stock model", all(w < stock2 for w in wer.values()),
              str(versions))
        labels = [n for n in all_names(main_window) if n.startswith("Built on ")]
        check("the old version is marked as built on the older base",
              sum("(older base)" in n for n in labels) == 1
              and sum("(older base)" not in n for n in labels) >= 1, str(labels))
        print(f"# after the upgrade: stock WER {stock2}%, {versions}; bases {labels}")
    return steps


def main():
    # Each run of the flow (atspi_common.run() runs it again after GTK
    # 4.8's AT-SPI crash) gets a new stand-in, without the base released
    # by the run before, and an account of its own pointing at it.
    current = {"server": None, "url": None, "n": 0}

    def stop():
        if current["server"] is not None:
            current["server"].terminate()
            current["server"].wait()
            current["server"] = None

    def prepare(workspace):
        stop()
        current["n"] += 1
        current["server"], current["url"] = start_standin(tmp)
        set_up(workspace, current["url"], f"{ACCOUNT}{current['n']}")

    with tempfile.TemporaryDirectory(prefix="prl-e2e-watson-") as tmp:
        try:
            run(GUI, "prl-atspi-watson-", lambda ws: make_steps(current["url"])(ws),
                prepare=prepare)
        finally:
            stop()
    sys.exit(0 if all_passed() else 1)


main()
