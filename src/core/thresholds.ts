/**
 * Every tunable number of the analysis core, in one place. Each constant names its unit and where it
 * comes from (a paper, an anthropometric table, or the rationale when it was tuned on the fixture
 * tracks). Code elsewhere in src/analysis must not carry bare magic numbers for these decisions.
 */

// ---------------------------------------------------------------------------------------------------
// Confidence gating
// ---------------------------------------------------------------------------------------------------

/** Keypoint score (0–1) below which a keypoint is unusable; BlazePose's own demos draw at ≥ 0.5. */
export const MIN_KEYPOINT_SCORE = 0.5;
/** Fraction of the frame size a keypoint may lie outside the image and still count as in frame (0 = strict); BlazePose extrapolates off-frame joints, which we never trust. */
export const OUT_OF_FRAME_MARGIN_RATIO = 0;
/** Time (ms) without a usable pose after which a rep in progress is abandoned (walked out of frame); ~1 s covers a blink of the detector. */
export const LOST_PERSON_TIMEOUT_MS = 1000;
/** Hip-midpoint jump between consecutive frames, as a share of standing leg extent, treated as an identity switch (a second person) rather than motion; a squatting hip moves < 0.3 leg per 100 ms. */
export const IDENTITY_JUMP_RATIO = 0.6;
/** Extra jump allowance (leg extents per second of gap) so that a long gap is not mistaken for a jump; rationale: ~brisk walking speed. */
export const IDENTITY_JUMP_RATIO_PER_S = 1.5;
/** Time (ms) a jumped-to pose must persist before it is accepted as the person now tracked (filters reset). */
export const IDENTITY_SWITCH_CONFIRM_MS = 500;

// ---------------------------------------------------------------------------------------------------
// Smoothing (One Euro filter, Casiez et al. 2012, CHI) — positions normalised by frame height
// ---------------------------------------------------------------------------------------------------

/** One Euro minimum cutoff (Hz) for keypoint positions; low enough to remove jitter at rest, Casiez 2012 recommends tuning from ~1 Hz. */
export const ONE_EURO_MIN_CUTOFF_HZ = 1.2;
/** One Euro speed coefficient (Hz per body-scale/s, body scale ≈ standing hip→ankle extent); raises the cutoff during fast movement so cues do not lag. */
export const ONE_EURO_BETA = 4;
/** One Euro derivative cutoff (Hz); Casiez 2012 default 1 Hz. */
export const ONE_EURO_D_CUTOFF_HZ = 1;
/** Gap (ms) after which a keypoint's filter restarts from the raw value instead of smoothing across the gap. */
export const SMOOTHING_RESET_GAP_MS = 500;

// ---------------------------------------------------------------------------------------------------
// Camera view
// ---------------------------------------------------------------------------------------------------

/** Nominal (shoulder width + hip width) / (2 × torso length) of a person seen square-on (ratio); from anthropometry (biacromial ≈ 0.20 H, hip joint centres ≈ 0.10 H, shoulder–hip ≈ 0.29 H; Drillis & Contini 1966), matching 0.47 / cos 25° on the banded clip. */
export const FRONTAL_WIDTH_RATIO = 0.52;
/** Largest estimated yaw (deg) still classed front/rear: the issue asks front metrics to hold to ~30° off-axis, and the width-ratio estimate reads 10–15° high for narrow hips or arms held forward (≈42° standing on the CDC clip filmed ~30° off-axis). */
export const FRONT_MAX_YAW_DEG = 45;
/** Smallest estimated yaw (deg) classed as side. */
export const SIDE_MIN_YAW_DEG = 62;
/** Window (ms) over which per-frame view votes are pooled; a view is a property of the set-up, not of a frame. */
export const VIEW_WINDOW_MS = 3000;
/** Share of votes in the window a new view needs before the reported view switches (hysteresis). */
export const VIEW_SWITCH_SHARE = 0.6;
/** Vertical heel→toe offset, as a share of standing shank length, above which the feet vote front (toes lower in the image) or rear (toes higher); below it the feet abstain. */
export const FOOT_DEPTH_VOTE_RATIO = 0.04;

