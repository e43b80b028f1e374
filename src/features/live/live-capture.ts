/**
 * One set's capture on the live screen: its analyser (with the depth target chosen when it began),
 * every pose on the set's own clock (tMs from the first frame's capture), and what the record and the
 * workout need at its end. One per set, so a new set can begin while the last one is handed over.
 */
import { SetAnalyzer, ms, type CueId, type FrameAnalysis, type PoseFrame } from '../../core';
import type { DepthTarget } from '../../core';
import type { CameraSetInput } from './live-record';
import { pastFaultsOf } from './workout';

export class SetCapture {
  readonly analyzer: SetAnalyzer;
  readonly frames: PoseFrame[] = [];
  /** performance.now() of analysis time 0 (the first frame's capture), or null before it. */
  originMs: number | null = null;
  /** Wall-clock start, ms since the Unix epoch (the record's startedAtMs). */
  readonly startedAtWallMs = Date.now();

  constructor(depthTarget: DepthTarget) {
    this.analyzer = new SetAnalyzer({ depthTarget });
  }

  /** One pose captured at `captureMs` (page clock): kept and analysed. */
  push(pose: PoseFrame, captureMs: number): FrameAnalysis {
    this.originMs ??= captureMs;
    const frame: PoseFrame = { ...pose, tMs: ms(captureMs - this.originMs) };
    this.frames.push(frame);
    return this.analyzer.push(frame);
  }

  /** Per counted rep, the cues past their limit (for the workout's speech). */
  repFaults(): CueId[][] {
    return this.analyzer.summary().reps.map(pastFaultsOf);
  }

  /** What the record needs but the video, taken now (the recorder stops later). */
  take(id: string, model: string): Omit<CameraSetInput, 'video' | 'recorderStartMs'> {
    return {
      id,
      startedAtMs: this.startedAtWallMs,
      frames: this.frames,
      summary: this.analyzer.summary(),
      model,
      originMs: this.originMs,
    };
  }
}
