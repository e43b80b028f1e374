#!/usr/bin/env bash
# Regenerates fixtures/variants/: each fixture clip changed at the image level in a way real footage
# often is, and the BlazePose full pose track the app's own pipeline makes of it. The eval's
# `video-*/*` cases replay the tracks with the fixtures' truth (tests/constructed/cases.ts).
#
#   192px     scaled to 192 px on its long side: a person ~100 px tall (a small or far-off clip)
#   mirrored  flipped left–right (a front camera's mirror image)
#   small     placed in the middle of a black frame twice its size: the person half as big in it
#   dim       darker (brightness −0.18, contrast 0.8) with film grain (temporal noise, strength 18)
#   shaky     the picture moved about as by a handheld camera: up to ±3 % of the frame sideways
#             (1.7 Hz) and up and down (1.1 Hz), black where it moved away, nothing cut off
#
# Only the 192px videos are kept (the e2e suite uploads one); the others are made in a temporary
# folder from the committed fixtures, the same way each time.
#
# A dev tool, run by hand from the repository root; no test runs it. Needs ffmpeg. Takes ~15 min on
# an idle 2-core machine; every model run goes through the real app pipeline in headless Chromium,
# serialised with the browser-test lock (/tmp/e2e.lock) because the machine has 2 cores.
#
#   scripts/make-variants.sh                     # all clips, all variants
#   VARIANTS="mirrored dim" scripts/make-variants.sh
#   OUT=/tmp/variants scripts/make-variants.sh   # write elsewhere
set -euo pipefail

OUT=${OUT:-fixtures/variants}
VARIANTS=${VARIANTS:-192px mirrored small dim shaky}
[[ -f package.json && -d fixtures ]] || { echo "run from the repository root" >&2; exit 2; }
mkdir -p "$OUT"
WORK=$(mktemp -d /tmp/make-variants.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

filter() {
  case $1 in
    # Long side 192 px (ffmpeg's default bicubic), the other side even.
    192px) echo "scale='if(gt(iw,ih),192,-2)':'if(gt(iw,ih),-2,192)'" ;;
    mirrored) echo "hflip" ;;
    small) echo "pad=iw*2:ih*2:(ow-iw)/2:(oh-ih)/2:black" ;;
    dim) echo "eq=brightness=-0.18:contrast=0.8,noise=alls=18:allf=t" ;;
    # Padded by 6 % with black, then a frame-sized window moved over it: the content shifts by up
    # to ±3 % and no more than 3 % of it can leave the picture at one edge.
    shaky) echo "pad=trunc(iw*1.06/2)*2:trunc(ih*1.06/2)*2:(ow-iw)/2:(oh-ih)/2:black,crop=w=trunc(iw/1.06/2)*2:h=trunc(ih/1.06/2)*2:x='(iw-ow)/2*(1+sin(2*PI*t*1.7))':y='(ih-oh)/2*(1+sin(2*PI*t*1.1+1))'" ;;
    *) echo "unknown variant $1" >&2; exit 2 ;;
  esac
}

for variant in $VARIANTS; do
  for src in front-oblique-banded-squats.mp4 front-oblique-half-squats.mp4 rear-barbell-squats.webm side-bodyweight-squat.mp4; do
    clip=${src%.*}
    if [[ $variant == 192px ]]; then video="$OUT/$clip-$variant.mp4"; crf=28; else video="$WORK/$clip-$variant.mp4"; crf=20; fi
    # Every frame kept at its own time; H.264 (crf 28 for the small clips, a typical small web
    # clip's quality; crf 20 for the others, so the change itself is what the model sees).
    ffmpeg -v error -y -i "fixtures/$src" -vf "$(filter "$variant"),scale=trunc(iw/2)*2:trunc(ih/2)*2" \
      -c:v libx264 -crf $crf -pix_fmt yuv420p -an "$video"
    # The model always runs on the wasm backend, as for fixtures/tracks/.
    flock /tmp/e2e.lock npm run --silent analyze -- "$video" --backend wasm \
      --track "$OUT/$clip-$variant.blazepose-full.pose-track.json" > /dev/null
  done
done
ls -l "$OUT"
