/**
 * The workout's set-up and storage, pure:
 *
 * - the body outline (live-outline.ts) turns "fit" for a real person standing in a fixture clip, and
 *   not when that same pose is moved out of the outline, shrunk far away, or missing its feet;
 * - the workout settings: defaults, saved values read back, out-of-range values and older saved
 *   settings (without the fields) still read;
 * - a set's `workout` survives history's store (toStoredSet → toRecord) and the JSON export/import,
 *   a lone set gains none, and a malformed one is refused on import.
 */
import { describe, expect, it } from 'vitest';
import {
  KEYPOINT_NAMES,
  analyzeFrames,
  framesToPoseTrack,
  px,
  thresholds,
  type Keypoints,
} from '../../src/core';
import {
  OUTLINE_MARGIN_RATIO,
  OUTLINE_PARTS,
  bodyFitsOutline,
  outlineBox,
} from '../../src/features/live/live-outline';
import { DEFAULT_SETTINGS, loadSettings, saveSettings } from '../../src/storage/settings';
import { toRecord, toStoredSet } from '../../src/storage/history-db';
import { parseHistoryExport, toHistoryExport } from '../../src/storage/history-export';
import type { SetRecord, WorkoutRef } from '../../src/domain/set-record';
import { loadFrames } from '../golden/tracks';
import { memoryStorage } from './memory-storage';

const frames = loadFrames('front-oblique-banded-squats');
const first = frames.find((f) => f.keypoints !== null);
if (first === undefined || first.keypoints === null) throw new Error('fixture has no person');
const W = first.widthPx;
const H = first.heightPx;
const STANDING: Keypoints = first.keypoints;

const mapped = (k: Keypoints, f: (x: number, y: number) => [number, number]): Keypoints =>
  Object.fromEntries(
    Object.entries(k).map(([name, p]) => {
      const [x, y] = f(p.xPx, p.yPx);
      return [name, { ...p, xPx: px(x), yPx: px(y) }];
    }),
  ) as Keypoints;

describe('body outline', () => {
  it('is centred, inside the frame, taller than wide', () => {
    const box = outlineBox(W, H);
    expect(box.x0Px).toBeGreaterThan(0);
    expect(box.x1Px).toBeLessThan(W);
    expect(box.x0Px + box.x1Px).toBeCloseTo(W, 6);
    expect(box.y1Px - box.y0Px).toBeGreaterThan(box.x1Px - box.x0Px);
    const wide = outlineBox(1280, 720);
    expect(wide.x1Px - wide.x0Px).toBeLessThan(1280 / 2);
  });

  it('fits a person standing in the front fixture clip', () => {
    expect(bodyFitsOutline(STANDING, W, H)).toBe(true);
  });

  it('does not fit the same pose moved sideways out of it, shrunk far away, or without feet', () => {
    const box = outlineBox(W, H);
    // Moved right until the right-most needed keypoint sits inside the right edge by less than the margin.
    const needed = OUTLINE_PARTS.flat()
      .map((n) => STANDING[n])
      .filter((p) => p !== undefined && p.score >= thresholds.MIN_KEYPOINT_SCORE);
    const maxX = Math.max(...needed.map((p) => p?.xPx ?? 0));
    const margin = (box.y1Px - box.y0Px) * OUTLINE_MARGIN_RATIO;
    const shift = box.x1Px - margin / 2 - maxX;
    expect(
      bodyFitsOutline(
        mapped(STANDING, (x, y) => [x + shift, y]),
        W,
        H,
      ),
    ).toBe(false);
    // The same move by half the margin less stays inside.
    expect(
      bodyFitsOutline(
        mapped(STANDING, (x, y) => [x + shift - margin, y]),
        W,
        H,
      ),
    ).toBe(true);
    // Half the size about the frame's centre: far away, too small to fill it.
    expect(
      bodyFitsOutline(
        mapped(STANDING, (x, y) => [W / 2 + (x - W / 2) / 2, H / 2 + (y - H / 2) / 2]),
        W,
        H,
      ),
    ).toBe(false);
    const noFeet = Object.fromEntries(
      Object.entries(STANDING).filter(([n]) => !/ankle|heel|foot/.test(n)),
    ) as Keypoints;
    expect(bodyFitsOutline(noFeet, W, H)).toBe(false);
    expect(bodyFitsOutline(null, W, H)).toBe(false);
  });
});

