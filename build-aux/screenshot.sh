#!/bin/sh
# Takes the README/AppStream/user-help screenshots from the real app under
# Xvfb, in English:
#   models-page.png         the Custom Models page with a few models
#   new-dataset-dialog.png  the New Dataset dialog with the sample chosen
#   evaluation-review.png   the Review tab of the sample's evaluation
#   accounts-page.png       Preferences → Accounts with an example account
# The last three come from build-aux/screenshot-flows.py, which drives the
# app through AT-SPI on a `parlance-cli quickstart` workspace.
set -eu
cd "$(dirname "$0")/.."
export LANGUAGE=C LC_ALL=C.UTF-8

./build-aux/install-deps.sh --tests
for p in x11-apps imagemagick python3-pyatspi python3-xlib gnome-keyring at-spi2-core; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$p"
done
[ -f _build/build.ninja ] || meson setup _build
meson compile -C _build

ws=$(mktemp -d)
tmp=$(mktemp -d)
trap 'rm -rf "$ws" "$tmp"' EXIT
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

# The sample's workspace, trained and evaluated, and an empty model to add
# the sample to in the New Dataset dialog.
sample="$PWD/_build/data/sample"
[ -f "$sample/clinic1.wav" ] || { echo "no sample audio in $sample (espeak-ng?)" >&2; exit 1; }
qs="$tmp/workspace"
qcli="_build/src/cli/parlance-cli --workspace $qs"
$qcli quickstart --sample "$sample" >/dev/null
$qcli models create clinic-notes >/dev/null

# A throwaway home, settings and keyring (as tests/cli/test-cli-accounts.py
# does), with a made-up account whose keys are AWS's documented examples.
for d in home run data config; do mkdir -m 700 "$tmp/$d"; done
export HOME="$tmp/home" XDG_RUNTIME_DIR="$tmp/run" XDG_DATA_HOME="$tmp/data"
export XDG_CONFIG_HOME="$tmp/config"
unset DBUS_SESSION_BUS_ADDRESS AWS_SESSION_TOKEN AWS_SHARED_CREDENTIALS_FILE
gsettings set io.github.parlance.Parlance getting-started-shown true
gsettings set io.github.parlance.Parlance window-width 1100
gsettings set io.github.parlance.Parlance window-height 720

xvfb-run -a -s "-screen 0 1280x1024x24" dbus-run-session -- sh -c "
  printf parlance | gnome-keyring-daemon --unlock --daemonize --components=secrets >/dev/null &&
  AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE \
  AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY \
    _build/src/cli/parlance-cli accounts add aws 'Clinic archive' \
      --region eu-west-1 --bucket parlance-clinic >/dev/null &&
  exec /usr/bin/python3 build-aux/screenshot-flows.py _build/src/gui/parlance \
    '$qs' '$sample' sample-cardiology clinic-notes '$PWD/data/screenshots'
"

# Smaller files, same pixels.
if command -v optipng >/dev/null; then
  optipng -quiet -o2 -strip all data/screenshots/*.png
fi
for f in data/screenshots/*.png; do
  echo "$f: $(identify -format '%wx%h' "$f")"
done
