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

/** What the live screen drives, whichever thread reads the camera's frames. */
export interface LiveLoop {
  readonly latest: PoseFrame | null;
  readonly running: boolean;
  /** Camera frames seen (video frame callbacks). */
  readonly cameraFrames: number;
  /** True when the browser gave the camera's capture time (else the callback time stands in). */
  readonly hasCaptureTime: boolean;
  /** How long the worker has gone without answering, ms (0 when idle): a hang detector. */
  inFlightForMs(nowMs: number): number;
  /**
   * The camera image's mean luma (0–255) as the loop last measured it, if recent at `nowMs`; null
   * when the loop measures none, and the page then measures it itself (src/media/luminance.ts).
   */
  cameraLuma(nowMs: number): number | null;
  /** Swap in a new client (e.g. after the worker was restarted); the loop keeps running. */
  setClient(client: PoseClient): void;
  start(): void;
  stop(): void;
}

/**
 * What both loops share: the camera's frames as the page's <video> shows them (frame callbacks),
 * each repainting the overlay with the newest pose after the loop's own step (`onCameraFrame`).
 */
export abstract class VideoFrameLoop implements LiveLoop {
  protected isRunning = false;
  protected newest: PoseFrame | null = null;
  #handle = 0;
  cameraFrames = 0;
  hasCaptureTime = false;

  constructor(
    protected readonly video: HTMLVideoElement,
    protected client: PoseClient,
    protected readonly hooks: PoseLoopHooks,
  ) {}

  get latest(): PoseFrame | null {
    return this.newest;
  }

  get running(): boolean {
    return this.isRunning;
  }

  abstract inFlightForMs(nowMs: number): number;
  abstract setClient(client: PoseClient): void;

  cameraLuma(_nowMs: number): number | null {
    return null;
  }
  /** The loop's step for a camera frame captured at `captureMs` (page clock), before the repaint. */
  protected abstract onCameraFrame(captureMs: number, hasCaptureTime: boolean): void;
  /** After start (running) and stop (stopped). */
  protected abstract onRunning(running: boolean): void;
  /**
   * Whether the loop still needs the <video>'s frame callbacks. Each one makes the page render a
   * frame on its main thread at the camera's rate, which a loop that gets its frames elsewhere can
   * spare the 2 cores; the overlay is then repainted when poses arrive.
   */
  protected wantsCameraFrames(): boolean {
    return true;
  }

  start(): void {
    if (this.isRunning) return;
    this.isRunning = true;
    this.#handle = this.video.requestVideoFrameCallback(this.#onFrame);
    this.onRunning(true);
  }

  stop(): void {
    this.isRunning = false;
    this.video.cancelVideoFrameCallback(this.#handle);
    this.onRunning(false);
  }

  #onFrame = (now: number, meta: VideoFrameCallbackMetadata): void => {
    if (!this.isRunning) return;
    this.cameraFrames++;
    // Capture time in the page's performance.now() clock when the camera gives it.
    this.hasCaptureTime = meta.captureTime !== undefined;
    this.onCameraFrame(meta.captureTime ?? now, this.hasCaptureTime);
    if (this.wantsCameraFrames()) this.#handle = this.video.requestVideoFrameCallback(this.#onFrame);
    this.hooks.onCameraFrame(this.newest, now);
  };
}

/** The page reads each camera frame and sends it to the worker (the fallback path). */
export class PoseLoop extends VideoFrameLoop {
  /** performance.now() when the frame now with the worker was sent, or null when idle. */
  #inFlightSinceMs: number | null = null;

  /** How long the frame now with the worker has been there, ms (0 when idle): a hang detector. */
  inFlightForMs(nowMs: number): number {
    return this.#inFlightSinceMs === null ? 0 : nowMs - this.#inFlightSinceMs;
  }

  /** Swap in a new client (e.g. after the worker was restarted); the loop keeps running. */
  setClient(client: PoseClient): void {
    this.client = client;
    this.#inFlightSinceMs = null;
  }

  protected onRunning(running: boolean): void {
    if (!running) this.#inFlightSinceMs = null;
  }

  protected onCameraFrame(captureMs: number): void {
    if (this.client.busy || this.client.deadReason !== null) return;
    const client = this.client;
    this.#inFlightSinceMs = performance.now();
    client.estimate(this.video, captureMs).then(
      (result) => {
        if (client !== this.client) return;
        if (result !== null) this.#inFlightSinceMs = null;
        if (result === null || !this.isRunning) return;
        this.newest = result.pose;
        this.hooks.onPose(result, captureMs);
      },
      (e: unknown) => {
        if (client !== this.client) return;
        this.#inFlightSinceMs = null;
        if (this.isRunning) this.hooks.onWorkerError(e instanceof Error ? e : new Error(String(e)));
      },
    );
  }
}
