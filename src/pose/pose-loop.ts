/**
 * The live loop: every camera frame repaints the overlay with the newest pose (so the overlay keeps
 * the camera's rate even when the model is slower), and a frame goes to the pose worker only when
 * it is idle (one in flight; the rest are dropped, never queued). When a pose comes back and the
 * video already shows a frame the worker has not seen, that frame goes at once: waiting for the next
 * camera frame would idle the model for half a camera interval on average (~17 ms at 30 fps, a third
 * of BlazePose full's ~50 ms), which caps the pose rate well below the model's own.
 *
 * With a `snapshot` hook, the frame that will most likely go next is copied into a bitmap while the
 * worker is still busy (the last camera frame before the pose is due): copying a video frame costs
 * ~5–9 ms on the page (bench:live), which would otherwise idle the model on every frame.
 */
import type { PoseFrame } from '../core/pose/keypoints';
import type { PoseClient, EstimateResult } from './client';

export interface PoseLoopHooks {
  /** A new pose from the model, with the capture time of its frame. */
  onPose: (result: EstimateResult, captureMs: number) => void;
  /** Called once per camera frame, after the pose to draw is known (may be the previous one). */
  onCameraFrame: (latest: PoseFrame | null, nowMs: number) => void;
  /** The worker failed (crashed or was disposed) while estimating. */
  onWorkerError: (error: Error) => void;
  /** Copies the frame the video shows into a bitmap the client can send as is (optional). */
  snapshot?: (video: HTMLVideoElement) => Promise<ImageBitmap>;
}

/**
 * How long before a pose is due a camera frame is copied ahead, ms: a little over one 30 fps frame
 * interval (33 ms), so it is usually the last frame before the answer, the one that would go next.
 */
export const SNAPSHOT_LEAD_MS = 40;

interface Snapshot {
  seq: number;
  captureMs: number;
  bitmap: Promise<ImageBitmap | null>;
}

/** Releases a snapshot's bitmap whenever its copy finishes. */
const discard = (s: Snapshot | null): void => void s?.bitmap.then((b) => b?.close());

export class PoseLoop {
  #running = false;
  #latest: PoseFrame | null = null;
  #handle = 0;
  /** performance.now() when the frame now with the worker was sent, or null when idle. */
  #inFlightSinceMs: number | null = null;
  /** The frame the video shows now: its number (cameraFrames) and capture time, ms. */
  #shown: { seq: number; captureMs: number } | null = null;
  /** Number of the last frame sent to the worker. */
  #sentSeq = 0;
  /** A frame copied ahead while the worker was busy, or null. */
  #snapshot: Snapshot | null = null;
  /** The last send-to-answer time, ms: when the next answer is due. */
  #roundTripMs = 0;
  /** A frame is on its way to the worker or with it (its bitmap may still be being copied). */
  #sending = false;
  /** Camera frames seen (video frame callbacks). */
  cameraFrames = 0;
  /** True when the browser gave the camera's capture time (else the callback time stands in). */
  hasCaptureTime = false;

  constructor(
    private readonly video: HTMLVideoElement,
    private client: PoseClient,
    private readonly hooks: PoseLoopHooks,
  ) {}

  get latest(): PoseFrame | null {
    return this.#latest;
  }

  get running(): boolean {
    return this.#running;
  }

  /** How long the frame now with the worker has been there, ms (0 when idle): a hang detector. */
  inFlightForMs(nowMs: number): number {
    return this.#inFlightSinceMs === null ? 0 : nowMs - this.#inFlightSinceMs;
  }

  /** Swap in a new client (e.g. after the worker was restarted); the loop keeps running. */
  setClient(client: PoseClient): void {
    this.client = client;
    this.#inFlightSinceMs = null;
    this.#sending = false;
    discard(this.#snapshot);
    this.#snapshot = null;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#handle = this.video.requestVideoFrameCallback(this.#onFrame);
  }

  stop(): void {
    this.#running = false;
    this.#inFlightSinceMs = null;
    discard(this.#snapshot);
    this.#snapshot = null;
    this.video.cancelVideoFrameCallback(this.#handle);
  }

  #onFrame = (now: number, meta: VideoFrameCallbackMetadata): void => {
    if (!this.#running) return;
    this.#handle = this.video.requestVideoFrameCallback(this.#onFrame);
    this.cameraFrames++;
    // Capture time in the page's performance.now() clock when the camera gives it.
    this.hasCaptureTime = meta.captureTime !== undefined;
    this.#shown = { seq: this.cameraFrames, captureMs: meta.captureTime ?? now };
    this.#sendShown();
    this.#snapshotIfDue();
    this.hooks.onCameraFrame(this.#latest, now);
  };

  /** While the worker is busy and its answer is due within SNAPSHOT_LEAD_MS, copies the shown frame. */
  #snapshotIfDue(): void {
    const shown = this.#shown;
    const snapshot = this.hooks.snapshot;
    if (snapshot === undefined || shown === null || this.#inFlightSinceMs === null) return;
    if (shown.seq <= this.#sentSeq || this.#snapshot?.seq === shown.seq) return;
    if (performance.now() - this.#inFlightSinceMs < this.#roundTripMs - SNAPSHOT_LEAD_MS) return;
    discard(this.#snapshot);
    this.#snapshot = {
      seq: shown.seq,
      captureMs: shown.captureMs,
      bitmap: snapshot(this.video).catch(() => null),
    };
  }

  /** Sends the frame the video shows to the worker, if the worker is idle and has not seen it. */
  #sendShown(): void {
    const shown = this.#shown;
    const client = this.client;
    if (!this.#running || shown === null || shown.seq <= this.#sentSeq) return;
    if (this.#sending || client.busy || client.deadReason !== null) return;
    this.#sending = true;
    this.#sentSeq = shown.seq;
    const sentAtMs = performance.now();
    this.#inFlightSinceMs = sentAtMs;
    // The frame copied ahead goes if it is the one shown; an older copy is dropped.
    const ahead = this.#snapshot?.seq === shown.seq ? this.#snapshot : null;
    if (ahead === null) discard(this.#snapshot);
    this.#snapshot = null;
    const estimate =
      ahead === null
        ? client.estimate(this.video, shown.captureMs)
        : ahead.bitmap.then((bitmap) =>
            bitmap === null
              ? client.estimate(this.video, shown.captureMs)
              : client.estimate(bitmap, shown.captureMs, {
                  width: this.video.videoWidth,
                  height: this.video.videoHeight,
                }),
          );
    estimate.then(
      (result) => {
        if (client !== this.client) return;
        this.#sending = false;
        if (result !== null) {
          this.#inFlightSinceMs = null;
          this.#roundTripMs = performance.now() - sentAtMs;
        }
        if (result === null || !this.#running) return;
        this.#latest = result.pose;
        this.hooks.onPose(result, shown.captureMs);
        this.#sendShown();
      },
      (e: unknown) => {
        if (client !== this.client) return;
        this.#sending = false;
        this.#inFlightSinceMs = null;
        if (this.#running) this.hooks.onWorkerError(e instanceof Error ? e : new Error(String(e)));
      },
    );
  }
}
