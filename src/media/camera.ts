/** Camera access with messages a person can act on. */

export class CameraError extends Error {
  override name = 'CameraError';
  constructor(
    message: string,
    readonly kind: 'denied' | 'not-found' | 'busy' | 'unsupported' | 'other',
  ) {
    super(message);
  }
}

/** Ideal capture size: enough for the model (it sees ≤ 640 px anyway), cheap to copy. */
const IDEAL_WIDTH_PX = 1280;
const IDEAL_HEIGHT_PX = 720;

export async function openCamera(deviceId: string | null): Promise<MediaStream> {
  if (!navigator.mediaDevices?.getUserMedia) {
    throw new CameraError(
      'This browser cannot use a camera here (it needs https or localhost).',
      'unsupported',
    );
  }
  try {
    return await navigator.mediaDevices.getUserMedia({
      audio: false,
      video: {
        ...(deviceId ? { deviceId: { exact: deviceId } } : { facingMode: 'user' }),
        width: { ideal: IDEAL_WIDTH_PX },
        height: { ideal: IDEAL_HEIGHT_PX },
      },
    });
  } catch (e) {
    const name = e instanceof DOMException ? e.name : '';
    if (name === 'NotAllowedError' || name === 'SecurityError') {
      throw new CameraError(
        'Camera access was blocked. Allow the camera for this page (the icon in the address bar), then press Start again. The video stays on this device.',
        'denied',
      );
    }
    if (name === 'NotFoundError' || name === 'OverconstrainedError') {
      throw new CameraError(
        'No camera was found. Plug one in, or analyse a recorded video instead.',
        'not-found',
      );
    }
    if (name === 'NotReadableError' || name === 'AbortError') {
      throw new CameraError(
        'The camera is in use by another app. Close it there, then press Start again.',
        'busy',
      );
    }
    throw new CameraError(
      `The camera could not start: ${e instanceof Error ? e.message : String(e)}`,
      'other',
    );
  }
}

export async function listCameras(): Promise<MediaDeviceInfo[]> {
  if (!navigator.mediaDevices?.enumerateDevices) return [];
  const devices = await navigator.mediaDevices.enumerateDevices();
  return devices.filter((d) => d.kind === 'videoinput');
}
