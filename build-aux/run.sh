#!/bin/sh
# Installs what Parlance needs, builds it and opens it. Without a display
# it shows the same workspace through parlance-cli instead.
set -eu
cd "$(dirname "$0")/.."

./build-aux/install-deps.sh
[ -f _build/build.ninja ] || meson setup _build
meson compile -C _build

export GSETTINGS_SCHEMA_DIR="$PWD/_build/data"

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "No display found: running parlance-cli quickstart on the bundled sample instead."
  _build/src/cli/parlance-cli "$@" quickstart
  exit $?
fi

exec _build/src/gui/parlance "$@"
