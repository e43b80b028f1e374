/**
 * Constructed cases whose truth the app does not meet yet, each with the measured reason. They stay
 * in `npm run eval` and docs/accuracy.md with their figures (FAIL, marked open), and are not asserted
 * by the Vitest suite; every other case is, and `npm run eval` exits 1 when one of those fails. A case
 * leaves this list when the app meets its truth: nothing here loosens a truth.
 */
export const OPEN_CASES: Readonly<Record<string, string>> = {
  'fixture/half':
    'FPPA against the foot line reads −9…−19° (knees "out") on these good-form reps: in this close, ~30° off-axis set-up the foot direction read from the toe keypoint overstates how far a knee over its foot travels sideways. The cue driver (knee inside the foot line) reads outward too, so nothing false is said.',
  'mirror/half': 'as fixture/half (mirrored).',
  'roll+5/half': 'as fixture/half (rolled).',
  'roll-5/half': 'as fixture/half (rolled).',
  'fps15/half': 'as fixture/half (15 fps).',
  'fps10/half': 'as fixture/half (10 fps).',
  'walking-before/half': 'as fixture/half; the walking part itself passes (no rep, no cue).',
  'walk-out/rear':
    'its small steps (0.2–0.27 shank lengths of ankle movement toward a rear camera) are within how far planted ankles’ keypoints drift in real squats (up to ~0.2), so two of its dips count as reps; larger steps (walking-before/*) are caught.',
  'roll-5/banded':
    'a 5° camera roll moves the foot line’s direction; the left knee, already 0.08 inside its foot line in this clip, then reads 0.13 and knees-out fires.',
  'roll+5/side':
    'a 5° roll of the side view reads the centre of mass 0.84–0.98 of the way to the toes: hips-back fires.',
  'valgus/half/left-10':
    'the FPPA change is read (+27° for +28° at D = 20), but the knee starts 0.2 shank lengths outside its foot line in this clip, so the injected cave-in does not reach the knees-out limit.',
  'valgus/half/left-15': 'as valgus/half/left-10.',
  'valgus/half/left-20': 'as valgus/half/left-10.',
  'valgus/half/right-10':
    'the right thigh points almost straight at the camera at the bottom (thigh angle ~85°), where FPPA is ill-posed; the reported change is +5°/−6° for +14°/+9°.',
  'valgus/half/right-15': 'as valgus/half/right-10.',
  'valgus/half/right-20': 'as valgus/half/right-10.',
  'valgus/banded/right-10':
    'the right knee reads 0.04 outside its foot line at the bottom; a 10° shank tilt moves it inside by less than the 0.12 limit in rep 2.',
  'valgus/banded/right-15':
    'knees-out fires in both reps, but the read rise overshoots the image FPPA the injection makes by 4.8° in rep 1 (allowed 5.6°) and 5.4° in rep 2 (allowed 5.0°): the image FPPA change itself reads 17–21°, and the foot-aligned reference moves 3–5.6° the other way because a shank rotated about its ankle shows less height, which the reference reads as more forward knee travel.',
  'valgus/banded/right-20':
    'as valgus/banded/right-15: rep 2 reads +28.4° for +20.8° ± 6.2° (the reference moves 4.5–7.8°).',
};
