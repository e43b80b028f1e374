/**
 * Which thread reads the live camera's frames. Where the browser allows (MediaStreamTrackProcessor
 * on the page and transferable streams), the pose worker reads them itself
 * (src/pose/worker-frame-loop.ts): no copy on the page and no round trip per frame, so the model
 * runs back to back. Elsewhere the page copies each frame and sends it (src/pose/pose-loop.ts).
 * `?liveFrames=page|worker` forces one, for tests and benchmarks; a forced worker path the browser
 * cannot run falls back to the page's. The single-leg screen keeps the page's loop: its slow
 * single-leg reps need fewer poses a second than the page's path gives, and it records no video.
 */
import type { PoseClient } from '../../pose/client';
import { PoseLoop, type LiveLoop, type PoseLoopHooks } from '../../pose/pose-loop';
import { WorkerFrameLoop, workerFramesSupported } from '../../pose/worker-frame-loop';

export type FramePath = 'worker' | 'page';

/** The path to run: the forced one if it can run, else the worker's where supported. */
export function chooseFramePath(search: string, workerSupported: boolean): FramePath {
  const forced = new URLSearchParams(search).get('liveFrames');
  if (forced === 'page') return 'page';
  return workerSupported ? 'worker' : 'page';
}

/** The live loop for `stream`'s camera on the chosen path, and that path. */
export function createLiveLoop(
  video: HTMLVideoElement,
  stream: MediaStream,
  client: PoseClient,
  hooks: PoseLoopHooks,
  search: string,
): { loop: LiveLoop; path: FramePath } {
  const track = stream.getVideoTracks()[0];
  const path = track === undefined ? 'page' : chooseFramePath(search, workerFramesSupported());
  if (path === 'worker' && track !== undefined)
    return { loop: new WorkerFrameLoop(video, track, client, hooks), path };
  return { loop: new PoseLoop(video, client, hooks), path: 'page' };
}
