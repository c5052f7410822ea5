#!/bin/sh
# A real MediaWiki for the wiki client's tests: Debian's MediaWiki 1.39
# (with its bundled TextExtracts and Cite extensions) on SQLite, served by
# PHP's built-in web server on 127.0.0.1, all kept in DIR and seeded with
# the pages of tests/data/wiki/pages.xml. Nothing under /etc or /var/lib
# is read or written: the package's tree is linked into DIR/site and the
# installer writes LocalSettings.php there.
#
#   build-aux/wiki-server.sh start DIR [PORT]   install, import, serve on PORT (default: a free port)
#   build-aux/wiki-server.sh env DIR            print the test variables as export lines
#   build-aux/wiki-server.sh stop DIR           stop the server started in DIR
#
# start writes DIR/wiki.env with PRL_TEST_WIKI_API (the api.php URL) and
# PRL_TEST_WIKI_LAG (a file: while it holds a number N, the wiki reports a
# database lag of N seconds, so maxlag=5 is refused as on Wikipedia).
# MWSRC is the MediaWiki tree: by default the one build-aux/install-deps.sh
# --tests unpacks, else /usr/share/mediawiki. WIKI_DUMP overrides the pages.
set -eu

usage () {
  echo "usage: $0 start DIR [PORT] | env DIR | stop DIR" >&2
  exit 2
}

[ $# -ge 2 ] || usage
command=$1
dir=$2
port=${3:-}
here=$(cd "$(dirname "$0")/.." && pwd)
dump=${WIKI_DUMP:-$here/tests/data/wiki/pages.xml}
start_timeout=${WIKI_START_TIMEOUT:-60}

find_mwsrc () {
  cached=${XDG_CACHE_HOME:-$HOME/.cache}/parlance-tests/mediawiki/usr/share/mediawiki
  for candidate in "${MWSRC:-}" "$cached" /usr/share/mediawiki; do
    if [ -n "$candidate" ] && [ -f "$candidate/api.php" ] && [ -d "$candidate/extensions-core" ]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

free_port () {
  /usr/bin/python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}

# Only a pid whose command line serves this DIR's site is ours.
is_ours () {
  [ -r "/proc/$1/cmdline" ] \
    && tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -qF -- "-t $dir/site"
}

stop_server () {
  [ -f "$dir/server.pid" ] || return 0
  pid=$(cat "$dir/server.pid")
  rm -f "$dir/server.pid"
  if [ -n "$pid" ] && is_ours "$pid"; then
    # setsid made it lead a process group: its workers go with it.
    kill -TERM "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    waited=0
    while is_ours "$pid" && [ $waited -lt 50 ]; do
      sleep 0.1
      waited=$((waited + 1))
    done
    if is_ours "$pid"; then
      kill -KILL "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  return 0
}

fail () {
  echo "wiki-server: $1" >&2
  for log in "$dir/install.log" "$dir/server.log"; do
    grep -q . "$log" 2>/dev/null || continue
    echo "--- last lines of $log" >&2
    tail -n 8 "$log" >&2
  done
  stop_server
  exit 1
}

answers () {
  /usr/bin/python3 -c 'import sys, urllib.request
urllib.request.urlopen(sys.argv[1], timeout=2).read()' "$1"
}

start () {
  command -v php >/dev/null 2>&1 \
    || { echo "wiki-server: php is missing; run build-aux/install-deps.sh --tests" >&2; exit 1; }
  mwsrc=$(find_mwsrc) \
    || { echo "wiki-server: no MediaWiki tree; run build-aux/install-deps.sh --tests" >&2; exit 1; }
  [ -f "$dump" ] || { echo "wiki-server: no page dump at $dump" >&2; exit 1; }
  if [ -f "$dir/server.pid" ]; then
    echo "wiki-server: $dir already has a server; run $0 stop $dir first" >&2
    exit 1
  fi
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  rm -rf "$dir/site" "$dir/data" "$dir/images" "$dir/cache" "$dir/wiki.env" "$dir/lag"
  mkdir -p "$dir/site" "$dir/data" "$dir/images" "$dir/cache"
  [ -n "$port" ] || port=$(free_port)
  trap 'fail "interrupted"' INT TERM HUP

  # A private copy of the package tree: every entry is linked except those
  # that point into /etc and /var/lib.
  for f in "$mwsrc"/*; do
    case ${f##*/} in
      LocalSettings.php | extensions | images | config) ;;
      *) ln -s "$f" "$dir/site/" ;;
    esac
  done
  ln -s "$mwsrc/extensions-core" "$dir/site/extensions"
  ln -s "$dir/images" "$dir/site/images"
  # Scripts and the server (which inherits it) use the private tree.
  MW_INSTALL_PATH=$dir/site
  export MW_INSTALL_PATH

  # --confpath keeps the installer from writing through the package's
  # LocalSettings.php symlink into /etc/mediawiki.
  php "$dir/site/maintenance/install.php" --dbtype=sqlite --dbpath="$dir/data" --dbname=wiki \
    --server="http://127.0.0.1:$port" --scriptpath= --lang=en --pass='Admin-pass-12345' \
    --skins=Vector --confpath="$dir/site" TestWiki Admin >"$dir/install.log" 2>&1 \
    || fail "the MediaWiki installer failed"
  # Extensions load here (install.php --extensions cannot find them in the
  # linked tree). SQLite's search matches titles only; the subclass makes
  # it full-text like Wikipedia's. The hook fakes replica lag from a file.
  cat >>"$dir/site/LocalSettings.php" <<PHP
