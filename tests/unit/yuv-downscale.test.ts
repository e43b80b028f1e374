import { describe, expect, it } from 'vitest';
import {
  downscaleYuvToRgb,
  rotateRgb,
  yuvMatrixOf,
  type ConversionBuffers,
  type YuvImage,
} from '../../src/pose/worker/yuv-downscale';

/** An I420 frame whose luma is `luma(x, y)` and whose chroma is constant (u, v). */
function i420(
  widthPx: number,
  heightPx: number,
  luma: (x: number, y: number) => number,
  u: number,
  v: number,
): YuvImage {
  const ySize = widthPx * heightPx;
  const cSize = (widthPx / 2) * (heightPx / 2);
  const data = new Uint8Array(ySize + 2 * cSize);
  for (let y = 0; y < heightPx; y++) for (let x = 0; x < widthPx; x++) data[y * widthPx + x] = luma(x, y);
  data.fill(u, ySize, ySize + cSize);
  data.fill(v, ySize + cSize);
  return {
    format: 'I420',
    widthPx,
    heightPx,
    data,
    planes: [
      { offset: 0, stride: widthPx },
      { offset: ySize, stride: widthPx / 2 },
      { offset: ySize + cSize, stride: widthPx / 2 },
    ],
    matrix: 'bt601',
    fullRange: false,
  };
}

const pixel = (img: { rgb: Int32Array; width: number }, x: number, y: number): number[] =>
  Array.from(img.rgb.slice((y * img.width + x) * 3, (y * img.width + x) * 3 + 3));

describe('downscaleYuvToRgb', () => {
  it('limited-range grey and BT.601 red come out as RGB', () => {
    expect(
      pixel(
        downscaleYuvToRgb(
          i420(12, 6, () => 126, 128, 128),
          4,
          2,
        ),
        1,
        1,
      ),
    ).toEqual([128, 128, 128]);
    // BT.601 limited red: Y 81, U 90, V 240.
    const [r = 0, g = 0, b = 0] = pixel(
      downscaleYuvToRgb(
        i420(4, 4, () => 81, 90, 240),
        2,
        2,
      ),
      0,
      0,
    );
    expect(r).toBeGreaterThanOrEqual(253);
    expect(g).toBeLessThanOrEqual(2);
    expect(b).toBeLessThanOrEqual(2);
  });

  it('averages each output pixel over its box: a 2× downscale of 1-px stripes is flat grey', () => {
    // Alternating columns 16 / 235 (black / white): a point sampler would give black or white.
    const img = downscaleYuvToRgb(
      i420(24, 8, (x) => (x % 2 === 0 ? 16 : 235), 128, 128),
      12,
      4,
    );
    const greys = Array.from({ length: 12 }, (_, x) => pixel(img, x, 2)[0] ?? 0);
    expect(Math.max(...greys) - Math.min(...greys)).toBeLessThanOrEqual(1);
    expect(greys[0]).toBeGreaterThan(100);
    expect(greys[0]).toBeLessThan(155);
  });

  it('NV12 gives the same pixels as I420', () => {
    const planar = i420(8, 4, (x, y) => 40 + 10 * x + 3 * y, 100, 170);
    const ySize = 32;
    const data = new Uint8Array(ySize + 16);
    data.set(planar.data.subarray(0, ySize));
    for (let i = 0; i < 8; i++) data.set([100, 170], ySize + 2 * i);
    const nv12: YuvImage = {
      ...planar,
      format: 'NV12',
      data,
      planes: [planar.planes[0] ?? { offset: 0, stride: 8 }, { offset: ySize, stride: 8 }],
    };
    expect(downscaleYuvToRgb(nv12, 4, 2).rgb).toEqual(downscaleYuvToRgb(planar, 4, 2).rgb);
  });

  it('rotates clockwise: the top-left corner goes to the top-right for 90°', () => {
    // A bright top-left quarter on a dark frame, 8×4 → rotated 4×8.
    const img = downscaleYuvToRgb(
      i420(8, 4, (x, y) => (x < 2 && y < 2 ? 235 : 16), 128, 128),
      8,
      4,
      90,
    );
    expect([img.width, img.height]).toEqual([4, 8]);
    expect(pixel(img, 3, 0)[0]).toBe(255);
    expect(pixel(img, 0, 0)[0]).toBe(0);
    const back = rotateRgb(rotateRgb(rotateRgb(img, 90), 90), 90);
    expect(back.rgb).toEqual(
      downscaleYuvToRgb(
        i420(8, 4, (x, y) => (x < 2 && y < 2 ? 235 : 16), 128, 128),
        8,
        4,
      ).rgb,
    );
  });

  it('kept buffers are refilled, not reallocated, and give what fresh arrays give', () => {
    const buffers: ConversionBuffers = {};
    const first = i420(8, 4, (x, y) => 20 + 20 * x + 5 * y, 100, 170);
    const second = i420(8, 4, (x, y) => 200 - 15 * x - 7 * y, 140, 90);
    for (const rotation of [0, 90] as const) {
      const a = downscaleYuvToRgb(first, 8, 4, rotation, buffers);
      const aPixels = Array.from(a.rgb);
      const b = downscaleYuvToRgb(second, 8, 4, rotation, buffers);
      // The same arrays, now holding the second frame: the first image is overwritten by design.
      expect(b.rgb).toBe(a.rgb);
      expect(b.rgb).toBe(rotation === 0 ? buffers.rgb : buffers.rotated);
      expect(Array.from(b.rgb)).toEqual(Array.from(downscaleYuvToRgb(second, 8, 4, rotation).rgb));
      expect(Array.from(a.rgb)).not.toEqual(aPixels);
    }
    // Another output size gets arrays of its own size.
    const small = downscaleYuvToRgb(first, 4, 2, 0, buffers);
    expect(small.rgb.length).toBe(4 * 2 * 3);
    expect(Array.from(small.rgb)).toEqual(Array.from(downscaleYuvToRgb(first, 4, 2).rgb));
  });

  it('an unspecified colour matrix is BT.601 for SD and BT.709 for HD', () => {
    expect(yuvMatrixOf(null, 480)).toBe('bt601');
    expect(yuvMatrixOf(undefined, 1080)).toBe('bt709');
    expect(yuvMatrixOf('smpte170m', 1080)).toBe('bt601');
    expect(yuvMatrixOf('bt709', 360)).toBe('bt709');
  });
});
