/// <reference lib="webworker" />
/**
 * The frame the timed warm-up runs the model on. A frame with a person: BlazePose then finds the
 * person on the first call and tracks them on the next ones (its landmark model alone, as on most
 * live frames), so the timed calls cost what live frames cost and differ between lite, full and
 * heavy. On a frame with nobody in it each call runs only the person detector, which the three
 * BlazePose models share: lite and full then time alike (measured here: full 65–70 ms, lite
 * 74–88 ms per frame), and a step down to lite (src/pose/model-step-down.ts) could not be judged.
 *
 * The picture: one frame of fixtures/front-oblique-half-squats.mp4 (US CDC, public domain),
 * standing, cropped to the person and downscaled to 128 × 192 px grey (public/warmup-person.png,
 * ~20 kB, precached with the app's other images). When it cannot be fetched or decoded, a synthetic
 * frame with nobody in it is used: backends still rank, models do not.
 */

/** Side of the synthetic warm-up frame, px: about a webcam frame's short side after downscaling. */
const SYNTHETIC_FRAME_PX = 256;

let cached: { url: string; frame: ImageBitmap } | null = null;

/** A mid-grey frame with a gradient and nobody in it. */
export function syntheticFrame(): ImageData {
  const data = new Uint8ClampedArray(SYNTHETIC_FRAME_PX * SYNTHETIC_FRAME_PX * 4);
  for (let i = 0; i < data.length; i += 4) {
    const v = 96 + ((i / 4) % SYNTHETIC_FRAME_PX) / 4;
    data[i] = v;
    data[i + 1] = v;
    data[i + 2] = v;
    data[i + 3] = 255;
  }
  return new ImageData(data, SYNTHETIC_FRAME_PX, SYNTHETIC_FRAME_PX);
}

/**
 * The warm-up frame: the picture at `url` (fetched and decoded once per worker), or the synthetic
 * frame when there is no url or it fails. Also says which, for the trial notes.
 */
export async function warmupFrame(
  url: string | undefined,
): Promise<{ frame: ImageBitmap | ImageData; person: boolean }> {
  if (url === undefined) return { frame: syntheticFrame(), person: false };
  if (cached?.url === url) return { frame: cached.frame, person: true };
  try {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const frame = await createImageBitmap(await response.blob());
    cached = { url, frame };
    return { frame, person: true };
  } catch {
    return { frame: syntheticFrame(), person: false };
  }
}
