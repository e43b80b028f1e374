/**
 * Words for how a video file was decoded, and for why it could not be: pure, so the screen, the
 * record and the tests share them.
 */
import type { VideoFileProbe } from '../../pose/client';
import type { FileDecodeThread } from '../../pose/contract';

/**
 * 'webcodecs': decoded with WebCodecs for the pose worker (in a decode worker, or in its own thread
 * where none starts); 'video-element': played in a <video> (the fallback).
 */
export type DecodePath = 'webcodecs' | 'video-element';

/** Where a WebCodecs decode ran, in words ("decoded in …"). */
export const DECODE_THREAD_WORDS: Record<FileDecodeThread, string> = {
  'decode-worker': 'a decode worker',
  'pose-worker': 'the pose worker',
};

/** What the screen and the record say about the path. */
export const DECODE_PATH_LABELS: Record<DecodePath, string> = {
  webcodecs: 'decoded with WebCodecs',
  'video-element': 'played in a video element',
};

/**
 * Codec families as people know them (mediabunny's codec ids → names). The codec string is not
 * shown: mediabunny writes every HEVC stream as "hev1.…", even one a file tags "hvc1".
 */
const CODEC_NAMES: Readonly<Record<string, string>> = {
  avc: 'H.264 (AVC)',
  hevc: 'HEVC (H.265)',
  vp8: 'VP8',
  vp9: 'VP9',
  av1: 'AV1',
};

/** Containers as people know them (mediabunny's format names → name, with its article). */
const CONTAINER_NAMES: Readonly<Record<string, readonly [string, string]>> = {
  MP4: ['MP4', 'an'],
  'QuickTime File Format': ['QuickTime (.mov)', 'a'],
  WebM: ['WebM', 'a'],
  Matroska: ['Matroska (.mkv)', 'a'],
  'MPEG Transport Stream': ['MPEG transport stream', 'an'],
};

/**
 * "HEVC (H.265) video in an MP4 container cannot be decoded by this browser." — for a file whose
 * container was read but whose first video stream neither WebCodecs nor a <video> could decode.
 */
export function undecodableMessage(probe: VideoFileProbe): string {
  const [container, article] = CONTAINER_NAMES[probe.container] ?? [
    probe.container,
    /^[aeiou]/i.test(probe.container) ? 'an' : 'a',
  ];
  if (probe.codec === null && probe.codecString === null)
    return probe.videoStreams === 0
      ? `This ${container} file has no video stream.`
      : `The video in this ${container} file uses a codec that cannot be decoded by this browser.`;
  const codec = probe.codec ?? probe.codecString?.split('.')[0] ?? 'unknown';
  const name = CODEC_NAMES[codec] ?? codec;
  return `${name} video in ${article} ${container} container cannot be decoded by this browser.`;
}

/** A decoder that stopped part-way, in the same words as the <video> path's error. */
export const partWayDecodeMessage = (detail: string): string =>
  `The video stopped decoding: the file is corrupt or uses an unsupported encoding (${detail}).`;