describe('workout settings', () => {
  it('default to a lone set "until I stop", 90 s rest, rep numbers not spoken', () => {
    expect(DEFAULT_SETTINGS).toMatchObject({ setsPlanned: 1, repTarget: null, restS: 90, speakReps: false });
  });

  it('are remembered, and the URL wins', () => {
    const store = memoryStorage();
    saveSettings({ ...DEFAULT_SETTINGS, setsPlanned: 4, repTarget: 8, restS: 60, speakReps: true }, store);
    expect(loadSettings('', store)).toMatchObject({
      setsPlanned: 4,
      repTarget: 8,
      restS: 60,
      speakReps: true,
    });
    expect(loadSettings('?sets=2&reps=2&rest=30', store)).toMatchObject({
      setsPlanned: 2,
      repTarget: 2,
      restS: 30,
    });
  });

  it('ignore values out of range; settings saved before workouts existed still read', () => {
    const store = memoryStorage();
    store.setItem(
      'squat-coach.settings.v1',
      JSON.stringify({ depthTarget: 'half', setsPlanned: 0, repTarget: 2.5, restS: 4, speakReps: 'yes' }),
    );
    expect(loadSettings('?sets=x&reps=-1', store)).toEqual({ ...DEFAULT_SETTINGS, depthTarget: 'half' });
    store.setItem('squat-coach.settings.v1', JSON.stringify({ model: 'blazepose-lite', voice: false }));
    expect(loadSettings('', store)).toEqual({ ...DEFAULT_SETTINGS, model: 'blazepose-lite', voice: false });
  });
});

describe('a set keeps its workout through history', () => {
  const track = framesToPoseTrack(frames, {
    width: W,
    height: H,
    fps: 5,
    model: 'blazepose-full',
    keypointNames: KEYPOINT_NAMES,
  });
  const workout: WorkoutRef = { id: 'w-7f3', setIndex: 1, setsPlanned: 3, repTarget: 8 };
  const record: SetRecord = {
    id: 'set-2',
    startedAtMs: Date.UTC(2026, 10, 30, 8, 15),
    source: 'camera',
    fileName: null,
    summary: analyzeFrames(frames),
    track,
    video: null,
    videoOffsetMs: 37,
    workout,
  };

  it('through the store: saved and read back with it', () => {
    const stored = toStoredSet(record, false);
    expect(stored.workout).toEqual(workout);
    // IndexedDB keeps structured clones: JSON is a stricter stand-in.
    const back = toRecord(JSON.parse(JSON.stringify(stored)) as typeof stored, null);
    expect(back.workout).toEqual(workout);
    expect(back).toEqual({ ...record, video: null });
  });

  it('through the export and import', () => {
    const text = JSON.stringify(toHistoryExport([toStoredSet(record, false)], 1));
    const [imported] = parseHistoryExport(JSON.parse(text));
    expect(imported?.workout).toEqual(workout);
    expect(text).toContain('"workout":{"id":"w-7f3","setIndex":1,"setsPlanned":3,"repTarget":8}');
  });

  it('a lone set gains no workout key; a malformed workout is refused on import', () => {
    const lone: SetRecord = { ...record, workout: undefined };
    const stored = toStoredSet(lone, false);
    expect('workout' in stored).toBe(false);
    const text = JSON.stringify(toHistoryExport([stored], 1));
    expect(parseHistoryExport(JSON.parse(text))[0]?.workout).toBeUndefined();
    const bad = JSON.parse(JSON.stringify(toHistoryExport([toStoredSet(record, false)], 1))) as {
      sets: Record<string, unknown>[];
    };
    bad.sets[0] = { ...bad.sets[0], workout: { id: 'w', setIndex: -1, setsPlanned: 3, repTarget: null } };
    expect(() => parseHistoryExport(bad)).toThrow(/workout\.setIndex/);
  });
});
