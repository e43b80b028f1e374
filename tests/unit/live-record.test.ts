/**
 * The end of a camera set as data (src/features/live/live-record.ts) and the core's track helpers it
 * uses (`keypointNamesOf`, `fpsOf` in src/core/pose/pose-track.ts): the record of a BlazePose and of a
 * MoveNet set, its track's fps and size, the video offset, and no record when nobody was in view.
 */
import { describe, expect, it } from 'vitest';
import { buildCameraSetRecord, type CameraSetInput } from '../../src/features/live/live-record';
import { fpsOf, keypointNamesOf, parsePoseTrack, poseTrackToFrames } from '../../src/core/pose/pose-track';
import { COCO_KEYPOINT_NAMES, KEYPOINT_NAMES, type PoseFrame } from '../../src/core/pose/keypoints';
import { SetAnalyzer } from '../../src/core/set/session';
import { cocoOnly, frameAt, frontPose } from './poses';

/** Capture times of a jittery ~30 fps camera, ms from the first frame: 6 intervals over 203 ms. */
const TIMES_MS = [0, 33.4, 66.1, 101.2, 134.9, 168, 203];
const FRAMES: PoseFrame[] = TIMES_MS.map((t, i) => frameAt(t, i === 0 ? null : frontPose(0.1 * i)));
/** fps of TIMES_MS: 6 intervals in 203 ms. */
const FPS = (6 * 1000) / 203;

const input = (overrides: Partial<CameraSetInput> = {}): CameraSetInput => ({
  id: 'set-1',
  startedAtMs: 1_700_000_000_000,
  frames: FRAMES,
  summary: new SetAnalyzer().summary(),
  model: 'blazepose-full',
  video: null,
  recorderStartMs: null,
  originMs: null,
  ...overrides,
});

describe('keypointNamesOf', () => {
  it("BlazePose's 33 names when a frame with a person has heels, COCO's 17 when not", () => {
    expect(keypointNamesOf(FRAMES)).toBe(KEYPOINT_NAMES);
    const coco = TIMES_MS.map((t) => frameAt(t, cocoOnly(frontPose(0.2))));
    expect(keypointNamesOf(coco)).toBe(COCO_KEYPOINT_NAMES);
  });

  it('null when nobody is in view', () => {
    expect(keypointNamesOf([frameAt(0, null), frameAt(40, null)])).toBeNull();
    expect(keypointNamesOf([])).toBeNull();
  });
});

describe('fpsOf', () => {
  it('counts intervals over the span from the first to the last frame', () => {
    expect(fpsOf(FRAMES)).toBeCloseTo(FPS, 12);
  });

  it('null with fewer than two distinct times', () => {
    expect(fpsOf([])).toBeNull();
    expect(fpsOf([frameAt(50, null)])).toBeNull();
    expect(fpsOf([frameAt(50, null), frameAt(50, null)])).toBeNull();
  });
});

describe('buildCameraSetRecord', () => {
  it('a camera record of the set: its id, start, summary and model, no file name', () => {
    const i = input();
    const r = buildCameraSetRecord(i);
    expect(r).not.toBeNull();
    expect(r).toMatchObject({ id: 'set-1', startedAtMs: i.startedAtMs, source: 'camera', fileName: null });
    expect(r?.summary).toBe(i.summary);
    expect(r?.track.model).toBe('blazepose-full');
  });

  it('its track: every frame, the 33 names, fps to 0.01, the size of the first frame with a person', () => {
    // The first frame (nobody in view) is another size: the size comes from the first with a person.
    const sized = [frameAt(0, null, 0.9, 640, 480), ...FRAMES.slice(1)];
    const track = buildCameraSetRecord(input({ frames: sized }))?.track;
    expect(track?.frames).toHaveLength(FRAMES.length);
    expect(track?.keypointNames).toEqual(KEYPOINT_NAMES);
    expect(track?.fps).toBe(Number(FPS.toFixed(2)));
    expect([track?.width, track?.height]).toEqual([FRAMES[1]?.widthPx, FRAMES[1]?.heightPx]);
    // A valid pose-track/v1 that reads back to the same frame times.
    const back = poseTrackToFrames(parsePoseTrack(JSON.parse(JSON.stringify(track))));
    expect(back.map((f) => f.tMs)).toEqual(TIMES_MS);
  });

  it('a MoveNet set is written with the COCO names', () => {
    const coco = TIMES_MS.map((t) => frameAt(t, cocoOnly(frontPose(0.2))));
    expect(buildCameraSetRecord(input({ frames: coco }))?.track.keypointNames).toEqual(COCO_KEYPOINT_NAMES);
  });

  it('frames that span no time are written at 1 fps', () => {
    const frames = [frameAt(0, frontPose(0)), frameAt(0, frontPose(0.1))];
    expect(buildCameraSetRecord(input({ frames }))?.track.fps).toBe(1);
  });

  it('the video offset: analysis time 0 minus the recorder start, when there is a video', () => {
    const video = new Blob(['webm'], { type: 'video/webm' });
    const r = buildCameraSetRecord(input({ video, recorderStartMs: 1250.5, originMs: 1730.25 }));
    expect(r?.video).toBe(video);
    expect(r?.videoOffsetMs).toBeCloseTo(479.75, 9);
    expect(buildCameraSetRecord(input({ recorderStartMs: 1250.5, originMs: 1730.25 }))?.videoOffsetMs).toBe(
      0,
    );
    expect(
      buildCameraSetRecord(input({ video, recorderStartMs: null, originMs: 1730.25 }))?.videoOffsetMs,
    ).toBe(0);
    expect(
      buildCameraSetRecord(input({ video, recorderStartMs: 1250.5, originMs: null }))?.videoOffsetMs,
    ).toBe(0);
  });

  it('no record when nobody was ever in view', () => {
    expect(buildCameraSetRecord(input({ frames: [frameAt(0, null), frameAt(100, null)] }))).toBeNull();
    expect(buildCameraSetRecord(input({ frames: [] }))).toBeNull();
  });
});