// ---------------------------------------------------------------------------------------------------
// Standing calibration
// ---------------------------------------------------------------------------------------------------

/** Time (ms) the person must stand still before calibration is taken ("the first still second"). */
export const CALIBRATION_STILL_MS = 1000;
/** Shortest still-standing run (ms) accepted as a provisional calibration when the first rep starts sooner (low frame rates). */
export const CALIBRATION_MIN_STILL_MS = 350;
/** Largest movement of the hip midpoint over the ankles' midpoint (share of leg extent) over the still window; rationale: ≈ 1.5 cm on a 90 cm leg. The hips count as still when they keep either their place in the image or their place over the feet (the ankles' midpoint): a handheld camera's shake moves both alike. */
export const CALIBRATION_MAX_MOTION_RATIO = 0.03;
/** Knee angle (deg) above which a knee counts as straight for standing; ~10–20° of flexion is still upright stance. */
export const STANDING_KNEE_MIN_DEG = 155;

// ---------------------------------------------------------------------------------------------------
// Reps (depth ratio = hip descent / standing hip→ankle extent, 0 standing, ≈0.45 at parallel)
// ---------------------------------------------------------------------------------------------------

/** Depth ratio below which the person is back at standing (hysteresis lower edge); above the ≤ 0.03 that keypoint jitter and sway give while standing still. */
export const REP_STANDING_DEPTH_RATIO = 0.04;
/** Depth ratio above which a descent has started (hysteresis upper edge). A 30° knee-flexion quarter squat lowers the hip by ≈ 0.04–0.06 of the hip→ankle extent (thigh and shank each ~15° from vertical: 1 − cos 15° ≈ 0.034 per segment). */
export const REP_DESCENT_DEPTH_RATIO = 0.055;
/** Smallest peak depth ratio for a completed movement to count as a rep (≈ a quarter squat of ~30° knee flexion); shallower bobs are ignored. Walking, stepping and bending are told apart by the feet and knees (below), not by depth. */
export const REP_MIN_DEPTH_RATIO = 0.06;
/** Smallest knee flexion (deg) each measured knee must reach for a movement to count as a squat: quarter squats reach 30–45°; a walking stance knee ~15–20° (Perry & Burnfield, Gait Analysis, loading response) and a push-press dip ~15–20° do not. */
export const REP_MIN_KNEE_FLEXION_DEG = 25;
/** Largest movement of either foot (its least-moved keypoint of ankle, heel and toe; set/squat-gate.ts) from where it was planted, share of standing shank length, for the feet to count as planted; a step moves the foot ≥ 1 shank length (step ≈ 0.4 × height vs shank 0.25 × height, Drillis & Contini 1966), yet a step toward a camera on the floor shows as little as ~0.3 of it. Ankle keypoints of planted feet drift up to ~0.2 at depth in real squats (the four fixture tracks), so a smaller step cannot be told from that drift by the ankles alone. */
export const FEET_PLANTED_MAX_SHIFT_RATIO = 0.35;
/** Largest distance, share of shank length, between where a foot (its least-moved keypoint) stood when a rep began and where it stands once the hips are up again: a planted foot's keypoint drifts at depth and comes back (the fixture tracks' reps end within 0.10 raw, 0.07 smoothed; ~1.5× that at the live camera's 640 px), while a foot lifted and put down elsewhere, even a loaded walk-out shuffle of ~10 cm (~0.25 shank), ends away. */
export const FEET_RETURNED_MAX_SHIFT_RATIO = 0.2;
/** Largest vertical movement of one foot (its least-moved keypoint) relative to the other, share of shank length: a step lifts or moves one foot while the other stays; a squat keeps both where they are (heels rising lift both; the fixture tracks' planted ankles differ by up to ~0.2 at depth). */
export const FEET_PLANTED_MAX_UNEVEN_RATIO = 0.3;
/** Time (ms) an ankle must stay away from where it was planted to count as a step: the far foot's keypoint in a side view jumps for single frames (seen on real clips); a step keeps the foot away for its whole swing (~0.4 s). */
export const FOOT_MOVE_CONFIRM_MS = 150;
/** Time (ms) both feet must have stayed planted before cues are live: a person who has just stepped (a walk-out, re-positioning) gets no cue until settled. */
export const FEET_SETTLE_MS = 1000;
/** Shortest time (ms) from leaving standing to returning for a rep; the quickest real squats take ~0.8 s, so anything faster is a keypoint glitch (e.g. the feet jumping for a frame). */
export const REP_MIN_DURATION_MS = 400;
/** Depth-ratio speed (1/s) under which a descent is considered to have reached the bottom. */
export const REP_BOTTOM_SPEED_PER_S = 0.12;
/** Depth ratio the hip must rise above the rep's deepest point before the ascent phase starts. */
export const REP_ASCENT_BAND_RATIO = 0.04;
/** Depth ratio by which the hip must sink again during an ascent to count as a renewed descent (a bounce). */
export const REP_REDESCENT_BAND_RATIO = 0.05;
/** Window (ms) over which the standing hip→ankle extent reference is the maximum seen with straight knees. */
export const STANDING_REF_WINDOW_MS = 10000;
/** Time (ms) an occluded or cut-off ankle keeps its last seen position for the depth ratio: feet stay planted during a squat. */
export const PLANTED_FOOT_HOLD_MS = 5000;
/** Window (ms) of the least-squares slope used as the depth speed. */
export const DEPTH_SPEED_WINDOW_MS = 300;

