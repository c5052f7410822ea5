#!/usr/bin/python3
# test-atspi-quick-setup.py
#
# Copyright 2026 The Parlance authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""Quick Setup end to end in the real `parlance` binary, through the
accessibility tree: the wiki of the cloud-wiki suite (PRL_TEST_WIKI_API,
the local MediaWiki build-aux/test.sh starts) in the app's settings, Quick
Setup opened from the Getting Started guide, the sample's test audio with
its transcripts chosen as a folder, two keywords typed, the pages checked
(Next refuses a page with nothing on it), Start — and the app lands on the
new model's leaderboard with a version that beats the stock model, trained
on wiki text only; then Improve… runs a self-heal round and says in a
toast why it stopped, the leaderboard showing the round's version when it
trained one. Exits 0 on success, 1 on failure and 77 (skip) without
a display, the sample audio or the wiki."""

import ctypes.util
import os
import shutil
import sys
import tempfile
import time

GUI, CLI, SAMPLE = sys.argv[1], sys.argv[2], sys.argv[3]
MODEL = "qs-clinic"
KEYWORDS = "atrial fibrillation, echocardiography"
API = os.environ.get("PRL_TEST_WIKI_API")

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from atspi_session import own_display, private_bus, skip  # noqa: E402

own_display()
if not API:
    if os.environ.get("PRL_TEST_REQUIRE_WIKI") == "1":
        print("Bail out! PRL_TEST_WIKI_API is not set, but PRL_TEST_REQUIRE_WIKI=1")
        sys.exit(1)
    skip("PRL_TEST_WIKI_API is not set; run build-aux/test.sh or start "
         "build-aux/wiki-server.sh")
IDS = ["clinic1", "clinic2", "clinic3", "clinic4"]
if not all(os.path.isfile(os.path.join(SAMPLE, i + ".wav")) for i in IDS):
    skip(f"the sample audio was not built in {SAMPLE} (no espeak-ng)")

private_bus()

import pyatspi  # noqa: E402  (after the bus exists)

from atspi_common import (  # noqa: E402
    all_names, all_passed, check, cli_json, click, find, find_app, leaderboard_rows, run,
    settle, wait_for, window)

if not ctypes.util.find_library("X11"):
    skip("no libX11 to give windows the keyboard focus")
from atspi_keys import (  # noqa: E402
    button, focus_window, sensitive, type_string)


def leaderboard(main_window):
    stock, versions = leaderboard_rows(all_names(main_window), MODEL)
    return (stock, versions) if stock is not None and versions else None


def settings_env():
    """The app's settings in a keyfile whose wiki-api-url is the local
    MediaWiki, as Preferences → Text from Wikis would have saved it (the
    Preferences row itself is tested in tests/gui/test-wiki-dialog.c)."""
    config = tempfile.mkdtemp(prefix="prl-qs-config-")
    folder = os.path.join(config, "glib-2.0", "settings")
    os.makedirs(folder)
    with open(os.path.join(folder, "keyfile"), "w") as f:
        f.write(f"[io/github/parlance/Parlance]\nwiki-api-url='{API}'\n")
    return config, {"GSETTINGS_BACKEND": "keyfile", "XDG_CONFIG_HOME": config}


def choose_folder(app, dialog, path):
    click(wait_for("Folder…", lambda: button(dialog, "Folder…")))
    title = "Choose a Folder of Test Audio"
    chooser = wait_for("the folder chooser", lambda: window(app, title))
    settle()
    wait_for("the folder chooser to take the focus", lambda: focus_window(title))
    type_string("/")
    location = wait_for("the location entry",
                        lambda: find(chooser, "text", "GtkFileChooserEntry"))
    location.queryEditableText().setTextContents(path)
    time.sleep(0.3)
    click(wait_for("the chooser's Add button", lambda: button(chooser, "Add")))
    wait_for("the folder chooser to close", lambda: window(app, title) is None)
    settle()


def page_error(dialog, needle):
    return next((n for n in all_names(dialog) if needle in n), None)


def steps(workspace):
    app = wait_for("the parlance application on the accessibility bus",
                   lambda: find_app("parlance"))
    main_window = wait_for("the main window", lambda: window(app, "Parlance"))
    # The guide opens on the first start only, which the settings' keyfile
    # remembers across a rerun after GTK's AT-SPI crash (see run()).
    try:
        guide = wait_for("the Getting Started guide",
                         lambda: window(app, "Getting Started"), timeout=10)
        click(wait_for("the guide's Get Started", lambda: button(guide, "Get Started")))
        wait_for("the guide to close", lambda: window(app, "Getting Started") is None)
    except TimeoutError:
        pass
    settle()

    # Quick Setup from the Getting Started guide, opened again.
    click(wait_for("the Getting Started button",
                   lambda: button(main_window, "Getting Started")))
    guide = wait_for("the Getting Started guide", lambda: window(app, "Getting Started"))
    settle()
    click(wait_for("the guide's Quick Setup…", lambda: button(guide, "Quick Setup…")))
    dialog = wait_for("the Quick Setup assistant", lambda: window(app, "Quick Setup"))
    settle()
    check("the guide closes when Quick Setup opens",
          window(app, "Getting Started") is None)

    # Next on an empty page says what is missing and stays.
    click(wait_for("Next", lambda: button(dialog, "Next")))
    settle()
    check("Next without test audio says so",
          wait_for("the page's message", lambda: page_error(dialog, "No test audio yet"))
          is not None)

    folder = os.path.join(tempfile.mkdtemp(prefix="prl-qs-audio-"), MODEL)
    os.makedirs(folder)
    for i in IDS:
        for ext in (".wav", ".txt"):
            shutil.copy(os.path.join(SAMPLE, i + ext), folder)
    choose_folder(app, dialog, folder)
    check("the folder's four pairs are listed",
          wait_for("the pairs", lambda: page_error(dialog, "4 test pairs")) is not None)
    click(button(dialog, "Next"))
    settle()

    # Keywords page: nothing given is refused, then the keywords.
    click(wait_for("Next on the keywords page", lambda: button(dialog, "Next")))
    settle()
    check("Next without keywords or text says so",
          wait_for("the keywords page's message",
                   lambda: page_error(dialog, "Give keywords or a training text file"))
          is not None)
    entry = wait_for("the Keywords field", lambda: find(dialog, "text", "Keywords"))
    entry.queryEditableText().setTextContents(KEYWORDS)
    settle()
    click(button(dialog, "Next"))
    settle()

    # The model page: its name from the folder, no self-heal, the wiki.
    name = wait_for("the Model Name field", lambda: find(dialog, "text", "Model Name"))
    text = name.queryText()
    shown = text.getText(0, text.characterCount)
    check("the model is named after the folder", shown == MODEL, repr(shown))
    check("the wiki from Preferences is shown",
          wait_for("the wiki row", lambda: page_error(dialog, API)) is not None)
    start = wait_for("Start", lambda: button(dialog, "Start"))
    wait_for("Start to be enabled", lambda: sensitive(start))
    click(start)

    wait_for("Quick Setup to finish and close",
             lambda: window(app, "Quick Setup") is None, timeout=900)
    settle()
    stock, versions = wait_for("the leaderboard's stock and version rows",
                               lambda: leaderboard(main_window), timeout=120)
    vname, wer, comparison = versions[-1]
    check("the app lands on the new model's leaderboard with one version",
          len(versions) == 1, str(versions))
    check("the version beats the stock model", wer < stock,
          f"{vname}: WER {wer}% against stock {stock}% ({comparison})")
    print(f"# leaderboard: stock WER {stock}%, {vname} WER {wer}% ({comparison})")

    # Improve: one self-heal round from the leaderboard, followed to its end.
    improve = wait_for("Improve…", lambda: button(main_window, "Improve…"))
    wait_for("Improve to be offered for the evaluated model", lambda: sensitive(improve))
    click(improve)
    dialog = wait_for("the Improve dialog", lambda: window(app, "Improve the Model"))
    settle()
    rounds = wait_for("the Rounds field", lambda: pyatspi.findDescendant(
        dialog, lambda n: n is not None and n.getRoleName() in ("spin button", "text")
        and (n.name or "").startswith("Rounds"), True))
    rounds.queryEditableText().setTextContents("1")
    settle()
    click(wait_for("the dialog's Improve", lambda: button(dialog, "Improve")))
    wait_for("the Improve dialog to close",
             lambda: window(app, "Improve the Model") is None)
    toast = wait_for("the page saying why Improve stopped",
                     lambda: next((n for n in all_names(main_window)
                                   if n.startswith("Improve stopped:")), None), timeout=600)
    print(f"# {toast}")
    stock2, versions2 = wait_for("the leaderboard after Improve",
                                 lambda: leaderboard(main_window), timeout=60)
    trained = "brought no significant gain" in toast or "round done" in toast
    check("a round that trained is a new row on the leaderboard, else none",
          len(versions2) == (2 if trained else 1), f"{toast}: {versions2}")

    datasets = cli_json(CLI, workspace, "datasets", "list", MODEL)
    kinds = sorted(d["type"] for d in datasets)
    check("the model has the test pairs and the wiki's text, nothing else",
          "TRANSCRIPT" in kinds and all(k in ("AUDIO", "TEST", "TRANSCRIPT") for k in kinds)
          and all(d.get("source") == API for d in datasets if d["type"] == "TRANSCRIPT"),
          str(datasets))
    shutil.rmtree(os.path.dirname(folder), ignore_errors=True)


def main():
    config, env = settings_env()
    try:
        run(GUI, "prl-atspi-qs-", steps, env)
    finally:
        shutil.rmtree(config, ignore_errors=True)
    sys.exit(0 if all_passed() else 1)


main()
