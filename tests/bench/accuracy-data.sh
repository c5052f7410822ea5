#!/bin/sh
# Builds the accuracy development set (docs/accuracy.md) in OUTDIR:
#
#   OUTDIR/aviation/    train.txt, heldout.tsv, ref.trn (accuracy-data.py),
#                       wav16/ID.wav (16 kHz) and wav8/ID.wav (8 kHz telephone
#                       band: the 16 kHz file downsampled with sox)
#   OUTDIR/veterinary/  the same for the second, smaller domain
#   OUTDIR/general/     the real recordings of pocketsphinx-testdata
#                       (wav16/) and their ref.trn
#
# Each held-out sentence is spoken by one of eight voices of three engines
# (flite, festival, espeak-ng; see VOICES in accuracy-data.py). Nothing here
# goes into git: OUTDIR is a build or temporary folder.
#
#   tests/bench/accuracy-data.sh OUTDIR
#
# Needs: apt-get install flite festival festvox-kallpc16k festvox-kdlpc16k
#        espeak-ng sox pocketsphinx-testdata   (build-aux/install-deps.sh --bench)
set -eu

out=${1:?usage: accuracy-data.sh OUTDIR}
here=$(cd "$(dirname "$0")" && pwd)
testdata=/usr/share/pocketsphinx/test/data

for tool in /usr/bin/flite /usr/bin/text2wave /usr/bin/espeak-ng /usr/bin/sox; do
  if [ ! -x "$tool" ]; then
    echo "accuracy-data: $tool is missing (build-aux/install-deps.sh --bench)" >&2
    exit 77
  fi
done
for voice in kal_diphone ked_diphone; do
  if [ ! -d "/usr/share/festival/voices/english/$voice" ]; then
    echo "accuracy-data: festival voice $voice is missing (build-aux/install-deps.sh --bench)" >&2
    exit 77
  fi
done
if [ ! -f "$testdata/librivox/transcription" ]; then
  echo "accuracy-data: pocketsphinx-testdata is missing (build-aux/install-deps.sh --bench)" >&2
  exit 77
fi

mkdir -p "$out"
out=$(cd "$out" && pwd)

# One utterance: ID VOICE TEXT → wav16/ID.wav and wav8/ID.wav.
speak() {
  dir=$1 id=$2 voice=$3 text=$4
  raw="$dir/raw/$id.wav"
  case $voice in
  flite:*) /usr/bin/flite -voice "${voice#flite:}" -t "$text" -o "$raw" ;;
  festival:*)
    printf '%s\n' "$text" >"$dir/raw/$id.txt"
    /usr/bin/text2wave -eval "(voice_${voice#festival:})" -o "$raw" "$dir/raw/$id.txt" ;;
  espeak:*) /usr/bin/espeak-ng -v "${voice#espeak:}" -w "$raw" "$text" ;;
  *) echo "accuracy-data: unknown voice $voice" >&2; return 1 ;;
  esac
  # A little silence on both sides, as a recording has.
  /usr/bin/sox -R -V1 "$raw" -r 16000 -c 1 -b 16 "$dir/wav16/$id.wav" pad 0.3 0.3
  /usr/bin/sox -R -V1 "$dir/wav16/$id.wav" -r 8000 "$dir/wav8/$id.wav"
}

for domain in aviation veterinary; do
  dir=$out/$domain
  mkdir -p "$dir/raw" "$dir/wav16" "$dir/wav8"
  /usr/bin/python3 "$here/accuracy-data.py" --out "$dir" --domain "$domain"
  # Two at a time: the machine has two cores.
  pids=""
  while IFS="$(printf '\t')" read -r id voice text; do
    [ -f "$dir/wav8/$id.wav" ] && continue
    speak "$dir" "$id" "$voice" "$text" &
    pids="$pids $!"
    if [ "$(echo $pids | wc -w)" -ge 2 ]; then
      for p in $pids; do wait "$p"; done
      pids=""
    fi
  done <"$dir/heldout.tsv"
  for p in $pids; do wait "$p"; done
  rm -rf "$dir/raw"
done

# General English: the real recordings (16 kHz) with their transcriptions.
dir=$out/general
mkdir -p "$dir/wav16"
: >"$dir/ref.trn"
for set in librivox cards; do
  case $set in
  librivox) trans=$testdata/librivox/transcription ;;
  cards) trans=$testdata/cards/cards.transcription ;;
  esac
  sed -e 's/<s>//; s/<\/s>//; s/  */ /g; s/^ //' "$trans" |
    while read -r line; do
      id=${line##*(}
      id=${id%)}
      cp "$testdata/$set/$id.wav" "$dir/wav16/$set-$id.wav"
      printf '%s (%s-%s)\n' "${line% (*}" "$set" "$id" >>"$dir/ref.trn"
    done
done

echo "accuracy-data: $(wc -l <"$out/aviation/ref.trn") aviation, $(wc -l <"$out/veterinary/ref.trn") veterinary, $(wc -l <"$dir/ref.trn") general utterances in $out"
