/**
 * A small ring of recent camera frames keyed by analysis time (tMs), so that when a rep ends — its
 * peak knee flexion already seconds in the past — the frame at that peak can still be kept. Generic
 * over the frame type (an ImageBitmap in the page; anything with `close()` in tests). Frames that
 * fall out of the ring are closed unless they were kept.
 */
export interface Closable {
  close(): void;
}

/**
 * Frames kept in the ring: ~8 s at the model's ~15–20 poses/s, longer than one slow rep (a 2 s
 * descent and 2 s ascent, Piva 2006's protocol pace). At 320 px wide a frame is ~0.2 MB, so ≤ 30 MB.
 */
export const FRAME_RING_SIZE = 150;

export class FrameRing<T extends Closable> {
  readonly #items: { tMs: number; frame: T }[] = [];
  readonly #kept = new Set<T>();

  constructor(private readonly size: number = FRAME_RING_SIZE) {}

  get length(): number {
    return this.#items.length;
  }

  push(tMs: number, frame: T): void {
    this.#items.push({ tMs, frame });
    while (this.#items.length > this.size) {
      const old = this.#items.shift();
      if (old !== undefined && !this.#kept.has(old.frame)) old.frame.close();
    }
  }

  /**
   * The frame nearest to `tMs` (within `maxGapMs`), marked as kept: it is no longer closed when it
   * leaves the ring, and the caller owns it. Null when the ring holds nothing that close.
   */
  keep(tMs: number, maxGapMs: number): T | null {
    let best: { tMs: number; frame: T } | null = null;
    for (const it of this.#items) {
      if (best === null || Math.abs(it.tMs - tMs) < Math.abs(best.tMs - tMs)) best = it;
    }
    if (best === null || Math.abs(best.tMs - tMs) > maxGapMs) return null;
    this.#kept.add(best.frame);
    return best.frame;
  }

  /** Closes every frame not kept and empties the ring. */
  clear(): void {
    for (const it of this.#items) if (!this.#kept.has(it.frame)) it.frame.close();
    this.#items.length = 0;
    this.#kept.clear();
  }
}
