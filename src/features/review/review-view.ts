/**
 * The set summary / review screen: rep count, per-rep table coloured against the cue thresholds,
 * "what the pattern suggests", plots over the set's time line, and a replay of the set's video with
 * the skeleton and cues overlaid. Renders one SetRecord; owns no state beyond it.
 */
import { SetAnalyzer, poseTrackToFrames, thresholds as T } from '../../core';
import type { CueId, FrameAnalysis, RepSummary, SetSummary } from '../../core/types';
import { patternReport, worstRepIndex } from '../../core/coaching/patterns';
import type { SetRecord } from '../../domain/set-record';
import { drawSkeleton } from '../../ui-kit/skeleton';
import { lineChart, type Band, type Marker } from '../../ui-kit/chart';
import '../../ui-kit/screens.css';
import './review.css';
import { h } from '../../ui-kit/dom';

type CellLevel = 'ok' | 'warn' | 'bad' | 'na';

/** Non-colour marker per level, so the table reads without colour vision. */
const LEVEL_MARK: Record<CellLevel, string> = { ok: '✓', warn: '△', bad: '✗', na: '' };
const LEVEL_WORD: Record<CellLevel, string> = {
  ok: 'within range',
  warn: 'near the cue threshold',
  bad: 'past the cue threshold',
  na: 'not measurable in this view',
};

/** Short cue names for chart markers. */
const CUE_SHORT: Record<CueId, string> = {
  'knees-out': 'knees',
  'hips-back': 'hips back',
  'hips-level': 'level',
  'go-lower': 'lower',
  'chest-up': 'chest',
  'heels-down': 'heels',
};

/** Bone colour on the replay when nothing is wrong / when the cue on screen concerns that bone. */
const BONE_OK = '#3ddc97';
const BONE_FAULT = '#ff5a5f';
/** Bones highlighted per cue on the replay. */
const CUE_BONES: Partial<Record<CueId, readonly string[]>> = {
  'knees-out': ['left_knee', 'right_knee'],
  'hips-level': ['left_hip', 'right_hip'],
  'chest-up': ['left_shoulder', 'right_shoulder'],
};

const fmt = (v: number | null | undefined, digits: number, unit = ''): string =>
  v === null || v === undefined ? '—' : `${v.toFixed(digits)}${unit}`;

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** Level of a value against fire / clear thresholds (higher is worse). */
const levelHigh = (v: number | null | undefined, fire: number, clear: number): CellLevel =>
  v === null || v === undefined ? 'na' : v >= fire ? 'bad' : v >= clear ? 'warn' : 'ok';

function cell(text: string, level: CellLevel, threshold: string): HTMLTableCellElement {
  const td = h('td', {
    className: `lvl-${level}`,
    title: `${LEVEL_WORD[level]}${level === 'na' ? '' : ` — ${threshold}`}`,
  });
  td.dataset['level'] = level;
  if (LEVEL_MARK[level]) td.append(h('span', { className: 'mark', text: LEVEL_MARK[level] }), ' ');
  td.append(text);
  return td;
}