// ---------------------------------------------------------------------------------------------------
// Metrics
// ---------------------------------------------------------------------------------------------------

/** Thigh image length / standing length (ratio) below which FPPA is not reported: the thigh then points at the camera and the 2D angle at the knee is undefined (near parallel in a frontal view). Munro 2012 measures FPPA in single-leg squats to ~60° of knee flexion, where the thigh stays mostly in the image plane. */
export const FPPA_MIN_THIGH_IMAGE_RATIO = 0.4;
/** Estimated yaw (deg) up to which FPPA is reported without a toe keypoint (the foot's direction is then unknown, so flexion seen off-axis cannot be taken out). */
export const FPPA_NO_TOE_MAX_YAW_DEG = 8;
/** Horizontal ankle→foot_index distance as a share of knee→ankle (shank) length (ratio); Drillis & Contini 1966: foot 0.152 H, ankle-to-toe ≈ 0.75 of it, shank 0.246 H. */
export const ANKLE_TO_TOE_PER_SHANK = 0.46;
/** Averaging band (deg of knee angle) around the deepest knee flexion for "at the bottom" rep values; clinical convention measures FPPA at peak knee flexion. */
export const BOTTOM_AVERAGE_BAND_DEG = 5;
/** Depth ratio below the rep's lowest hip within which a frame can be "at the bottom" (≈ the last 10–15° of knee flexion near parallel, where the depth ratio changes ~0.04 per 5° of knee angle): a knee angle seen only higher up, the knees hidden at the bottom as from behind, does not stand for it. */
export const BOTTOM_SEARCH_DEPTH_RATIO = 0.1;
/** Depth ratio below the rep's lowest hip that counts as "at the bottom" when no knee angle is seen there (≈ 2–3° of knee angle near parallel). */
export const BOTTOM_DEPTH_BAND_RATIO = 0.02;

// ---------------------------------------------------------------------------------------------------
// Cues: fire thresholds, clear thresholds (hysteresis), dwell, cooldown
// ---------------------------------------------------------------------------------------------------

