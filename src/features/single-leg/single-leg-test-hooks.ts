/**
 * `window.squatCoachSingleLeg`: the test seam behind the pose worker for the single-leg check. A
 * pose track (e.g. a constructed single-leg track, tests/constructed/single-leg.ts) is fed to the
 * check as if each frame came from the model, while the camera (Chromium's fake camera in the e2e
 * test) still supplies the pictures kept for the report. Everything after the worker — analyser,
 * protocol, speech, rep pictures, saving, report — is the real code. Installed with the live hooks
 * (development builds and ?testhooks).
 */
import { parsePoseTrack, poseTrackToFrames } from '../../core';
import type { SingleLegApp } from './single-leg-app';

export interface SingleLegTestHooks {
  /**
   * Starts the check in replay mode and feeds `track` at `speed` × real time; ends the check when the
   * track ends (if the protocol has not already) and resolves once the report is shown.
   */
  replayTrack: (track: unknown, speed?: number) => Promise<{ left: number; right: number; phase: string }>;
  state: () => { phase: string; leg: string | null; left: number; right: number };
}

export function installSingleLegTestHooks(app: SingleLegApp): SingleLegTestHooks {
  const hooks: SingleLegTestHooks = {
    replayTrack: async (json, speed = 1) => {
      const track = parsePoseTrack(json);
      await app.start(true);
      app.sizeFor(track.width, track.height);
      const frames = poseTrackToFrames(track);
      const t0 = performance.now();
      const first = frames[0]?.tMs ?? 0;
      for (const f of frames) {
        const p = app.state.phase;
        if (p === 'done' || p === 'failed') break;
        const wait = t0 + (f.tMs - first) / speed - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        app.feedPose(f, t0 + (f.tMs - first));
      }
      app.finishNow();
      await app.finished;
      return { left: app.state.reps.left, right: app.state.reps.right, phase: app.state.phase };
    },
    state: () => ({
      phase: app.state.phase,
      leg: app.state.leg,
      left: app.state.reps.left,
      right: app.state.reps.right,
    }),
  };
  (window as unknown as { squatCoachSingleLeg: SingleLegTestHooks }).squatCoachSingleLeg = hooks;
  return hooks;
}
