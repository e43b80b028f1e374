#!/usr/bin/env bash
# Regenerates fixtures/warped/: test videos of the half-squat clip with a known amount of knee
# valgus injected at the image level, their truth files and their BlazePose full pose tracks.
#
# A dev tool, run by hand from the repository root; no test runs it. It needs the evaluation tool in
# ../shared/tools/valgus-warp (outside this repo), ffmpeg, and Debian's python3-opencv and
# python3-numpy (run with /usr/bin/python3: another python3 earlier on PATH may not see cv2).
# Takes ~10 min on an idle 2-core machine (longer while others hold the lock). Every model run goes through the real app pipeline in headless
# Chromium, serialised with the browser-test lock (/tmp/e2e.lock) because the machine has 2 cores.
#
#   scripts/make-warped.sh                    # everything
#   REUSE_KEYPOINTS=1 scripts/make-warped.sh  # warp from the committed keypoints (no model run on the cut)
#   KEEP_WORK=1 scripts/make-warped.sh        # keep the intermediate files (printed at the end)
#   OUT=/tmp/warped scripts/make-warped.sh    # write elsewhere
set -euo pipefail

W=../shared/tools/valgus-warp
OUT=${OUT:-fixtures/warped}    # another folder to try the script without touching the committed files
KEYPOINTS=fixtures/warped/half-squats.warp-keypoints.json
PY=/usr/bin/python3
[[ -f package.json && -d fixtures ]] || { echo "run from the repository root" >&2; exit 2; }
[[ -f $W/warp.py ]] || { echo "needs $W (the valgus-warp tool)" >&2; exit 2; }
WORK=$(mktemp -d /tmp/make-warped.XXXXXX)
[[ ${KEEP_WORK:-} == 1 ]] || trap 'rm -rf "$WORK"' EXIT
mkdir -p "$OUT"

# The model always runs on the wasm backend, as for fixtures/tracks/ (auto could pick another one).
analyze() { flock /tmp/e2e.lock npm run --silent analyze -- "$1" --backend wasm --track "$2"; }

# 1. Cut off the clip's opening close-up of the feet (a scene cut the warp cannot follow; it ends at
#    frame 47, 1.57 s, so the cut's first 2 frames still show it: no person, nothing warped).
#    1.5–15.5 s of the original keeps both complete reps (down ~3.6–8.3 s and ~10.3–14.6 s) and
#    ends standing. crf 16: near-lossless, this is only the warp's input.
ffmpeg -v error -y -ss 1.5 -i fixtures/front-oblique-half-squats.mp4 -t 14 \
  -c:v libx264 -crf 16 -pix_fmt yuv420p -an "$WORK/cut.mp4"

# 2. Keypoints of the cut, from the app's own pipeline (BlazePose full): they place the warp and
#    are the truth's "original" knees. A model run differs slightly from one run to the next, so
#    REUSE_KEYPOINTS=1 takes the committed ones instead, to re-make the same warps.
if [[ ${REUSE_KEYPOINTS:-} == 1 ]]; then
  cp "$KEYPOINTS" "$WORK/cut.kp.json"
else
  analyze "$WORK/cut.mp4" "$WORK/cut.track.json" > /dev/null
  node $W/track-to-keypoints.mjs "$WORK/cut.track.json" "$WORK/cut.kp.json"
  cp "$WORK/cut.kp.json" "$OUT/$(basename "$KEYPOINTS")"
fi

# 3. Control (re-encode only, the baseline for every comparison) and a 20° FPPA warp of each knee in
#    turn, full amount at the deepest frame of every rep. All three are encoded the same way (crf 23)
#    so that the encoding does not differ between the control and the warped videos.
warp() {
  $PY $W/warp.py --video "$WORK/cut.mp4" --keypoints "$WORK/cut.kp.json" \
    --smooth-keypoints 0.06 --crf 23 "$@"
}
warp --valgus-deg 0 --side left --out "$OUT/half-squats-d0.mp4"
warp --valgus-deg 20 --side left --out "$OUT/half-squats-d20-left.mp4"
warp --valgus-deg 20 --side right --out "$OUT/half-squats-d20-right.mp4"

# The truth files name their inputs by absolute path; keep them portable.
for t in "$OUT"/half-squats-*.truth.json; do
  node -e '
    const fs = require("node:fs");
    const [path] = process.argv.slice(1);
    const t = JSON.parse(fs.readFileSync(path, "utf8"));
    const base = require("node:path").basename;
    t.input_video = "front-oblique-half-squats.mp4, 1.5-15.5 s (scripts/make-warped.sh)";
    t.keypoints = "half-squats.warp-keypoints.json";
    t.output_video = base(t.output_video);
    fs.writeFileSync(path, JSON.stringify(t) + "\n");
  ' "$t"
done

# 4. Each output through the real model: the tracks let Node tests replay what the model saw.
for v in d0 d20-left d20-right; do
  analyze "$OUT/half-squats-$v.mp4" "$OUT/half-squats-$v.blazepose-full.pose-track.json" \
    > "$WORK/half-squats-$v.summary.json"
done

# 5. Look at it: control | warped | warped with the truth knees, at the bottom of each rep
#    (frame numbers from the truth's reps[].deepest_frame).
deepest=$(node -e '
  const t = JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8"));
  console.log(t.reps.map((r) => r.deepest_frame).join(","));
' "$OUT/half-squats-d20-left.truth.json")
for v in d20-left d20-right; do
  $PY $W/side_by_side.py --orig "$OUT/half-squats-d0.mp4" --warped "$OUT/half-squats-$v.mp4" \
    --truth "$OUT/half-squats-$v.truth.json" --frames "$deepest" --out "$WORK/sbs-$v.jpg"
done

# 6. The measured change per knee and rep, next to the truth (the tables in fixtures/warped/README.md;
#    it reads fixtures/warped/).
npx tsx scripts/measure-warped.ts
[[ ${KEEP_WORK:-} != 1 ]] || echo "intermediate files (side-by-side images sbs-*.jpg): $WORK"
