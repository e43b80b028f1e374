/// <reference lib="webworker" />
/** Decode worker entry: demuxes and decodes one video file for the pose worker (src/pose/worker/decode-worker-api.ts). */
import { serveDecoding } from '../src/pose/worker/decode-worker-api';

serveDecoding(self as unknown as DedicatedWorkerGlobalScope);
