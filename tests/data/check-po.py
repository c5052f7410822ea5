#!/usr/bin/python3
# tests/data/check-po.py SOURCE_ROOT
#
# Checks that the translations are complete and up to date (test
# "po-complete", suite "data"):
#
#  (a) po/POTFILES.in lists exactly the files with translatable strings, as
#      build-aux/update-potfiles.sh finds them;
#  (b) every message that xgettext extracts from the sources is present in
#      po/<lang>.po for every language in po/LINGUAS (msgctxt + msgid);
#  (c) msgfmt --check accepts every po/<lang>.po and reports no fuzzy and no
#      untranslated messages.
#
# Exit status: 0 when everything is fine, 1 on any failure, 77 (skip) when
# the gettext tools are not installed.

import os
import re
import shutil
import subprocess
import sys
import tempfile

# The same pattern and the same data files as build-aux/update-potfiles.sh.
POTFILES_GREP_PATTERN = r'\b_ ?\(|N_ ?\(|ngettext ?\(|C_ ?\(|translatable="yes"'
POTFILES_DATA_FILES = [
    'data/io.github.parlance.Parlance.desktop.in',
    'data/io.github.parlance.Parlance.gschema.xml',
    'data/io.github.parlance.Parlance.metainfo.xml.in',
]

# The options for regenerating the template by hand (see the translation
# workflow): xgettext's own extractors handle the .ui, .desktop.in,
# .metainfo.xml.in and .gschema.xml files.
XGETTEXT_ARGS = [
    '--from-code=UTF-8',
    '--add-comments=Translators',
    '--keyword=_',
    '--keyword=N_',
    '--keyword=C_:1c,2',
    '--keyword=NC_:1c,2',
    '--keyword=ngettext:1,2',
    '--keyword=g_dngettext:2,3',
    '--package-name=parlance',
]

C_ENV = dict(os.environ, LC_ALL='C', LANG='C', LANGUAGE='')


def fail_header(title):
    print('FAIL: ' + title)


# ---------------------------------------------------------------------------
# A small PO parser

_ESCAPES = {'n': '\n', 't': '\t', 'r': '\r', '"': '"', '\\': '\\',
            'a': '\a', 'b': '\b', 'f': '\f', 'v': '\v'}


def _unquote(text, path, lineno):
    text = text.strip()
    if len(text) < 2 or text[0] != '"' or text[-1] != '"':
        raise ValueError('%s:%d: expected a quoted string' % (path, lineno))
    body = text[1:-1]
    out = []
    i = 0
    while i < len(body):
        c = body[i]
        if c == '\\' and i + 1 < len(body):
            n = body[i + 1]
            if n in _ESCAPES:
                out.append(_ESCAPES[n])
                i += 2
                continue
            m = re.match(r'[0-7]{1,3}', body[i + 1:])
            if m:
                out.append(chr(int(m.group(0), 8)))
                i += 1 + len(m.group(0))
                continue
            out.append(n)
            i += 2
            continue
        out.append(c)
        i += 1
    return ''.join(out)


class Entry:
    def __init__(self):
        self.msgctxt = None
        self.msgid = None
        self.msgid_plural = None
        self.msgstr = {}
        self.flags = set()
        self.obsolete = False
        self.lineno = 0

    @property
    def key(self):
        return (self.msgctxt, self.msgid)

    @property
    def fuzzy(self):
        return 'fuzzy' in self.flags

    @property
    def translated(self):
        return bool(self.msgstr) and all(s != '' for s in self.msgstr.values())


