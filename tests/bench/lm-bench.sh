#!/bin/sh
# Language-model benchmark: IRSTLM (build-lm.sh, improved Kneser-Ney)
# against `parlance-cli train` (interpolated modified Kneser-Ney) on the
# same generated text, in one run, trigrams, no pruning. Prints both
# times, the ratio, and the perplexity of both models on the same held-out
# text, computed by the same tool (IRSTLM's compile-lm --eval).
#
#   tests/bench/lm-bench.sh BUILDDIR [SIZE_MB]      (default 100 MB)
#   meson test -C BUILDDIR --benchmark --suite bench lm-bench
#
# Needs Debian's irstlm: apt-get install irstlm
set -eu

unset MALLOC_CHECK_ G_DEBUG

build=$(cd "${1:?usage: lm-bench.sh BUILDDIR [SIZE_MB]}" && pwd)
size_mb=${2:-${PRL_LM_BENCH_MB:-100}}
here=$(cd "$(dirname "$0")" && pwd)
cli=$build/src/cli/parlance-cli
gnutime=/usr/bin/time
IRSTLM=${IRSTLM:-/usr/lib/irstlm}
export IRSTLM
PATH=$IRSTLM/bin:$PATH

for tool in "$cli" "$gnutime" "$IRSTLM/bin/build-lm.sh" "$IRSTLM/bin/compile-lm"; do
  if [ ! -x "$tool" ]; then
    echo "lm-bench: $tool is missing (IRSTLM: apt-get install irstlm; GNU time: apt-get install time)" >&2
    exit 77
  fi
done

work=$(mktemp -d "${TMPDIR:-/tmp}/prl-lm-bench-XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
cd "$work"

/usr/bin/python3 "$here/gen-lm-text.py" --train train.txt --held-out held-out.txt --mb "$size_mb"
add-start-end.sh <held-out.txt >held-out.se

# IRSTLM: sentence markers, n-gram counts and the model, then ARPA text as
# Parlance writes it.
"$gnutime" -f "%e %U %S %M" -o irstlm.time sh -c '
  add-start-end.sh <train.txt >train.se &&
  build-lm.sh -i train.se -n 3 -o irstlm.ilm.gz -s improved-kneser-ney -t ./irstlm-tmp &&
  compile-lm --text=yes irstlm.ilm.gz irstlm.arpa' >irstlm.log 2>&1

ws=$work/ws
"$cli" --workspace "$ws" models create bench >/dev/null
"$cli" --workspace "$ws" datasets add bench train.txt --type TRANSCRIPT >/dev/null
"$gnutime" -f "%e %U %S %M" -o parlance.time \
  "$cli" --workspace "$ws" train bench --wait >parlance.log 2>&1
arpa=$(find "$ws/models" -name custom.arpa | head -n 1)
if [ -z "$arpa" ]; then
  echo "lm-bench: parlance-cli train wrote no custom.arpa" >&2
  cat parlance.log >&2
  exit 1
fi

compile-lm "$arpa" --eval=held-out.se >parlance.eval 2>&1
compile-lm irstlm.arpa --eval=held-out.se >irstlm.eval 2>&1

/usr/bin/python3 - "$arpa" <<'PY'
import os, re, sys

def times(path):
    wall, user, sys_, rss = open(path).read().split()[-4:]
    return float(wall), float(user) + float(sys_), int(rss)

def perplexity(path):
    m = re.search(r'PP=([0-9.]+)', open(path).read())
    if not m:
        sys.exit('lm-bench: no perplexity in %s:\n%s' % (path, open(path).read()))
    return float(m.group(1))

def ngrams(path):
    counts = {}
    with open(path) as f:
        for line in f:
            m = re.match(r'ngram\s+(\d)\s*=\s*(\d+)', line)
            if m:
                counts[int(m.group(1))] = int(m.group(2))
            elif line.startswith('\\1-grams'):
                break
    return ' '.join('%d' % counts[k] for k in sorted(counts))

size = os.path.getsize('train.txt')
iw, ic, ir = times('irstlm.time')
pw, pc, pr = times('parlance.time')
print('training text: %.0f MB, %d lines; held-out: %d lines'
      % (size / 1e6, sum(1 for _ in open('train.txt')), sum(1 for _ in open('held-out.txt'))))
print('%-22s %9s %9s %10s %12s %26s' % ('', 'wall (s)', 'CPU (s)', 'peak RSS', 'perplexity', 'n-grams (1 2 3)'))
print('%-22s %9.1f %9.1f %6.0f MiB %12.1f %26s' % ('IRSTLM build-lm.sh', iw, ic, ir / 1024,
      perplexity('irstlm.eval'), ngrams('irstlm.arpa')))
print('%-22s %9.1f %9.1f %6.0f MiB %12.1f %26s' % ('parlance-cli train', pw, pc, pr / 1024,
      perplexity('parlance.eval'), ngrams(sys.argv[1])))
print('speed-up (IRSTLM / parlance): wall %.2fx, CPU %.2fx' % (iw / pw, ic / pc))
PY
