import { describe, expect, it } from 'vitest';
import { meanLuma } from '../../src/core/math/luma';

/** A `w` × `h` image of one colour, `channels` values a pixel (alpha 255). */
const solid = (w: number, h: number, rgb: [number, number, number], channels: 3 | 4) => {
  const data = new Uint8ClampedArray(w * h * channels);
  for (let i = 0; i < w * h; i++) {
    data.set(rgb, i * channels);
    if (channels === 4) data[i * channels + 3] = 255;
  }
  return { data, widthPx: w, heightPx: h, channels };
};

describe('meanLuma (Rec. 601)', () => {
  it('reads white as 255, black as 0 and a primary by its weight', () => {
    expect(meanLuma(solid(4, 3, [255, 255, 255], 3))).toBeCloseTo(255, 6);
    expect(meanLuma(solid(4, 3, [0, 0, 0], 4))).toBe(0);
    expect(meanLuma(solid(4, 3, [255, 0, 0], 4))).toBeCloseTo(0.299 * 255, 6);
    expect(meanLuma(solid(4, 3, [0, 0, 255], 3))).toBeCloseTo(0.114 * 255, 6);
  });
  it('gives RGB and RGBA of the same image the same value', () => {
    expect(meanLuma(solid(5, 5, [30, 60, 90], 3))).toBeCloseTo(
      meanLuma(solid(5, 5, [30, 60, 90], 4)) ?? -1,
      9,
    );
  });
  it('a sparse grid reads the mean of the pixels it samples: left half black, right half white', () => {
    const w = 16;
    const img = solid(w, 8, [0, 0, 0], 3);
    for (let y = 0; y < 8; y++)
      for (let x = w / 2; x < w; x++) img.data.set([255, 255, 255], (y * w + x) * 3);
    expect(meanLuma(img)).toBeCloseTo(127.5, 6);
    // Every 4th pixel: columns 0, 4 (black) and 8, 12 (white).
    expect(meanLuma(img, 4)).toBeCloseTo(127.5, 6);
  });
  it('is null for an empty image', () => {
    expect(meanLuma({ data: [], widthPx: 0, heightPx: 0, channels: 3 })).toBeNull();
  });
});
