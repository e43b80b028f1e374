/**
 * The live loop: every camera frame repaints the overlay with the newest pose (so the overlay keeps
 * the camera's rate even when the model is slower), and a frame goes to the pose worker only when
 * it is idle (one in flight; the rest are dropped, never queued). When a pose comes back and the
 * video already shows a frame the worker has not seen, that frame goes at once: waiting for the next
 * camera frame would idle the model for half a camera interval on average (~17 ms at 30 fps, a third
 * of BlazePose full's ~50 ms), which caps the pose rate well below the model's own.
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
  /** The frame the video shows now: its number (cameraFrames) and capture time, ms. */
  #shown: { seq: number; captureMs: number } | null = null;
  /** Number of the last frame sent to the worker. */
  #sentSeq = 0;
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
    this.#shown = { seq: this.cameraFrames, captureMs: meta.captureTime ?? now };
    this.#sendShown();
    this.hooks.onCameraFrame(this.#latest, now);
  };

  /** Sends the frame the video shows to the worker, if the worker is idle and has not seen it. */
  #sendShown(): void {
    const shown = this.#shown;
    const client = this.client;
    if (!this.#running || shown === null || shown.seq <= this.#sentSeq) return;
    if (client.busy || client.deadReason !== null) return;
    this.#sentSeq = shown.seq;
    this.#inFlightSinceMs = performance.now();
    client.estimate(this.video, shown.captureMs).then(
      (result) => {
        if (client !== this.client) return;
        if (result !== null) this.#inFlightSinceMs = null;
        if (result === null || !this.#running) return;
        this.#latest = result.pose;
        this.hooks.onPose(result, shown.captureMs);
        this.#sendShown();
      },
      (e: unknown) => {
        if (client !== this.client) return;
        this.#inFlightSinceMs = null;
        if (this.#running) this.hooks.onWorkerError(e instanceof Error ? e : new Error(String(e)));
      },
    );
  }
}
