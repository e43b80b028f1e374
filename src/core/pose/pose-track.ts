import {
  COCO_KEYPOINT_NAMES,
  KEYPOINT_NAMES,
  isKeypointName,
  type KeypointName,
  type Keypoint,
  type PoseFrame,
} from './keypoints';
import { ms, px } from '../math/units';

/**
 * `pose-track/v1`: the on-disk form of a pose track, shared by `npm run analyze --track`, the
 * fixtures and (later) exports. x, y in source-video pixels; a frame with no person has
 * `keypoints: null`. Each keypoint is `[x, y, score]` in the order of `keypointNames`. Optional
 * `modelPxPerSourcePx`: the pose model's input pixels per source pixel (PoseFrame's), 1 when absent.
 */
export const POSE_TRACK_FORMAT = 'pose-track/v1';

export type PoseTrackKeypoint = readonly [x: number, y: number, score: number];

export interface PoseTrackFrame {
  readonly tMs: number;
  readonly keypoints: readonly PoseTrackKeypoint[] | null;
}

export interface PoseTrack {
  readonly format: typeof POSE_TRACK_FORMAT;
  readonly width: number;
  readonly height: number;
  readonly fps: number;
  readonly model: string;
  readonly keypointNames: readonly KeypointName[];
  readonly frames: readonly PoseTrackFrame[];
  readonly modelPxPerSourcePx?: number;
}

export class PoseTrackError extends Error {
  override name = 'PoseTrackError';
}

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Validates untrusted JSON (a file, an import) and returns a typed track, or throws PoseTrackError. */
export function parsePoseTrack(json: unknown): PoseTrack {
  const fail = (msg: string): never => {
    throw new PoseTrackError(`Not a valid ${POSE_TRACK_FORMAT} file: ${msg}`);
  };
  if (typeof json !== 'object' || json === null) return fail('not a JSON object');
  const o = json as Record<string, unknown>;
  if (o['format'] !== POSE_TRACK_FORMAT) return fail(`"format" must be "${POSE_TRACK_FORMAT}"`);
  for (const k of ['width', 'height', 'fps'] as const) {
    const v = o[k];
    if (!isFiniteNumber(v) || v <= 0) fail(`"${k}" must be a positive number`);
  }
  if (typeof o['model'] !== 'string') fail('"model" must be a string');
  const scale = o['modelPxPerSourcePx'];
  if (scale !== undefined && (!isFiniteNumber(scale) || scale <= 0))
    fail('"modelPxPerSourcePx" must be a positive number');
  const names = o['keypointNames'];
  if (!Array.isArray(names) || names.length === 0) return fail('"keypointNames" must be a list');
  const keypointNames: KeypointName[] = [];
  for (const n of names) {
    if (typeof n !== 'string' || !isKeypointName(n))
      return fail(`unknown keypoint name ${JSON.stringify(n)}`);
    keypointNames.push(n);
  }
  const framesIn = o['frames'];
  if (!Array.isArray(framesIn)) return fail('"frames" must be a list');
  const frames: PoseTrackFrame[] = [];
  let lastT = -Infinity;
  framesIn.forEach((f: unknown, i) => {
    if (typeof f !== 'object' || f === null) fail(`frame ${i} is not an object`);
    const fo = f as Record<string, unknown>;
    const tMs = fo['tMs'];
    if (!isFiniteNumber(tMs) || tMs < lastT) fail(`frame ${i}: "tMs" must be a number, not decreasing`);
    lastT = tMs as number;
    const kps = fo['keypoints'];
    if (kps === null) {
      frames.push({ tMs: tMs as number, keypoints: null });
      return;
    }
    if (!Array.isArray(kps) || kps.length !== keypointNames.length) {
      fail(`frame ${i}: "keypoints" must be null or ${keypointNames.length} [x, y, score] triples`);
    }
    const triples = (kps as unknown[]).map((k, j) => {
      if (!Array.isArray(k) || k.length < 3 || !k.slice(0, 3).every(isFiniteNumber)) {
        fail(`frame ${i}, keypoint ${j}: must be [x, y, score]`);
      }
      const [x, y, s] = k as number[];
      return [x, y, s] as PoseTrackKeypoint;
    });
    frames.push({ tMs: tMs as number, keypoints: triples });
  });
  return {
    format: POSE_TRACK_FORMAT,
    width: o['width'] as number,
    height: o['height'] as number,
    fps: o['fps'] as number,
    model: o['model'] as string,
    keypointNames,
    frames,
    ...(scale === undefined ? {} : { modelPxPerSourcePx: scale as number }),
  };
}