wfLoadExtensions( [ 'Cite', 'TextExtracts' ] );
\$wgCacheDirectory = "$dir/cache";
\$wgRightsUrl = "https://creativecommons.org/licenses/by-sa/4.0/";
\$wgRightsText = "Creative Commons Attribution-Share Alike 4.0";
class TestWikiSearch extends SearchSqlite { public function searchTitle( \$t ) { return null; } }
\$wgSearchType = 'TestWikiSearch';
\$wgHooks['ApiMaxLagInfo'][] = static function ( &\$i ) { if ( is_file( '$dir/lag' ) ) {
  \$i = [ 'host' => 'db-fake', 'lag' => (int)file_get_contents( '$dir/lag' ), 'type' => 'db' ]; } };
PHP
  {
    php "$dir/site/maintenance/importDump.php" --quiet "$dump" \
      && php "$dir/site/maintenance/rebuildrecentchanges.php" \
      && php "$dir/site/maintenance/initSiteStats.php" --update
  } >>"$dir/install.log" 2>&1 || fail "importing $dump failed"

  PHP_CLI_SERVER_WORKERS=4 setsid php -S "127.0.0.1:$port" -t "$dir/site" \
    </dev/null >"$dir/server.log" 2>&1 &
  echo $! >"$dir/server.pid"
  api="http://127.0.0.1:$port/api.php"
  waited=0
  until answers "$api?action=query&format=json" >/dev/null 2>&1; do
    [ $waited -lt $((start_timeout * 10)) ] || fail "the wiki did not answer within $start_timeout s"
    is_ours "$(cat "$dir/server.pid")" || fail "php -S exited while starting"
    sleep 0.1
    waited=$((waited + 1))
  done
  cat >"$dir/wiki.env" <<ENV
PRL_TEST_WIKI_API=$api
PRL_TEST_WIKI_LAG=$dir/lag
ENV
  trap - INT TERM HUP
  echo "wiki-server: MediaWiki at $api ready"
}

case $command in
  start)
    start
    ;;
  env)
    [ -f "$dir/wiki.env" ] || { echo "wiki-server: no server in $dir; run $0 start $dir" >&2; exit 1; }
    sed 's/^/export /' "$dir/wiki.env"
    ;;
  stop)
    dir=$(cd "$dir" 2>/dev/null && pwd) || { echo "wiki-server: no folder $2" >&2; exit 1; }
    stop_server
    rm -rf "$dir/wiki.env" "$dir/site" "$dir/data" "$dir/images" "$dir/cache" "$dir/lag"
    ;;
  *)
    usage
    ;;
esac
