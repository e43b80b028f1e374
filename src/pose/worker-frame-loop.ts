/**
 * The live loop where the worker reads the camera itself: the page makes a MediaStreamTrackProcessor
 * on a clone of the camera track and transfers its stream of VideoFrames to the pose worker
 * (src/pose/worker/live-frames.ts), which analyses the newest frame as soon as the last one is done.
 * The page only receives poses, and repaints the overlay on its own <video>'s frame callbacks as the
 * page path does. Where the browser lacks the processor on the page or cannot transfer streams,
 * `workerFramesSupported()` is false and the page path (pose-loop.ts) runs instead.
 */
import type { LivePose, PoseClient } from './client';
import { CaptureClock } from './capture-clock';
import { VideoFrameLoop, type PoseLoopHooks } from './pose-loop';

type TrackProcessorClass = new (init: { track: MediaStreamTrack }) => {
  readable: ReadableStream<VideoFrame>;
};

const trackProcessor = (): TrackProcessorClass | undefined =>
  (globalThis as { MediaStreamTrackProcessor?: TrackProcessorClass }).MediaStreamTrackProcessor;

/** The browser has MediaStreamTrackProcessor on the page and can transfer a ReadableStream. */
export function workerFramesSupported(): boolean {
  if (trackProcessor() === undefined || typeof ReadableStream === 'undefined') return false;
  try {
    const probe = new ReadableStream();
    structuredClone(probe, { transfer: [probe] });
    return true;
  } catch {
    return false;
  }
}

/**
 * Age past which the worker's last luma no longer stands for the camera image, ms: two of the live
 * screen's 500 ms housekeeping ticks without a pose mean the worker is stalled, and the page then
 * measures the image itself.
 */
export const WORKER_LUMA_MAX_AGE_MS = 1000;

export class WorkerFrameLoop extends VideoFrameLoop {
  /** The last pose's frame luma and when it arrived (performance.now()), null before one. */
  #luma: { value: number; atMs: number } | null = null;
  /** The clone of the camera track whose frames the worker reads, while it reads them. */
  #clone: MediaStreamTrack | null = null;
  /** performance.now() when the worker last answered (or was handed the frames), null when idle. */
  #waitingSinceMs: number | null = null;
  readonly #clock = new CaptureClock();
  /**
   * The worker's current liveFrames call, settled once its frames have ended. Stopping is a message
   * the worker answers after the model call it is in, so a loop resumed at once (a page shown again)
   * waits for it: the client takes one such call at a time.
   */
  #session: Promise<void> = Promise.resolve();

  constructor(
    video: HTMLVideoElement,
    private readonly track: MediaStreamTrack,
    client: PoseClient,
    hooks: PoseLoopHooks,
  ) {
    super(video, client, hooks);
  }

  inFlightForMs(nowMs: number): number {
    return this.#waitingSinceMs === null ? 0 : nowMs - this.#waitingSinceMs;
  }

  override cameraLuma(nowMs: number): number | null {
    return this.#luma !== null && nowMs - this.#luma.atMs <= WORKER_LUMA_MAX_AGE_MS ? this.#luma.value : null;
  }

  setClient(client: PoseClient): void {
    this.#closeFrames();
    this.client = client;
    if (this.isRunning) this.#openFrames();
  }

  protected onRunning(running: boolean): void {
    if (running) this.#openFrames();
    else this.#closeFrames();
  }

  protected onCameraFrame(captureMs: number, hasCaptureTime: boolean): void {
    if (hasCaptureTime) this.#clock.addCapture(captureMs);
  }

  /** The frame callbacks serve only to pair the capture clock (the worker reads the frames). */
  protected override wantsCameraFrames(): boolean {
    return !this.#clock.paired;
  }

  /** Hands a fresh stream of the camera's frames to the current worker. */
  #openFrames(): void {
    const Processor = trackProcessor();
    if (Processor === undefined || this.client.deadReason !== null) return;
    // A clone: ending the worker's stream ends the clone, never the camera the screen shows.
    const clone = this.track.clone();
    this.#clone = clone;
    const client = this.client;
    this.#waitingSinceMs = performance.now();
    const current = (): boolean => client === this.client && clone === this.#clone;
    // The previous call's outcome was handled when it settled; this one starts only if still wanted.
    this.#session = this.#session
      .then(() =>
        current()
          ? client.liveFrames(new Processor({ track: clone }).readable, (p) => {
              if (client === this.client && this.isRunning) this.#onPose(p);
            })
          : undefined,
      )
      .then(
        () => undefined,
        (e: unknown) => {
          if (!current()) return;
          this.#waitingSinceMs = null;
          if (this.isRunning) this.hooks.onWorkerError(e instanceof Error ? e : new Error(String(e)));
        },
      );
  }

  #closeFrames(): void {
    this.#waitingSinceMs = null;
    if (this.#clone === null) return;
    this.#clone.stop();
    this.#clone = null;
    if (this.client.deadReason === null) this.client.stopLiveFrames().catch(() => undefined);
  }

  #onPose(p: LivePose): void {
    this.#waitingSinceMs = performance.now();
    if (p.lumaMean !== null) this.#luma = { value: p.lumaMean, atMs: this.#waitingSinceMs };
    this.newest = p.pose;
    const captureMs = this.#clock.captureMsOf(p.frameTimestampMs, p.receivedEpochMs - performance.timeOrigin);
    this.hooks.onPose(p, captureMs);
  }
}
