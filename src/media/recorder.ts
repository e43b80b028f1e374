/**
 * Records the camera locally (MediaRecorder, WebM) so the review screen can replay the set. The
 * recording stays in memory as a Blob; nothing is uploaded.
 *
 * MediaRecorder streams its WebM out as it goes, so the file has no Duration and no Cues (seek
 * index): a <video> reports an infinite duration, its seek bar shows 0:00 and every seek scans the
 * file. `withDuration` remuxes the finished recording (packets copied, nothing re-encoded) into a
 * WebM with both, keeping every timestamp, so the replay's time mapping is unchanged.
 */

/**
 * Recorded frames per second, at most: a rep's bottom lasts a few hundred ms, so 15 fps still shows
 * it in several frames for review, and encoding half of a 30 fps camera's frames leaves that CPU to
 * the pose model on a 2-core device. The recorder takes a clone of the camera's track held to this
 * rate; the screen and the model keep the camera's full rate.
 */
export const RECORD_FPS = 15;
/** Recording bitrate, bits/s: ~7.5 MB a minute, plenty to see form at 640–720 px and 15 fps. */
const RECORD_BITRATE_BPS = 1_000_000;
/** Chunk length, ms: a camera that dies mid-set still leaves everything up to the last second. */
const RECORD_TIMESLICE_MS = 1000;
/** Preferred containers/codecs, first supported wins (VP8 is the cheapest to encode in software). */
const MIME_CANDIDATES = ['video/webm;codecs=vp8', 'video/webm;codecs=vp9', 'video/webm'] as const;

export class SetVideoRecorder {
  #recorder: MediaRecorder | null = null;
  #chunks: Blob[] = [];
  #stopped: Promise<void> = Promise.resolve();
  /** The clones of the camera's tracks being recorded, stopped with the recorder. */
  #tracks: MediaStreamTrack[] = [];
  /** performance.now() when recording started (the video's media time 0), or null. */
  startedAtMs: number | null = null;

  static supportedMimeType(): string | null {
    if (typeof MediaRecorder === 'undefined') return null;
    return MIME_CANDIDATES.find((m) => MediaRecorder.isTypeSupported(m)) ?? null;
  }

  /** Starts recording; returns false (and the set goes on without video) when it cannot. */
  start(stream: MediaStream): boolean {
    const mimeType = SetVideoRecorder.supportedMimeType();
    if (mimeType === null) return false;
    try {
      this.#tracks = stream.getTracks().map((t) => t.clone());
      for (const t of this.#tracks) {
        // A browser that cannot lower the rate records at the camera's: only the saving is lost.
        if (t.kind === 'video') t.applyConstraints({ frameRate: { max: RECORD_FPS } }).catch(() => undefined);
      }
      const recorded = new MediaStream(this.#tracks);
      const rec = new MediaRecorder(recorded, { mimeType, videoBitsPerSecond: RECORD_BITRATE_BPS });
      this.#chunks = [];
      rec.addEventListener('dataavailable', (e) => {
        if (e.data.size > 0) this.#chunks.push(e.data);
      });
      this.#stopped = new Promise((resolve) => rec.addEventListener('stop', () => resolve(), { once: true }));
      rec.start(RECORD_TIMESLICE_MS);
      this.#recorder = rec;
      this.startedAtMs = performance.now();
      return true;
    } catch {
      this.#stopTracks();
      this.#recorder = null;
      return false;
    }
  }

  #stopTracks(): void {
    for (const t of this.#tracks) t.stop();
    this.#tracks = [];
  }

  /** Stops (if still recording) and returns the video so far, or null when nothing was recorded. */
  async stop(): Promise<Blob | null> {
    const rec = this.#recorder;
    if (rec === null) return null;
    this.#recorder = null;
    if (rec.state !== 'inactive') rec.stop();
    await this.#stopped;
    this.#stopTracks();
    const blob = new Blob(this.#chunks, { type: rec.mimeType || 'video/webm' });
    this.#chunks = [];
    return blob.size > 0 ? withDuration(blob) : null;
  }
}

/**
 * The same WebM with a Duration and Cues, by copying its packets into a new file (mediabunny, loaded
 * on first use). Timestamps are kept as they are (`trim.start` 0; mediabunny's default shift
 * tolerance is 0). On any failure the recording is returned unchanged: a replay that seeks slowly
 * beats no replay.
 */
export async function withDuration(webm: Blob): Promise<Blob> {
  try {
    const mb = await import('mediabunny');
    const input = new mb.Input({ source: new mb.BlobSource(webm), formats: [mb.WEBM] });
    const target = new mb.BufferTarget();
    const output = new mb.Output({ format: new mb.WebMOutputFormat(), target });
    const conversion = await mb.Conversion.init({
      input,
      output,
      trim: { start: 0 },
      video: { forceTranscode: false },
      copy: { mode: 'forced' },
    });
    if (!conversion.isValid) return webm;
    await conversion.execute();
    input.dispose();
    return target.buffer === null ? webm : new Blob([target.buffer], { type: 'video/webm' });
  } catch (e) {
    console.warn(`recording kept without a duration: ${String(e)}`);
    return webm;
  }
}
