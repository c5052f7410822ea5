#!/bin/sh
# Import benchmark: `sha256sum` + `cp` against `parlance-cli datasets add`
# on the same generated text file, in one run. Both hash the file and copy
# it; Parlance also checks every line (UTF-8, markup, limits) first. Prints
# both wall times and peak RSS and the ratios (target: at most 1.5x the
# time, at most 64 MiB).
#
#   tests/bench/import-bench.sh BUILDDIR [SIZE_MB]     (default 2000 MB, 2 GB)
#   meson test -C BUILDDIR --benchmark --suite bench import-bench
#
# Needs about 3x SIZE_MB of free space in $TMPDIR; everything is removed
# at the end.
set -eu

unset MALLOC_CHECK_ G_DEBUG

build=$(cd "${1:?usage: import-bench.sh BUILDDIR [SIZE_MB]}" && pwd)
size_mb=${2:-${PRL_IMPORT_BENCH_MB:-2000}}
# PARLANCE_CLI runs another build's binary on the same input, to compare.
cli=${PARLANCE_CLI:-$build/src/cli/parlance-cli}
gnutime=/usr/bin/time

for tool in "$cli" "$gnutime"; do
  if [ ! -x "$tool" ]; then
    echo "import-bench: $tool is missing (GNU time: Debian package time)" >&2
    exit 77
  fi
done

work=$(mktemp -d "${TMPDIR:-/tmp}/prl-import-bench-XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
cd "$work"

# Text lines of clinical-note length, repeated up to the size; the content
# does not matter to either tool, only its size and shape.
/usr/bin/python3 - "$size_mb" <<'PY'
import random, sys
rng = random.Random(1)
words = [w.split()[0] for w in open('/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict')
         if w.split()[0].isalpha()][:30000]
block = ''.join(' '.join(rng.choice(words) for _ in range(rng.randint(4, 22))).capitalize()
                + '.\n' for _ in range(60000)).encode()
limit = int(float(sys.argv[1]) * 1000 * 1000)
with open('input.txt', 'wb') as f:
    left = limit
    while left > 0:
        chunk = block[:left]
        # Whole lines only.
        if len(chunk) < len(block):
            chunk = chunk[:chunk.rfind(b'\n') + 1] or b'x\n'
        f.write(chunk)
        left -= len(chunk)
PY
bytes=$(stat -c %s input.txt)

# Both start with the file in the page cache.
cat input.txt >/dev/null

"$gnutime" -f "%e %U %S %M" -o anchor.time sh -c 'sha256sum input.txt >anchor.sha && cp input.txt copy.txt && sync copy.txt'
rm -f copy.txt

ws=$work/ws
"$cli" --workspace "$ws" models create bench >/dev/null
"$gnutime" -f "%e %U %S %M" -o parlance.time \
  "$cli" --workspace "$ws" datasets add bench input.txt --type TRANSCRIPT >/dev/null

sha=$(cut -d' ' -f1 anchor.sha)
if [ ! -f "$ws/blobs/$(echo "$sha" | cut -c1-2)/$sha" ]; then
  echo "import-bench: the workspace has no blob named $sha" >&2
  exit 1
fi

/usr/bin/python3 - "$bytes" <<'PY'
import sys
def read(path):
    wall, user, sys_, rss = open(path).read().split()[-4:]
    return float(wall), float(user) + float(sys_), int(rss)
size = int(sys.argv[1])
a_wall, a_cpu, a_rss = read('anchor.time')
p_wall, p_cpu, p_rss = read('parlance.time')
print('file: %.0f MB' % (size / 1e6))
print('%-28s %10s %10s %12s' % ('', 'wall (s)', 'CPU (s)', 'peak RSS'))
print('%-28s %10.2f %10.2f %8.1f MiB' % ('sha256sum + cp + sync', a_wall, a_cpu, a_rss / 1024))
print('%-28s %10.2f %10.2f %8.1f MiB' % ('parlance-cli datasets add', p_wall, p_cpu, p_rss / 1024))
print('time ratio (parlance / anchor): %.2f; CPU ratio: %.2f' % (p_wall / a_wall, p_cpu / a_cpu))
print('parlance throughput: %.0f MB/s; anchor: %.0f MB/s' % (size / 1e6 / p_wall, size / 1e6 / a_wall))
PY
