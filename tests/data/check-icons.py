#!/usr/bin/python3
# check-icons.py
#
# Copyright 2026 The Parlance authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks the hicolor application icons:
#
#   - both files exist and are well-formed XML whose root is an SVG <svg>
#     element (in the SVG namespace) with a valid viewBox;
#   - the full-colour icon is square with a 128×128 viewBox (GNOME HIG);
#   - the symbolic icon is 16×16 (viewBox, and width/height when given),
#     uses a single colour, #2e3436, and nothing that symbolic recolouring
#     cannot handle (gradients, embedded images, text, filters).
#
# Usage: check-icons.py SCALABLE.svg SYMBOLIC.svg
# Exits 0 when every check passes, 1 with one line per problem otherwise.

import os
import re
import sys
import xml.etree.ElementTree as ET

SVG_NS = '{http://www.w3.org/2000/svg}'
SYMBOLIC_COLOR = '#2e3436'
COLOR_PROPERTIES = ('fill', 'stroke', 'color', 'stop-color', 'flood-color', 'lighting-color')
NEUTRAL_VALUES = ('none', 'inherit', 'currentcolor', 'transparent')
SYMBOLIC_FORBIDDEN = ('linearGradient', 'radialGradient', 'image', 'text', 'filter', 'pattern')


def parse_length(value):
    if value is None:
        return None
    match = re.fullmatch(r'\s*([0-9]*\.?[0-9]+)\s*(px)?\s*', value)
    return float(match.group(1)) if match else float('nan')


def load_svg(path, problems):
    """Parses @path and returns (root, viewbox) or (None, None)."""
    if not os.path.isfile(path):
        problems.append(f'{path}: missing')
        return None, None
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        problems.append(f'{path}: not well-formed XML: {e}')
        return None, None

    if root.tag != SVG_NS + 'svg':
        problems.append(f'{path}: root element is {root.tag!r}, expected <svg> in the SVG namespace')
        return root, None

    viewbox = root.get('viewBox')
    if viewbox is None:
        problems.append(f'{path}: <svg> has no viewBox')
        return root, None
    try:
        numbers = [float(n) for n in re.split(r'[\s,]+', viewbox.strip())]
    except ValueError:
        numbers = []
    if len(numbers) != 4 or numbers[2] <= 0 or numbers[3] <= 0:
        problems.append(f'{path}: invalid viewBox {viewbox!r}')
        return root, None
    return root, numbers


def style_declarations(element):
    for declaration in (element.get('style') or '').split(';'):
        if ':' in declaration:
            name, value = declaration.split(':', 1)
            yield name.strip(), value.strip()


def check_scalable(path, problems):
    root, viewbox = load_svg(path, problems)
    if viewbox is None:
        return
    if viewbox[2:] != [128.0, 128.0]:
        problems.append(f'{path}: viewBox is {viewbox[2]:g}×{viewbox[3]:g}, expected 128×128')


def check_symbolic(path, problems):
    root, viewbox = load_svg(path, problems)
    if viewbox is None:
        return
    if viewbox[2:] != [16.0, 16.0]:
        problems.append(f'{path}: viewBox is {viewbox[2]:g}×{viewbox[3]:g}, expected 16×16')
    for attribute in ('width', 'height'):
        size = parse_length(root.get(attribute))
        if size is not None and size != 16.0:
            problems.append(f'{path}: {attribute} is {root.get(attribute)!r}, expected 16')

    n_painted = 0
    for element in root.iter():
        local = element.tag.replace(SVG_NS, '')
        if local in SYMBOLIC_FORBIDDEN:
            problems.append(f'{path}: symbolic icons cannot use <{local}>')
        properties = [(k, v) for k, v in element.attrib.items() if k in COLOR_PROPERTIES]
        properties += [(k, v) for k, v in style_declarations(element) if k in COLOR_PROPERTIES]
        for name, value in properties:
            lowered = value.lower()
            if lowered in NEUTRAL_VALUES:
                continue
            if lowered != SYMBOLIC_COLOR:
                problems.append(f'{path}: <{local}> uses {name}="{value}", '
                                f'symbolic icons use only {SYMBOLIC_COLOR}')
            else:
                n_painted += 1
    if n_painted == 0:
        problems.append(f'{path}: nothing is painted with {SYMBOLIC_COLOR}')


def main():
    if len(sys.argv) != 3:
        print('usage: check-icons.py SCALABLE.svg SYMBOLIC.svg', file=sys.stderr)
        return 2

    problems = []
    check_scalable(sys.argv[1], problems)
    check_symbolic(sys.argv[2], problems)

    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 1
    print('icons: OK')
    return 0


if __name__ == '__main__':
    sys.exit(main())
