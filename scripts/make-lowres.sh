#!/usr/bin/env bash
# Regenerates fixtures/lowres/: each fixture clip scaled down to 192 px on its long side (a person
# ~100 px tall, as in a small or far-off phone clip), and the BlazePose full pose track the app's own
# pipeline makes of it. The eval's `lowres/*` cases replay the tracks (tests/constructed/cases.ts).
#
# A dev tool, run by hand from the repository root; no test runs it. Needs ffmpeg. Takes ~3 min on an
# idle 2-core machine; every model run goes through the real app pipeline in headless Chromium,
# serialised with the browser-test lock (/tmp/e2e.lock) because the machine has 2 cores.
#
#   scripts/make-lowres.sh                   # all four clips
#   OUT=/tmp/lowres scripts/make-lowres.sh   # write elsewhere
set -euo pipefail

OUT=${OUT:-fixtures/lowres}
LONG_SIDE_PX=192
[[ -f package.json && -d fixtures ]] || { echo "run from the repository root" >&2; exit 2; }
mkdir -p "$OUT"

for src in front-oblique-banded-squats.mp4 front-oblique-half-squats.mp4 rear-barbell-squats.webm side-bodyweight-squat.mp4; do
  clip=${src%.*}
  video="$OUT/$clip-${LONG_SIDE_PX}px.mp4"
  # Scale (ffmpeg's default bicubic) so the long side is LONG_SIDE_PX, the other side even; every
  # frame kept at its own time; H.264 crf 28, a typical small web clip's quality.
  ffmpeg -v error -y -i "fixtures/$src" \
    -vf "scale='if(gt(iw,ih),$LONG_SIDE_PX,-2)':'if(gt(iw,ih),-2,$LONG_SIDE_PX)'" \
    -c:v libx264 -crf 28 -pix_fmt yuv420p -an "$video"
  # The model always runs on the wasm backend, as for fixtures/tracks/.
  flock /tmp/e2e.lock npm run --silent analyze -- "$video" --backend wasm \
    --track "$OUT/$clip-${LONG_SIDE_PX}px.blazepose-full.pose-track.json" > /dev/null
done
ls -l "$OUT"
