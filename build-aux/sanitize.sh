#!/bin/sh
# Builds Parlance with AddressSanitizer and UndefinedBehaviorSanitizer in
# its own build folder and runs the suites that need no display (text, wer,
# media, core, local, cli) with leak detection on. Any finding fails the
# run: a failed test, or a report that a sanitizer wrote from any process,
# including a parlance-cli run by a Python test that swallowed its stderr.
# Leaks are suppressed only inside third-party libraries; see
# build-aux/lsan.supp.
#
#   build-aux/sanitize.sh [SUITE...]     (default: all six)
#
# Prints "sanitizers: N passed, M failed" last and exits non-zero on any
# finding.
set -u
cd "$(dirname "$0")/.."
top=$PWD
build=${PRL_SANITIZE_BUILD:-_build-asan}
setup_log=$(mktemp)
suites=${*:-text wer media core local cli}
started=$(date +%s)

fail () {
  echo "$1"
  echo "sanitizers: 0 passed, 1 failed"
  exit 1
}

if [ -f "$build/build.ninja" ]; then
  meson setup --reconfigure "$build" >"$setup_log" 2>&1
else
  # b_lundef=false: the sanitizer runtimes are linked into executables
  # only, so shared objects may leave their symbols undefined.
  meson setup -Db_sanitize=address,undefined -Db_lundef=false "$build" >"$setup_log" 2>&1
fi || { cat "$setup_log"; rm -f "$setup_log"; fail "sanitizers: meson setup failed"; }
rm -f "$setup_log"

# Everything but the GUI, its tests and run targets (which would rewrite
# po/ in the source tree): the suites need nothing else, and the GUI is a
# third of the build.
targets=$(meson introspect "$build" --targets | /usr/bin/python3 -c '
import json, os, sys
build = os.path.abspath(sys.argv[1])
names = []
for target in json.load(sys.stdin):
    where = target["defined_in"]
    if target["type"] in ("run", "alias") or any(
        part in where for part in ("/gui/", "/e2e/", "/bench/")
    ):
        continue
    names += [os.path.relpath(f, build) for f in target["filename"]]
print(" ".join(names))
' "$build") || fail "sanitizers: meson introspect failed"
# shellcheck disable=SC2086 # one word a target
ninja -C "$build" $targets || fail "sanitizers: the build failed"

# Each sanitized process also writes its reports here (one file a
# process), so that none is lost in a test's captured output.
reports=$top/$build/sanitizer-reports
rm -rf "$reports"
mkdir -p "$reports"

# GLib 2.74 keeps small blocks in its own slice allocator, hiding them from
# ASan; always-malloc gives each block to malloc().
export G_SLICE=always-malloc
# abort_on_error makes a finding end the process at once (SIGABRT, with
# no core dump).
export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:abort_on_error=1:disable_coredump=1:\
detect_stack_use_after_return=1:check_initialization_order=1:strict_init_order=1:\
log_path=$reports/asan"
# UBSan (GCC's libubsan) ignores log_path and reports on stderr only; its
# reports are counted from the test logs below.
export UBSAN_OPTIONS="halt_on_error=1:abort_on_error=1:print_stacktrace=1"

# Suppressions match whole stacks, which the Debian libraries (no frame
# pointers) only give to the slow unwinder. It costs about ten times the
# run time of allocation-heavy code, so it is used where a third-party
# leak needs a suppression (GStreamer's quarks, GLib's test folders,
# libsecret, OpenSSL, json-glib's parser in text); wer has none and uses
# the fast one: any leak there fails, suppressible or not.
fast_unwind () {
  case " $fast_suites " in
    *" $1 "*) echo 1 ;;
    *) echo 0 ;;
  esac
}
fast_suites=${PRL_SANITIZE_FAST_SUITES-wer}

summary=$build/sanitizer-summary.txt
: >"$summary"
status=0
for suite in $suites; do
  export LSAN_OPTIONS="suppressions=$top/build-aux/lsan.supp:print_suppressions=0:\
fast_unwind_on_malloc=$(fast_unwind "$suite")"
  echo "sanitizers: suite $suite (fast_unwind_on_malloc=$(fast_unwind "$suite"))"
  before=$(ls "$reports"; echo /)
  if ! meson test -C "$build" --no-rebuild --print-errorlogs --num-processes 2 \
    --timeout-multiplier 5 --suite "$suite"; then
    # LeakSanitizer's own tracer sometimes crashes while it stops a process
    # with many threads (GStreamer, libsoup) on a loaded machine: "Tracer
    # caught signal 11 ... LeakSanitizer has encountered a fatal error".
    # That is no finding, so a suite whose only new reports are such
    # crashes runs once more; anything else stands.
    new_reports=$(ls "$reports" | grep -vxF -e "$before" || true)
    if [ -n "$new_reports" ] && ! (cd "$reports" && grep -L \
        "LeakSanitizer has encountered a fatal error" $new_reports | grep -q .) \
        && ! (cd "$reports" && grep -l -e "ERROR: AddressSanitizer" \
        -e "detected memory leaks" $new_reports | grep -q .); then
      echo "sanitizers: LeakSanitizer's tracer crashed in suite $suite; running it again"
      (cd "$reports" && rm -f $new_reports)
      meson test -C "$build" --no-rebuild --print-errorlogs --num-processes 2 \
        --timeout-multiplier 5 --suite "$suite" || status=1
    else
      status=1
    fi
  fi
  # UBSan's reports, from any process whose output reached the log.
  grep -a -h "runtime error:" "$build/meson-logs/testlog.txt" >>"$reports/ubsan-$suite" \
    || rm -f "$reports/ubsan-$suite"
  /usr/bin/python3 - "$build/meson-logs/testlog.json" >>"$summary" <<'PY'
import json
import sys

counts = {"passed": 0, "failed": 0, "skipped": 0}
with open(sys.argv[1], encoding="utf-8") as log:
    for line in log:
        if line.strip():
            result = json.loads(line)["result"]
            if result in ("OK", "EXPECTEDFAIL"):
                counts["passed"] += 1
            elif result == "SKIP":
                counts["skipped"] += 1
            else:
                counts["failed"] += 1
print(counts["passed"], counts["failed"], counts["skipped"])
PY
done

# A report with no failed test (e.g. from a child process whose exit code
# was not checked) is still a finding.
found=$(find "$reports" -type f | wc -l)
if [ "$found" -gt 0 ]; then
  for f in "$reports"/*; do
    echo "=== $f"
    cat "$f"
  done
  echo "sanitizers: reports from $found sanitized process(es) or suite(s), above"
fi

echo "sanitizers: $suites took $(($(date +%s) - started)) s"
awk -v found="$found" -v status="$status" '
  { passed += $1; failed += $2; skipped += $3 }
  END {
    # Reports or a meson failure that no failed test accounts for count
    # as one more failure.
    if (failed == 0 && (found > 0 || status != 0)) failed = 1
    printf "sanitizers: %d passed, %d failed, %d skipped\n", passed, failed, skipped
    exit (failed > 0 || passed == 0) ? 1 : 0
  }' "$summary"
