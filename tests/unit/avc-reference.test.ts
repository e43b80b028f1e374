import { describe, expect, it } from 'vitest';
import { avcLengthSize, isAvcNonReference } from '../../src/pose/worker/avc-reference';

/**
 * An access unit of NAL units, each given by its header byte (forbidden_zero_bit 0, nal_ref_idc,
 * nal_unit_type) and a few payload bytes, with `lengthSize`-byte big-endian length prefixes.
 */
function accessUnit(headers: readonly number[], lengthSize: 1 | 2 | 4 = 4): Uint8Array {
  const bytes: number[] = [];
  for (const h of headers) {
    const nal = [h, 0x88, 0x84, 0x21];
    for (let i = lengthSize - 1; i >= 0; i--) bytes.push((nal.length >> (8 * i)) & 0xff);
    bytes.push(...nal);
  }
  return new Uint8Array(bytes);
}

/** A NAL header byte: nal_ref_idc (0–3) and nal_unit_type. */
const nal = (refIdc: number, type: number): number => (refIdc << 5) | type;

describe('isAvcNonReference (H.264 nal_ref_idc)', () => {
  it('a B-slice picture with nal_ref_idc 0 is not a reference', () => {
    expect(isAvcNonReference(accessUnit([nal(0, 1)]), 4)).toBe(true);
  });

  it('is a reference when any slice has nal_ref_idc > 0', () => {
    expect(isAvcNonReference(accessUnit([nal(2, 1)]), 4)).toBe(false);
    expect(isAvcNonReference(accessUnit([nal(0, 1), nal(1, 1)]), 4)).toBe(false);
  });

  it('an IDR picture is a reference', () => {
    expect(isAvcNonReference(accessUnit([nal(3, 7), nal(3, 8), nal(3, 5)]), 4)).toBe(false);
  });

  it('reads past SEI and access unit delimiters to the slices', () => {
    // AUD (9) and SEI (6) carry nal_ref_idc 0 whatever the picture is; only slices decide.
    expect(isAvcNonReference(accessUnit([nal(0, 9), nal(0, 6), nal(0, 1), nal(0, 1)]), 4)).toBe(true);
    expect(isAvcNonReference(accessUnit([nal(0, 9), nal(0, 6), nal(2, 1)]), 4)).toBe(false);
  });

  it('with 1- and 2-byte length prefixes', () => {
    expect(isAvcNonReference(accessUnit([nal(0, 1)], 1), 1)).toBe(true);
    expect(isAvcNonReference(accessUnit([nal(0, 6), nal(0, 1)], 2), 2)).toBe(true);
    expect(isAvcNonReference(accessUnit([nal(2, 1)], 2), 2)).toBe(false);
  });

  it('decodes what it cannot read: no slice, a length past the end, a zero length, a wrong prefix size', () => {
    expect(isAvcNonReference(accessUnit([nal(0, 6)]), 4)).toBe(false);
    expect(isAvcNonReference(accessUnit([nal(0, 1)]).subarray(0, 6), 4)).toBe(false);
    expect(isAvcNonReference(new Uint8Array([0, 0, 0, 0, 1, 2]), 4)).toBe(false);
    // A 4-byte-prefixed unit read with 2-byte prefixes: the lengths do not add up.
    expect(isAvcNonReference(accessUnit([nal(0, 1)], 4), 2)).toBe(false);
    expect(isAvcNonReference(new Uint8Array(0), 4)).toBe(false);
  });
});

describe('avcLengthSize (AVCDecoderConfigurationRecord)', () => {
  it('reads lengthSizeMinusOne from the 5th byte', () => {
    expect(avcLengthSize(new Uint8Array([1, 0x64, 0, 0x1f, 0xff, 0xe1]))).toBe(4);
    expect(avcLengthSize(new Uint8Array([1, 0x64, 0, 0x1f, 0xfd, 0xe1]))).toBe(2);
    expect(avcLengthSize(new Uint8Array([1, 0x64, 0, 0x1f, 0xfc, 0xe1]))).toBe(1);
  });

  it('null without a record (Annex B), with a wrong version, or with the reserved size 3', () => {
    expect(avcLengthSize(null)).toBeNull();
    expect(avcLengthSize(new Uint8Array([0, 0, 0, 1, 0x67]))).toBeNull();
    expect(avcLengthSize(new Uint8Array([1, 0x64, 0, 0x1f, 0xfe, 0xe1]))).toBeNull();
    expect(avcLengthSize(new Uint8Array([1, 0x64]))).toBeNull();
  });
});