/** Knee FPPA relative to the foot line (deg) in the review's "near" band starts here and is "past" above KNEES_OUT_FIRE_DEG: 2D FPPA is ~8 ± 5° without knee pain and ~17 ± 5° with patellofemoral pain (Herrington 2014); 15° is past the healthy mean by more than 2 × Munro 2012's ~3° error. */
export const KNEES_OUT_FIRE_DEG = 15;
/** FPPA (deg) below which a knee reads "within" (healthy mean + ~1 SD less the error; Herrington 2014, Munro 2012). */
export const KNEES_OUT_CLEAR_DEG = 11;
/** Knee inside its own foot line, share of standing shank length, at which `knees-out` fires: the knee past the medial border of the foot, half a foot breadth (0.055 H / 2) from the 2nd-toe line = 0.11 of the shank (0.246 H; Drillis & Contini 1966). The lateral step-down test scores a knee "medial to the foot" as its worst knee grade (Piva 2006). */
export const KNEE_INSIDE_FOOT_FIRE_RATIO = 0.12;
/** Knee-inside-foot ratio below which `knees-out` clears: the knee back over the foot (a quarter foot breadth). */
export const KNEE_INSIDE_FOOT_CLEAR_RATIO = 0.06;
/** Pelvic drop vs standing, perspective taken off in its own direction (deg), at which `hips-level` fires: the upper end of the smallest real change of 2D pelvic obliquity (Munro 2012: SEM 1.5–2°, × 2.77 ≈ 4–5.5°); BlazePose's own 2D hip line spreads as much (frame SD 1.4–2.0° while standing still on the front and rear fixture tracks, so 2.77 × SD = 3.9–5.5°). On the good-form fixture reps the measure stays ≤ 4.5° sustained; 8° injected either way reads ≥ 6.8° (docs/metrics.md, "Pelvic drop"). */
export const HIPS_LEVEL_FIRE_DEG = 5.5;
/** Pelvic drop (deg, perspective removed) below which `hips-level` clears: the lower end of Munro 2012's smallest real change. */
export const HIPS_LEVEL_CLEAR_DEG = 4;
/**
 * Fewest pixels of the pose model's input image between the two hip keypoints (across it) for the
 * hip line's tilt to be read (≈ 28.6 px): a keypoint is placed no finer than about one pixel of the
 * image the model saw, and one pixel of one hip's height must tilt the line by no more than the 2D
 * pelvic obliquity's own measurement error (Munro 2012: SEM 1.5–2°). BlazePose finds the landmarks
 * in a 256 px crop around the person, so a person smaller than that crop in the model's image is
 * seen upsampled. Measured on good-form runs of the fixture clips through the model (docs/metrics.md,
 * "Image resolution"): with the hips 11–20 model px apart (the clips scaled to 192 and 320 px, or
 * placed small in a frame twice their size) `hips-level` fired in 3 of 9 runs, at up to 8.2°.
 */
export const HIP_LINE_MIN_APART_MODEL_PX = 1 / Math.tan((2 * Math.PI) / 180);
/** Fewest upright frames in the second before a rep for them to be its standing reference (hip line, centre of mass along the foot; rep-standing-reference.ts): a 5 fps clip shows 5; fewer fall back to the set's calibration. */
export const REP_STANDING_REF_MIN_FRAMES = 3;
/** Depth ratio the set's first descent must pass before the shoulder line's tilt is read as the perspective's direction (≈ a third of parallel depth, shoulders ~10 cm down); until then the allowance is taken off the drop whichever way it goes (at that depth it is ≤ ~2°). */
export const PERSPECTIVE_SIGN_MIN_DEPTH_RATIO = 0.15;
/** Assumed focal length as a share of the frame's longer side (ratio) for the hip-line perspective allowance: a phone's main camera (26 mm equivalent) has f ≈ 0.75 of the 4:3 sensor's long side, ~0.8 after video stabilisation's crop; a 78°-diagonal webcam ≈ 0.71 and laptop webcams (65–70° diagonal) ≈ 0.8–0.9 of the 16:9 frame's long side. A longer focal length would under-state the allowance. */
export const ASSUMED_FOCAL_PER_LONG_SIDE = 0.8;
/**
 * Where a person's centre of mass stands over the foot in quiet standing, share of heel→toe length
 * from the heel: a few cm (~5) in front of the ankle joint (Winter 1995, Gait Posture 3:193), the
 * ankle ~0.2 of a 26 cm foot in front of the heel → (5.2 + 5) ÷ 26 ≈ 0.4. `toeShiftRatio` is this
 * plus the COM's movement along the foot since standing (the second before the rep, else the
 * calibration).
 */
