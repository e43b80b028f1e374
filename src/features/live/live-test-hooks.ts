/**
 * `window.squatCoachTest`: what the browser tests and `npm run bench:live` reach into — replay a
 * pose track through the live pipeline, kill the worker, read the live state and timing counters.
 * Installed by the app's entry in development builds and with ?testhooks; the counters live here,
 * fed by the controller's observer, so the production state carries none of them.
 */
import { parsePoseTrack, poseTrackToFrames, pushBounded } from '../../core';
import type { LiveApp } from './live-app';
import { repCountOf, type LiveMode } from './live-session';

/** Timings for `npm run bench:live`, read through the test hooks. */
export interface LiveStats {
  /** Capture of a frame → its keypoints drawn, ms. */
  latencyMs: number[];
  /** Model time per frame inside the worker, ms. */
  inferenceMs: number[];
  cameraFrames: number;
  overlayDraws: number;
  poses: number;
  hasCaptureTime: boolean;
  workerRestarts: number;
}

export interface SquatCoachTestHooks {
  /** Feeds a pose-track/v1 through the live pipeline after the worker (no camera, no model). */
  replayTrack: (track: unknown, speed?: number) => Promise<number>;
  /** Terminates the current pose worker, as a crash would. */
  terminateWorker: () => void;
  stats: () => LiveStats;
  state: () => {
    mode: LiveMode;
    set: string;
    repCount: number;
    firstCaptureMs: number | null;
    guidance: string | null;
    calibrated: boolean;
    phase: string;
  };
}

/** Timing samples kept per series (a few minutes at 20 fps). */
const MAX_STATS_SAMPLES = 5000;

/** Starts counting and installs `window.squatCoachTest` for `app`. */
export function installLiveTestHooks(app: LiveApp): SquatCoachTestHooks {
  const stats: LiveStats = {
    latencyMs: [],
    inferenceMs: [],
    cameraFrames: 0,
    overlayDraws: 0,
    poses: 0,
    hasCaptureTime: false,
    workerRestarts: 0,
  };
  app.observe({
    pose: (captureMs) => {
      stats.poses++;
      pushBounded(stats.latencyMs, performance.now() - captureMs, MAX_STATS_SAMPLES);
    },
    inference: (inferenceMs) => pushBounded(stats.inferenceMs, inferenceMs, MAX_STATS_SAMPLES),
    cameraFrame: (hasCaptureTime) => {
      stats.cameraFrames++;
      stats.hasCaptureTime = hasCaptureTime;
    },
    overlayDrawn: () => stats.overlayDraws++,
    workerRestarted: () => stats.workerRestarts++,
  });
  const hooks: SquatCoachTestHooks = {
    replayTrack: async (json, speed = 1) => {
      const track = parsePoseTrack(json);
      await app.beginReplay(track.width, track.height);
      const frames = poseTrackToFrames(track);
      const t0 = performance.now();
      const first = frames[0]?.tMs ?? 0;
      for (const f of frames) {
        if (app.state.mode !== 'replay') break;
        const wait = t0 + (f.tMs - first) / speed - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        app.feedPose(f, f.tMs);
      }
      return repCountOf(app.state);
    },
    terminateWorker: () => app.terminateWorker(),
    stats: () => ({
      ...stats,
      // Frames the live <video> presented: the camera's rate whichever loop runs (the worker's stops
      // asking for frame callbacks once its clock is paired).
      cameraFrames:
        document.querySelector<HTMLVideoElement>('#screen-live video')?.getVideoPlaybackQuality()
          .totalVideoFrames ?? stats.cameraFrames,
      latencyMs: [...stats.latencyMs],
      inferenceMs: [...stats.inferenceMs],
    }),
    state: () => {
      const s = app.state;
      return {
        mode: s.mode,
        set: s.flow.state,
        repCount: repCountOf(s),
        firstCaptureMs: app.originMs,
        guidance: s.last?.guidance ?? null,
        calibrated: s.last?.calibrated ?? false,
        phase: s.last?.phase ?? 'unknown',
      };
    },
  };
  (window as unknown as { squatCoachTest: SquatCoachTestHooks }).squatCoachTest = hooks;
  return hooks;
}
