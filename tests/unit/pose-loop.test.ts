/**
 * The live pose loop with a fake video (frame callbacks fired by hand) and a fake pose client whose
 * answers the test releases: one frame in flight, the rest dropped, and after a pose comes back the
 * next camera frame (a fresh capture) goes, not the older one shown while the worker was busy.
 */
import { describe, expect, it } from 'vitest';
import { PoseLoop } from '../../src/pose/pose-loop';
import type { EstimateResult, PoseClient } from '../../src/pose/client';

class FakeVideo {
  #callbacks = new Map<number, VideoFrameRequestCallback>();
  #next = 1;
  requestVideoFrameCallback(cb: VideoFrameRequestCallback): number {
    this.#callbacks.set(this.#next, cb);
    return this.#next++;
  }
  cancelVideoFrameCallback(handle: number): void {
    this.#callbacks.delete(handle);
  }
  /** A new camera frame captured at `captureMs`. */
  frame(captureMs: number): void {
    const pending = [...this.#callbacks.values()];
    this.#callbacks.clear();
    for (const cb of pending) cb(captureMs + 5, { captureTime: captureMs } as VideoFrameCallbackMetadata);
  }
}

class FakeClient {
  busy = false;
  deadReason: Error | null = null;
  sent: number[] = [];
  #release: (() => void) | null = null;
  estimate(_source: unknown, tMs: number): Promise<EstimateResult | null> {
    if (this.busy) return Promise.resolve(null);
    this.busy = true;
    this.sent.push(tMs);
    return new Promise((resolve) => {
      this.#release = () => {
        this.busy = false;
        resolve({ pose: { tMs, keypoints: {} } as unknown as EstimateResult['pose'], inferenceMs: 40 });
      };
    });
  }
  /** The worker answers the frame in flight. */
  async answer(): Promise<void> {
    const release = this.#release;
    this.#release = null;
    release?.();
    // Let the loop's promise callbacks run.
    await new Promise((r) => setTimeout(r, 0));
  }
}

function setUp(): { video: FakeVideo; client: FakeClient; poses: number[]; loop: PoseLoop } {
  const video = new FakeVideo();
  const client = new FakeClient();
  const poses: number[] = [];
  const loop = new PoseLoop(video as unknown as HTMLVideoElement, client as unknown as PoseClient, {
    onPose: (_r, captureMs) => poses.push(captureMs),
    onCameraFrame: () => undefined,
    onWorkerError: () => undefined,
  });
  loop.start();
  return { video, client, poses, loop };
}

describe('PoseLoop', () => {
  it('keeps one frame in flight and drops camera frames while the worker is busy', () => {
    const { video, client } = setUp();
    video.frame(0);
    video.frame(33);
    video.frame(67);
    expect(client.sent).toEqual([0]);
  });

  it('after a pose comes back, sends the next camera frame, not the one shown while busy', async () => {
    const { video, client, poses } = setUp();
    video.frame(0);
    video.frame(33);
    video.frame(67);
    await client.answer();
    expect(poses).toEqual([0]);
    // The frame captured at 67 ms, shown while the worker was busy, is already old: nothing goes yet.
    expect(client.sent).toEqual([0]);
    video.frame(100);
    expect(client.sent).toEqual([0, 100]);
  });

  it('sends nothing after stop', async () => {
    const { video, client, loop, poses } = setUp();
    video.frame(0);
    video.frame(33);
    loop.stop();
    await client.answer();
    video.frame(67);
    expect(poses).toEqual([]);
    expect(client.sent).toEqual([0]);
  });
});
