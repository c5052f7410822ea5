#!/bin/sh
# Installs, builds (warnings are errors), starts the local S3 server
# (build-aux/s3-server.sh) and MediaWiki (build-aux/wiki-server.sh), both
# stopped again on exit, and runs every test suite under Xvfb and a
# private D-Bus session (the e2e suite beside the rest, each of its tests
# on an X server and bus of its own); then the non-GUI suites again under
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

# One S3 server for the whole run, in a folder of its own; its logs are
# kept in $build/meson-logs/s3-server. A server that does not start fails
# the cloud tests (PRL_TEST_REQUIRE_S3), not the run.
s3_dir=$(mktemp -d "${TMPDIR:-/tmp}/parlance-s3.XXXXXX")
# shellcheck disable=SC2317 # run by the EXIT trap
stop_s3 () {
  ./build-aux/s3-server.sh stop "$s3_dir" || true
  rm -rf "$build/meson-logs/s3-server"
  cp -r "$s3_dir/log" "$build/meson-logs/s3-server" 2>/dev/null || true
  rm -rf "$s3_dir"
}
# The local MediaWiki (build-aux/wiki-server.sh), likewise once per run.
wiki_dir=$(mktemp -d "${TMPDIR:-/tmp}/parlance-wiki.XXXXXX")
# shellcheck disable=SC2317 # run by the EXIT trap
stop_servers () {
  [ -n "${e2e_pid:-}" ] && kill "$e2e_pid" 2>/dev/null
  stop_s3
  ./build-aux/wiki-server.sh stop "$wiki_dir" || true
  rm -rf "$build/meson-logs/wiki-server"
  mkdir -p "$build/meson-logs/wiki-server"
  cp "$wiki_dir"/*.log "$build/meson-logs/wiki-server/" 2>/dev/null || true
  rm -rf "$wiki_dir"
}
trap stop_servers EXIT
trap 'exit 130' INT TERM HUP
export PRL_TEST_REQUIRE_S3=1
# install-deps.sh --tests installed IBM's Node SDK; without it the Watson
# stand-in's test fails instead of skipping.
export PRL_TEST_REQUIRE_WATSON_SDK=1
# The S3 client's tests store about 800 MB (a 500 MB resumed upload, a
# 200 MiB memory check); RGW frees deleted data only hours later and its
# in-memory OSD needs about twice the bytes stored, so 1 GiB would fill up.
if MEMSTORE_BYTES=${MEMSTORE_BYTES:-4294967296} ./build-aux/s3-server.sh start "$s3_dir"; then
  # shellcheck disable=SC1091 # written by s3-server.sh just now
  set -a && . "$s3_dir/s3.env" && set +a
fi

export PRL_TEST_REQUIRE_WIKI=1
if ./build-aux/wiki-server.sh start "$wiki_dir"; then
  # shellcheck disable=SC1091 # written by wiki-server.sh just now
  set -a && . "$wiki_dir/wiki.env" && set +a
fi

# The end-to-end suite runs beside the others, one test at a time (two
# GTK apps on AT-SPI at once make GTK 4.8's accessibility crash far more
# often); each test starts an X server and a session bus of its own
# (tests/e2e/atspi_session.py). Its log is printed when the rest is done.
e2e_log=$build.e2e.log
meson test -C "$build" --no-rebuild --print-errorlogs --num-processes 1 --suite e2e \
  --logbase e2e-testlog >"$e2e_log" 2>&1 &
e2e_pid=$!

# The display number search starts away from :99, where every other
# xvfb-run on the machine starts, so two runs never race for one display.
# -noreset: by default Xvfb resets when its last client leaves, and an app
# that connects during the reset cannot open the display.
dbus-run-session -- xvfb-run -a -n $((100 + $$ % 400)) -s "-screen 0 1280x1024x24 -noreset" \
  meson test -C "$build" --no-rebuild --print-errorlogs --num-processes 2 --no-suite e2e
status=$?
wait "$e2e_pid" || status=1
e2e_pid=
cat "$e2e_log"

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
  "$build/meson-logs/e2e-testlog.json" --counts ${sanitized:-0 1 0} --counts $fuzz_counts || status=1
exit $status
