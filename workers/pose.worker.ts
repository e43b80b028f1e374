/// <reference lib="webworker" />
/** Pose worker entry: exposes the implementation (src/pose/worker/) over comlink. */
import { expose } from 'comlink';
import { api } from '../src/pose/worker/pose-worker-api';

expose(api);