export const STANDING_COM_ALONG_FOOT_RATIO = 0.4;
/** Centre-of-mass position along heel→toe (ratio) at which `hips-back` fires: the centre of pressure should stay in the back ~70% of the foot, plus ~0.1 foot length for the error of a 2D segment-weighted COM (~2–3% of height). */
export const HIPS_BACK_FIRE_RATIO = 0.8;
/** Toe-shift ratio below which `hips-back` clears. */
export const HIPS_BACK_CLEAR_RATIO = 0.72;
/** Heel rise vs standing (share of shank length) at which `heels-down` fires; ≈ 5 cm on a 40 cm shank, above the ≤ 0.09 that keypoint noise and perspective give with flat heels on the fixture clips. */
export const HEELS_DOWN_FIRE_RATIO = 0.12;
/** Heel rise ratio below which `heels-down` clears. */
export const HEELS_DOWN_CLEAR_RATIO = 0.08;
/** Trunk lean from vertical (deg) at which `chest-up` fires; bodyweight and high-bar squats stay below ~45–50° (Schoenfeld 2010 review), low-bar up to ~55°. */
export const CHEST_UP_FIRE_DEG = 58;
/** Trunk lean (deg) below which `chest-up` clears. */
export const CHEST_UP_CLEAR_DEG = 50;
/**
 * Thigh angle from vertical (deg) a rep must reach at its bottom for each depth target, measured
 * hip joint → knee joint. Parallel is the thigh horizontal (90°); a half squat stops with the thigh
 * at ~50–60° (knee ~70–100°, Schoenfeld 2010). Each threshold is its target less a 20° allowance:
 * ~10° because coaches judge parallel by the hip crease against the top of the knee, which sits
 * lower than the joint line the keypoints give, and ~10° for the 2D estimate (the two legs of one
 * symmetric squat differ by up to ~10° on real clips). A rep at its target is then not told to go
 * lower. A quarter squat (≤ 45° of knee flexion, thigh ≤ ~25–30°) is shallow under both.
 */
export const DEPTH_TARGET_THIGH_DEG = { parallel: 70, half: 40, any: 0 } as const;
/** How far under its target (deg of thigh angle) a rep is "near" rather than shallow in the review. */
export const DEPTH_NEAR_BAND_DEG = 10;
/** Time (ms) a metric must stay past its fire threshold before the cue shows: rejects single-frame spikes (2 frames at 15 fps). */
export const CUE_DWELL_MS = 150;
/** Time (ms) before the same cue may fire again; one reminder per couple of reps. */
export const CUE_COOLDOWN_MS = 4000;
/** Shortest time (ms) a cue stays on screen once shown, so it can be read. */
export const CUE_MIN_SHOW_MS = 1000;

// ---------------------------------------------------------------------------------------------------
// Single-leg squat check (src/core/single-leg/; docs/metrics.md "Single-leg squat check")
// ---------------------------------------------------------------------------------------------------

