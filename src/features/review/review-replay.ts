/**
 * The review's replay: the set's video (or a slider when no video was kept) with the skeleton and
 * the cue on screen drawn over it; jump to a rep or its bottom, step frame by frame.
 */
import type { CueId, FrameAnalysis, RepSummary } from '../../core';
import type { SetRecord } from '../../domain/set-record';
import { drawSkeleton } from '../../ui-kit/skeleton';
import { FAULT_COLOR, OK_COLOR } from '../../ui-kit/cue-presentation';
import { h } from '../../ui-kit/dom';
import { frameIndexAt, repAt, seconds } from './review-model';
import './review.css';

/** Bones highlighted per cue on the replay. */
const CUE_BONES: Partial<Record<CueId, readonly string[]>> = {
  'knees-out': ['left_knee', 'right_knee'],
  'hips-level': ['left_hip', 'right_hip'],
  'chest-up': ['left_shoulder', 'right_shoulder'],
};

/** Slack, ms, when matching the video's media time to a track frame: presented times are rounded. */
const SYNC_SLACK_MS = 2;

export interface Replay {
  readonly el: HTMLElement;
  readonly seekMs: (tMs: number) => void;
  readonly dispose: () => void;
}

export function replay(
  record: Pick<SetRecord, 'track' | 'video' | 'videoOffsetMs'>,
  analyses: readonly FrameAnalysis[],
  reps: {
    readonly complete: readonly RepSummary[];
    readonly all: readonly RepSummary[];
    /** Called with the track time each time a frame is drawn (the plots' shared cursor follows it). */
    readonly onTime?: (tMs: number) => void;
  },
): Replay {
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
    reps.onTime?.(tMs);
    if (!ctx) return;
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    const i = pinned ?? frameIndexAt(analyses, tMs + SYNC_SLACK_MS);
    const a = analyses[i];
    clock.textContent = `${seconds(Math.max(0, tMs - (analyses[0]?.tMs ?? 0)))} · frame ${i + 1} / ${analyses.length}`;
    const rep = repAt(reps.all, tMs);
    cueLine.textContent = a?.cue ? a.cue.text : rep ? `rep ${rep.index}` : '';
    cueLine.classList.toggle('has-cue', Boolean(a?.cue));
    if (!a?.keypoints) return;
    const hot = a.cue ? (CUE_BONES[a.cue.id] ?? []) : [];
    drawSkeleton(ctx, a.keypoints, {
      boneColor: (p, q) => (hot.includes(p) || hot.includes(q) ? FAULT_COLOR : OK_COLOR),
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
    // The title names what a terse label means ("bottom" → "…bottom of rep 2") for screen readers too.
    if (title) b.setAttribute('aria-label', title);
    b.addEventListener('click', onClick);
    return b;
  };
  controls.append(
    button('◀ frame', 'replay-prev', () => step(-1), 'Previous frame'),
    button('frame ▶', 'replay-next', () => step(1), 'Next frame'),
  );
  for (const r of reps.complete) {
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
