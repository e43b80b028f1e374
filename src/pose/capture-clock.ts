/**
 * Maps a camera frame's VideoFrame.timestamp onto the page's performance.now() clock.
 *
 * In Chromium a camera frame's timestamp is its capture time on the system's monotonic clock,
 * counted from the machine's start, and requestVideoFrameCallback's `captureTime` is the same instant
 * counted from the page's time origin: the two differ by one constant. The page sees the camera's
 * frames through its <video> too, so each analysed frame is paired with the latest captureTime
 * before the worker took it, which is its own capture when the <video> showed it (the next frame is
 * captured a frame interval later, the worker takes a frame ~1 ms after capture here). The true
 * constant then recurs frame after frame (measured here: 79 of 89 frames within 0.5 ms); a frame
 * the <video> skipped pairs with an older capture and votes a frame interval off. Until the
 * constant is found, or where the browser gives no captureTime, the time the worker took the frame
 * stands in: later than the capture, so the latency counted from it is a little short (about 1 ms
 * here), never long. Pure: no DOM.
 */
import { pushBounded } from '../core';

/** Recent captureTimes kept for pairing, count: ~2 s of a 30 fps camera. */
const CAPTURES_KEPT = 64;
/** Width of the bins candidate offsets are counted in, ms: captureTime is coarsened to 0.1 ms. */
const OFFSET_BIN_MS = 0.5;
/** Analysed frames whose pairings must agree (within a bin either side) before an offset is used. */
const VOTES_TO_TRUST = 5;
/**
 * How far the worker's and the page's clocks may disagree, ms (both count from their own time
 * origin): a capture up to this much after the worker's receipt still pairs. Well under a 30 fps
 * frame interval (33 ms), so the next frame's capture never does.
 */
const CLOCK_SLACK_MS = 5;
/** Candidate bins kept before the count starts over (bounded memory if nothing ever agrees). */
const MAX_BINS = 4096;

export class CaptureClock {
  readonly #captures: number[] = [];
  readonly #votes = new Map<number, number>();
  /** timestamp − page time, ms, once trusted. */
  #offsetMs: number | null = null;

  /** True once frame timestamps are mapped through the paired offset. */
  get paired(): boolean {
    return this.#offsetMs !== null;
  }

  /** A camera frame's captureTime, page clock (requestVideoFrameCallback metadata). */
  addCapture(captureMs: number): void {
    pushBounded(this.#captures, captureMs, CAPTURES_KEPT);
  }

  /**
   * Page time of the capture of the frame stamped `timestampMs`; `receivedMs` (page clock) is when
   * the worker took it, the stand-in until the offset is known, and an upper bound always.
   */
  captureMsOf(timestampMs: number, receivedMs: number): number {
    if (this.#offsetMs === null) this.#vote(timestampMs, receivedMs);
    return this.#offsetMs === null ? receivedMs : timestampMs - this.#offsetMs;
  }

  #vote(timestampMs: number, receivedMs: number): void {
    let paired: number | null = null;
    for (const captureMs of this.#captures)
      if (captureMs <= receivedMs + CLOCK_SLACK_MS && (paired === null || captureMs > paired))
        paired = captureMs;
    if (paired === null) return;
    if (this.#votes.size > MAX_BINS) this.#votes.clear();
    const offsetMs = timestampMs - paired;
    const bin = Math.round(offsetMs / OFFSET_BIN_MS);
    this.#votes.set(bin, (this.#votes.get(bin) ?? 0) + 1);
    const near =
      (this.#votes.get(bin - 1) ?? 0) + (this.#votes.get(bin) ?? 0) + (this.#votes.get(bin + 1) ?? 0);
    if (near >= VOTES_TO_TRUST) this.#offsetMs = offsetMs;
  }
}
