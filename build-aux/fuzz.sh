#!/bin/sh
# Builds the libFuzzer targets of tests/fuzz with clang (ASan + UBSan) in
# their own build folder and runs each for a bounded time, starting from
# its seed corpus. Prints one line per target (executions per second and
# the coverage libFuzzer reached) and a last line "fuzz: N targets, M
# crashes"; exits non-zero if any target crashed, hung or leaked.
#
# Usage: build-aux/fuzz.sh [SECONDS-PER-TARGET] [TARGET…]
#   SECONDS defaults to 30 (or $FUZZ_SECONDS); TARGETs default to all.
#   $FUZZ_BUILD_DIR (default _fuzz) is the build folder, $CC the compiler
#   (default clang-14). Crashing inputs are kept in BUILD/fuzz-artifacts.
set -u
cd "$(dirname "$0")/.." || exit 1

seconds=${1:-${FUZZ_SECONDS:-30}}
[ $# -gt 0 ] && shift
targets=${*:-"text-checker srt vtt manifest trn arpa dictionary sigv4"}
build=${FUZZ_BUILD_DIR:-_fuzz}
cc=${CC:-clang-14}

case $seconds in
  '' | *[!0-9]*)
    echo "fuzz: SECONDS must be a whole number, not '$seconds'" >&2
    exit 2
    ;;
esac

if ! command -v "$cc" >/dev/null 2>&1; then
  echo "fuzz: $cc is missing; run build-aux/install-deps.sh --tests" >&2
  echo "fuzz: 0 targets, 1 crashes"
  exit 1
fi

mkdir -p "$build"
if [ -f "$build/build.ninja" ]; then
  set -- --reconfigure "$build" -Dfuzzing=true
else
  set -- "$build" -Dfuzzing=true -Db_lundef=false
fi
if ! CC=$cc meson setup "$@" >"$build/fuzz-setup.log" 2>&1; then
  cat "$build/fuzz-setup.log"
  echo "fuzz: 0 targets, 1 crashes"
  exit 1
fi

ninja_targets=""
for t in $targets; do
  ninja_targets="$ninja_targets tests/fuzz/fuzz-$t"
done
# shellcheck disable=SC2086
if ! ninja -C "$build" $ninja_targets >"$build/fuzz-build.log" 2>&1; then
  tail -n 40 "$build/fuzz-build.log"
  echo "fuzz: 0 targets, 1 crashes"
  exit 1
fi

artifacts="$build/fuzz-artifacts"
mkdir -p "$artifacts"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
export LC_ALL=C.UTF-8 LANGUAGE=C

# One libFuzzer process is single-threaded: run as many targets at once
# as there are cores, each still for its full time, then report them in
# order.
run_target () {
  "$build/tests/fuzz/fuzz-$1" -max_total_time="$seconds" -timeout=10 \
    -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$artifacts/$1-" \
    "$build/fuzz-corpus/$1" "tests/fuzz/corpus/$1" >"$build/fuzz-$1.log" 2>&1
  echo $? >"$build/fuzz-$1.status"
}

cores=$(nproc 2>/dev/null || echo 1)
running=0
for t in $targets; do
  mkdir -p "$build/fuzz-corpus/$t"
  rm -f "$build/fuzz-$t.status"
  run_target "$t" &
  running=$((running + 1))
  if [ "$running" -ge "$cores" ]; then
    wait
    running=0
  fi
done
wait

n=0
crashes=0
for t in $targets; do
  n=$((n + 1))
  log="$build/fuzz-$t.log"
  status=$(cat "$build/fuzz-$t.status" 2>/dev/null || echo 1)

  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 | cut -d' ' -f2)
  ft=$(grep -o 'ft: [0-9]*' "$log" | tail -n 1 | cut -d' ' -f2)
  summary="${runs:-?} runs, ${speed:-?} exec/s, cov: ${cov:-?} ft: ${ft:-?}"

  if [ "$status" -eq 0 ]; then
    echo "fuzz: $t: ok, $summary"
  else
    crashes=$((crashes + 1))
    artifact=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -n 1)
    echo "fuzz: $t: FAILED (exit $status), $summary; input: ${artifact:-none}, log: $log"
    grep -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error|.*ERROR:)' "$log" | head -n 5 |
      sed 's/^/fuzz:   /'
  fi
done

echo "fuzz: $n targets, $crashes crashes"
[ $crashes -eq 0 ]
