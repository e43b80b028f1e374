/// <reference lib="webworker" />
/**
 * A video file's candidate frames, in order: mediabunny demuxes the file (MP4/MOV/WebM/MKV), the
 * browser's WebCodecs VideoDecoder decodes its first video stream, each frame exactly once, and the
 * frames on the sampling grid (src/pose/frame-sampling.ts) come out; every other frame is closed at
 * once. Runs in the decode worker (decode-worker-api.ts), or in the pose worker where no decode
 * worker starts.
 *
 * mediabunny is loaded with a dynamic import on the first file, so the live path's worker start-up
 * does not carry it.
 */
import type { VideoFileProbe } from '../contract';
import type { CandidateFrame, CandidateImage, OpenedVideo } from '../decode-contract';
import type { ModelImage } from './model-image';
import type { Input, InputVideoTrack, VideoSample } from 'mediabunny';
import { createFrameSampler } from '../frame-sampling';
import { LANDMARK_FILTER_FRAME_MS } from './landmark-filter-clock';

/** The decoder failed part-way: the file is damaged or its encoding is not what it claims. */
export class FileDecodeError extends Error {
  override name = 'FileDecodeError';
}

/** A candidate as decoded: the frame as a mediabunny sample. */
export interface SampleCandidate extends Omit<CandidateFrame, 'frame' | 'rotation' | 'flip'> {
  sample: VideoSample;
  image?: undefined;
}

/**
 * A candidate as the model's side uses it: the decoded sample, or the model's image already made
 * from it by the decode worker (CandidateImage).
 */
export type Candidate = SampleCandidate | (CandidateImage & { sample?: undefined });

/** The candidates of one opened file, wherever they are decoded. */
export interface CandidateSource<C extends Candidate = Candidate> {
  readonly opened: OpenedVideo;
  /** The next candidate, or null after the last; throws FileDecodeError when decoding fails. */
  next(): Promise<C | null>;
  /** Frames decoded so far (every frame of the stream, candidates or not), count. */
  framesDecoded(): number;
  /**
   * Hands back a candidate's image once the model is done with it, so its arrays can be reused for
   * the next conversion (a decode worker's; nothing to do for frames decoded here).
   */
  recycle(image: ModelImage): void;
  /** Stops decoding and frees everything; candidates already handed out stay the caller's. */
  close(): Promise<void>;
}

export type Unsupported = { kind: 'unsupported'; reason: string; probe: VideoFileProbe | null };

export const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * Reads the container and the first video stream's header and index. Anything that fails here
 * (unknown container, an index cut off, a codec WebCodecs lacks) is 'unsupported', not an error: the
 * page then gives the file to a <video>, whose own error names what is wrong when it fails too.
 */
async function openTrack(
  input: Input,
): Promise<{ track: InputVideoTrack; opened: OpenedVideo } | Unsupported> {
  let probe: VideoFileProbe | null = null;
  try {
    const container = (await input.getFormat()).name;
    const tracks = await input.getVideoTracks();
    const track = tracks[0];
    probe = {
      container,
      codec: (await track?.getCodec()) ?? null,
      codecString: (await track?.getCodecParameterString()) ?? null,
      videoStreams: tracks.length,
    };
    if (track === undefined) return { kind: 'unsupported', reason: 'no video stream', probe };
    if (!(await track.canDecode()))
      return { kind: 'unsupported', reason: 'WebCodecs cannot decode this codec here', probe };
    return {
      track,
      opened: {
        probe,
        widthPx: await track.getDisplayWidth(),
        heightPx: await track.getDisplayHeight(),
        durationMs: (await track.computeDuration()) * 1000,
        packetCount: (await track.computePacketStats()).packetCount,
      },
    };
  } catch (e) {
    return { kind: 'unsupported', reason: `the file could not be read (${errorText(e)})`, probe };
  }
}

/**
 * Opens `file` and decodes it in this thread. `gridFps`: the sampling grid's rate (null: every
 * frame). Resolves 'unsupported' when this browser has no VideoDecoder, or the container or codec
 * cannot be read here.
 */
export async function openLocalCandidates(
  file: Blob,
  gridFps: number | null,
): Promise<CandidateSource<SampleCandidate> | Unsupported> {
  if (typeof VideoDecoder === 'undefined')
    return { kind: 'unsupported', reason: 'this browser has no WebCodecs VideoDecoder', probe: null };
  const mb = await import('mediabunny');
  const input = new mb.Input({ source: new mb.BlobSource(file), formats: mb.ALL_FORMATS });
  const found = await openTrack(input);
  if ('kind' in found) {
    input.dispose();
    return found;
  }
  const { track, opened } = found;
  const grid = createFrameSampler(gridFps);
  const samples = new mb.VideoSampleSink(track).samples();
  let decoded = 0;
  let closed = false;
  const describe = `${opened.probe.codec ?? 'video'} in ${opened.probe.container}`;
  return {
    opened,
    framesDecoded: () => decoded,
    recycle: () => undefined,
    async next(): Promise<SampleCandidate | null> {
      for (;;) {
        if (closed) return null;
        let next: IteratorResult<VideoSample>;
        try {
          next = await samples.next();
        } catch (e) {
          throw new FileDecodeError(`${describe}: ${errorText(e)}`);
        }
        if (next.done === true) return null;
        // Pose-detection's landmark filter advances one 30 fps tick per *source* frame (as MediaPipe
        // does, landmark-filter-clock.ts), so skipping frames does not change its smoothing in time.
        const filterClockMs = decoded * LANDMARK_FILTER_FRAME_MS;
        decoded++;
        const tMs = next.value.timestamp * 1000;
        if (grid.take(tMs)) return { sample: next.value, tMs, filterClockMs };
        next.value.close();
      }
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      // Returning the iterator stops the decoder and closes the frames it still holds.
      await samples.return(undefined).catch(() => undefined);
      input.dispose();
    },
  };
}
