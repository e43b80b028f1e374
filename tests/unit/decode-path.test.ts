import { describe, expect, it } from 'vitest';
import {
  DECODE_PATH_LABELS,
  partWayDecodeMessage,
  undecodableMessage,
} from '../../src/features/file/decode-path';

describe('decode path words', () => {
  it('names codec and container of a file nothing here can decode', () => {
    expect(
      undecodableMessage({
        container: 'MP4',
        codec: 'hevc',
        codecString: 'hev1.1.6.L93.B0',
        videoStreams: 1,
      }),
    ).toBe('HEVC (H.265) video in an MP4 container cannot be decoded by this browser.');
    expect(
      undecodableMessage({
        container: 'QuickTime File Format',
        codec: 'av1',
        codecString: 'av01.0.08M.08',
        videoStreams: 2,
      }),
    ).toBe('AV1 video in a QuickTime (.mov) container cannot be decoded by this browser.');
  });
  it('an unknown codec or container is named as the demuxer gave it', () => {
    expect(
      undecodableMessage({ container: 'Ogg', codec: null, codecString: 'theora', videoStreams: 1 }),
    ).toBe('theora video in an Ogg container cannot be decoded by this browser.');
    expect(undecodableMessage({ container: 'WebM', codec: null, codecString: null, videoStreams: 0 })).toBe(
      'This WebM file has no video stream.',
    );
  });
  it('a part-way failure keeps the <video> path words the screen and tests know', () => {
    expect(partWayDecodeMessage('avc in MP4: EOF')).toMatch(
      /^The video stopped decoding: the file is corrupt/,
    );
    expect(DECODE_PATH_LABELS.webcodecs).toBe('decoded with WebCodecs');
    expect(DECODE_PATH_LABELS['video-element']).toBe('played in a video element');
  });
});
