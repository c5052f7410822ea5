#!/usr/bin/env python3
# Regenerates the golden fixtures from the real sclite (Debian package sctk):
#   cd tests/wer/data && ./make-golden.py
# golden-{ref,hyp}.trn are crafted inputs; golden-{sclite,none}.{pra,sgml}
# are sclite's own output for them, without and with -s.
import random, subprocess, os

SCLITE = '/usr/lib/sctk/bin/sclite'
rng = random.Random(20260101)
utts = []

# Equal-cost ties where the choice of path changes the counts.
handmade = [
    ('a b', 'b c'), ('a b c', 'b c d'), ('the cat sat on', 'the kitten on mat'),
    ('a a b', 'b a a'), ('x y', 'y x'), ('a b a', 'b a b'),
]
for i, (r, h) in enumerate(handmade):
    utts.append(('tie_%03d' % i, r, h))
for i in range(60):
    n, m = rng.randint(1, 12), rng.randint(0, 12)
    r = ' '.join(rng.choice('abc') for _ in range(n))
    h = ' '.join(rng.choice('abc') for _ in range(m))
    utts.append(('tie_%03d' % (i + len(handmade)), r, h))

# Edges.
utts += [
    ('edge_001', 'only reference words', ''),
    ('edge_002', '', 'only hypothesis words'),
    ('edge_003', '', ''),
    ('edge_004', 'same words here', 'same words here'),
    ('edge_005', "don't stop, well-known", "dont stop well known"),
]

# Unicode and case.
utts += [
    ('uni_001', 'Über café naïve 東京 ñandú', 'uber Café naive 東京 ñandu'),
    ('uni_002', 'straße Ǆemal Σίσυφος', 'strasse ǆemal σίσυφος'),
    ('case_001', 'Hello World OK', 'hello WORLD ok'),
]

# Very long utterances with a realistic edit mix.
vocab = ['w%d' % i for i in range(300)]
for k in range(2):
    ref = [rng.choice(vocab) for _ in range(2500)]
    hyp = []
    for w in ref:
        x = rng.random()
        if x < 0.04:
            continue
        elif x < 0.12:
            hyp.append(rng.choice(vocab))
        elif x < 0.15:
            hyp += [w, rng.choice(vocab)]
        else:
            hyp.append(w)
    utts.append(('long_%03d' % k, ' '.join(ref), ' '.join(hyp)))

with open('golden-ref.trn', 'w') as f:
    for uid, r, h in utts:
        f.write('%s (%s)\n' % (r, uid) if r else '(%s)\n' % uid)
with open('golden-hyp.trn', 'w') as f:
    for uid, r, h in utts:
        f.write('%s (%s)\n' % (h, uid) if h else '(%s)\n' % uid)

for name, extra in (('sclite', []), ('none', ['-s'])):
    subprocess.run([SCLITE, '-r', 'golden-ref.trn', 'trn', '-h', 'golden-hyp.trn', 'trn',
                    '-i', 'rm', '-o', 'pra', 'sgml', '-O', '.', '-n', 'golden-' + name] + extra,
                   check=True, stdout=subprocess.DEVNULL)