function repRow(rep: RepSummary, worst: boolean, onWatch: (rep: RepSummary) => void): HTMLTableRowElement {
  const tr = h('tr', { testid: 'summary-rep-row', className: worst ? 'worst' : '' });
  const idx = h('th', { text: `${rep.index}` });
  idx.scope = 'row';
  if (worst) idx.append(' ', h('span', { className: 'worst-badge', text: 'worst' }));
  tr.append(idx);

  const depthRatio = rep.depth.maxDepthRatio;
  const depthLevel: CellLevel =
    depthRatio === null
      ? 'na'
      : depthRatio < T.GO_LOWER_FIRE_DEPTH_RATIO
        ? 'bad'
        : depthRatio < T.GO_LOWER_CLEAR_DEPTH_RATIO
          ? 'warn'
          : 'ok';
  const below = rep.depth.hipBelowKnee === true ? ', hip below knee' : '';
  tr.append(
    cell(
      `${fmt(depthRatio, 2)} · knee ${fmt(rep.depth.minKneeAngleDeg, 0, '°')}${below}`,
      depthLevel,
      `"go lower" below ${T.GO_LOWER_FIRE_DEPTH_RATIO} (≈ parallel 0.4–0.45)`,
    ),
  );
  for (const side of ['left', 'right'] as const) {
    const v = rep.kneeValgusPeakDeg?.[side] ?? null;
    tr.append(
      cell(
        fmt(v, 1, '°'),
        levelHigh(v, T.KNEES_OUT_FIRE_DEG, T.KNEES_OUT_CLEAR_DEG),
        `peak; "knees out" at ${T.KNEES_OUT_FIRE_DEG}°`,
      ),
    );
  }
  const hip = rep.hipDropDeg;
  const hipLevel: CellLevel = hip === null ? 'na' : rep.cues.includes('hips-level') ? 'bad' : 'ok';
  tr.append(
    cell(
      hip === null ? '—' : `${hip.value.toFixed(1)}° ${hip.lowerSide === 'left' ? 'L' : 'R'} low`,
      hipLevel,
      `at the bottom; "hips level" at ${T.HIPS_LEVEL_FIRE_DEG}° beyond the camera-angle allowance`,
    ),
  );
  const toe = rep.toeShiftPeakRatio;
  tr.append(
    cell(
      toe === null ? '—' : `${Math.round(toe * 100)} % to toes`,
      levelHigh(toe, T.HIPS_BACK_FIRE_RATIO, T.HIPS_BACK_CLEAR_RATIO),
      `peak, heel 0 % → toe 100 %; "hips back" at ${T.HIPS_BACK_FIRE_RATIO * 100} %`,
    ),
  );
  tr.append(
    cell(
      fmt(rep.trunkLeanPeakDeg, 0, '°'),
      levelHigh(rep.trunkLeanPeakDeg, T.CHEST_UP_FIRE_DEG, T.CHEST_UP_CLEAR_DEG),
      `peak from vertical; "chest up" at ${T.CHEST_UP_FIRE_DEG}°`,
    ),
  );
  const t = rep.tempo;
  tr.append(
    h('td', {
      text: `↓${seconds(t.descentMs)} · ${seconds(t.bottomMs)} · ↑${t.ascentMs === null ? '—' : seconds(t.ascentMs)}`,
      title: 'down · at the bottom · up',
    }),
  );
  tr.append(h('td', { text: rep.cues.length === 0 ? '—' : rep.cues.map((c) => CUE_SHORT[c]).join(', ') }));
  const watch = h('button', { text: 'Watch', className: 'small' });
  watch.type = 'button';
  watch.addEventListener('click', () => onWatch(rep));
  tr.append(h('td', {}, watch));
  return tr;
}

function repTable(
  summary: SetSummary,
  worst: number | null,
  onWatch: (rep: RepSummary) => void,
): HTMLElement {
  const table = h('table', { className: 'rep-table' });
  const head = h('tr');
  for (const [label, title] of [
    ['Rep', ''],
    ['Depth', 'deepest hip descent / standing leg length (≈ 0.45 at parallel) and smallest knee angle'],
    ['Knee in L', 'peak knee valgus, left knee, deg (+ = toward the midline)'],
    ['Knee in R', 'peak knee valgus, right knee, deg'],
    ['Hip drop', 'pelvic tilt vs standing at the bottom, deg, and which hip is lower'],
    ['Weight', 'peak centre of mass position along the foot (side view only)'],
    ['Trunk lean', 'peak trunk angle from vertical (side view only)'],
    ['Tempo', 'down · at the bottom · up'],
    ['Cues', ''],
    ['', ''],
  ] as const) {
    const th = h('th', { text: label, title });
    th.scope = 'col';
    head.append(th);
  }
  table.append(h('thead', {}, head));
  const body = h('tbody');
  for (const rep of summary.reps) body.append(repRow(rep, rep.index === worst, onWatch));
  table.append(body);
  const legend = h('p', {
    className: 'legend',
    text: '✓ within range · △ near the cue threshold · ✗ past it · — not measurable from this camera angle. Hover a cell for its threshold.',
  });
  return h('div', { className: 'table-wrap' }, table, legend);
}