/** Track → domain frames. */
export function poseTrackToFrames(track: PoseTrack): PoseFrame[] {
  const scale =
    track.modelPxPerSourcePx === undefined ? {} : { modelPxPerSourcePx: track.modelPxPerSourcePx };
  return track.frames.map((f) => {
    const frame = { tMs: ms(f.tMs), widthPx: px(track.width), heightPx: px(track.height), ...scale };
    if (f.keypoints === null) return { ...frame, keypoints: null };
    const keypoints: Partial<Record<KeypointName, Keypoint>> = {};
    f.keypoints.forEach(([x, y, score], j) => {
      const name = track.keypointNames[j];
      if (name !== undefined) keypoints[name] = { xPx: px(x), yPx: px(y), score };
    });
    return { ...frame, keypoints };
  });
}

/** Rounding of coordinates written to disk: 0.01 px and 0.0001 score keep files small and exact enough. */
const round = (v: number, digits: number): number => Number(v.toFixed(digits));

/**
 * Domain frames → track. Keypoints missing from a frame are written with score 0 at (0, 0). The
 * track's modelPxPerSourcePx is the frames' smallest (the coarsest resolution any was found at).
 */
export function framesToPoseTrack(
  frames: readonly PoseFrame[],
  meta: { width: number; height: number; fps: number; model: string; keypointNames: readonly KeypointName[] },
): PoseTrack {
  const scales = frames.flatMap((f) => (f.modelPxPerSourcePx === undefined ? [] : [f.modelPxPerSourcePx]));
  return {
    ...(scales.length === 0 ? {} : { modelPxPerSourcePx: round(Math.min(...scales), 4) }),
    format: POSE_TRACK_FORMAT,
    width: meta.width,
    height: meta.height,
    fps: meta.fps,
    model: meta.model,
    keypointNames: meta.keypointNames,
    frames: frames.map((f) => ({
      tMs: round(f.tMs, 3),
      keypoints:
        f.keypoints === null
          ? null
          : meta.keypointNames.map((n): PoseTrackKeypoint => {
              const k = f.keypoints?.[n];
              return k ? [round(k.xPx, 2), round(k.yPx, 2), round(k.score, 4)] : [0, 0, 0];
            }),
    })),
  };
}

/**
 * The keypoint names a set of frames was estimated with, read from the frames themselves: BlazePose's
 * 33 when a frame with a person has a heel (the model gives all 33 on every such frame), else
 * MoveNet's COCO 17. Null when no frame shows a person.
 */
export function keypointNamesOf(frames: readonly PoseFrame[]): readonly KeypointName[] | null {
  const withPerson = frames.find((f) => f.keypoints !== null);
  if (withPerson === undefined) return null;
  return withPerson.keypoints?.left_heel !== undefined ? KEYPOINT_NAMES : COCO_KEYPOINT_NAMES;
}

/**
 * Frames per second of frames in time order: (count − 1) intervals over the span from the first to
 * the last, exact for a constant-rate source. Null when the span is not positive (fewer than two
 * distinct times). Unrounded: a track file rounds it to the precision it stores.
 */
export function fpsOf(frames: readonly PoseFrame[]): number | null {
  const first = frames[0];
  const last = frames[frames.length - 1];
  if (first === undefined || last === undefined || last.tMs <= first.tMs) return null;
  return ((frames.length - 1) * 1000) / (last.tMs - first.tMs);
}
