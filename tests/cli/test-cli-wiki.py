#!/usr/bin/python3
# test-cli-wiki.py
#
# Copyright 2026 The Parlance authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""`parlance-cli datasets add-wiki` against the real MediaWiki that
build-aux/test.sh starts (build-aux/wiki-server.sh, tests/data/wiki):
keywords from options and a keywords.txt, the preview, the import with
its provenance in `datasets list --json`, --propose, and bad input
(no keywords, a bad or unreachable wiki, a wiki that is not MediaWiki),
after which nothing is imported."""

import json
import os
import tempfile

from cli_testlib import check, finish, require_wiki, write
from cli_testlib import run_in as run

API = require_wiki()


def datasets(ws, model):
    rc, out, err = run(ws, "datasets", "list", model, "--json")
    return json.loads(out) if rc == 0 else None


def test_import(ws, tmp):
    run(ws, "models", "create", "bees", "--provider", "local")
    keywords = write(os.path.join(tmp, "keywords.txt"),
                     b"# beekeeping\nvarroa\nzeppelin, swarming\n")
    rc, out, err = run(ws, "datasets", "add-wiki", "bees", "--keywords", keywords,
                       "--keyword", "Langstroth", "--wiki", API, "--json")
    check("add-wiki succeeds", rc == 0, err)
    result = json.loads(out) if rc == 0 else {}
    titles = sorted(p["title"] for p in result.get("pages", []))
    check("the best pages of every keyword, each once",
          titles == ["Beekeeping", "Honey bee", "Langstroth hive", "Varroa destructor"],
          titles)
    check("sizes and words per page",
          all(p["bytes"] > 0 and p["words"] > 0 and p["revid"] > 0
              for p in result.get("pages", [])), out)
    check("total words", result.get("words") == sum(p["words"] for p in result["pages"]),
          out)
    check("keywords covered and not",
          sorted(result.get("covered", [])) == ["Langstroth", "swarming", "varroa"]
          and result.get("uncovered") == ["zeppelin"]
          and result.get("not_found") == ["zeppelin"], out)
    check("the dataset", result.get("dataset", {}) is not None
          and result["dataset"]["name"] == "Wiki: varroa, zeppelin, swarming, Langstroth"
          and result["dataset"]["lines"] > 5, out)

    listed = datasets(ws, "bees")
    check("one TRANSCRIPT dataset from the wiki", listed is not None and len(listed) == 1
          and listed[0]["type"] == "TRANSCRIPT" and listed[0]["source"] == API, listed)
    prov = listed[0].get("provenance") or {} if listed else {}
    check("provenance: the wiki and its licence", prov.get("api_url") == API
          and prov.get("licence") == "Creative Commons Attribution-Share Alike 4.0"
          and prov.get("licence_url") == "https://creativecommons.org/licenses/by-sa/4.0/",
          prov)
    check("provenance: pages with revision ids",
          sorted(p["title"] for p in prov.get("pages", [])) == titles
          and all(p["revid"] > 0 and p["url"].endswith("?oldid=%d" % p["revid"])
                  for p in prov.get("pages", [])), prov)

    # With links and a name; the preview alone imports nothing.
    rc, out, err = run(ws, "datasets", "add-wiki", "bees", "--keyword", "oxalic",
                       "--links", "--preview", "--wiki", API)
    check("--preview lists linked pages", rc == 0 and "Propolis" in out
          and "Keywords covered: 1 of 1" in out, out + err)
    check("--preview imports nothing", len(datasets(ws, "bees")) == 1)

    # Issue #16: a disambiguation page, a German page (the model is
    # English) and a table of figures are left out, each with why.
    rc, out, err = run(ws, "datasets", "add-wiki", "bees", "--keyword", "queen",
                       "--keyword", "Zeidlerei", "--keyword", "xylocopa", "--preview",
                       "--wiki", API)
    check("--preview says which pages were skipped and why", rc == 0
          and "Skipped “Queen”: a disambiguation page" in out
          and "Skipped “Zeidlerei”: in another language than the model’s" in out
          and "Skipped “Xylocopa tally”: mostly numbers or symbols, not text" in out
          and "No page found for: Zeidlerei, xylocopa" in out, out + err)
    rc, out, err = run(ws, "datasets", "add-wiki", "bees", "--keyword", "Zeidlerei",
                       "--keyword", "xylocopa", "--keyword", "queen", "--preview",
                       "--json", "--wiki", API)
    result = json.loads(out) if rc == 0 else {}
    check("--json lists skipped pages with their reason",
          sorted((p["title"], p["reason"]) for p in result.get("skipped", []))
          == [("Queen", "disambiguation"), ("Xylocopa tally", "non-text"),
              ("Zeidlerei", "language")]
          and "Queen" not in [p["title"] for p in result.get("pages", [])]
          and result.get("not_found") == ["Zeidlerei", "xylocopa"], out + err)
    rc, out, err = run(ws, "datasets", "add-wiki", "bees", "--keyword", "Zeidlerei",
                       "--keyword", "xylocopa", "--wiki", API)
    check("only skipped pages: nothing is imported", rc != 0
          and len(datasets(ws, "bees")) == 1, out + err)
    rc, out, err = run(ws, "datasets", "add-wiki", "bees", "--keyword", "oxalic",
                       "--links", "--name", "Mites", "--wiki", API)
    check("with --links and --name", rc == 0 and "Added Mites" in out, out + err)

    rc, out, err = run(ws, "datasets", "add-wiki", "bees", "--propose", "--json")
    proposed = json.loads(out) if rc == 0 else []
    check("--propose: unknown words first", rc == 0 and proposed[:1] == ["varroa"], out + err)
    check("--propose: no everyday words", "the" not in proposed and "is" not in proposed,
          proposed)


def test_bad_input(ws, tmp):
    run(ws, "models", "create", "empty", "--provider", "local")
    cases = [
        ("no keywords", ["--wiki", API], 2, "No keywords were given"),
        ("blank keywords", ["--keyword", " , ", "--wiki", API], 2, "No keywords were given"),
        ("not a URL", ["--keyword", "bee", "--wiki", "wiki.example"], 2, "not a web address"),
        ("unreachable", ["--keyword", "bee", "--wiki", "http://127.0.0.1:1/api.php"], 1,
         "Could not reach the wiki"),
        ("not MediaWiki", ["--keyword", "bee", "--wiki", API.replace("api.php", "index.php")],
         1, "does not answer like a MediaWiki API"),
        ("no page at all", ["--keyword", "zeppelin", "--wiki", API], 1,
         "nothing to import"),
        ("keywords file missing", ["--keywords", os.path.join(tmp, "nope.txt"), "--wiki",
                                   API], 1, "nope.txt"),
        ("--propose with keywords", ["--propose", "--keyword", "bee"], 2, "--propose"),
    ]
    for name, args, want_rc, want in cases:
        rc, out, err = run(ws, "datasets", "add-wiki", "empty", *args)
        check(f"{name}: refused", rc == want_rc and want in err, f"rc={rc} {err}")
    rc, out, err = run(ws, "datasets", "add-wiki", "empty", "--propose")
    check("--propose without text says what to do", rc == 1 and "type keywords" in err, err)
    check("nothing imported", datasets(ws, "empty") == [])


with tempfile.TemporaryDirectory() as tmp:
    for test in (test_import, test_bad_input):
        sub = os.path.join(tmp, test.__name__)
        os.makedirs(sub)
        test(os.path.join(sub, "ws"), sub)

finish()
