#!/bin/sh
# Batch transcription benchmark: `parlance-cli transcribe` on the whole
# batch (one decoder per core) against PocketSphinx's own tools decoding the
# same files one after the other with the same stock model, dictionary,
# language model and front end, in one run:
#
#   pocketsphinx_batch        one process for the batch, each file decoded
#                             as one utterance as Parlance does: the texts
#                             must be identical;
#   pocketsphinx_continuous   one process per file (-infile): it decodes
#                             in live mode (running cepstral mean, voice
#                             activity segmentation), so its texts can
#                             differ; they are compared and counted.
#
# Prints the times, the ratios (target: at most 0.55 on 2 cores) and the
# texts that differ.
#
#   tests/bench/transcribe-bench.sh BUILDDIR [N_FILES]    (default 40)
#   meson test -C BUILDDIR --benchmark --suite bench transcribe-bench
#
# Needs Debian's pocketsphinx (the command-line tools), espeak-ng and sox:
#   apt-get install pocketsphinx espeak-ng sox
set -eu

unset MALLOC_CHECK_ G_DEBUG

build=$(cd "${1:?usage: transcribe-bench.sh BUILDDIR [N_FILES]}" && pwd)
n_files=${2:-40}
cli=$build/src/cli/parlance-cli
gnutime=/usr/bin/time
model=${PRL_STOCK_MODEL_DIR:-/usr/share/pocketsphinx/model/en-us}

for tool in "$cli" "$gnutime" /usr/bin/pocketsphinx_continuous /usr/bin/pocketsphinx_batch \
  /usr/bin/espeak-ng /usr/bin/sox; do
  if [ ! -x "$tool" ]; then
    echo "transcribe-bench: $tool is missing (apt-get install pocketsphinx espeak-ng sox time)" >&2
    exit 77
  fi
done

work=$(mktemp -d "${TMPDIR:-/tmp}/prl-transcribe-bench-XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
cd "$work"

# Clinic-style sentences, spoken by espeak-ng at two speeds and pitches,
# resampled to 16 kHz mono 16-bit WAV.
/usr/bin/python3 - "$n_files" <<'PY'
import subprocess, sys
sentences = [
    "the patient was seen in the clinic today for a follow up visit",
    "she reports mild chest pain after climbing the stairs",
    "blood pressure was one hundred and twenty over eighty",
    "we will start the new medication at a low dose",
    "please call the office if the symptoms get worse",
    "the scan of the left knee shows no fracture",
    "he has a history of diabetes and high blood pressure",
    "continue the current treatment and return in two weeks",
    "the child has a fever and a sore throat since monday",
    "there is no sign of infection at the wound site",
    "the nurse will check your weight and temperature first",
    "take one tablet by mouth twice a day with food",
    "the results of the blood test came back normal",
    "the pain started three days ago and has not improved",
    "we discussed the risks and benefits of the surgery",
    "the heart rate is regular and the lungs are clear",
    "she was advised to rest and drink plenty of water",
    "the doctor ordered an x ray of the chest",
    "his cough is worse at night and in the morning",
    "the appointment was moved to next thursday afternoon",
]
n = int(sys.argv[1])
for i in range(n):
    text = sentences[i % len(sentences)]
    speed = 140 + 25 * ((i // len(sentences)) % 2)
    pitch = 40 + 20 * ((i // len(sentences)) % 3)
    raw, wav = 'raw-%03d.wav' % i, 'clip-%03d.wav' % i
    subprocess.run(['espeak-ng', '-v', 'en-us', '-s', str(speed), '-p', str(pitch),
                    '-w', raw, text], check=True)
    subprocess.run(['sox', raw, '-r', '16000', '-c', '1', '-b', '16', wav], check=True)
PY
rm -f raw-*.wav
ls clip-*.wav >files.list

# The anchor: one process per file, one after the other, as a shell loop
# over pocketsphinx_continuous would run them.
"$gnutime" -f "%e %U %S %M" -o anchor.time sh -c '
  while read -r f; do
    printf "%s\t" "$f"
    pocketsphinx_continuous -hmm "$0/en-us" -lm "$0/en-us.lm.bin" \
      -dict "$0/cmudict-en-us.dict" -infile "$f" -logfn /dev/null | tr "\n" " "
    echo
  done <files.list >anchor.txt' "$model"

sed 's/\.wav$//' files.list >files.ctl
"$gnutime" -f "%e %U %S %M" -o batch.time \
  pocketsphinx_batch -hmm "$model/en-us" -lm "$model/en-us.lm.bin" \
  -dict "$model/cmudict-en-us.dict" -adcin yes -adchdr 44 -cepdir . -cepext .wav \
  -ctl files.ctl -hyp batch.hyp -logfn /dev/null

# shellcheck disable=SC2046
"$gnutime" -f "%e %U %S %M" -o parlance.time \
  "$cli" transcribe --format json --threads 2 $(cat files.list) >parlance.json 2>parlance.log

/usr/bin/python3 - <<'PY'
import json, os, re

def times(path):
    wall, user, sys_, rss = open(path).read().split()[-4:]
    return float(wall), float(user) + float(sys_), int(rss)

continuous = {}
for line in open('anchor.txt'):
    name, _, text = line.rstrip('\n').partition('\t')
    continuous[name] = ' '.join(text.split())

batch = {}
for line in open('batch.hyp'):
    m = re.match(r'(.*?)\s*\((\S+)(?: -?\d+)?\)\s*$', line)
    if m:
        batch[m.group(2) + '.wav'] = ' '.join(m.group(1).split())

parlance = {}
for item in json.load(open('parlance.json')):
    parlance[os.path.basename(item['path'])] = ' '.join(item['text'].split())

names = sorted(continuous)
bw, bc, br = times('batch.time')
aw, ac, ar = times('anchor.time')
pw, pc, pr = times('parlance.time')
print('%d files, %.0f s of audio, %d cores' % (len(names), sum(
    os.path.getsize(n) - 44 for n in names) / 32000, os.cpu_count()))
print('%-40s %9s %9s %10s %10s' % ('', 'wall (s)', 'CPU (s)', 'peak RSS', 'same text'))
for label, w, c, r, texts in (
        ('pocketsphinx_batch, serial', bw, bc, br, batch),
        ('pocketsphinx_continuous, serial', aw, ac, ar, continuous),
        ('parlance-cli transcribe --threads 2', pw, pc, pr, parlance)):
    same = sum(1 for n in names if texts.get(n) == parlance.get(n))
    print('%-40s %9.1f %9.1f %6.0f MiB %6d/%d' % (label, w, c, r / 1024, same, len(names)))
print('time ratio, parlance / pocketsphinx_batch:      %.2f' % (pw / bw))
print('time ratio, parlance / pocketsphinx_continuous: %.2f' % (pw / aw))
for n in names:
    if batch.get(n) != parlance.get(n):
        print('  DIFFERENT from pocketsphinx_batch: %s\n    batch:    %s\n    parlance: %s'
              % (n, batch.get(n), parlance.get(n)))
PY
