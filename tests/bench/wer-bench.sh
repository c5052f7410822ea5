#!/bin/sh
# WER benchmark: NIST sclite against parlance-cli score on the same
# generated files, in one run, on two kinds of corpus (see gen-wer-data.py):
# "zipf" (a realistic vocabulary and error mix) and "random" (3,000 random
# words, about 15 % WER). For each, prints both sets of totals (which must
# be identical), the wall-time and CPU-time ratios (fastest of
# WER_BENCH_RUNS runs, 3 by default) and the peak-RSS ratio.
#
#   tests/bench/wer-bench.sh BUILDDIR [KIND...]
#   meson test -C BUILDDIR --benchmark --suite bench
set -eu

# Measure both tools as users run them, without the test suite's malloc checks.
unset MALLOC_CHECK_ G_DEBUG

build=$(cd "${1:?usage: wer-bench.sh BUILDDIR [zipf|random...]}" && pwd)
shift
kinds=${*:-zipf random}
runs=${WER_BENCH_RUNS:-3}
here=$(cd "$(dirname "$0")" && pwd)
sclite=${SCLITE:-/usr/lib/sctk/bin/sclite}
cli=$build/src/cli/parlance-cli
gnutime=/usr/bin/time

for tool in "$sclite" "$cli" "$gnutime"; do
  if [ ! -x "$tool" ]; then
    echo "wer-bench: $tool is missing (sclite: Debian package sctk; GNU time: package time)" >&2
    exit 77
  fi
done

work=$(mktemp -d "${TMPDIR:-/tmp}/prl-wer-bench-XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

status=0
for kind in $kinds; do
  mkdir "$work/$kind"
  cd "$work/$kind"
  echo "== corpus: $kind"
  python3 "$here/gen-wer-data.py" --kind "$kind" --out "$work/$kind"

  # Each tool runs $runs times, alternating; the fastest run of each counts,
  # which keeps other work on the machine from deciding the ratio.
  i=0
  while [ $i -lt "$runs" ]; do
    "$gnutime" -a -f "%e %U %S %M" -o sclite.time \
      "$sclite" -r ref.trn trn -h hyp.trn trn -i rm -o rsum -O "$work/$kind" -n sclite >/dev/null
    # The "sclite" profile folds ASCII case and splits on white space, as
    # sclite does. The report goes to standard output, as sclite's files are
    # written: --output would also fsync it.
    "$gnutime" -a -f "%e %U %S %M" -o parlance.time \
      "$cli" score --ref ref.trn --hyp hyp.trn --profile sclite --format json >parlance.json
    i=$((i + 1))
  done

  python3 - "$kind" <<'PY' || status=1
import json, sys

def sclite_totals():
    for line in open('sclite.raw'):
        f = line.replace('|', ' ').split()
        if f and f[0] == 'Sum':
            return [int(x) for x in f[1:9]]
    sys.exit('wer-bench: no Sum row in sclite.raw')

def times(path):
    runs = []
    for line in open(path):
        f = line.split()
        if len(f) == 4 and f[3].isdigit():
            runs.append((float(f[0]), float(f[1]) + float(f[2]), int(f[3])))
    return (min(r[0] for r in runs), min(r[1] for r in runs), max(r[2] for r in runs),
            len(runs))

s = sclite_totals()
j = json.load(open('parlance.json'))
p = [j['utterances'], j['words'], j['correct'], j['substitutions'], j['deletions'],
     j['insertions'], j['errors'], j['sentences_with_errors']]
names = ['utterances', 'ref words', 'correct', 'substitutions', 'deletions', 'insertions',
         'errors', 'sentence errors']
print('%-16s %12s %12s' % ('', 'sclite', 'parlance'))
for n, a, b in zip(names, s, p):
    print('%-16s %12d %12d%s' % (n, a, b, '' if a == b else '   <-- DIFFERENT'))
print('%-16s %11.2f%% %11.2f%%' % ('WER', 100.0 * s[6] / s[1], j['wer']))

(st, sc, sm, n), (pt, pc, pm, _) = times('sclite.time'), times('parlance.time')
print()
print('%-16s %10.2f s %10.2f s   sclite/parlance = %.1fx   (fastest of %d runs each)'
      % ('wall time', st, pt, st / max(pt, 0.01), n))
print('%-16s %10.2f s %10.2f s   sclite/parlance = %.1fx   (user + system, all threads)'
      % ('CPU time', sc, pc, sc / max(pc, 0.01)))
print('%-16s %9.1f MB %9.1f MB   sclite/parlance = %.1fx' % ('peak RSS', sm / 1024, pm / 1024, sm / pm))
if s != p:
    sys.exit('wer-bench: the totals differ on the %s corpus' % sys.argv[1])
print('\ntotals identical\n')
PY
done
exit $status
