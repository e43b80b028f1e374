/**
 * The live screen's controls: the settings (model, depth target, backend, mirror, voice, volume,
 * camera, and the workout plan) show the settings in force and report each change as a patch; Space
 * toggles the set; the fullscreen button. What a change does is the controller's call.
 */
import { isDepthTarget } from '../../core';
import { listCameras } from '../../media/camera';
import type { BackendChoice, ModelId } from '../../pose/models';
import type { Settings } from '../../storage/settings';
import type { LiveElements } from './live-view';

/** A settings change; `reloadModel`: the model or backend changed, so the worker must load again. */
export type SettingsChange = (patch: Partial<Settings>, reloadModel: boolean) => void;

/** Speech volume from the 0–100 slider, as the 0–1 the settings keep. */
const volumeOf = (slider: HTMLInputElement): number => Math.min(1, Math.max(0, Number(slider.value) / 100));

export function bindSettingsControls(el: LiveElements, settings: Settings, onChange: SettingsChange): void {
  el.model.value = settings.model;
  el.depthTarget.value = settings.depthTarget;
  el.backend.value = settings.backend;
  el.mirror.checked = settings.mirror;
  el.voice.checked = settings.voice;
  el.volume.value = String(Math.round(settings.volume * 100));
  el.frame.classList.toggle('mirrored', settings.mirror);
  el.model.addEventListener('change', () =>
    onChange({ model: el.model.value as ModelId, modelChosen: true }, true),
  );
  el.backend.addEventListener('change', () => onChange({ backend: el.backend.value as BackendChoice }, true));
  el.depthTarget.addEventListener('change', () => {
    if (isDepthTarget(el.depthTarget.value)) onChange({ depthTarget: el.depthTarget.value }, false);
  });
  el.mirror.addEventListener('change', () => {
    onChange({ mirror: el.mirror.checked }, false);
    el.frame.classList.toggle('mirrored', el.mirror.checked);
  });
  el.voice.addEventListener('change', () => onChange({ voice: el.voice.checked }, false));
  el.volume.addEventListener('change', () => onChange({ volume: volumeOf(el.volume) }, false));
  el.camera.addEventListener('change', () => onChange({ cameraId: el.camera.value || null }, false));
  bindPlanControls(el, settings, onChange);
}

/** The workout plan: sets, rep target ("" = until I stop), rest, spoken rep numbers. */
function bindPlanControls(el: LiveElements, settings: Settings, onChange: SettingsChange): void {
  selectValue(el.sets, String(settings.setsPlanned));
  selectValue(el.repTarget, settings.repTarget === null ? '' : String(settings.repTarget));
  selectValue(el.rest, String(settings.restS));
  el.speakReps.checked = settings.speakReps;
  el.sets.addEventListener('change', () => onChange({ setsPlanned: Number(el.sets.value) }, false));
  el.repTarget.addEventListener('change', () =>
    onChange({ repTarget: el.repTarget.value === '' ? null : Number(el.repTarget.value) }, false),
  );
  el.rest.addEventListener('change', () => onChange({ restS: Number(el.rest.value) }, false));
  el.speakReps.addEventListener('change', () => onChange({ speakReps: el.speakReps.checked }, false));
}

/** Picks `value` in a select, adding it as an option when a URL or an older page saved one not listed. */
function selectValue(select: HTMLSelectElement, value: string): void {
  if (![...select.options].some((o) => o.value === value)) select.add(new Option(value, value));
  select.value = value;
}

/** The fullscreen button: the live screen fills the display (hidden where the browser cannot). */
export function bindFullscreen(button: HTMLButtonElement, target: HTMLElement): void {
  button.hidden = !document.fullscreenEnabled;
  const label = (): void => {
    button.textContent = document.fullscreenElement === null ? 'Full screen' : 'Exit full screen';
  };
  label();
  document.addEventListener('fullscreenchange', label);
  button.addEventListener('click', () => {
    const change =
      document.fullscreenElement === null ? target.requestFullscreen() : document.exitFullscreen();
    change.catch(() => undefined);
  });
}

/** Lists the cameras in the select, keeping the chosen one (read once listed) when it is still there. */
export async function fillCameraList(
  select: HTMLSelectElement,
  chosenId: () => string | null,
): Promise<void> {
  let cams: MediaDeviceInfo[] = [];
  try {
    cams = await listCameras();
  } catch {
    cams = [];
  }
  const options = [new Option('Default camera', '')];
  cams.forEach((c, i) => {
    // Labels stay empty until camera permission is granted; ids may be empty too.
    if (c.deviceId) options.push(new Option(c.label || `Camera ${i + 1}`, c.deviceId));
  });
  select.replaceChildren(...options);
  const cameraId = chosenId();
  select.value = cameraId ?? '';
  if (select.value !== (cameraId ?? '')) select.value = '';
}

/** Space toggles the set (start the camera, start the set now, end it) while `screen` is shown. */
export function bindSpaceKey(screen: HTMLElement, toggle: () => void): void {
  document.addEventListener('keydown', (e) => {
    if (e.code !== 'Space' || e.repeat || screen.hidden) return;
    const t = e.target;
    // Space already activates a focused button or toggles a checkbox; don't steal it from form fields.
    if (t instanceof HTMLElement && t.closest('button, input, select, textarea, a, [contenteditable]'))
      return;
    e.preventDefault();
    toggle();
  });
}

/** Shows the camera's stream in `video`; `onEnded` when a track ends (unplugged, taken by another app). */
export async function showStream(
  video: HTMLVideoElement,
  stream: MediaStream,
  onEnded: () => void,
): Promise<void> {
  video.srcObject = stream;
  await video.play();
  for (const track of stream.getVideoTracks()) track.addEventListener('ended', onEnded);
}
