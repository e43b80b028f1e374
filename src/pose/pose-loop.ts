/**
 * The live loop: every camera frame repaints the overlay with the newest pose (so the overlay keeps
 * the camera's rate even when the model is slower), and a frame goes to the pose worker only when
 * it is idle (one in flight; the rest are dropped, never queued). When a pose comes back, the loop
 * waits for the next camera frame rather than sending the one already shown: that one was captured up
 * to a frame interval (33 ms at 30 fps) earlier, and sending it at once measured 35 / 56 ms (p50 /
 * p95) from capture to overlay beyond the model's own time, against 20 / 31 ms waiting
 * (docs/benchmarks.md, bench:live) — past the 40 ms budget for ~0.1 more of the model-bound rate.
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
}

export class PoseLoop {
  #running = false;
  #latest: PoseFrame | null = null;
  #handle = 0;
  /** performance.now() when the frame now with the worker was sent, or null when idle. */
  #inFlightSinceMs: number | null = null;
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
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#handle = this.video.requestVideoFrameCallback(this.#onFrame);
  }

  stop(): void {
    this.#running = false;
    this.#inFlightSinceMs = null;
    this.video.cancelVideoFrameCallback(this.#handle);
  }

  #onFrame = (now: number, meta: VideoFrameCallbackMetadata): void => {
    if (!this.#running) return;
    this.#handle = this.video.requestVideoFrameCallback(this.#onFrame);
    this.cameraFrames++;
    // Capture time in the page's performance.now() clock when the camera gives it.
    this.hasCaptureTime = meta.captureTime !== undefined;
    const captureMs = meta.captureTime ?? now;
    if (!this.client.busy && this.client.deadReason === null) {
      const client = this.client;
      this.#inFlightSinceMs = performance.now();
      client.estimate(this.video, captureMs).then(
        (result) => {
          if (client !== this.client) return;
          if (result !== null) this.#inFlightSinceMs = null;
          if (result === null || !this.#running) return;
          this.#latest = result.pose;
          this.hooks.onPose(result, captureMs);
        },
        (e: unknown) => {
          if (client !== this.client) return;
          this.#inFlightSinceMs = null;
          if (this.#running) this.hooks.onWorkerError(e instanceof Error ? e : new Error(String(e)));
        },
      );
    }
    this.hooks.onCameraFrame(this.#latest, now);
  };
}