function patternSection(summary: SetSummary): HTMLElement {
  const report = patternReport(summary);
  const sec = h('section', { className: `pattern verdict-${report.verdict}`, testid: 'pattern' });
  sec.append(
    h('h3', { text: 'What the pattern suggests' }),
    h('p', { className: 'headline', text: report.headline }),
  );
  for (const f of report.findings) {
    const drills = h('ul');
    for (const d of f.drills) drills.append(h('li', {}, h('strong', { text: d.name }), ` — ${d.howTo}`));
    const art = h('article', { className: 'finding' });
    art.dataset['pattern'] = f.id;
    art.append(h('h4', { text: `${f.title} ${f.evidence}` }), h('p', { text: f.cause }), drills);
    sec.append(art);
  }
  sec.append(h('p', { className: 'note', text: report.note }));
  return sec;
}

function charts(summary: SetSummary, analyses: readonly FrameAnalysis[], worst: number | null): HTMLElement {
  const t0 = analyses[0]?.tMs ?? 0;
  const t1 = Math.max(t0 + 1, analyses[analyses.length - 1]?.tMs ?? 1);
  const reps = [...summary.reps, ...summary.partials].sort((a, b) => a.index - b.index);
  const bands: Band[] = reps.map((r) => ({
    fromX: r.startMs,
    toX: r.endMs ?? t1,
    label: `rep ${r.index}${r.complete ? '' : ' (partial)'}${r.index === worst ? ' — worst' : ''}`,
    className: r.index === worst ? 'band-worst' : r.complete ? 'band-rep' : 'band-partial',
  }));
  const markers: Marker[] = summary.cues.map((c) => ({
    x: c.tMs,
    label: CUE_SHORT[c.id],
    title: `${seconds(c.tMs - t0)}: “${c.text}” (${c.metric} ${c.value.toFixed(2)})`,
  }));
  const base = {
    xRange: [t0, t1] as const,
    xFormat: (x: number) => `${((x - t0) / 1000).toFixed(0)} s`,
    bands,
    markers,
  };
  const pts = (f: (a: FrameAnalysis) => number | null): [number, number | null][] =>
    analyses.map((a) => [a.tMs, f(a)]);
  const wrap = h('div', { className: 'charts', testid: 'charts' });
  wrap.append(
    lineChart({
      ...base,
      title: 'Knee valgus',
      yUnit: '°, + = knee in',
      heightUnits: 150,
      yMin: -5,
      yMax: 15,
      series: [
        { label: 'left', className: 's-left', points: pts((a) => a.metrics.kneeValgusDeg.left) },
        { label: 'right', className: 's-right', points: pts((a) => a.metrics.kneeValgusDeg.right) },
      ],
      thresholds: [{ y: T.KNEES_OUT_FIRE_DEG, label: '“knees out”' }],
      emptyText: 'not measurable from this camera angle',
    }),
    lineChart({
      ...base,
      title: 'Hip drop',
      yUnit: '°, + = left hip lower',
      heightUnits: 130,
      yMin: -10,
      yMax: 10,
      series: [{ label: 'pelvic tilt', className: 's-hip', points: pts((a) => a.metrics.hipDropDeg) }],
      thresholds: [
        { y: T.HIPS_LEVEL_FIRE_DEG, label: 'cue (+ angle allowance)' },
        { y: -T.HIPS_LEVEL_FIRE_DEG, label: '' },
      ],
      emptyText: 'not measurable from this camera angle',
    }),
    lineChart({
      ...base,
      title: 'Weight position',
      yUnit: 'heel 0 → toe 1',
      heightUnits: 130,
      yMin: 0,
      yMax: 1,
      series: [{ label: 'centre of mass', className: 's-toe', points: pts((a) => a.metrics.toeShiftRatio) }],
      thresholds: [{ y: T.HIPS_BACK_FIRE_RATIO, label: '“hips back”' }],
      emptyText: 'side view only: not measurable from this camera angle',
    }),
    lineChart({
      ...base,
      title: 'Depth',
      yUnit: 'hip descent / leg, ≈ 0.45 parallel',
      heightUnits: 130,
      yMin: 0,
      yMax: 0.5,
      series: [{ label: 'depth', className: 's-depth', points: pts((a) => a.metrics.depthRatio) }],
      thresholds: [{ y: T.GO_LOWER_FIRE_DEPTH_RATIO, label: '“go lower”' }],
    }),
  );
  return wrap;
}

