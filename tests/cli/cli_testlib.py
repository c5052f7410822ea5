# cli_testlib.py
#
# Copyright 2026 The Parlance authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""What the CLI tests share: running parlance-cli in the C locale,
recording checks and printing them as TAP, skipping when the speech tools
are missing, speaking a sentence, and the texts in data/.

Each test runs as `python3 test-cli-NAME.py PARLANCE_CLI [ARGS...]`.
Python puts the folder of the script it runs first on sys.path, so
`import cli_testlib` works from any working directory; importing it puts
tests/cloud on sys.path too, for the modules the cloud tests share."""

import json
import os
import shutil
import subprocess
import sys

# The Python modules the cloud tests share (watson_standin.py,
# keyring_session.py) are in tests/cloud.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "cloud"))
import keyring_session  # noqa: E402

CLI = sys.argv[1]
ENV = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="C")
MODELDIR = os.environ.get("PRL_POCKETSPHINX_MODELDIR", "/usr/share/pocketsphinx/model")
DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")

results = []


def check(name, ok, detail=""):
    """Records one test; detail is printed under it if it failed."""
    results.append((name, bool(ok), detail))


def run(*args, workspace=None, timeout=120):
    """Runs parlance-cli, in workspace when one is given.
    Returns (exit status, stdout, stderr)."""
    cmd = [CLI] + (["--workspace", workspace] if workspace else []) + list(args)
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=ENV)
    return proc.returncode, proc.stdout, proc.stderr


def run_in(workspace, *args, timeout=120):
    """run() for the tests that name the workspace first."""
    return run(*args, workspace=workspace, timeout=timeout)


def model_status(workspace, name):
    """The status `models list` shows for the model name, or None."""
    rc, out, err = run("models", "list", "--json", workspace=workspace)
    return {m["name"]: m["status"] for m in json.loads(out)}.get(name)


def skip_all(reason):
    """Skips the whole test: a TAP plan of none, and a clean exit (meson
    counts any other exit status of a TAP test as an error)."""
    print(f"1..0 # SKIP {reason}")
    sys.exit(0)


def in_private_keyring():
    """Runs the calling test again in a private D-Bus session with an
    unlocked gnome-keyring, a temporary HOME and XDG folders, and without
    the AWS and IBM variables (keyring_session.py). Returns inside that
    run; the outer run exits with its status."""
    keyring_session.in_private_keyring(skip_all)


def require_s3():
    """Skips the calling test without the S3 server of the cloud-s3 suite
    (build-aux/s3-server.sh), or bails out when PRL_TEST_REQUIRE_S3=1 says
    it must run; then runs it in a private keyring (in_private_keyring())."""
    if not os.environ.get("PRL_TEST_S3_ENDPOINT"):
        if os.environ.get("PRL_TEST_REQUIRE_S3") == "1":
            print("Bail out! PRL_TEST_S3_ENDPOINT is not set, but PRL_TEST_REQUIRE_S3=1")
            sys.exit(1)
        skip_all("PRL_TEST_S3_ENDPOINT is not set; run build-aux/test.sh or start "
                 "build-aux/s3-server.sh")
    in_private_keyring()


def require_wiki():
    """The API URL of the MediaWiki of the cloud-wiki suite
    (build-aux/wiki-server.sh, PRL_TEST_WIKI_API). Skips the calling test
    without it, or bails out when PRL_TEST_REQUIRE_WIKI=1 says it must
    run."""
    api = os.environ.get("PRL_TEST_WIKI_API")
    if not api:
        if os.environ.get("PRL_TEST_REQUIRE_WIKI") == "1":
            print("Bail out! PRL_TEST_WIKI_API is not set, but PRL_TEST_REQUIRE_WIKI=1")
            raise SystemExit(1)
        skip_all("PRL_TEST_WIKI_API is not set; run build-aux/test.sh or start "
                 "build-aux/wiki-server.sh")
    return api


def have_speech():
    """Whether espeak-ng and PocketSphinx's en-us model are installed."""
    return shutil.which("espeak-ng") is not None and os.path.exists(
        os.path.join(MODELDIR, "en-us", "en-us", "mdef"))


def require_speech():
    if not have_speech():
        skip_all("espeak-ng or the PocketSphinx en-us model is missing")


def synthesize(path, text):
    """Speaks text into the WAV file path, the same voice every time."""
    subprocess.run(["espeak-ng", "-v", "en-us+f2", "-s", "140", "-w", path, text],
                   check=True, stdout=subprocess.DEVNULL)
    return path


def write(path, data):
    """Writes data (text, or bytes as they are) to path; returns path."""
    with open(path, "wb" if isinstance(data, bytes) else "w") as f:
        f.write(data)
    return path


def read_data(name):
    """The contents of data/name."""
    with open(os.path.join(DATA, name), encoding="utf-8") as f:
        return f.read()


def finish():
    """Prints the results as TAP and exits, with status 1 if any failed."""
    print(f"1..{len(results)}")
    for i, (name, ok, detail) in enumerate(results, 1):
        print(f"{'ok' if ok else 'not ok'} {i} {name}")
        if not ok:
            for line in str(detail).splitlines():
                print(f"# {line}")
    sys.exit(0 if all(ok for _, ok, _ in results) else 1)


def install_second_base(root, word="parlancebase", phones="P AA R L AH N S B EY S"):
    """Installs a second local base under root, for upgrades without
    network (issue 15, point 6): a copy of the stock model whose
    dictionary holds one more word, so that its identity (a digest over
    the acoustic model and the dictionary's size) differs. The acoustic
    model and language models are linked, not copied (37 MB). Returns the
    folder to put in PRL_POCKETSPHINX_MODELDIR."""
    stock = os.path.join(MODELDIR, "en-us")
    dest = os.path.join(root, "en-us")
    os.makedirs(dest, exist_ok=True)
    for name in os.listdir(stock):
        if name != "cmudict-en-us.dict":
            os.symlink(os.path.join(stock, name), os.path.join(dest, name))
    shutil.copyfile(os.path.join(stock, "cmudict-en-us.dict"),
                    os.path.join(dest, "cmudict-en-us.dict"))
    with open(os.path.join(dest, "cmudict-en-us.dict"), "a") as f:
        f.write(f"{word} {phones}\n")
    return root
