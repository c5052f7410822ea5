#!/bin/sh
# S3 upload benchmark: boto3's upload_file (default TransferConfig: 8 MiB
# parts, 10 threads) against Parlance's PrlS3Client (tests/cloud/
# s3-upload-tool: 8 MiB parts, 4 in flight) uploading the same file to the
# same Ceph RGW, in one run. Prints MB/s and peak RSS (GNU time) of each and
# the ratios.
#
#   tests/bench/s3-upload-bench.sh BUILDDIR [SIZE_MB]   (default 2000 MB, 2 GB)
#   meson test -C BUILDDIR --benchmark --suite bench s3-upload-bench
#
# Uses the server in PRL_TEST_S3_* when set; otherwise starts one
# (build-aux/s3-server.sh) whose in-memory store holds 2.5x SIZE_MB (RGW's
# memstore needs about twice the bytes stored; each object is deleted
# before the next run). On a machine with little RAM pass a smaller size,
# e.g. 512. Needs SIZE_MB of free space in $TMPDIR.
set -eu

unset MALLOC_CHECK_ G_DEBUG

build=$(cd "${1:?usage: s3-upload-bench.sh BUILDDIR [SIZE_MB]}" && pwd)
size_mb=${2:-${PRL_S3_BENCH_MB:-2000}}
here=$(cd "$(dirname "$0")" && pwd)
tool=$build/tests/cloud/s3-upload-tool
gnutime=/usr/bin/time
python=/usr/bin/python3

for program in "$tool" "$gnutime"; do
  if [ ! -x "$program" ]; then
    echo "s3-upload-bench: $program is missing (GNU time: Debian package time)" >&2
    exit 77
  fi
done
if ! $python -c 'import boto3' 2>/dev/null; then
  echo "s3-upload-bench: boto3 is missing (Debian package python3-boto3)" >&2
  exit 77
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/prl-s3-bench-XXXXXX")
server=""
cleanup () {
  [ -z "$server" ] || "$here/../../build-aux/s3-server.sh" stop "$server" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

if [ -z "${PRL_TEST_S3_ENDPOINT:-}" ]; then
  server=$work/server
  mkdir -p "$server"
  MEMSTORE_BYTES=$((size_mb * 1000000 * 5 / 2 + 268435456)) \
    "$here/../../build-aux/s3-server.sh" start "$server" >/dev/null
  set -a
  . "$server/s3.env"
  set +a
fi

# Pseudo-random content (compressible data would flatter nobody here, but
# zeros would let a sparse file skip the disk).
file=$work/data.bin
$python - "$file" "$size_mb" <<'PY'
import hashlib, sys
block = b"".join(hashlib.sha256(i.to_bytes(4, "little")).digest() for i in range(32768))
with open(sys.argv[1], "wb") as f:
    left = int(sys.argv[2]) * 1000000
    i = 0
    while left > 0:
        n = min(left, len(block))
        f.write(i.to_bytes(8, "little") + block[8:n])
        left -= n
        i += 1
PY
bucket=prl-bench-$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')

$python - "$bucket" create <<'PY'
import os, sys, boto3
from botocore.config import Config
s3 = boto3.client("s3", endpoint_url=os.environ["PRL_TEST_S3_ENDPOINT"],
                  region_name=os.environ.get("PRL_TEST_S3_REGION", "us-east-1"),
                  aws_access_key_id=os.environ["PRL_TEST_S3_ACCESS_KEY"],
                  aws_secret_access_key=os.environ["PRL_TEST_S3_SECRET_KEY"],
                  config=Config(s3={"addressing_style": "path"}))
if sys.argv[2] == "create":
    s3.create_bucket(Bucket=sys.argv[1])
else:
    s3.delete_object(Bucket=sys.argv[1], Key=sys.argv[2])
PY

# run NAME COMMAND...: wall seconds and peak RSS (KiB) into $work/NAME.
run () {
  name=$1
  shift
  start=$(date +%s.%N)
  $gnutime -f '%M' -o "$work/$name.rss" "$@" >/dev/null
  end=$(date +%s.%N)
  echo "$start $end $(cat "$work/$name.rss")" >"$work/$name"
}

run boto3 $python -c '
import os, sys, boto3
from botocore.config import Config
s3 = boto3.client("s3", endpoint_url=os.environ["PRL_TEST_S3_ENDPOINT"],
                  region_name=os.environ.get("PRL_TEST_S3_REGION", "us-east-1"),
                  aws_access_key_id=os.environ["PRL_TEST_S3_ACCESS_KEY"],
                  aws_secret_access_key=os.environ["PRL_TEST_S3_SECRET_KEY"],
                  config=Config(s3={"addressing_style": "path"}))
s3.upload_file(sys.argv[1], sys.argv[2], "boto3.bin")' "$file" "$bucket"
$python - "$bucket" boto3.bin <<'PY' || true
import os, sys, boto3
from botocore.config import Config
boto3.client("s3", endpoint_url=os.environ["PRL_TEST_S3_ENDPOINT"],
             region_name=os.environ.get("PRL_TEST_S3_REGION", "us-east-1"),
             aws_access_key_id=os.environ["PRL_TEST_S3_ACCESS_KEY"],
             aws_secret_access_key=os.environ["PRL_TEST_S3_SECRET_KEY"],
             config=Config(s3={"addressing_style": "path"})).delete_object(
    Bucket=sys.argv[1], Key=sys.argv[2])
PY

run parlance "$tool" put "$bucket" parlance.bin "$file"

$python - "$work" "$size_mb" <<'PY'
import sys
work, size_mb = sys.argv[1], int(sys.argv[2])
res = {}
for name in ("boto3", "parlance"):
    start, end, rss = open(f"{work}/{name}").read().split()
    secs = float(end) - float(start)
    res[name] = (size_mb / secs, int(rss) / 1024)
    print(f"{name:9s} {size_mb} MB in {secs:7.2f} s: {size_mb / secs:8.1f} MB/s, "
          f"peak RSS {int(rss) / 1024:7.1f} MiB")
print(f"ratio parlance/boto3: speed {res['parlance'][0] / res['boto3'][0]:.2f}x, "
      f"peak RSS {res['parlance'][1] / res['boto3'][1]:.2f}x")
PY
