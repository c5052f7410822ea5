#!/bin/sh
# Takes the README/AppStream screenshot: the real app under Xvfb on a
# workspace with a few sample models. Writes data/screenshots/models-page.png.
set -eu
cd "$(dirname "$0")/.."

./build-aux/install-deps.sh --tests
for p in x11-apps imagemagick; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$p"
done
[ -f _build/build.ninja ] || meson setup _build
meson compile -C _build

ws=$(mktemp -d)
trap 'rm -rf "$ws"' EXIT
cli="_build/src/cli/parlance-cli --workspace $ws"
$cli models create cardiology-notes --base-model WideBand >/dev/null
$cli models create call-centre-billing --base-model NarrowBand >/dev/null
$cli models create court-hearings >/dev/null
$cli models create radiology-dictation >/dev/null

mkdir -p data/screenshots
out="$PWD/data/screenshots/models-page.png"

# Settings in a throwaway keyfile, with the first-run guide already seen.
export XDG_CONFIG_HOME="$ws/config" GSETTINGS_BACKEND=keyfile
export GSETTINGS_SCHEMA_DIR="$PWD/_build/data" GTK_A11Y=none
gsettings set io.github.parlance.Parlance getting-started-shown true

xvfb-run -a -s "-screen 0 1100x720x24" sh -c "
  _build/src/gui/parlance --workspace '$ws' &
  app=\$!
  sleep 5
  xwd -root -silent | convert xwd:- png:'$out'
  kill \$app
"
echo "Wrote $out"
