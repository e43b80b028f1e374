/**
 * Golden replays: each fixture clip's BlazePose-full track (written by the browser pipeline) through
 * the whole core. Expected values are the README's hand counts: complete reps, partial reps, view, and
 * no fault cue (none of the clips shows a clear fault; the half squats may get go-lower).
 */
import { describe, expect, it } from 'vitest';
import { FAULT_CUE_IDS } from '../../src/core/coaching/cues';
import { analyzeFrames } from '../../src/core/set/session';
import type { View } from '../../src/core/types';
import { loadFrames, type ClipId } from './tracks';
import { resolve } from 'node:path';
import { TRACK_DIR } from './tracks';
import { parsePoseTrack, poseTrackToFrames } from '../../src/core/pose/pose-track';
import { readFileSync } from 'node:fs';

interface Expected {
  clip: ClipId;
  view: View;
  reps: number;
  partial: number;
}

const EXPECTED: readonly Expected[] = [
  // 2 complete reps, a 3rd reaches its bottom and is still rising at the end.
  { clip: 'front-oblique-banded-squats', view: 'front', reps: 2, partial: 1 },
  // 2 complete half squats, a 3rd descent starts at ~17.3 s; 0–1.2 s is a close-up of feet.
  { clip: 'front-oblique-half-squats', view: 'front', reps: 2, partial: 1 },
  // 2 complete deep reps; head at the top edge, feet cut at the bottom edge, title box.
  { clip: 'rear-barbell-squats', view: 'rear', reps: 2, partial: 0 },
  // Starts at the bottom (not a rep), 1 complete rep, ends descending (partial).
  { clip: 'side-bodyweight-squat', view: 'side', reps: 1, partial: 1 },
];

describe.each(EXPECTED)('golden replay: $clip', (e) => {
  it(`${e.reps} complete + ${e.partial} partial, view ${e.view}, no fault cue`, () => {
    const s = analyzeFrames(loadFrames(e.clip));
    expect(s.view).toBe(e.view);
    expect(s.repCount).toBe(e.reps);
    expect(s.partialReps).toBe(e.partial);
    expect(s.cues.filter((c) => FAULT_CUE_IDS.includes(c.id))).toEqual([]);
    for (const r of s.reps) {
      expect(r.view).toBe(e.view);
      expect(r.endMs as number).toBeGreaterThan(r.startMs);
    }
  });
});

describe('golden replay: upstream MediaPipe reference of the banded clip', () => {
  const file = resolve(TRACK_DIR, 'front-oblique-banded-squats.reference.pose-track.json');
  it('2 complete + 1 partial, front, no fault cue', () => {
    const s = analyzeFrames(poseTrackToFrames(parsePoseTrack(JSON.parse(readFileSync(file, 'utf8')))));
    expect(s.view).toBe('front');
    expect(s.repCount).toBe(2);
    expect(s.partialReps).toBe(1);
    expect(s.cues.filter((c) => FAULT_CUE_IDS.includes(c.id))).toEqual([]);
  });
});
