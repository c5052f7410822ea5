#!/bin/sh
# Installs the Debian 12 packages Parlance needs. With --tests it also
# installs what the test suite drives: Xvfb, D-Bus, AT-SPI, validators,
# NIST SCTK (sclite) as the reference scorer, clang with libFuzzer and
# the sanitizers for build-aux/fuzz.sh, and Ceph's RADOS Gateway with boto3
# as the local S3 server and client the cloud tests run against
# (build-aux/s3-server.sh); botocore is also the reference AWS signer;
# Node.js with IBM's SDK (npm ibm-watson 12, into
# ${XDG_CACHE_HOME:-~/.cache}/parlance-tests/node) as the real client that
# checks the Watson stand-in (tests/cloud/test-watson-server.js);
# PHP with SQLite and Debian's MediaWiki 1.39 (unpacked, not installed, into
# ${XDG_CACHE_HOME:-~/.cache}/parlance-tests/mediawiki: the package depends
# on Apache, which an install would start on port 80) as the real wiki the
# wiki client's tests talk to (build-aux/wiki-server.sh).
# With --bench it installs what tests/bench/accuracy-bench.sh needs besides
# the app's packages: the voices that speak the development set (flite,
# festival with two voices), sox, GNU time and the real recordings of
# pocketsphinx-testdata.
set -eu

packages="meson ninja-build pkg-config gcc gettext
  libglib2.0-dev libglib2.0-bin libgtk-4-dev libadwaita-1-dev
  libgtk-4-media-gstreamer
  libsqlite3-dev libjson-glib-dev libssl-dev libsecret-1-dev gnome-keyring
  libsoup-3.0-dev glib-networking
  libgstreamer1.0-dev libgstreamer-plugins-base1.0-dev
  gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-libav
  libpocketsphinx-dev libsphinxbase-dev pocketsphinx-en-us
  libespeak-ng-dev espeak-ng-data espeak-ng python3
  librsvg2-common shared-mime-info adwaita-icon-theme
  desktop-file-utils appstream appstream-util"

if [ "${1:-}" = "--tests" ]; then
  packages="$packages xvfb xauth dbus dbus-x11 at-spi2-core
    python3 python3-gi python3-pyatspi gir1.2-atspi-2.0 gir1.2-gtk-4.0
    sctk time sqlite3 sox gstreamer1.0-tools openssl libsecret-tools
    clang-14 libclang-rt-14-dev
    ceph-mon ceph-osd radosgw ceph-common python3-boto3 python3-botocore
    nodejs php-cli php-sqlite3 php-mbstring php-xml php-intl"
fi

if [ "${1:-}" = "--bench" ]; then
  packages="$packages flite festival festvox-kallpc16k festvox-kdlpc16k sox time
    pocketsphinx-testdata"
fi

missing=""
for p in $packages; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done

if [ "$(id -u)" -ne 0 ]; then
  SUDO=sudo
else
  SUDO=
fi

if [ -n "$missing" ]; then
  echo "Installing:$missing"
  $SUDO apt-get update -q
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends $missing
fi

if [ "${1:-}" = "--tests" ]; then
  # Debian's npm is a package of its own; NodeSource's nodejs ships it.
  if ! command -v npm >/dev/null; then
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends npm
  fi
  node_dir="${XDG_CACHE_HOME:-$HOME/.cache}/parlance-tests/node"
  if [ ! -f "$node_dir/node_modules/ibm-watson/package.json" ]; then
    mkdir -p "$node_dir"
    npm install --prefix "$node_dir" --no-audit --no-fund --no-save ibm-watson@12
  fi
fi

if [ "${1:-}" = "--tests" ]; then
  mw_dir="${XDG_CACHE_HOME:-$HOME/.cache}/parlance-tests/mediawiki"
  if [ ! -f "$mw_dir/usr/share/mediawiki/api.php" ]; then
    mw_tmp=$(mktemp -d)
    (cd "$mw_tmp" && apt-get download mediawiki mediawiki-classes)
    mkdir -p "$mw_dir"
    for deb in "$mw_tmp"/*.deb; do
      dpkg-deb -x "$deb" "$mw_dir"
    done
    rm -rf "$mw_tmp"
  fi
fi
