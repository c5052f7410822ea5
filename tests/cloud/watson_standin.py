# watson_standin.py
#
# Copyright 2026 The Parlance authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""What the Python tests against the Watson stand-in (watson-server.py)
share: starting it with one API key, and asking it what it was sent
through its /_standin/ hooks.

The CLI tests and the end-to-end tests put this folder on sys.path (see
cli_testlib.py and atspi_session.py)."""

import json
import os
import subprocess
import time
import urllib.request


def start(server, folder, key, *options, env=None):
    """Starts the stand-in @server with @options, accepting the API key
    @key only, its key and port files in @folder (written again on each
    start), in @env (by default ours); it exits with this process.
    Returns (the process, its URL)."""
    keys = os.path.join(folder, "keys")
    with open(os.open(keys, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as f:
        f.write(key + "\n")
    port_file = os.path.join(folder, "port")
    if os.path.exists(port_file):
        os.unlink(port_file)
    process = subprocess.Popen(["/usr/bin/python3", server, "--apikey-file", keys,
                                "--port-file", port_file] + list(options)
                               + ["--exit-with-parent"],
                               stdout=subprocess.DEVNULL, env=env)
    for _ in range(400):
        if os.path.exists(port_file) or process.poll() is not None:
            break
        time.sleep(0.05)
    with open(port_file) as f:
        return process, f"http://127.0.0.1:{f.read().strip()}"


def stop(process):
    """Ends the stand-in start() started."""
    process.terminate()
    process.wait()


def standin(url, method, path, body=None):
    """Calls one of the stand-in's hooks (or its API) with @body as JSON;
    returns its answer, parsed."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url + path, method=method, data=data)
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.loads(answer.read() or b"null")


def posts(url, suffix):
    """The POST requests to paths ending in @suffix that the stand-in has
    had since its list was last emptied."""
    return [r for r in standin(url, "GET", "/_standin/requests")
            if r["method"] == "POST" and r["path"].endswith(suffix)]
