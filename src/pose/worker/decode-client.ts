/// <reference lib="webworker" />
/**
 * The pose worker's side of the decode worker (src/pose/decode-contract.ts): one decode worker per
 * video file, its candidate frames read as a CandidateSource, exactly as if decoded here.
 */
import type { FromDecoder, ToDecoder } from '../decode-contract';
import { FileDecodeError, type Candidate, type CandidateSource, type Unsupported } from './file-candidates';
import type { ModelImage } from './model-image';

/**
 * Candidate frames the decode worker may send before the model has taken them, count: with the
 * 10 fps grid on a 30 fps file, 3 candidates are ~300 ms of video and 9 decoded frames, more than
 * one model call's worth (40–90 ms here); mediabunny keeps up to 8 more decoded behind them.
 * Held frames stay few, as a hardware decoder's pool of output frames is small.
 */
export const DECODER_CREDIT = 3;

/**
 * Opens `file` in a new decode worker. With `convertToSidePx`, the decode worker also converts the
 * candidates to the model's RGB image at that longest side (planar YUV frames; others come as
 * frames), so the conversion runs beside the model rather than before it. Resolves null when no
 * decode worker can run here (nested workers missing, or the worker failed to start): the caller
 * then decodes in its own thread.
 */
export async function openRemoteCandidates(
  file: Blob,
  gridFps: number | null,
  convertToSidePx: number | null = null,
  decodeUnneeded = false,
): Promise<CandidateSource | Unsupported | null> {
  let worker: Worker;
  try {
    worker = new Worker(new URL('../../../workers/decode.worker.ts', import.meta.url), {
      type: 'module',
      name: 'decode',
    });
  } catch {
    return null;
  }
  // Messages in arrival order, handed to next() calls in the order they were made (the model's
  // side asks for several candidates ahead): a message goes to the oldest waiting call, else waits.
  const queue: FromDecoder[] = [];
  const waiting: ((m: FromDecoder | null) => void)[] = [];
  let failure: string | null = null;
  worker.addEventListener('message', (e: MessageEvent<FromDecoder>) => {
    const give = waiting.shift();
    if (give === undefined) queue.push(e.data);
    else give(e.data);
  });
  worker.addEventListener('error', (e) => {
    e.preventDefault();
    failure = e.message || 'the decode worker failed';
    for (const give of waiting.splice(0)) give(null);
  });
  /** The next message, or null once the worker failed with nothing left queued. */
  const take = (): Promise<FromDecoder | null> => {
    const m = queue.shift();
    if (m !== undefined) return Promise.resolve(m);
    if (failure !== null) return Promise.resolve(null);
    return new Promise((resolve) => waiting.push(resolve));
  };
  const post = (m: ToDecoder): void => worker.postMessage(m);
  const stop = (): void => {
    worker.terminate();
    for (const m of queue.splice(0)) if (m.type === 'frame') m.frame.close();
  };
  /** The images the decode worker made, until they are handed back. */
  const lent = new WeakSet<object>();
  /**
   * Returns an image the decode worker made to it, whose array it converts the next candidates into.
   * Any other image (converted in this thread, into arrays this thread keeps) is left alone.
   */
  const recycle = (image: ModelImage): void => {
    if (!('rgb' in image) || !lent.delete(image)) return;
    try {
      worker.postMessage({ type: 'recycle', rgb: image.rgb } satisfies ToDecoder, [image.rgb.buffer]);
    } catch {
      // A worker already ended takes no messages; the array is simply garbage-collected.
    }
  };

  post({ type: 'open', file, gridFps, credit: DECODER_CREDIT, convertToSidePx, decodeUnneeded });
  const first = await take();
  if (first === null || (first.type !== 'opened' && first.type !== 'unsupported')) {
    stop();
    return null;
  }
  if (first.type === 'unsupported') {
    stop();
    return { kind: 'unsupported', reason: first.reason, probe: first.probe };
  }
  const mb = await import('mediabunny');
  let decoded = 0;
  let skipped = 0;
  /** Set by the stream's last message: every later call returns it (null, or the error). */
  let finished: FileDecodeError | 'end' | null = null;
  return {
    opened: first.opened,
    framesDecoded: () => decoded,
    framesSkipped: () => skipped,
    recycle,
    async next(): Promise<Candidate | null> {
      const m = finished === null ? await take() : null;
      if (m !== null && m.type === 'frame') {
        post({ type: 'credit' });
        const sample = new mb.VideoSample(m.frame, { rotation: m.rotation, flip: m.flip });
        return { sample, tMs: m.tMs, filterClockMs: m.filterClockMs };
      }
      if (m !== null && m.type === 'image') {
        post({ type: 'credit' });
        const { image, tMs, filterClockMs, convertMs, copyMs } = m;
        lent.add(image);
        return { image, tMs, filterClockMs, convertMs, copyMs };
      }
      if (finished === null) {
        if (m === null || m.type === 'error') {
          finished = new FileDecodeError(
            m === null ? `the decode worker stopped (${failure ?? 'no reason given'})` : m.message,
          );
        } else finished = 'end';
        if (m !== null && (m.type === 'end' || m.type === 'error')) {
          decoded = m.framesDecoded;
          skipped = m.framesSkipped;
        }
        // Calls already waiting behind this one get the same answer.
        for (const give of waiting.splice(0)) give(m);
      }
      if (finished === 'end') return null;
      throw finished;
    },
    async close(): Promise<void> {
      finished ??= 'end';
      stop();
      for (const give of waiting.splice(0)) give(null);
    },
  };
}