def parse_po(path):
    entries = []
    cur = Entry()
    field = None  # ('msgid',) / ('msgstr', n) ...
    started = False

    def finish():
        nonlocal cur, field, started
        if cur.msgid is not None:
            entries.append(cur)
        cur = Entry()
        field = None
        started = False

    with open(path, encoding='utf-8') as f:
        for lineno, raw in enumerate(f, 1):
            line = raw.rstrip('\n')
            stripped = line.strip()
            if not stripped:
                if started:
                    finish()
                continue
            obsolete = False
            if stripped.startswith('#~'):
                obsolete = True
                stripped = stripped[2:].strip()
                if not stripped or stripped.startswith('#'):
                    continue
            elif stripped.startswith('#'):
                if started and field is not None and field[0] != 'comment':
                    # A comment after a complete message starts the next one.
                    finish()
                if stripped.startswith('#,'):
                    cur.flags.update(x.strip() for x in stripped[2:].split(',') if x.strip())
                field = ('comment',)
                continue

            m = re.match(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")$', stripped)
            if m:
                kw = m.group(1)
                value = _unquote(m.group(3), path, lineno)
                # A new msgctxt/msgid after a msgstr starts a new entry.
                if kw in ('msgctxt', 'msgid') and field is not None and field[0] == 'msgstr':
                    finish()
                if not started:
                    cur.lineno = lineno
                started = True
                cur.obsolete = cur.obsolete or obsolete
                if kw == 'msgctxt':
                    cur.msgctxt = value
                    field = ('msgctxt',)
                elif kw == 'msgid':
                    cur.msgid = value
                    field = ('msgid',)
                elif kw == 'msgid_plural':
                    cur.msgid_plural = value
                    field = ('msgid_plural',)
                else:
                    n = int(m.group(2)) if m.group(2) is not None else 0
                    cur.msgstr[n] = value
                    field = ('msgstr', n)
                continue

            if stripped.startswith('"') and field is not None:
                value = _unquote(stripped, path, lineno)
                if field[0] == 'msgctxt':
                    cur.msgctxt += value
                elif field[0] == 'msgid':
                    cur.msgid += value
                elif field[0] == 'msgid_plural':
                    cur.msgid_plural += value
                elif field[0] == 'msgstr':
                    cur.msgstr[field[1]] += value
                else:
                    raise ValueError('%s:%d: unexpected string' % (path, lineno))
                continue

            raise ValueError('%s:%d: cannot parse: %s' % (path, lineno, line))
    if started:
        finish()
    return entries


def describe(key):
    ctx, msgid = key
    text = msgid if len(msgid) <= 70 else msgid[:67] + '…'
    text = text.replace('\n', '\\n')
    if ctx is not None:
        return '[%s] “%s”' % (ctx, text)
    return '“%s”' % text


# ---------------------------------------------------------------------------
# (a) POTFILES.in

def expected_potfiles(root):
    proc = subprocess.run(
        ['grep', '-rlE', POTFILES_GREP_PATTERN, 'src', 'ui',
         '--include=*.c', '--include=*.ui'],
        cwd=root, env=C_ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        universal_newlines=True)
    if proc.returncode not in (0, 1):
        raise RuntimeError('grep failed: ' + proc.stderr.strip())
    files = set(x for x in proc.stdout.splitlines() if x)
    files.update(POTFILES_DATA_FILES)
    return files


def listed_potfiles(root):
    listed = []
    with open(os.path.join(root, 'po', 'POTFILES.in'), encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith('#'):
                listed.append(line)
    return listed


def check_potfiles(root):
    ok = True
    expected = expected_potfiles(root)
    listed = listed_potfiles(root)
    listed_set = set(listed)

    missing = sorted(expected - listed_set)
    gone = sorted(f for f in listed_set if not os.path.exists(os.path.join(root, f)))
    stale = sorted(f for f in listed_set - expected if f not in gone)
    dupes = sorted(set(f for f in listed if listed.count(f) > 1))

    if missing:
        ok = False
        fail_header('files with translatable strings missing from po/POTFILES.in:')
        for f in missing:
            print('    ' + f)
    if gone:
        ok = False
        fail_header('po/POTFILES.in lists files that do not exist:')
        for f in gone:
            print('    ' + f)
    if stale:
        ok = False
        fail_header('po/POTFILES.in lists files without translatable strings:')
        for f in stale:
            print('    ' + f)
    if dupes:
        ok = False
        fail_header('po/POTFILES.in lists files more than once:')
        for f in dupes:
            print('    ' + f)
    if not ok:
        print('    Run build-aux/update-potfiles.sh to regenerate po/POTFILES.in.')
    else:
        print('ok: po/POTFILES.in lists all %d files with translatable strings' % len(listed_set))
    return ok, sorted((expected | listed_set) - set(gone))


# ---------------------------------------------------------------------------
# (b) every template message is in every po/<lang>.po

def linguas(root):
    langs = []
    with open(os.path.join(root, 'po', 'LINGUAS'), encoding='utf-8') as f:
        for line in f:
            line = line.split('#', 1)[0]
            langs.extend(line.split())
    return langs


def make_template(root, files, tmpdir):
    listfile = os.path.join(tmpdir, 'POTFILES')
    with open(listfile, 'w', encoding='utf-8') as f:
        f.write('\n'.join(files) + '\n')
    pot = os.path.join(tmpdir, 'parlance.pot')
    proc = subprocess.run(
        ['xgettext'] + XGETTEXT_ARGS + ['-f', listfile, '-o', pot],
        cwd=root, env=C_ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        universal_newlines=True)
    if proc.returncode != 0 or not os.path.exists(pot):
        raise RuntimeError('xgettext failed:\n' + proc.stderr)
    return pot


def check_complete(root, pot, langs, po_entries, files):
    ok = True
    template = [e for e in parse_po(pot) if e.msgid != '' and not e.obsolete]

    print('ok: xgettext extracted %d messages' % len(template))

    # A format macro inside _() (G_GUINT64_FORMAT and friends) cuts the
    # msgid at its "%": the message looked up at run time never matches.
    macro = re.compile(r'\bN?_\s*\(\s*(?:"(?:[^"\\]|\\.)*"\s*)*?'
                       r'"(?:[^"\\]|\\.)*%"\s*(G_\w+_FORMAT)')
    for rel in files:
        with open(os.path.join(root, rel), encoding='utf-8') as f:
            text = f.read()
        for m in macro.finditer(text):
            ok = False
            line = text.count('\n', 0, m.start()) + 1
            fail_header('%s:%d: %s inside a translatable string splits its msgid; '
                        'use a plain conversion or format the number first' % (rel, line, m.group(1)))

    for lang in langs:
        entries = po_entries.get(lang)
        if entries is None:
            continue
        active = {e.key: e for e in entries if e.msgid != '' and not e.obsolete}
        missing = [e for e in template if e.key not in active]
        plural_mismatch = [e for e in template
                           if e.key in active and active[e.key].msgid_plural != e.msgid_plural]
        if missing:
            ok = False
            fail_header('po/%s.po lacks %d message(s) of the current template:' % (lang, len(missing)))
            for e in missing:
                print('    ' + describe(e.key))
        if plural_mismatch:
            ok = False
            fail_header('po/%s.po has an outdated plural form for:' % lang)
            for e in plural_mismatch:
                print('    ' + describe(e.key))
        if missing or plural_mismatch:
            print('    Run: msgmerge --update po/%s.po <template> and translate the new messages.' % lang)
        else:
            print('ok: po/%s.po has all %d template messages' % (lang, len(template)))
    return ok


# ---------------------------------------------------------------------------
# (c) msgfmt --check: nothing fuzzy, nothing untranslated

def check_msgfmt(root, lang, entries):
    ok = True
    path = os.path.join('po', lang + '.po')
    proc = subprocess.run(
        ['msgfmt', '--check', '--statistics', '-o', os.devnull, path],
        cwd=root, env=C_ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        universal_newlines=True)
    output = proc.stdout.strip()
    if proc.returncode != 0:
        ok = False
        fail_header('msgfmt --check rejects %s:' % path)
        for line in output.splitlines():
            print('    ' + line)

    stats = output.splitlines()[-1] if output else ''
    fuzzy = re.search(r'(\d+) fuzzy', stats)
    untranslated = re.search(r'(\d+) untranslated', stats)
    n_fuzzy = int(fuzzy.group(1)) if fuzzy else 0
    n_untranslated = int(untranslated.group(1)) if untranslated else 0

    active = [e for e in entries if e.msgid != '' and not e.obsolete]
    fuzzy_entries = [e for e in active if e.fuzzy]
    untranslated_entries = [e for e in active if not e.fuzzy and not e.translated]

    if n_fuzzy or fuzzy_entries:
        ok = False
        fail_header('%s has %d fuzzy message(s):' % (path, max(n_fuzzy, len(fuzzy_entries))))
        for e in fuzzy_entries:
            print('    %s:%d: %s' % (path, e.lineno, describe(e.key)))
    if n_untranslated or untranslated_entries:
        ok = False
        fail_header('%s has %d untranslated message(s):' % (path, max(n_untranslated, len(untranslated_entries))))
        for e in untranslated_entries:
            print('    %s:%d: %s' % (path, e.lineno, describe(e.key)))
    if ok:
        print('ok: %s: %s' % (path, stats))
    return ok


# ---------------------------------------------------------------------------

def main(argv):
    if len(argv) != 2:
        print('usage: %s SOURCE_ROOT' % argv[0], file=sys.stderr)
        return 2
    root = os.path.abspath(argv[1])

    for tool in ('xgettext', 'msgfmt', 'grep'):
        if shutil.which(tool) is None:
            print('SKIP: %s not found (install gettext)' % tool)
            return 77

    ok = True

    potfiles_ok, files = check_potfiles(root)
    ok = ok and potfiles_ok

    langs = linguas(root)
    if not langs:
        print('FAIL: po/LINGUAS lists no languages')
        return 1

    po_entries = {}
    for lang in langs:
        path = os.path.join(root, 'po', lang + '.po')
        if not os.path.exists(path):
            ok = False
            fail_header('po/LINGUAS lists “%s”, but po/%s.po does not exist' % (lang, lang))
            continue
        try:
            po_entries[lang] = parse_po(path)
        except (ValueError, UnicodeDecodeError) as e:
            ok = False
            fail_header('cannot read po/%s.po: %s' % (lang, e))

    with tempfile.TemporaryDirectory(prefix='check-po-') as tmpdir:
        try:
            pot = make_template(root, files, tmpdir)
        except RuntimeError as e:
            fail_header(str(e))
            return 1
        ok = check_complete(root, pot, langs, po_entries, files) and ok

    for lang, entries in po_entries.items():
        ok = check_msgfmt(root, lang, entries) and ok

    if not ok:
        print('po-complete: FAILED')
        return 1
    print('po-complete: all translations are complete')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
