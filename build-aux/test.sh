#!/bin/sh
# Installs, builds (warnings are errors) and runs every test suite under
# Xvfb and a private D-Bus session; then the non-GUI suites again under
# AddressSanitizer, UndefinedBehaviorSanitizer and LeakSanitizer
# (build-aux/sanitize.sh), and every parser's fuzzer for a bounded time
# (build-aux/fuzz.sh). Prints one summary line over all of them.
set -u
cd "$(dirname "$0")/.."

build=_ci
./build-aux/install-deps.sh --tests || exit 1

if [ -f "$build/build.ninja" ]; then
  meson setup --reconfigure --werror "$build" >"$build.setup.log" 2>&1
else
  meson setup --werror "$build" >"$build.setup.log" 2>&1
fi
setup=$?
if [ $setup -ne 0 ]; then
  cat "$build.setup.log"
  echo "0 passed, 1 failed"
  exit 1
fi

if ! meson compile -C "$build"; then
  echo "0 passed, 1 failed"
  exit 1
fi

dbus-run-session -- xvfb-run -a -s "-screen 0 1280x1024x24" \
  meson test -C "$build" --no-rebuild --print-errorlogs --num-processes 2
status=$?

# The sanitizer build keeps its own test log; its reports that no test
# failure accounts for make it print one failure more, so its own last
# line is what counts.
sanitize_log=$build.sanitize.log
PRL_SANITIZE_BUILD=_ci-asan ./build-aux/sanitize.sh 2>&1 | tee "$sanitize_log"
sanitized=$(sed -n 's/^sanitizers: \([0-9]*\) passed, \([0-9]*\) failed, \([0-9]*\) skipped$/\1 \2 \3/p' \
  "$sanitize_log" | tail -n 1)

fuzz_log=$build.fuzz.log
FUZZ_BUILD_DIR=_ci-fuzz ./build-aux/fuzz.sh "${PRL_FUZZ_SECONDS:-30}" 2>&1 | tee "$fuzz_log"
fuzzed=$(sed -n 's/^fuzz: \([0-9]*\) targets, \([0-9]*\) crashes$/\1 \2/p' "$fuzz_log" | tail -n 1)
# shellcheck disable=SC2086 # "targets crashes"
set -- ${fuzzed:-0 1}
fuzz_counts="$(($1 > $2 ? $1 - $2 : 0)) $2 0"

# shellcheck disable=SC2086
/usr/bin/python3 build-aux/test-summary.py "$build/meson-logs/testlog.json" \
  --counts ${sanitized:-0 1 0} --counts $fuzz_counts || status=1
exit $status
