/// <reference lib="webworker" />
/**
 * A video file's candidate frames, in order: mediabunny demuxes the file (MP4/MOV/WebM/MKV), the
 * browser's WebCodecs VideoDecoder decodes its first video stream, each frame at most once, and the
 * frames on the sampling grid (src/pose/frame-sampling.ts) come out; every other frame is closed at
 * once. An H.264 picture that is off the grid and that no other picture is predicted from is not
 * decoded at all (avc-reference.ts): a third of the frames of the B-frame fixtures. Runs in the
 * decode worker (decode-worker-api.ts), or in the pose worker where no decode worker starts.
 *
 * mediabunny is loaded with a dynamic import on the first file, so the live path's worker start-up
 * does not carry it.
 */
import type { VideoFileProbe } from '../contract';
import type { CandidateFrame, CandidateImage, OpenedVideo } from '../decode-contract';
import type { ModelImage } from './model-image';
import type {
  EncodedPacket,
  EncodedPacketSink,
  Input,
  InputVideoTrack,
  VideoSample,
  VideoSampleSink,
} from 'mediabunny';
import { createFrameSampler, sampleFrames } from '../frame-sampling';
import { avcLengthSize, isAvcNonReference } from './avc-reference';
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
  /** Frames decoded so far (candidates or not), count. */
  framesDecoded(): number;
  /** Frames passed over undecoded so far (off the grid, and no other frame predicted from them), count. */
  framesSkipped(): number;
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
 * Timestamps of the packets the grid will not take, which can be passed over without decoding when
 * they are H.264 non-reference pictures (avc-reference.ts), and of all packets in presentation order.
 * null for other codecs (`codec`: the probe's, read at opening), for every-frame sampling, and for
 * a stream without an AVC configuration record. Reads the index once (packet metadata only).
 */
async function skippableTimes(
  PacketSink: typeof EncodedPacketSink,
  track: InputVideoTrack,
  codec: string | null,
  gridFps: number | null,
): Promise<{ lengthSize: 1 | 2 | 4; offGridS: ReadonlySet<number>; allS: readonly number[] } | null> {
  if (gridFps === null || codec !== 'avc') return null;
  const config = await track.getDecoderConfig();
  const description = config?.description;
  const lengthSize = avcLengthSize(
    description === undefined
      ? null
      : ArrayBuffer.isView(description)
        ? new Uint8Array(description.buffer, description.byteOffset, description.byteLength)
        : new Uint8Array(description),
  );
  if (lengthSize === null) return null;
  const times: { tMs: number; tS: number }[] = [];
  for await (const p of new PacketSink(track).packets(undefined, undefined, { metadataOnly: true }))
    times.push({ tMs: p.timestamp * 1000, tS: p.timestamp });
  times.sort((a, b) => a.tMs - b.tMs);
  const taken = new Set(sampleFrames(times, gridFps));
  return {
    lengthSize,
    offGridS: new Set(times.filter((t) => !taken.has(t)).map((t) => t.tS)),
    allS: times.map((t) => t.tS),
  };
}

/**
 * Opens `file` and decodes it in this thread. `gridFps`: the sampling grid's rate (null: every
 * frame); `decodeUnneeded`: decode the frames skippableTimes() would pass over too. Resolves
 * 'unsupported' when this browser has no VideoDecoder, or the container or codec cannot be read here.
 */
export async function openLocalCandidates(
  file: Blob,
  gridFps: number | null,
  decodeUnneeded = false,
): Promise<CandidateSource<SampleCandidate> | Unsupported> {
  if (typeof VideoDecoder === 'undefined')
    return { kind: 'unsupported', reason: 'this browser has no WebCodecs VideoDecoder', probe: null };
  // Each class named where it is used: the module object passed along whole would keep all of
  // mediabunny in this chunk (its muxers and encoders too), twice the size.
  const mb = await import('mediabunny');
  const input = new mb.Input({ source: new mb.BlobSource(file), formats: mb.ALL_FORMATS });
  const found = await openTrack(input);
  if ('kind' in found) {
    input.dispose();
    return found;
  }
  const { track, opened } = found;
  const grid = createFrameSampler(gridFps);
  const skippable = decodeUnneeded
    ? null
    : await skippableTimes(mb.EncodedPacketSink, track, opened.probe.codec, gridFps).catch(() => null);
  let skipped = 0;
  const skip = (p: EncodedPacket): boolean => {
    // A key packet is where decoding starts (mediabunny takes the first one as already read).
    if (skippable === null || p.type === 'key' || !skippable.offGridS.has(p.timestamp)) return false;
    if (!isAvcNonReference(p.data, skippable.lengthSize)) return false;
    skipped++;
    return true;
  };
  const samples = (
    skippable === null
      ? new mb.VideoSampleSink(track)
      : skippingSink({ PacketSink: mb.EncodedPacketSink, SampleSink: mb.VideoSampleSink }, track, skip)
  ).samples();
  let decoded = 0;
  let closed = false;
  const describe = `${opened.probe.codec ?? 'video'} in ${opened.probe.container}`;
  /** The next frame on the grid, or null after the last. */
  const nextCandidate = async (): Promise<SampleCandidate | null> => {
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
      // Frames passed over never come out: with them, a frame's tick is its place among all the
      // stream's frames, from the index read at opening.
      const index = skippable === null ? decoded : countBelow(skippable.allS, next.value.timestamp);
      const filterClockMs = index * LANDMARK_FILTER_FRAME_MS;
      decoded++;
      const tMs = next.value.timestamp * 1000;
      if (grid.take(tMs)) return { sample: next.value, tMs, filterClockMs };
      next.value.close();
    }
  };
  let queue: Promise<unknown> = Promise.resolve();
  return {
    opened,
    framesDecoded: () => decoded,
    framesSkipped: () => skipped,
    recycle: () => undefined,
    next(): Promise<SampleCandidate | null> {
      // One call at a time, in the order made: the caller asks for candidates ahead, and two calls
      // each looping over the frames off the grid would hand the candidates out of order.
      const result = queue.then(nextCandidate);
      queue = result.catch(() => null);
      return result;
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

/** How many of `ascending` are below `x` (binary search). */
function countBelow(ascending: readonly number[], x: number): number {
  let lo = 0;
  let hi = ascending.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((ascending[mid] ?? Infinity) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * mediabunny's VideoSampleSink (its decoder set-up and browser workarounds kept) fed only the
 * packets `skip` does not pass over. It reads packets through `_createPacketSink`, an internal
 * method of the pinned version: tests/worker/file-decode.spec.ts checks that frames are passed over,
 * so a version without it shows there rather than only as slower decoding.
 */
function skippingSink(
  { PacketSink, SampleSink }: { PacketSink: typeof EncodedPacketSink; SampleSink: typeof VideoSampleSink },
  track: InputVideoTrack,
  skip: (p: EncodedPacket) => boolean,
): VideoSampleSink {
  class SkippingPacketSink extends PacketSink {
    override async *packets(
      ...args: Parameters<EncodedPacketSink['packets']>
    ): AsyncGenerator<EncodedPacket, void, unknown> {
      for await (const p of super.packets(...args)) if (!skip(p)) yield p;
    }
  }
  class SkippingSampleSink extends SampleSink {
    _createPacketSink(): EncodedPacketSink {
      return new SkippingPacketSink(track);
    }
  }
  return new SkippingSampleSink(track);
}
