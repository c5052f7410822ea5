#!/bin/sh
# A real S3 server for the cloud tests: Debian's Ceph RADOS Gateway with
# one monitor and one in-memory OSD, all on 127.0.0.1 and all kept in DIR
# (configuration, monitor store, sockets, logs). Nothing is shared with a
# system Ceph: no file under /etc/ceph or /var/lib/ceph is read or written.
#
#   build-aux/s3-server.sh start DIR [PORT]   start it; S3 on PORT (default: a free port)
#   build-aux/s3-server.sh env DIR            print the test variables as export lines
#   build-aux/s3-server.sh stop DIR           stop every daemon started in DIR
#
# start writes DIR/s3.env (mode 0600) with PRL_TEST_S3_ENDPOINT, _REGION,
# _ACCESS_KEY, _SECRET_KEY and _OTHER_ACCESS_KEY, _OTHER_SECRET_KEY: two
# users whose keys are generated on every start; and PRL_TEST_S3_LOG, the
# gateway's log, one "beast:" line per request (tests count uploads in
# it). The region is us-east-1 (GetBucketLocation, LocationConstraint).
# Objects live in RAM, up to MEMSTORE_BYTES (default 1 GiB).
# S3_START_TIMEOUT (default 120 s)
# bounds the wait; on failure the daemons' last words are printed and
# whatever had started is stopped again. Needs the packages that
# build-aux/install-deps.sh --tests installs (ceph-mon ceph-osd radosgw
# ceph-common).
set -eu

usage () {
  echo "usage: $0 start DIR [PORT] | env DIR | stop DIR" >&2
  exit 2
}

