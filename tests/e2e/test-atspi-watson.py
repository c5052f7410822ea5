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

import os
import secrets
import subprocess
import sys
import tempfile

GUI, CLI, SAMPLE, STANDIN = sys.argv[1:5]
MODEL = "atspi-watson"
ACCOUNT = "Watson"
BASE = "en-US_Multimedia"
RELEASE = "2024-03-01"

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from atspi_session import in_private_keyring, own_display, skip  # noqa: E402

own_display()
TESTS = sorted(f for f in os.listdir(SAMPLE) if f.endswith(".wav")) \
    if os.path.isdir(SAMPLE) else []
if not TESTS or not all(os.path.isfile(os.path.join(SAMPLE, f))
                        for f in ["training.txt", "tuning.txt"]
                        + [t[:-4] + ".txt" for t in TESTS]):
    skip(f"the sample audio was not built in {SAMPLE} (no espeak-ng)")

in_private_keyring()

from atspi_common import (  # noqa: E402  (after the bus exists: it loads pyatspi)
    all_names, all_passed, check, click, cli_json, find, find_app, leaderboard_rows, run,
    settle, wait_for, window)
from atspi_keys import button, train  # noqa: E402
from watson_standin import posts, standin, start, stop  # noqa: E402  (atspi_session's path)

KEY = secrets.token_urlsafe(33)


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


def leaderboard(main_window, n_versions):
    """The stock row's WER and the version rows (name, WER, comparison),
    once there are @n_versions of them."""
    stock, versions = leaderboard_rows(all_names(main_window), MODEL)
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

    def stop_standin():
        if current["server"] is not None:
            stop(current["server"])
            current["server"] = None

    def prepare(workspace):
        stop_standin()
        current["n"] += 1
        current["server"], current["url"] = start(
            STANDIN, tmp, KEY, "--training-seconds", "2", "--analysis-seconds", "0.2",
            "--recognizer", CLI, "--apply-customizations")
        set_up(workspace, current["url"], f"{ACCOUNT}{current['n']}")

    with tempfile.TemporaryDirectory(prefix="prl-e2e-watson-") as tmp:
        try:
            run(GUI, "prl-atspi-watson-", lambda ws: make_steps(current["url"])(ws),
                prepare=prepare)
        finally:
            stop_standin()
    sys.exit(0 if all_passed() else 1)


main()
