#!/usr/bin/env python3
# check-layers.py: the layers of src/ as DESIGN.md draws them, checked on
# the #include lines. A layer may include its own headers and those of the
# layers below it; the GUI and the CLI reach providers only through core,
# and only the two main() files include the composition layer (providers/)
# that registers them. The cloud layer (HTTP, SigV4, accounts, the upload
# job) stands on text and core, whose store keeps its remote jobs; the GUI
# and the CLI may use its account API and its jobs.
#
# Usage: check-layers.py SRC_DIR   (exit 1 and one line per bad include)

import os
import re
import sys

# What each folder may include besides itself.
ALLOWED = {
    "text": set(),
    "wer": {"text"},
    "media": {"text"},
    "core": {"text", "wer", "media"},
    "cloud": {"text", "core"},
    "local": {"text", "wer", "media", "core"},
    "providers": {"text", "wer", "media", "core", "local", "cloud"},
    "gui": {"text", "wer", "media", "core", "cloud"},
    "cli": {"text", "wer", "media", "core", "cloud"},
}

# The executables' main() files register the providers.
MAIN_FILES = {("gui", "main.c"): "providers", ("cli", "parlance-cli.c"): "providers"}

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def headers_by_layer(src):
    owner = {}
    for layer in ALLOWED:
        folder = os.path.join(src, layer)
        if not os.path.isdir(folder):
            continue
        for name in os.listdir(folder):
            if name.endswith(".h"):
                owner.setdefault(name, set()).add(layer)
    return owner


def check(src):
    owner = headers_by_layer(src)
    problems = []
    for layer, allowed in sorted(ALLOWED.items()):
        folder = os.path.join(src, layer)
        if not os.path.isdir(folder):
            continue
        for name in sorted(os.listdir(folder)):
            if not name.endswith((".c", ".h")):
                continue
            path = os.path.join(folder, name)
            with open(path, encoding="utf-8") as f:
                text = f.read()
            extra = MAIN_FILES.get((layer, name))
            for m in INCLUDE.finditer(text):
                header = os.path.basename(m.group(1))
                homes = owner.get(header)
                # Generated headers (config.h, enums) and the layer's own.
                if not homes or layer in homes:
                    continue
                if homes & (allowed | ({extra} if extra else set())):
                    continue
                line = text.count("\n", 0, m.start()) + 1
                problems.append(
                    "%s/%s:%d: includes %s from src/%s, which %s may not use"
                    % (layer, name, line, header, "/".join(sorted(homes)), layer))
    return problems


def main():
    if len(sys.argv) != 2:
        print("usage: check-layers.py SRC_DIR", file=sys.stderr)
        return 2
    src = sys.argv[1]
    if not os.path.isdir(os.path.join(src, "core")):
        print("%s has no core/ folder: not a Parlance src/" % src, file=sys.stderr)
        return 2
    problems = check(src)
    for p in problems:
        print(p)
    if problems:
        print("%d include(s) cross the layers" % len(problems))
        return 1
    print("layers clean")
    return 0


if __name__ == "__main__":
    sys.exit(main())
