/// <reference lib="webworker" />
/**
 * The decode worker: opens one video file, decodes it (file-candidates.ts) and sends the candidate
 * frames to the pose worker, transferred, as far ahead as the pose worker's credit allows. In the
 * pose worker itself the model blocks the thread, and with it mediabunny's feeding of the decoder
 * and the decoder's output: the decoding then happened after each model call, not during it
 * (3 decoded frames per analysed frame: 6.5–8.6 ms on the 30 fps fixtures, ~20 ms on 1080 × 2048,
 * docs/benchmarks.md). Here it runs beside the model.
 */
import type { FromDecoder, ToDecoder } from '../decode-contract';
import { errorText, openLocalCandidates, type Candidate, type CandidateSource } from './file-candidates';

/** The side of a message port this worker talks through (the worker's global scope). */
export interface DecoderPort {
  postMessage(message: FromDecoder, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<ToDecoder>) => void): void;
}

export function serveDecoding(port: DecoderPort): void {
  let source: CandidateSource | null = null;
  let credit = 0;
  let ended = false;
  let sending = false;

  /** Sends frames while there is credit; the stream ends with 'end' or 'error'. */
  async function send(): Promise<void> {
    if (sending || source === null) return;
    sending = true;
    try {
      while (credit > 0 && !ended) {
        let c: Candidate | null;
        try {
          c = await source.next();
        } catch (e) {
          ended = true;
          port.postMessage({ type: 'error', message: errorText(e), framesDecoded: source.framesDecoded() });
          break;
        }
        if (c === null) {
          ended = true;
          port.postMessage({ type: 'end', framesDecoded: source.framesDecoded() });
          break;
        }
        credit--;
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
    credit = m.credit;
    openLocalCandidates(m.file, m.gridFps)
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
