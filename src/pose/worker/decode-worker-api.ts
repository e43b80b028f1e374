/// <reference lib="webworker" />
/**
 * The decode worker: opens one video file, decodes it (file-candidates.ts) and sends the candidate
 * frames to the pose worker, transferred, as far ahead as the pose worker's credit allows. In the
 * pose worker itself the model blocks the thread, and with it mediabunny's feeding of the decoder
 * and the decoder's output: the decoding then happened after each model call, not during it
 * (3 decoded frames per analysed frame: 6.5–8.6 ms on the 30 fps fixtures, ~20 ms on 1080 × 2048,
 * docs/benchmarks.md). Here it runs beside the model.
 *
 * Asked to (`convertToSidePx`), it also turns each planar YUV candidate into the model's RGB image
 * (model-image.ts), 7–12 ms a frame that the model's thread otherwise spends before each call, and
 * sends the RGB values; the pose worker sends each array back when the model is done with it, and
 * the next conversion writes into it (a fresh 2.8 MB array per frame cost the conversion several ms
 * more, yuv-downscale.ts). Other frames go as VideoFrames, converted by the pose worker.
 */
import type { FromDecoder, ToDecoder } from '../decode-contract';
import {
  errorText,
  openLocalCandidates,
  type CandidateSource,
  type SampleCandidate,
} from './file-candidates';
import { toOwnRgbImage } from './model-image';
import type { ConversionBuffers } from './yuv-downscale';

/** The side of a message port this worker talks through (the worker's global scope). */
export interface DecoderPort {
  postMessage(message: FromDecoder, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<ToDecoder>) => void): void;
}

export function serveDecoding(port: DecoderPort): void {
  let source: CandidateSource<SampleCandidate> | null = null;
  let credit = 0;
  let ended = false;
  let sending = false;
  let convertToSidePx: number | null = null;
  /** RGB arrays the pose worker sent back, and the scaled bytes kept from the last conversion. */
  const pool: Int32Array[] = [];
  let bytes: ConversionBuffers['bytes'];

  /** Sends `c` as RGB values converted here, when it is planar YUV; false when it is not. */
  async function sendConverted(c: SampleCandidate, sidePx: number): Promise<boolean> {
    const timing = { copyMs: 0 };
    const t0 = performance.now();
    const buffers: ConversionBuffers = { bytes, rgb: pool.pop(), rotated: pool.pop() };
    const image = await toOwnRgbImage(c.sample, sidePx, timing, buffers);
    bytes = buffers.bytes;
    // The array not holding the image (the unrotated one of a rotated frame, or a spare) stays.
    for (const spare of [buffers.rgb, buffers.rotated])
      if (spare !== undefined && spare !== image?.rgb) pool.push(spare);
    if (image === null) return false;
    const convertMs = performance.now() - t0;
    port.postMessage(
      {
        type: 'image',
        image,
        tMs: c.tMs,
        filterClockMs: c.filterClockMs,
        convertMs,
        copyMs: timing.copyMs,
      },
      [image.rgb.buffer],
    );
    return true;
  }

  /** Sends frames while there is credit; the stream ends with 'end' or 'error'. */
  async function send(): Promise<void> {
    if (sending || source === null) return;
    sending = true;
    try {
      while (credit > 0 && !ended) {
        let c: SampleCandidate | null;
        try {
          c = await source.next();
        } catch (e) {
          ended = true;
          port.postMessage({
            type: 'error',
            message: errorText(e),
            framesDecoded: source.framesDecoded(),
            framesSkipped: source.framesSkipped(),
          });
          break;
        }
        if (c === null) {
          ended = true;
          port.postMessage({
            type: 'end',
            framesDecoded: source.framesDecoded(),
            framesSkipped: source.framesSkipped(),
          });
          break;
        }
        credit--;
        if (convertToSidePx !== null) {
          const sent = await sendConverted(c, convertToSidePx).catch(() => false);
          if (sent) {
            c.sample.close();
            continue;
          }
        }
        const frame = c.sample.toVideoFrame();
        const { rotation, flip } = c.sample;
        c.sample.close();
        port.postMessage(
          { type: 'frame', frame, rotation, flip, tMs: c.tMs, filterClockMs: c.filterClockMs },
          [frame],
        );
      }
    } finally {
      sending = false;
    }
    if (ended) await source.close();
  }

  port.addEventListener('message', (e) => {
    const m = e.data;
    if (m.type === 'credit') {
      credit++;
      void send();
      return;
    }
    if (m.type === 'recycle') {
      pool.push(m.rgb);
      return;
    }
    credit = m.credit;
    convertToSidePx = m.convertToSidePx;
    openLocalCandidates(m.file, m.gridFps, m.decodeUnneeded)
      .catch((err: unknown) => ({
        kind: 'unsupported' as const,
        reason: `the decoder could not start (${errorText(err)})`,
        probe: null,
      }))
      .then((opened) => {
        if ('kind' in opened) {
          port.postMessage({ type: 'unsupported', reason: opened.reason, probe: opened.probe });
          return;
        }
        source = opened;
        port.postMessage({ type: 'opened', opened: opened.opened });
        void send();
      });
  });
}
