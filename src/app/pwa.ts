/// <reference types="vite-plugin-pwa/vanillajs" />
/**
 * The offline app: registers the service worker (built by vite-plugin-pwa in prompt mode, see
 * vite.config.ts) and shows its news in a small banner. A new version only announces itself
 * ("Update ready — Reload"); the page reloads when the person clicks, never by itself, and the
 * banner stays out of sight while a set runs (styles.css) so it cannot be clicked by mistake then.
 * In the dev server registration is a no-op: there is no service worker.
 */
import { registerSW } from 'virtual:pwa-register';

/** How long "Ready to work offline" stays up, ms: long enough to read, then out of the way. */
const OFFLINE_READY_SHOWN_MS = 6000;

export interface PwaElements {
  banner: HTMLElement;
  text: HTMLElement;
  reload: HTMLButtonElement;
  dismiss: HTMLButtonElement;
}

export function startPwa(el: PwaElements): void {
  if (!('serviceWorker' in navigator)) return;
  let hideTimer = 0;
  const show = (text: string, canReload: boolean): void => {
    window.clearTimeout(hideTimer);
    el.text.textContent = text;
    el.reload.hidden = !canReload;
    el.banner.hidden = false;
  };
  el.dismiss.addEventListener('click', () => {
    el.banner.hidden = true;
  });
  const updateSW = registerSW({
    onNeedRefresh: () => {
      document.documentElement.dataset['swUpdate'] = 'ready';
      show('Update ready — reload to use the new version.', true);
    },
    onOfflineReady: () => {
      document.documentElement.dataset['offlineReady'] = 'true';
      show('Ready to work offline.', false);
      hideTimer = window.setTimeout(() => {
        el.banner.hidden = true;
      }, OFFLINE_READY_SHOWN_MS);
    },
  });
  // Activates the waiting worker and reloads once it controls the page: only on this click. The
  // reload is ours too: the plugin's own reload skips a page that was not yet controlled when it
  // registered (a first visit left open until the next version comes out).
  el.reload.addEventListener('click', () => {
    navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
    void updateSW(true);
  });
}
