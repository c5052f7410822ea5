#!/usr/bin/env python3
# Generates a reference and a hypothesis trn file for the WER benchmark.
# --kind zipf (the default): a Zipf-distributed vocabulary, utterances of 5
# to 50 words, and per speaker error rates of 4 to 30 % with a realistic mix
# of substitutions (often a similar-looking word), deletions (mostly short
# words) and insertions.
# --kind random: 3,000 distinct random-letter words drawn uniformly, and
# about 15 % WER (substitutions, deletions and insertions at random).
# The same seed always gives the same files.
import argparse, bisect, random

ap = argparse.ArgumentParser()
ap.add_argument('--out', required=True)
ap.add_argument('--utterances', type=int, default=20000)
ap.add_argument('--min-words', type=int, default=500000)
ap.add_argument('--seed', type=int, default=20260101)
ap.add_argument('--kind', choices=('zipf', 'random'), default='zipf')
args = ap.parse_args()

rng = random.Random(args.seed)

if args.kind == 'random':
    letters = 'abcdefghijklmnopqrstuvwxyz'
    words = set()
    while len(words) < 3000:
        words.add(''.join(rng.choice(letters) for _ in range(rng.randint(2, 10))))
    words = sorted(words)
    n_words = 0
    with open(args.out + '/ref.trn', 'w') as ref, open(args.out + '/hyp.trn', 'w') as hyp:
        u = 0
        while u < args.utterances or n_words < args.min_words:
            r = [rng.choice(words) for _ in range(rng.randint(5, 45))]
            h = []
            for w in r:
                x = rng.random()
                if x < 0.03:
                    continue
                h.append(rng.choice(words) if x < 0.12 else w)
                if rng.random() < 0.03:
                    h.append(rng.choice(words))
            uid = 'spk%03d_%06d' % (u % 200, u)
            ref.write(' '.join(r) + ' (%s)\n' % uid)
            hyp.write(' '.join(h) + ' (%s)\n' % uid)
            n_words += len(r)
            u += 1
    print('%d utterances, %d reference words' % (u, n_words))
    raise SystemExit(0)

syll = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'to', 'vi', 'de', 'po', 'an', 'el', 'is', 'or', 'ut',
        'ber', 'con', 'dis', 'ing', 'tion', 'ter', 'pre', 'ly', 'ment', 'st']
vocab = set()
while len(vocab) < 20000:
    vocab.add(''.join(rng.choice(syll) for _ in range(rng.choice((1, 2, 2, 3, 3, 4)))))
# Sort first: set order changes from run to run with hash randomization.
vocab = sorted(vocab)
rng.shuffle(vocab)
vocab[:3] = ['the', 'a', 'of']
weights, total = [], 0.0
for rank in range(len(vocab)):
    total += 1.0 / (rank + 1) ** 1.07
    weights.append(total)

def word():
    w = vocab[bisect.bisect(weights, rng.random() * total)]
    # Some capitals, which sclite folds by default.
    return w.capitalize() if rng.random() < 0.03 else w

def similar(w):
    for _ in range(10):
        c = word()
        if c[:2].lower() == w[:2].lower() and c != w:
            return c
    return word()

n_speakers = 200
rates = [rng.uniform(0.04, 0.30) for _ in range(n_speakers)]
n_words = 0
with open(args.out + '/ref.trn', 'w') as ref, open(args.out + '/hyp.trn', 'w') as hyp:
    u = 0
    while u < args.utterances or n_words < args.min_words:
        spk = u % n_speakers
        rate = rates[spk]
        r = [word() for _ in range(rng.randint(5, 50))]
        h = []
        for w in r:
            x = rng.random()
            if x < rate * 0.25 * (1.6 if len(w) <= 3 else 0.8):
                continue
            elif x < rate * 0.8:
                h.append(similar(w))
            else:
                h.append(w)
            if rng.random() < rate * 0.15:
                h.append(word())
        uid = 'spk%03d_%06d' % (spk, u)
        ref.write(' '.join(r) + ' (%s)\n' % uid)
        hyp.write(' '.join(h) + ' (%s)\n' % uid)
        n_words += len(r)
        u += 1
print('%d utterances, %d reference words' % (u, n_words))
