/**
 * Screens: one <section data-screen="…"> per screen, one visible at a time, chosen by the URL hash
 * (#/live, #/single-leg, #/review, #/file, #/history) so Back works and tests can open a screen directly.
 */
export const SCREENS = ['live', 'single-leg', 'review', 'file', 'history'] as const;
export type Screen = (typeof SCREENS)[number];

const isScreen = (s: string): s is Screen => (SCREENS as readonly string[]).includes(s);

export function currentScreen(hash: string = location.hash): Screen {
  const name = hash.replace(/^#\/?/, '').split('/')[0] ?? '';
  return isScreen(name) ? name : 'live';
}

export function startRouter(onShow: (screen: Screen) => void): { go: (screen: Screen) => void } {
  const show = (): void => {
    const screen = currentScreen();
    for (const el of document.querySelectorAll<HTMLElement>('[data-screen]')) {
      el.hidden = el.dataset['screen'] !== screen;
    }
    for (const a of document.querySelectorAll<HTMLAnchorElement>('nav a[href^="#/"]')) {
      if (a.getAttribute('href') === `#/${screen}`) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    }
    onShow(screen);
  };
  window.addEventListener('hashchange', show);
  show();
  return {
    go: (screen) => {
      if (currentScreen() === screen) show();
      else location.hash = `#/${screen}`;
    },
  };
}
