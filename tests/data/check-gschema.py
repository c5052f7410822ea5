#!/usr/bin/python3
# check-gschema.py
#
# Copyright 2026 The Parlance authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks the *compiled* GSettings schema in the build tree (the one tests and
# uninstalled runs load through GSETTINGS_SCHEMA_DIR=<build>/data): every key
# the application relies on exists, with the agreed type, default and range.
#
# It also reads the source XML to check what the compiled form does not
# show: the schema path, the gettext domain, and a summary and a description
# on every key (they are translated, and shown by dconf-editor).
#
# Usage: check-gschema.py GSETTINGS SCHEMA_DIR SCHEMA_XML
#   GSETTINGS   path to the gsettings tool
#   SCHEMA_DIR  directory holding gschemas.compiled
#   SCHEMA_XML  the source io.github.parlance.Parlance.gschema.xml

import os
import subprocess
import sys
import xml.etree.ElementTree as ET

SCHEMA = 'io.github.parlance.Parlance'
SCHEMA_PATH = '/io/github/parlance/Parlance/'

# key → (default as printed by `gsettings get`, range as printed by `gsettings range`)
EXPECTED = {
    'window-width': ('1100', 'type i'),
    'window-height': ('720', 'type i'),
    'window-maximized': ('false', 'type b'),
    'getting-started-shown': ('false', 'type b'),
    'models-page-size': ('uint32 25', 'range u 25 100'),
    'color-scheme': ("'default'", "enum 'default' 'light' 'dark'"),
}


def check_source(schema_xml):
    problems = []
    try:
        root = ET.parse(schema_xml).getroot()
    except (OSError, ET.ParseError) as e:
        return [f'{schema_xml}: cannot parse: {e}']
    if not root.get('gettext-domain'):
        problems.append(f'{schema_xml}: <schemalist> has no gettext-domain, '
                        'so summaries and descriptions are never translated')
    schemas = [s for s in root.findall('schema') if s.get('id') == SCHEMA]
    if len(schemas) != 1:
        return problems + [f'{schema_xml}: expected one <schema id="{SCHEMA}">']
    schema = schemas[0]
    if schema.get('path') != SCHEMA_PATH:
        problems.append(f'{schema_xml}: path is {schema.get("path")!r}, expected {SCHEMA_PATH!r}')
    for key in schema.findall('key'):
        for child in ('summary', 'description'):
            element = key.find(child)
            if element is None or not (element.text or '').strip():
                problems.append(f'{schema_xml}: key "{key.get("name")}" has no <{child}>')
    return problems


def main():
    if len(sys.argv) != 4:
        print('usage: check-gschema.py GSETTINGS SCHEMA_DIR SCHEMA_XML', file=sys.stderr)
        return 2
    gsettings, schema_dir, schema_xml = sys.argv[1:4]

    if not os.path.isfile(os.path.join(schema_dir, 'gschemas.compiled')):
        print(f'{schema_dir}: no gschemas.compiled (is the schema compiled at build time?)',
              file=sys.stderr)
        return 1

    env = dict(os.environ, GSETTINGS_BACKEND='memory')
    env.pop('GSETTINGS_SCHEMA_DIR', None)

    def run(*args):
        result = subprocess.run([gsettings, '--schemadir', schema_dir, *args],
                                env=env, capture_output=True, text=True)
        return result.returncode, result.stdout.strip(), result.stderr.strip()

    problems = []

    rc, out, err = run('list-schemas')
    if rc != 0 or SCHEMA not in out.split():
        print(f'schema {SCHEMA} is not in {schema_dir}: {err}', file=sys.stderr)
        return 1

    rc, out, err = run('list-keys', SCHEMA)
    keys = set(out.split())
    for key in sorted(set(EXPECTED) - keys):
        problems.append(f'{SCHEMA}: missing key "{key}"')

    for key, (default, key_range) in EXPECTED.items():
        if key not in keys:
            continue
        rc, out, err = run('get', SCHEMA, key)
        if rc != 0 or out != default:
            problems.append(f'{SCHEMA}.{key}: default is {out!r}, expected {default!r} {err}')
        rc, out, err = run('range', SCHEMA, key)
        got_range = ' '.join(out.split())
        if rc != 0 or got_range != key_range:
            problems.append(f'{SCHEMA}.{key}: range is {got_range!r}, expected {key_range!r} {err}')

    problems += check_source(schema_xml)

    # Out-of-range page sizes must be refused.
    rc, out, err = run('set', SCHEMA, 'models-page-size', '10')
    if rc == 0:
        problems.append(f'{SCHEMA}.models-page-size accepted 10, which is below the 25..100 range')

    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 1
    print(f'{SCHEMA}: OK ({len(EXPECTED)} keys)')
    return 0


if __name__ == '__main__':
    sys.exit(main())
