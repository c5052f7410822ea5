#!/bin/sh
# Installs, builds (warnings are errors) and runs every test suite under
# Xvfb and a private D-Bus session, then prints one summary line.
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

/usr/bin/python3 build-aux/test-summary.py "$build/meson-logs/testlog.json" || status=1
exit $status
