/**
 * Constructed cases whose truth the app does not meet yet, each with the measured reason. They stay
 * in `npm run eval` and docs/accuracy.md with their figures (FAIL, marked open), and are not asserted
 * by the Vitest suite; every other case is, and `npm run eval` exits 1 when one of those fails. A case
 * leaves this list when the app meets its truth: nothing here loosens a truth.
 */
export const OPEN_CASES: Readonly<Record<string, string>> = {
  'fixture/half':
    'the left knee’s FPPA against the foot line reads −9.7…−19.3° (knee "out") on these good-form reps; the right reads −1.9…−3.2°, in band. The camera looks down on her from close by (about chest height), and the foot model assumes a level camera: it reads the left shank’s foreshortening as more forward travel along the foot than the knee shows. A camera pitch read from the standing feet was tried (docs/metrics.md): it read the banded clip’s camera, at about hip height, as 20° down, and gave none on this clip. The cue driver (knee inside the foot line) reads outward too (0.12–0.20 outside), so nothing false is said.',
  'mirror/half': 'as fixture/half (mirrored).',
  'roll+5/half': 'as fixture/half (rolled).',
  'roll-5/half': 'as fixture/half (rolled).',
  'fps15/half': 'as fixture/half (15 fps).',
  'fps10/half': 'as fixture/half (10 fps).',
  'walking-before/half': 'as fixture/half; the walking part itself passes (no rep, no cue).',
  'video-mirrored/half':
    'as fixture/half (the knees read outward against the foot line); and hips-level fires at 4.7 s in rep 1 (8.6°). The perspective allowance takes its direction from the shoulder line’s tilt against its descent, and as her arms rise at the start of the descent the model’s shoulder line tilts +2…4°, the same way in the mirrored video as in the original (so it is the model’s, not the camera’s). Here that is against the perspective, so the direction reads the wrong way until ~0.3 depth and the allowance is added to the hip line’s tilt instead of taken off. Fitting the tilt against descent with an offset, over frames deeper than 0.15, and taking its direction only once t ≥ 3, was tried on the tracks: it read this one the right way from 4.3 s, but never settled on the 5 fps banded clip (t ≤ 1.1), whose injected drops against the perspective need the direction.',
  'video-small/half':
    'as fixture/half (the knees read outward against the foot line). No hip cue: her hips are ~20 of the model’s pixels apart, under HIP_LINE_MIN_APART_MODEL_PX, so the hip line is not read (without that rule it read 5.5° and 8.0° and fired).',
  'video-dim/half':
    'as fixture/half (the knees read outward against the foot line); and hips-level fires in both reps (5.8°, 7.0°): in the dim, grainy video the model’s hip line tilts up to 13.7° at the bottom (90th percentile of the bottom frames, median 10.9°) against 10.4° (median 9.4°) in the clean one, with every hip keypoint scored ≥ 0.99, so nothing says the frame is poorly seen.',
  'video-shaky/banded':
    'both reps count and nothing is cued, but the right knee reads +16.3° against the foot line in rep 1 (band −5…+15°; +6.0° unshaken): at 5 fps the picture moves by up to ~6 % of the frame between two frames. The knee-inside-foot cue driver reads 0.01…0.05 (over the foot), so nothing false is said.',
  'video-shaky/half':
    'as fixture/half (the knees read outward against the foot line); the reps count (2 of 2) and nothing is cued. Before the feet and the standing calibration were judged against each other, the shake read as the person moving and none of her reps counted.',
  'video-shaky/rear':
    'no rep counts: the clip has no margin (his head touches the top edge, the feet are near the bottom), so moving the picture by up to 3 % takes shoulders or feet out of the frame for part of each cycle; the app says "step back" and takes no standing calibration. A person cut off by the frame is not measured, by design.',
  'video-shaky/side':
    'no rep counts: from the side only the near foot is judged (the far one is hidden and its keypoints jump), and a lone foot cannot tell the camera’s move from its own, so the shake reads as steps and every new stance restarts the calibration. Judging the near foot against the far one was tried: it broke the 192 px and small side cases.',
  'video-192px/half':
    'as fixture/half, at 192 px: both knees read −6…−8° (outward) against the foot line. The knee-inside-foot cue driver reads −0.14…−0.01 (over or outside the foot), so nothing false is said; the rep count, go-lower and the absence of a hip cue pass.',
  'walk-out/rear':
    'the first shuffle no longer counts (its foot ends 0.25 shank lengths from where it stood when the dip began), and the second was already caught; the third step moves the left foot only 0.06 of a shank (~2 cm) sideways with a 0.19 dip and 20° knee bend, which nothing in the keypoints tells from a shallow squat, so it counts and gets go-lower. Knees-out fires at 2.0 s, in the first shuffle’s dip (0.14 inside): that foot moves under the step limit, so the feet count as settled and cues are live until the dip ends and the foot is found elsewhere. The real reps after the walk-out read 0.10 inside their foot line (0.01–0.02 without the walk-out), at the band’s edge and under the knees-out limit: the shuffles that are caught re-take the standing calibration, so the reference is the stance after the second shuffle, and the third moves the left foot again.',
  'roll-5/banded':
    'a 5° camera roll moves the foot line’s direction; the left knee, already 0.08 inside its foot line in this clip, then reads 0.13 and knees-out fires. At the bottom the roll moves the knee–ankle offset by ~14 px and the ankle→toe vector the foot’s direction is read from by ~4 px, which the knee’s ~98 px of forward travel along the foot multiplies; the standing reference takes off only part of it (its tilt moved 2.6°, not 5°). Tried: taking the standing tilt off at the current shank height (nothing changed here); levelling the knee points by the standing body axis (ankles’ midpoint → shoulders’ midpoint) read as the camera’s roll, which read 3.4° on the level banded clip and 6.5° on the level rear one, so it cannot tell a rolled camera from posture and perspective (6 cases failed).',
  'valgus/half/left-10':
    'the FPPA change is read (+27° for +28° at D = 20), but the knee starts 0.2 shank lengths outside its foot line in this clip, so the injected cave-in does not reach the knees-out limit.',
  'valgus/half/left-15': 'as valgus/half/left-10.',
  'valgus/half/left-20': 'as valgus/half/left-10.',
  'valgus/half/right-10':
    'her right foot points ~60° from the camera axis (toe keypoint ahead of the ankle by 0.9 of a foot length across the image), so the right leg is seen nearly side-on and a knee moving across the image is mostly a knee moving along its foot: the foot model takes the injected in-plane rotation as forward travel, and the reported change is +1.5…+2.4° for +6.4…+13.6°. (The image-level warp of this knee, with its own model track, reads +17.0° / +14.3° for +20°: tests/golden/warped.test.ts.)',
  'valgus/half/right-15': 'as valgus/half/right-10.',
  'valgus/half/right-20': 'as valgus/half/right-10.',
  'valgus/banded/right-10':
    'the right knee reads 0.04 outside its foot line at the bottom; a 10° shank tilt moves it inside by less than the 0.12 limit in rep 2.',
  'valgus/banded/right-15':
    'knees-out fires in both reps, but the read rise overshoots the image FPPA the injection makes by 4.8° in rep 1 (allowed 5.6°) and 5.4° in rep 2 (allowed 5.0°): the image FPPA change itself reads 17–21°, and the foot-aligned reference moves 3–5.6° the other way because a shank rotated about its ankle shows less height, which the reference reads as more forward knee travel.',
  'valgus/banded/right-20':
    'as valgus/banded/right-15: rep 2 reads +28.4° for +20.8° ± 6.2° (the reference moves 4.5–7.8°).',
};
