/**
 * Whether an H.264 access unit is a reference picture, read from its NAL unit headers. A picture
 * with nal_ref_idc 0 in every slice is never used to predict another (ITU-T H.264, 7.4.1: "nal_ref_idc
 * equal to 0 … the NAL unit … is not used … for inter prediction"), so a decoder may pass it over
 * and every other picture decodes to the same pixels: what players do to keep up (FFmpeg's
 * `skip_frame nonref`). In the encodes that carry B-frames (x264 defaults, most exported and
 * downloaded clips) about half the pictures are such; the 30 fps fixtures have 47–49 %.
 *
 * Pure (no DOM): unit-tested in Node on hand-built access units.
 */

/** NAL unit types that carry a picture's slices (ITU-T H.264, table 7-1): non-IDR, partition A, IDR. */
const SLICE_NAL_TYPES: ReadonlySet<number> = new Set([1, 2, 5]);
/** The IDR picture's NAL unit type: always a reference. */
const IDR_NAL_TYPE = 5;

/**
 * Bytes of each NAL unit's length prefix, from an AVCDecoderConfigurationRecord (ISO/IEC 14496-15,
 * 5.3.3.1: lengthSizeMinusOne in the low 2 bits of its 5th byte). null when there is no record
 * (an Annex B stream, whose NAL units are found by start codes: not read here).
 */
export function avcLengthSize(description: Uint8Array | null): 1 | 2 | 4 | null {
  const b = description?.[4];
  if (b === undefined || description?.[0] !== 1) return null;
  const size = (b & 0b11) + 1;
  return size === 1 || size === 2 || size === 4 ? size : null;
}

/**
 * True when the access unit `data` (length-prefixed NAL units, `lengthSize` bytes each) has slices
 * and every one has nal_ref_idc 0. False for anything else, a malformed unit included: a unit not
 * understood is decoded.
 */
export function isAvcNonReference(data: Uint8Array, lengthSize: 1 | 2 | 4): boolean {
  let slices = 0;
  let at = 0;
  while (at + lengthSize < data.length) {
    let length = 0;
    for (let i = 0; i < lengthSize; i++) length = length * 256 + (data[at + i] ?? 0);
    at += lengthSize;
    if (length === 0 || at + length > data.length) return false;
    const header = data[at] ?? 0;
    const type = header & 0x1f;
    if (SLICE_NAL_TYPES.has(type)) {
      if (type === IDR_NAL_TYPE || ((header >> 5) & 0b11) !== 0) return false;
      slices++;
    }
    at += length;
  }
  return at === data.length && slices > 0;
}