[ $# -ge 2 ] || usage
command=$1
dir=$2
port=${3:-}
conf=$dir/ceph.conf
memstore_bytes=${MEMSTORE_BYTES:-1073741824}
start_timeout=${S3_START_TIMEOUT:-120}
region=us-east-1

# A port the kernel just handed out and released: free unless something
# grabs it in the next few milliseconds.
free_port () {
  /usr/bin/python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}

port_is_free () {
  /usr/bin/python3 -c 'import socket, sys
socket.socket().bind(("127.0.0.1", int(sys.argv[1])))' "$1" 2>/dev/null
}

random_hex () {
  od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n'
}

# Only a pid whose command line names this DIR's ceph.conf is ours; a
# stale pid file must never make us signal some other process.
is_ours () {
  [ -r "/proc/$1/cmdline" ] \
    && tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -qF -- " -c $conf "
}

# stop_daemon NAME [SIGNAL]: TERM, then KILL after 10 s.
stop_daemon () {
  pid=$(sed -n "s/^$1 //p" "$dir/pids")
  sed -i "/^$1 /d" "$dir/pids"
  [ -n "$pid" ] && is_ours "$pid" || return 0
  # Each daemon leads its own process group (setsid below). dash's kill
  # takes no "--": a negative number is the group.
  kill -"${2:-TERM}" "-$pid" 2>/dev/null || kill -"${2:-TERM}" "$pid" 2>/dev/null || true
  waited=0
  while is_ours "$pid" && [ $waited -lt 100 ]; do
    sleep 0.1
    waited=$((waited + 1))
  done
  if is_ours "$pid"; then
    echo "s3-server: $1 (pid $pid) did not stop in 10 s; killing it" >&2
    kill -KILL "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
  fi
}

stop_daemons () {
  [ -f "$dir/pids" ] || return 0
  # Gateway first, monitor last, so that no daemon waits for one gone.
  for name in rgw osd mon; do
    stop_daemon $name
  done
  rm -f "$dir/pids"
}

# The daemons' own error output, and the gateway's log for when it waits
# on the others; the rest stays in DIR/log.
show_logs () {
  for log in "$dir"/log/*.out "$dir/log/client.rgw.a.log"; do
    grep -q . "$log" 2>/dev/null || continue
    echo "--- last lines of $log" >&2
    grep . "$log" | tail -n 8 >&2
  done
}

fail () {
  echo "s3-server: $1" >&2
  show_logs
  stop_daemons
  exit 1
}

# Runs a daemon in the foreground of its own session, so that stop can
# signal its whole process group, with its output in DIR/log.
spawn () {
  name=$1
  shift
  setsid "$@" -f -c "$conf" </dev/null >>"$dir/log/$name.out" 2>&1 &
  echo "$name $!" >>"$dir/pids"
}

wait_for () {
  what=$1
  shift
  waited=0
  until "$@" >/dev/null 2>&1; do
    [ $waited -lt $((start_timeout * 2)) ] || fail "$what did not come up within $start_timeout s"
    while read -r name pid; do
      is_ours "$pid" || fail "$name exited while starting (see $dir/log)"
    done <"$dir/pids"
    sleep 0.5
    waited=$((waited + 1))
  done
}

http_answers () {
  /usr/bin/python3 -c 'import sys, urllib.request, urllib.error
try:
    urllib.request.urlopen(sys.argv[1], timeout=2)
except urllib.error.HTTPError:
    pass' "$1"
}

create_user () {
  timeout 60 radosgw-admin -c "$conf" user create --uid="$1" --display-name="$2" \
    --access-key="$3" --secret-key="$4" >/dev/null 2>>"$dir/log/users.out" \
    || fail "could not create the S3 user $1"
}

start () {
  for tool in ceph-mon ceph-osd radosgw radosgw-admin monmaptool ceph; do
    command -v $tool >/dev/null 2>&1 \
      || { echo "s3-server: $tool is missing; run build-aux/install-deps.sh --tests" >&2; exit 1; }
  done
  if [ -f "$dir/pids" ]; then
    echo "s3-server: $dir already has a server; run $0 stop $dir first" >&2
    exit 1
  fi
  began=$(date +%s.%N)
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  conf=$dir/ceph.conf
  rm -rf "$dir/mon" "$dir/osd" "$dir/run" "$dir/log" "$dir/s3.env"
  mkdir -p "$dir/mon" "$dir/osd/ceph-0" "$dir/run" "$dir/log" "$dir/crash"
  trap 'fail "interrupted"' INT TERM HUP

  mon_port=$(free_port)
  if [ -z "$port" ]; then
    port=$(free_port)
  elif ! port_is_free "$port"; then
    echo "s3-server: port $port on 127.0.0.1 is in use; give another or none" >&2
    exit 1
  fi
  fsid=$(cat /proc/sys/kernel/random/uuid)
  osd_uuid=$(cat /proc/sys/kernel/random/uuid)

  # cephx is off between the daemons (loopback only); "ms mon client mode
  # = crc" matters: otherwise radosgw asks the monitor for secure mode and
  # gives up after 300 s. One OSD, so pools have one replica and CRUSH
  # places them on OSDs rather than hosts. The gateway creates its pools
  # one map change at a time; a short Paxos interval (default 1 s) makes
  # each change take milliseconds: start-up takes 3 s instead of 13.
  cat >"$conf" <<EOF
[global]
fsid = $fsid
mon host = v2:127.0.0.1:$mon_port
mon initial members = a
public addr = 127.0.0.1
cluster addr = 127.0.0.1
ms bind msgr1 = false
ms bind ipv6 = false
auth cluster required = none
auth service required = none
auth client required = none
ms mon client mode = crc
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
mon allow pool size one = true
mon warn on pool no redundancy = false
mon data avail warn = 10
mon data avail crit = 1
mon warn on insecure global id reclaim allowed = false
paxos propose interval = 0.05
paxos min wait = 0.01
osd crush chooseleaf type = 0
osd crush initial weight = 1
osd objectstore = memstore
memstore device bytes = $memstore_bytes
mon data = $dir/mon/\$cluster-\$id
osd data = $dir/osd/\$cluster-\$id
run dir = $dir/run
admin socket = $dir/run/\$name.asok
pid file = $dir/run/\$name.pid
log file = $dir/log/\$name.log
mon cluster log file = $dir/log/cluster.log
crash dir = $dir/crash
keyring = $dir/keyring

[client.rgw.a]
rgw frontends = beast endpoint=127.0.0.1:$port
rgw dns name = 127.0.0.1
rgw data = $dir/rgw
rgw thread pool size = 64
# No lifecycle rules are tested; its thread holds up a stop by 5 s.
rgw enable lc threads = false
# Deleted and aborted objects are freed by the garbage collector, which by
# default waits two hours: with an in-memory store the suite would fill it.
rgw gc obj min wait = 0
rgw gc processor period = 5
EOF
  : >"$dir/keyring"

  monmaptool --create --fsid "$fsid" --addv a "[v2:127.0.0.1:$mon_port]" "$dir/monmap" \
    >"$dir/log/mkfs.out" 2>&1 || fail "monmaptool failed"
  ceph-mon -c "$conf" --mkfs -i a --monmap "$dir/monmap" >>"$dir/log/mkfs.out" 2>&1 \
    || fail "ceph-mon --mkfs failed"
  spawn mon ceph-mon -i a

  osd_id=$(ceph -c "$conf" --connect-timeout "$start_timeout" osd new "$osd_uuid" \
    2>>"$dir/log/mkfs.out") \
    || fail "the monitor did not register the OSD"
  ceph-osd -c "$conf" --mkfs -i "$osd_id" --osd-uuid "$osd_uuid" >>"$dir/log/mkfs.out" 2>&1 \
    || fail "ceph-osd --mkfs failed"
  spawn osd ceph-osd -i "$osd_id"
  spawn rgw radosgw -n client.rgw.a

  wait_for "the RADOS Gateway on 127.0.0.1:$port" http_answers "http://127.0.0.1:$port/"

  # The gateway's first start creates its zone group, named "default" in
  # GetBucketLocation and LocationConstraint. Named after the region, the
  # server agrees with PRL_TEST_S3_REGION and refuses any other region;
  # the gateway reads the name when it starts: restart it, cleanly (a
  # killed one leaves watches that block the next for 30 s).
  timeout 60 radosgw-admin -c "$conf" zonegroup modify --rgw-zonegroup=default \
    --api-name="$region" >/dev/null 2>>"$dir/log/mkfs.out" \
    || fail "could not name the zone group after $region"
  stop_daemon rgw
  spawn rgw radosgw -n client.rgw.a
  wait_for "the restarted RADOS Gateway" http_answers "http://127.0.0.1:$port/"

  access_key=PRL$(random_hex 9 | tr a-f A-F | cut -c1-17)
  secret_key=$(head -c 30 /dev/urandom | base64)
  other_access_key=PRL$(random_hex 9 | tr a-f A-F | cut -c1-17)
  other_secret_key=$(head -c 30 /dev/urandom | base64)
  create_user tester "Parlance tester" "$access_key" "$secret_key"
  create_user other "Another user" "$other_access_key" "$other_secret_key"

  (
    umask 077
    cat >"$dir/s3.env" <<EOF
PRL_TEST_S3_ENDPOINT=http://127.0.0.1:$port
PRL_TEST_S3_REGION=$region
PRL_TEST_S3_ACCESS_KEY=$access_key
PRL_TEST_S3_SECRET_KEY=$secret_key
PRL_TEST_S3_OTHER_ACCESS_KEY=$other_access_key
PRL_TEST_S3_OTHER_SECRET_KEY=$other_secret_key
PRL_TEST_S3_LOG=$dir/log/client.rgw.a.log
EOF
  )
  trap - INT TERM HUP
  ended=$(date +%s.%N)
  echo "s3-server: RADOS Gateway at http://127.0.0.1:$port ready in" \
    "$(echo "$began $ended" | awk '{ printf "%.1f", $2 - $1 }') s (logs in $dir/log)"
}

case $command in
  start)
    start
    ;;
  env)
    [ -f "$dir/s3.env" ] || { echo "s3-server: no server in $dir; run $0 start $dir" >&2; exit 1; }
    sed 's/^/export /' "$dir/s3.env"
    ;;
  stop)
    dir=$(cd "$dir" 2>/dev/null && pwd) || { echo "s3-server: no folder $2" >&2; exit 1; }
    conf=$dir/ceph.conf
    stop_daemons
    rm -f "$dir/s3.env"
    ;;
  *)
    usage
    ;;
esac
