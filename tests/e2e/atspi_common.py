# atspi_common.py
#
# Copyright 2026 The Parlance authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""What the end-to-end scripts share: starting the real `parlance` binary
with the AT-SPI bridge on, finding things in its accessibility tree by role
and name, acting on them, asking parlance-cli about the workspace, and
reporting the checks as TAP.

Import this only once the script has dropped G_DEBUG and has a session bus:
it loads pyatspi (and with it GLib), and libatspi needs the bus."""

import ctypes
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time

import pyatspi

results = []

# The app under test, once start_app() has started it: wait_for() stops
# waiting as soon as it exits.
app_proc = None

# What the app wrote to stderr (copied through to ours as it comes).
app_stderr = []

# GTK 4.8's AT-SPI code answers a query about a widget whose accessible
# context has no object path yet by building a variant from NULL: these
# two criticals, then SIGSEGV in GTK. Fixed in later GTK; nothing the app
# does can avoid it while a client walks the tree as the UI rebuilds.
GTK_ATSPI_CRASH = "g_variant_new_object_path: assertion"

# The leaderboard's stock row, as the accessibility tree names it.
STOCK_ROW = re.compile(r"^Stock model, WER (\d+(?:\.\d+)?)%, the reference$")


class AppDied(Exception):
    pass


def check(name, ok, detail=""):
    results.append((name, bool(ok), detail))
    return ok


def print_tap():
    """The checks so far as TAP, with the details of the failed ones."""
    print(f"1..{len(results)}")
    for i, (name, ok, detail) in enumerate(results, 1):
        print(f"{'ok' if ok else 'not ok'} {i} {name}")
        for line in (detail.splitlines() if not ok else []):
            print(f"# {line}")


def all_passed():
    return bool(results) and all(ok for _, ok, _ in results)


def wait_for(what, predicate, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if app_proc is not None and app_proc.poll() is not None:
            raise AppDied(f"parlance exited with status {app_proc.returncode} while "
                          f"waiting for {what}")
        try:
            found = predicate()
        except (TypeError, NameError, AttributeError):
            raise
        except Exception:  # the tree changes under us while the app works
            found = None
        if found:
            return found
        time.sleep(0.3)
    raise TimeoutError(f"timed out waiting for {what}")


def settle():
    """GTK 4.8 can crash answering for widgets it is still building (a
    NULL object path in its AT-SPI context), so let the UI settle after
    each change before walking the tree again."""
    time.sleep(1.0)


def find_app(name):
    desktop = pyatspi.Registry.getDesktop(0)
    for i in range(desktop.childCount):
        app = desktop.getChildAtIndex(i)
        if app is not None and app.name == name:
            return app
    return None


def window(app, title):
    """A top-level window of the app by its title."""
    for i in range(app.childCount):
        child = app.getChildAtIndex(i)
        if child is not None and child.name == title:
            return child
    return None


def find(root, role=None, text=None):
    """A descendant by role whose accessible name contains @text.

    GTK 4.8 reports neither SHOWING reliably nor hidden stack pages as
    hidden, so searches are scoped to a window and use names that only
    exist where the user would see them."""
    if root is None:
        return None

    def match(node):
        if node is None:
            return False
        if role is not None and node.getRoleName() != role:
            return False
        return text is None or text in (node.name or "")

    return pyatspi.findDescendant(root, match, True)


def click(node):
    action = node.queryAction()
    for i in range(action.nActions):
        if action.getName(i) in ("click", "activate", "press"):
            action.doAction(i)
            return
    action.doAction(0)


def die_with_parent():
    """Whatever happens to this script, the app must not outlive it and
    keep the test runner waiting on its output."""
    PR_SET_PDEATHSIG = 1
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def start_app(gui, workspace, extra_env=None):
    """Starts @gui on @workspace with the AT-SPI bridge on, in English and
    with settings in memory (unless @extra_env says otherwise); wait_for()
    watches it from now on."""
    global app_proc
    env = dict(os.environ, GTK_A11Y="atspi", GSETTINGS_BACKEND="memory", NO_AT_BRIDGE="0",
               LANGUAGE="C", LC_ALL="C.UTF-8")
    env.update(extra_env or {})
    env.pop("G_DEBUG", None)
    app_proc = subprocess.Popen([gui, "--workspace", workspace], env=env,
                                preexec_fn=die_with_parent, stderr=subprocess.PIPE,
                                text=True, errors="replace")
    app_stderr.clear()

    def copy_stderr(stream):
        for line in stream:
            app_stderr.append(line)
            sys.stderr.write(line)

    threading.Thread(target=copy_stderr, args=(app_proc.stderr,), daemon=True).start()
    return app_proc


def died_in_gtk_atspi(error):
    """Whether @error is the app killed by GTK 4.8's AT-SPI crash (and
    nothing else)."""
    return (isinstance(error, AppDied) and app_proc is not None
            and app_proc.returncode == -signal.SIGSEGV
            and any(GTK_ATSPI_CRASH in line for line in app_stderr))


def stop_app():
    """Ends the app start_app() started, killing it if it does not quit."""
    if app_proc is None:
        return
    app_proc.terminate()
    try:
        app_proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        app_proc.kill()


def all_names(root):
    """Every accessible name under @root. Walked by hand: pyatspi's
    findAllDescendants() raises TypeError when a node loses its children
    while the leaderboard is rebuilt, which wait_for() must not swallow."""
    found, stack = [], [root]
    while stack:
        node = stack.pop()
        if node is None:
            continue
        if node.name:
            found.append(node.name)
        try:
            stack.extend(reversed([node.getChildAtIndex(i) for i in range(node.childCount)]))
        except Exception:  # the node went away under us; its subtree with it
            continue
    return found


def leaderboard_rows(names, model):
    """The stock row's WER (None without it) and the version rows of
    @model (name, WER, comparison) among the accessible @names."""
    version_row = re.compile(r"^(" + re.escape(model) + r"-\S+), WER (\d+(?:\.\d+)?)%, (.+)$")
    stock, versions = None, []
    for name in names:
        m = STOCK_ROW.match(name)
        if m:
            stock = float(m.group(1))
        m = version_row.match(name)
        if m:
            versions.append((m.group(1), float(m.group(2)), m.group(3)))
    return stock, versions


def cli_json(cli, workspace, *args):
    """What `@cli --workspace @workspace @args --json` prints, parsed."""
    out = subprocess.run([cli, "--workspace", workspace] + list(args) + ["--json"],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def run(gui, prefix, steps, extra_env=None, prepare=None):
    """Starts @gui on a new workspace (a temporary directory named with
    @prefix; prepare(workspace) first fills it, when given, as parlance-cli
    would before the app opens it), runs steps(workspace), then ends the app, removes the
    workspace and prints the checks as TAP. A step that times out or finds
    the app gone fails the check "the flow completed". When GTK 4.8's
    AT-SPI crash (GTK_ATSPI_CRASH) ends the app, the whole flow runs again
    on a new workspace and says so, up to four runs in all; a fourth crash
    fails. (The crash is a race in GTK's bridge: on a loaded machine it hit
    two runs in a row of code that had passed before, and code built from
    this session's start crashed the same way under the same load. Beside
    the other suites, as build-aux/test.sh runs this one, a clean run saw
    it twice in one test.)"""
    attempts = 4
    for attempt in range(1, attempts + 1):
        workspace = tempfile.mkdtemp(prefix=prefix)
        if prepare is not None:
            prepare(workspace)
        start_app(gui, workspace, extra_env)
        retry = False
        try:
            steps(workspace)
        except (TimeoutError, AppDied) as error:
            if attempt < attempts and died_in_gtk_atspi(error):
                print(f"# GTK 4.8 crashed in its AT-SPI code ({error}); running the flow again")
                results.clear()
                retry = True
            else:
                check("the flow completed", False, str(error))
        finally:
            stop_app()
            subprocess.run(["rm", "-rf", workspace], check=False)
        if not retry:
            break

    print_tap()