/** Free ankle above the stance ankle, share of the stance shank length, from which the free foot counts as off the floor: twice the ~0.2 by which the ankles of two planted feet differ at depth on the fixture tracks (perspective, keypoint error; see FEET_PLANTED_MAX_UNEVEN_RATIO). A foot held up with the hip and knee bent sits ~0.6 shank lengths up (thigh 45° forward, shank hanging back 45°: (1 − cos 45°) × (thigh + shank)). */
export const SINGLE_LEG_FREE_FOOT_LIFT_RATIO = 0.4;
/** Free ankle above the stance ankle, share of the stance shank length, below which the free foot is back at floor level (touched down): within the ~0.2 that two planted ankles differ by on the fixture tracks. Between this and SINGLE_LEG_FREE_FOOT_LIFT_RATIO the last state holds (hysteresis). A touch-down counts once it holds for FOOT_MOVE_CONFIRM_MS (a one-frame keypoint jump is not one). */
export const SINGLE_LEG_FREE_FOOT_TOUCH_RATIO = 0.2;
/** Stance ankle moved from where it stood at the rep's start, share of its shank length, for the rep to count as a hop: ~10 cm on a 40 cm shank, above the ≤ 0.2 that planted ankle keypoints drift at depth on the fixture tracks. Held for FOOT_MOVE_CONFIRM_MS. */
export const SINGLE_LEG_HOP_RATIO = 0.25;
/** Largest single-leg standing yaw estimate (deg) at which the check counts as filmed square-on, as Munro 2012 films: then the image FPPA is the clinical one and the frontal trunk lean is judged. The width-ratio estimate reads up to ~15° for a square-on body with narrow hips (docs/metrics.md "Camera view"); the banded clip, turned ~25°, reads 25–29° standing. Past it, flexion seen off-axis swamps the image angle (−88° / +72° at the bottom of the banded-derived reps), so the FPPA against the foot line is rated and the trunk lean (where a forward lean shows as a sideways one, ~21° there) is not. */
export const SINGLE_LEG_SQUARE_ON_MAX_YAW_DEG = 20;
/** Scored reps per leg needed before a leg is rated: Munro 2012 averages FPPA over 3 trials, and single trials vary by several degrees. */
export const SINGLE_LEG_MIN_SCORED_REPS = 3;
/** Mean 2D FPPA (deg) in single-leg squats of people without knee pain (Herrington 2014: ≈ 8 ± 5°). */
export const SINGLE_LEG_FPPA_PAIN_FREE_MEAN_DEG = 8;
/** Mean 2D FPPA (deg) in single-leg squats of people with patellofemoral pain (Herrington 2014: ≈ 17 ± 5°). */
export const SINGLE_LEG_FPPA_PFP_MEAN_DEG = 17;
/** FPPA (deg) above which the knee item scores 1 point: the pain-free mean + 1 SD (8 + 5°, Herrington 2014), where the pain group's range (17 − 5°) begins. */
export const SINGLE_LEG_KNEE_ONE_POINT_FPPA_DEG = 13;
/** FPPA (deg) from which the knee item scores 2 points (Piva 2006's "medial to the foot" grade): the patellofemoral-pain group's mean (Herrington 2014). */
export const SINGLE_LEG_KNEE_TWO_POINTS_FPPA_DEG = SINGLE_LEG_FPPA_PFP_MEAN_DEG;
/** Smallest real difference of single-leg-squat FPPA (deg), lower end: a left–right or session-to-session difference below it is within measurement error (Munro 2012: 7.5–9°). */
export const SINGLE_LEG_FPPA_REAL_CHANGE_MIN_DEG = 7.5;
/** Smallest real difference of single-leg-squat FPPA (deg), upper end: a difference above it is real (Munro 2012: 7.5–9°); between the two it is borderline. */
export const SINGLE_LEG_FPPA_REAL_CHANGE_MAX_DEG = 9;
/** Smallest real difference of 2D pelvic obliquity (deg): Munro 2012's SEM 1.5–2° × 2.77 ≈ 4–5.5°, as for HIPS_LEVEL_FIRE_DEG. */
export const SINGLE_LEG_PELVIC_DROP_REAL_CHANGE_DEG = 5;
/** Lateral trunk lean vs single-leg standing (deg) from which the trunk item scores: Piva 2006 scores a lean an observer sees and gives no angle; no published 2D cut-off is known to us (Dingenen 2014 shows the 2D angle is reliable, ICC ≥ 0.98). 10° is a judgement: clearly visible, and twice the ~5° keypoint allowance of the pelvic line. */
export const SINGLE_LEG_TRUNK_LEAN_LIMIT_DEG = 10;
/** Highest total (points) still rated "good" on the lateral step-down scale (Piva 2006: 0–1 good, 2–3 moderate, ≥ 4 poor). */
export const SINGLE_LEG_RATING_GOOD_MAX_POINTS = 1;
/** Highest total (points) still rated "moderate" (Piva 2006). */
export const SINGLE_LEG_RATING_MODERATE_MAX_POINTS = 3;