/** Index of the last analysis at or before tMs (binary search; analyses are in time order). */
export function frameIndexAt(analyses: readonly FrameAnalysis[], tMs: number): number {
  let lo = 0;
  let hi = analyses.length - 1;
  if (hi < 0) return -1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((analyses[mid]?.tMs ?? Infinity) <= tMs) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Slack, ms, when matching the video's media time to a track frame: presented times are rounded. */
const SYNC_SLACK_MS = 2;

function replay(
  record: SetRecord,
  analyses: readonly FrameAnalysis[],
  summary: SetSummary,
): { el: HTMLElement; seekMs: (tMs: number) => void; dispose: () => void } {
  const { track } = record;
  const sec = h('section', { className: 'replay', testid: 'replay' });
  sec.append(h('h3', { text: 'Replay' }));
  const stage = h('div', { className: 'replay-stage' });
  stage.style.aspectRatio = `${track.width} / ${track.height}`;
  const canvas = h('canvas', { testid: 'replay-overlay' });
  canvas.width = track.width;
  canvas.height = track.height;
  const ctx = canvas.getContext('2d');
  const cueLine = h('p', { className: 'replay-cue', testid: 'replay-cue' });
  const clock = h('span', { className: 'replay-time', testid: 'replay-time' });
  let url: string | null = null;
  let video: HTMLVideoElement | null = null;
  let slider: HTMLInputElement | null = null;
  let currentMs = analyses[0]?.tMs ?? 0;
  let drawn = 0;
  /**
   * Frame chosen by the frame-step buttons. The recorded video's frames are not the analysed ones
   * (different rates, a few ms of offset), so after a seek the video's own time may map to the
   * neighbouring analysed frame; the frame a jump or step chose stays shown until playback resumes.
   */
  let pinned: number | null = null;

  const draw = (tMs: number): void => {
    currentMs = tMs;
    if (!ctx) return;
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    const i = pinned ?? frameIndexAt(analyses, tMs + SYNC_SLACK_MS);
    const a = analyses[i];
    clock.textContent = `${seconds(Math.max(0, tMs - (analyses[0]?.tMs ?? 0)))} · frame ${i + 1} / ${analyses.length}`;
    const rep = [...summary.reps, ...summary.partials].find(
      (r) => tMs >= r.startMs && tMs <= (r.endMs ?? Infinity),
    );
    cueLine.textContent = a?.cue ? a.cue.text : rep ? `rep ${rep.index}` : '';
    cueLine.classList.toggle('has-cue', Boolean(a?.cue));
    if (!a?.keypoints) return;
    const hot = a.cue ? (CUE_BONES[a.cue.id] ?? []) : [];
    drawSkeleton(ctx, a.keypoints, {
      boneColor: (p, q) => (hot.includes(p) || hot.includes(q) ? BONE_FAULT : BONE_OK),
      lineWidthPx: Math.max(3, track.height / 160),
    });
    drawn++;
    canvas.dataset['drawn'] = String(drawn);
  };

  let rvfc = 0;
  if (record.video) {
    url = URL.createObjectURL(record.video);
    const v = h('video', { testid: 'replay-video' });
    v.src = url;
    v.controls = true;
    v.muted = true;
    v.playsInline = true;
    v.preload = 'auto';
    video = v;
    const mediaToTrackMs = (mediaS: number): number => mediaS * 1000 - record.videoOffsetMs;
    const onVideoFrame = (_now: number, meta: VideoFrameCallbackMetadata): void => {
      draw(mediaToTrackMs(meta.mediaTime));
      rvfc = v.requestVideoFrameCallback(onVideoFrame);
    };
    rvfc = v.requestVideoFrameCallback(onVideoFrame);
    for (const ev of ['seeked', 'loadeddata', 'pause'])
      v.addEventListener(ev, () => draw(mediaToTrackMs(v.currentTime)));
    v.addEventListener('play', () => (pinned = null));
    stage.append(v, canvas);
  } else {
    stage.classList.add('no-video');
    const s = h('input', { testid: 'replay-slider' });
    s.type = 'range';
    s.min = String(analyses[0]?.tMs ?? 0);
    s.max = String(analyses[analyses.length - 1]?.tMs ?? 0);
    s.step = 'any';
    s.setAttribute('aria-label', 'Position in the set');
    s.addEventListener('input', () => draw(Number(s.value)));
    slider = s;
    stage.append(canvas);
  }

  const seekMs = (tMs: number, frameIndex: number | null = null): void => {
    pinned = frameIndex ?? frameIndexAt(analyses, tMs + SYNC_SLACK_MS);
    if (video) {
      video.pause();
      video.currentTime = Math.max(0, (tMs + record.videoOffsetMs) / 1000);
    } else if (slider) {
      slider.value = String(tMs);
    }
    draw(tMs);
  };
  const step = (delta: number): void => {
    const i = pinned ?? frameIndexAt(analyses, currentMs + SYNC_SLACK_MS);
    const j = Math.min(analyses.length - 1, Math.max(0, i + delta));
    const next = analyses[j];
    // Land a quarter frame past the frame's time so the decoder shows that frame, not the previous.
    if (next) seekMs(next.tMs + (video ? Math.min(5, 250 / Math.max(1, track.fps)) : 0), j);
  };

  const controls = h('div', { className: 'replay-controls' });
  const button = (text: string, testid: string, onClick: () => void, title = ''): HTMLButtonElement => {
    const b = h('button', { text, testid, title, className: 'small' });
    b.type = 'button';
    b.addEventListener('click', onClick);
    return b;
  };
  controls.append(
    button('◀ frame', 'replay-prev', () => step(-1), 'Previous frame'),
    button('frame ▶', 'replay-next', () => step(1), 'Next frame'),
  );
  for (const r of summary.reps) {
    controls.append(
      button(`Rep ${r.index}`, 'replay-rep', () => seekMs(r.startMs), `Jump to the start of rep ${r.index}`),
      button(`bottom`, 'replay-bottom', () => seekMs(r.bottomMs), `Jump to the bottom of rep ${r.index}`),
    );
  }
  controls.append(clock);
  sec.append(stage, cueLine);
  if (slider) sec.append(slider);
  sec.append(controls);
  if (!record.video) {
    sec.append(
      h('p', {
        className: 'muted',
        text: 'No video was kept for this set (over the size limit, or imported), so the replay shows the skeleton only.',
      }),
    );
  }
  draw(currentMs);
  return {
    el: sec,
    seekMs,
    dispose: () => {
      if (video) {
        video.cancelVideoFrameCallback(rvfc);
        video.pause();
        video.removeAttribute('src');
        video.load();
      }
      if (url) URL.revokeObjectURL(url);
    },
  };
}

export interface ReviewOptions {
  /** A line under the heading (e.g. "Saved to history" or a storage error). */
  readonly status?: { text: string; kind: 'info' | 'warn' | 'error' };
}

/** Renders the review of one set into `container` (replacing its content); returns a disposer. */
export function renderReview(
  container: HTMLElement,
  record: SetRecord,
  options: ReviewOptions = {},
): () => void {
  const { summary } = record;
  const analyzer = new SetAnalyzer();
  const analyses = poseTrackToFrames(record.track).map((f) => analyzer.push(f));
  const worst = summary.reps.length > 1 ? worstRepIndex(summary) : null;

  const when = new Date(record.startedAtMs).toLocaleString();
  const source = record.source === 'file' ? `video file ${record.fileName ?? ''}`.trim() : 'camera';
  const count = h('span', {
    className: 'big-number',
    testid: 'summary-rep-count',
    text: String(summary.repCount),
  });
  const header = h(
    'header',
    { className: 'review-head' },
    h('h2', {}, count, ` rep${summary.repCount === 1 ? '' : 's'}`),
    h('p', {
      className: 'muted',
      text: `${when} · ${source} · ${summary.view} view · ${seconds(summary.durationMs)}${
        summary.partialReps > 0
          ? ` · ${summary.partialReps} partial rep${summary.partialReps === 1 ? '' : 's'} not counted`
          : ''
      }`,
    }),
  );
  if (options.status) {
    const st = h('p', {
      className: `status ${options.status.kind}`,
      testid: 'review-status',
      text: options.status.text,
    });
    st.setAttribute('role', 'status');
    header.append(st);
  }
  const rp = replay(record, analyses, summary);
  const table = repTable(summary, worst, (rep) => {
    rp.seekMs(rep.startMs);
    rp.el.scrollIntoView({ block: 'nearest' });
  });
  container.replaceChildren(
    h(
      'div',
      { className: 'review' },
      header,
      patternSection(summary),
      table,
      charts(summary, analyses, worst),
      rp.el,
    ),
  );
  return rp.dispose;
}
