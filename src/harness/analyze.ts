/**
 * Headless harness: exposes `window.squatCoachHarness` so scripts/analyze.ts, the benchmarks and
 * the golden browser test can run the real app pipeline (worker, model, video decoding) on a file.
 */
import { extractPoseTrack, type DecodePath } from '../features/file/extract-track';
import { PoseClient, PoseClientDisposedError, type InitReport } from '../pose/client';
import { ModelLoader } from '../pose/engine-loader';
import { openVideo, videoFrames, type VideoFrameStats } from '../media/video-frames';
import type { BackendChoice, ModelId } from '../pose/models';
import type { FileDecodeThread, FileSampling } from '../pose/contract';

const input = document.querySelector<HTMLInputElement>('#file');
const log = document.querySelector<HTMLPreElement>('#log');

/** The model in a worker: as the file screen loads it, or `backend` in a plain worker. */
async function loadEngine(options: {
  model: ModelId;
  backend: BackendChoice;
  engine?: 'file-screen';
  wasmThreads?: number;
}): Promise<{ client: PoseClient; init: InitReport }> {
  if (options.engine === 'file-screen') {
    const loaded = await new ModelLoader(null, () => undefined).loadOwned(
      options.model,
      options.backend,
      'file',
    );
    return { client: loaded.handle.client, init: loaded.report };
  }
  const client = new PoseClient();
  try {
    const init = await client.init({
      model: options.model,
      backend: options.backend,
      modelBaseUrl: '/models/',
      ...(options.wasmThreads === undefined ? {} : { wasmThreads: options.wasmThreads }),
    });
    return { client, init };
  } catch (e) {
    client.dispose();
    throw e;
  }
}

/** The file chosen in the page's file input. */
function chosenFile(): File {
  const file = input?.files?.[0];
  if (file === undefined) throw new Error('no file chosen');
  return file;
}

const harness = {
  PoseClient,
  PoseClientDisposedError,
  chosenFile,

  /** A pose client running BlazePose full on wasm, the model the worker tests exercise. */
  async fullModelClient(): Promise<PoseClient> {
    const client = new PoseClient();
    await client.init({ model: 'blazepose-full', backend: 'wasm', modelBaseUrl: '/models/' });
    return client;
  },

  /** One frame of the chosen file at `timeS`, for worker tests that need a real person in view. */
  async frameFromFile(timeS: number): Promise<ImageBitmap> {
    const file = chosenFile();
    const video = await openVideo(URL.createObjectURL(file));
    await new Promise<void>((resolve) => {
      video.addEventListener('seeked', () => resolve(), { once: true });
      video.currentTime = timeS;
    });
    return createImageBitmap(video);
  },

  /**
   * Every frame's media time from the frame source alone (no model): the consumer holds each frame
   * `holdMs`, as a model would. For the frame-source tests.
   */
  async frameTimes(holdMs: number): Promise<{ tMs: number[]; stats: VideoFrameStats }> {
    const file = chosenFile();
    const url = URL.createObjectURL(file);
    const stats: VideoFrameStats = { fetchedBySeek: 0, stalls: 0, finalRate: 1 };
    const tMs: number[] = [];
    try {
      for await (const f of videoFrames(await openVideo(url), { maxSidePx: 256, stats })) {
        tMs.push(f.tMs);
        f.bitmap.close();
        await new Promise((r) => setTimeout(r, holdMs));
      }
    } finally {
      URL.revokeObjectURL(url);
    }
    return { tMs, stats };
  },

  /**
   * The file pipeline on the chosen file. `path` forces one decode path (the benchmarks run both);
   * `sampling` absent (default) analyses every frame, as the fixture tracks were made.
   */
  async run(options: {
    model: ModelId;
    backend: BackendChoice;
    path?: 'auto' | DecodePath;
    sampling?: FileSampling;
    /**
     * 'file-screen': the model loaded as the file screen loads it (engine-loader.ts, use 'file':
     * backend and thread trials, nothing remembered); absent: `backend` in a plain worker.
     */
    engine?: 'file-screen';
    /** Wasm threads forced in the plain worker (benchmarks compare 1 and 2). */
    wasmThreads?: number;
    /** Where the WebCodecs path decodes (absent: a decode worker, as the app does). */
    decodeIn?: FileDecodeThread;
    /** Where a frame decoded in a decode worker is converted (absent: there, as the app does). */
    convertIn?: FileDecodeThread;
    /** Decode the frames that could be passed over too (absent: passed over, as the app does). */
    decodeUnneeded?: boolean;
  }) {
    const file = chosenFile();
    let loaded: { client: PoseClient; init: InitReport } | null = null;
    try {
      loaded = await loadEngine(options);
      const { client, init } = loaded;
      if (log) log.textContent = `model ${init.model} on ${init.backend}: ${init.reason}\n`;
      const { track, stats } = await extractPoseTrack(file, client, init.model, {
        onProgress: (p) => {
          if (log) log.textContent = `${p.framesDone}/${p.framesTotal ?? '?'} frames`;
        },
        path: options.path ?? 'auto',
        sampling: options.sampling ?? { kind: 'every-frame' },
        ...(options.decodeIn === undefined ? {} : { decodeIn: options.decodeIn }),
        ...(options.convertIn === undefined ? {} : { convertIn: options.convertIn }),
        ...(options.decodeUnneeded === undefined ? {} : { decodeUnneeded: options.decodeUnneeded }),
      });
      return { track, stats, init };
    } finally {
      loaded?.client.dispose();
    }
  },
};

declare global {
  interface Window {
    squatCoachHarness: typeof harness;
  }
}
window.squatCoachHarness = harness;
