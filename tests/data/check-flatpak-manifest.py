#!/usr/bin/python3
# check-flatpak-manifest.py
#
# Copyright 2026 The Parlance authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Sanity checks for the Flatpak manifest, so that a broken manifest is caught
# by `meson test --suite data` before anyone runs flatpak-builder:
#
#   - the file is valid JSON;
#   - app-id, runtime, runtime-version, sdk and command are what Parlance uses;
#   - the finish-args grant what the app needs (audio, network for the cloud
#     providers, the Secret Service) and no blanket filesystem access;
#   - every dependency the GNOME runtime lacks is built by a module whose
#     sources are pinned (a URL plus a sha256, or a git commit/tag);
#   - the last module is Parlance itself, built with meson from this tree.
#
# Usage: check-flatpak-manifest.py MANIFEST [--app-id ID] [--runtime-version V]
# Exits 0 when every check passes, 1 with one line per problem otherwise.

import argparse
import json
import re
import sys

REQUIRED_MODULES = ['sphinxbase', 'pocketsphinx', 'espeak-ng']
REQUIRED_FINISH_ARGS = [
    '--share=ipc',
    '--socket=fallback-x11',
    '--socket=wayland',
    '--socket=pulseaudio',
    '--device=dri',
    '--share=network',
    '--talk-name=org.freedesktop.secrets',
]
FORBIDDEN_FINISH_ARGS = [
    '--filesystem=host',
    '--filesystem=home',
    '--socket=x11',
    '--device=all',
]

SHA256_RE = re.compile(r'^[0-9a-f]{64}$')
COMMIT_RE = re.compile(r'^[0-9a-f]{40}$')


def iter_modules(modules, problems, where='modules'):
    """Yields every module dict, descending into nested modules.

    String entries (paths to other manifest files) are reported, because this
    manifest is meant to be self-contained."""
    for index, module in enumerate(modules):
        if isinstance(module, str):
            problems.append(f'{where}[{index}] is an external file "{module}"; '
                            'keep the manifest self-contained')
            continue
        if not isinstance(module, dict):
            problems.append(f'{where}[{index}] is not an object')
            continue
        yield module
        nested = module.get('modules')
        if isinstance(nested, list):
            yield from iter_modules(nested, problems,
                                    f'{where}[{index}].modules')


def source_pin_problems(source):
    """Returns the reasons why @source is not a pinned remote source (empty if
    it is one)."""
    reasons = []
    url = source.get('url')
    if not isinstance(url, str) or not url.startswith(('https://', 'http://')):
        reasons.append('no http(s) url')

    kind = source.get('type')
    if kind == 'git':
        commit = source.get('commit')
        tag = source.get('tag')
        if commit is None and tag is None:
            reasons.append('git source without commit or tag')
        if commit is not None and not COMMIT_RE.match(str(commit)):
            reasons.append(f'commit "{commit}" is not a 40-digit hex id')
        if tag is not None and not str(tag).strip():
            reasons.append('empty tag')
    elif kind in ('archive', 'file'):
        sha256 = source.get('sha256')
        if sha256 is None:
            reasons.append(f'{kind} source without sha256')
        elif not SHA256_RE.match(str(sha256)):
            reasons.append(f'sha256 "{sha256}" is not 64 lowercase hex digits')
    else:
        reasons.append(f'source type "{kind}" cannot be pinned')
    return reasons


def check(manifest, app_id, runtime_version):
    problems = []

    if not isinstance(manifest, dict):
        return ['the top level is not a JSON object']

    expected = {
        'runtime': 'org.gnome.Platform',
        'sdk': 'org.gnome.Sdk',
        'runtime-version': runtime_version,
        'command': 'parlance',
    }
    manifest_id = manifest.get('app-id', manifest.get('id'))
    if manifest_id != app_id:
        problems.append(f'app-id is {manifest_id!r}, expected {app_id!r}')
    for key, value in expected.items():
        if manifest.get(key) != value:
            problems.append(f'{key} is {manifest.get(key)!r}, expected {value!r}')

    finish_args = manifest.get('finish-args', [])
    if not isinstance(finish_args, list):
        problems.append('finish-args is not a list')
        finish_args = []
    for arg in REQUIRED_FINISH_ARGS:
        if arg not in finish_args:
            problems.append(f'finish-args lacks {arg}')
    for arg in FORBIDDEN_FINISH_ARGS:
        if arg in finish_args:
            problems.append(f'finish-args must not contain {arg}')

    modules = manifest.get('modules')
    if not isinstance(modules, list) or not modules:
        problems.append('modules is missing or empty')
        return problems

    all_modules = list(iter_modules(modules, problems))
    by_name = {}
    for module in all_modules:
        name = module.get('name')
        if not isinstance(name, str) or not name:
            problems.append('a module has no name')
            continue
        if name in by_name:
            problems.append(f'module "{name}" is defined twice')
        by_name[name] = module

    for name in REQUIRED_MODULES:
        module = by_name.get(name)
        if module is None:
            problems.append(f'no module named "{name}" (the GNOME runtime does not ship it)')
            continue
        sources = module.get('sources', [])
        if not isinstance(sources, list) or not sources:
            problems.append(f'module "{name}" has no sources')
            continue
        remote = [s for s in sources if isinstance(s, dict) and s.get('type') in ('git', 'archive', 'file')]
        if not remote:
            problems.append(f'module "{name}" has no git, archive or file source')
            continue
        pinned = [s for s in remote if not source_pin_problems(s)]
        if not pinned:
            reasons = '; '.join(', '.join(source_pin_problems(s)) for s in remote)
            problems.append(f'module "{name}" has no pinned source ({reasons})')

    last = modules[-1]
    if not isinstance(last, dict) or last.get('name') != 'parlance':
        last_name = last.get('name') if isinstance(last, dict) else last
        problems.append(f'the last module is {last_name!r}, expected "parlance"')
    else:
        if last.get('buildsystem') != 'meson':
            problems.append('the parlance module does not use buildsystem "meson"')
        sources = last.get('sources', [])
        if not any(isinstance(s, dict) and s.get('type') == 'dir' and s.get('path') == '..'
                   for s in sources):
            problems.append('the parlance module does not build this tree '
                            '(expected a source {"type": "dir", "path": ".."})')

    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('manifest')
    parser.add_argument('--app-id', default='io.github.parlance.Parlance')
    parser.add_argument('--runtime-version', default='43')
    args = parser.parse_args()

    try:
        with open(args.manifest, encoding='utf-8') as f:
            manifest = json.load(f)
    except OSError as e:
        print(f'{args.manifest}: cannot read: {e.strerror}', file=sys.stderr)
        return 1
    except json.JSONDecodeError as e:
        print(f'{args.manifest}:{e.lineno}:{e.colno}: invalid JSON: {e.msg}', file=sys.stderr)
        return 1

    problems = check(manifest, args.app_id, args.runtime_version)
    for problem in problems:
        print(f'{args.manifest}: {problem}', file=sys.stderr)
    if problems:
        return 1

    print(f'{args.manifest}: OK')
    return 0


if __name__ == '__main__':
    sys.exit(main())
