import { KEYPOINT_NAMES, type Keypoint, type KeypointName, type Keypoints } from './keypoints';
import {
  ONE_EURO_BETA,
  ONE_EURO_D_CUTOFF_HZ,
  ONE_EURO_MIN_CUTOFF_HZ,
  SMOOTHING_RESET_GAP_MS,
} from '../thresholds';
import { px } from '../math/units';

export interface OneEuroParams {
  /** Minimum cutoff frequency, Hz. */
  readonly minCutoffHz: number;
  /** Cutoff increase per unit of speed (Hz per speed-unit/s; see `filter`'s `speedUnit`). */
  readonly beta: number;
  /** Cutoff of the derivative's low-pass, Hz. */
  readonly dCutoffHz: number;
}

export const DEFAULT_ONE_EURO: OneEuroParams = {
  minCutoffHz: ONE_EURO_MIN_CUTOFF_HZ,
  beta: ONE_EURO_BETA,
  dCutoffHz: ONE_EURO_D_CUTOFF_HZ,
};

const alphaFor = (cutoffHz: number, dtS: number): number => {
  const tau = 1 / (2 * Math.PI * cutoffHz);
  return 1 / (1 + tau / dtS);
};

/**
 * The One Euro filter (Casiez, Roussel & Vogel 2012): a low-pass whose cutoff rises with speed, so it
 * removes jitter at rest without lagging fast motion. Time-based: the caller passes each sample's
 * timestamp, so an irregular or dropped frame rate changes nothing but the step.
 */
export class OneEuroFilter {
  private x: number | null = null;
  private dx = 0;
  private lastTMs = 0;

  constructor(private readonly params: OneEuroParams = DEFAULT_ONE_EURO) {}

  /**
   * @param speedUnit the unit speeds are measured in for the cutoff (e.g. the person's size in px), so
   *   that the filter behaves the same at any resolution or distance. Values themselves stay in their
   *   own unit, which keeps the filter exactly equivariant to translation and scaling.
   */
  filter(value: number, tMs: number, speedUnit = 1): number {
    if (this.x === null || tMs <= this.lastTMs) {
      // First sample, or a repeated/out-of-order timestamp: nothing to integrate over.
      if (this.x === null) {
        this.x = value;
        this.dx = 0;
        this.lastTMs = tMs;
      }
      return this.x;
    }
    const dtS = (tMs - this.lastTMs) / 1000;
    this.lastTMs = tMs;
    const rawDx = (value - this.x) / dtS;
    this.dx += alphaFor(this.params.dCutoffHz, dtS) * (rawDx - this.dx);
    const cutoff = this.params.minCutoffHz + (this.params.beta * Math.abs(this.dx)) / speedUnit;
    this.x += alphaFor(cutoff, dtS) * (value - this.x);
    return this.x;
  }

  reset(): void {
    this.x = null;
    this.dx = 0;
  }
}

interface PointFilter {
  readonly fx: OneEuroFilter;
  readonly fy: OneEuroFilter;
  lastTMs: number;
}

/**
 * Smooths every keypoint of a pose independently with a One Euro filter on x and y, in pixels. Speeds
 * for the cutoff are measured in units of the caller's body scale (px), so the filter neither depends
 * on the video's resolution nor on where the person stands: translating or scaling the whole track
 * translates or scales the output exactly. The score passes through unsmoothed: gating decides on the
 * model's own confidence of this frame.
 */
export class KeypointSmoother {
  private readonly filters = new Map<KeypointName, PointFilter>();

  constructor(private readonly params: OneEuroParams = DEFAULT_ONE_EURO) {}

  smooth(keypoints: Keypoints, tMs: number, scalePx: number): Keypoints {
    const out: Partial<Record<KeypointName, Keypoint>> = {};
    const unit = scalePx > 0 ? scalePx : 1;
    for (const name of KEYPOINT_NAMES) {
      const k = keypoints[name];
      if (k === undefined) continue;
      let f = this.filters.get(name);
      if (f === undefined || tMs - f.lastTMs > SMOOTHING_RESET_GAP_MS) {
        f = { fx: new OneEuroFilter(this.params), fy: new OneEuroFilter(this.params), lastTMs: tMs };
        this.filters.set(name, f);
      }
      f.lastTMs = tMs;
      out[name] = {
        xPx: px(f.fx.filter(k.xPx, tMs, unit)),
        yPx: px(f.fy.filter(k.yPx, tMs, unit)),
        score: k.score,
      };
    }
    return out;
  }

  reset(): void {
    this.filters.clear();
  }
}
