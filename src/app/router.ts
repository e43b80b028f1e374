/**
 * Screens: one <section data-screen="…"> per screen, one visible at a time, chosen by the URL hash
 * (#/live, #/single-leg, #/review, #/file, #/history, #/report) so Back works and tests can open a
 * screen directly. When the screen changes, `document.title` names it and focus moves to its heading,
 * so a screen reader announces the new screen and Tab starts from its top (WCAG 2.4.2 page titled,
 * 2.4.3 focus order).
 */
export const SCREENS = ['live', 'single-leg', 'review', 'file', 'history', 'report'] as const;
export type Screen = (typeof SCREENS)[number];

/** The app's name, last in every title so tabs and history entries stay tellable apart by screen. */
export const APP_TITLE = 'squat-coach';

/** What each screen is called in the window title (the nav's words). */
export const SCREEN_TITLES: Readonly<Record<Screen, string>> = {
  live: 'Live coaching',
  'single-leg': 'Single-leg check',
  review: 'Set review',
  file: 'Analyse a video',
  history: 'History',
  report: 'Report',
};

export const titleOf = (screen: Screen): string => `${SCREEN_TITLES[screen]} — ${APP_TITLE}`;

const isScreen = (s: string): s is Screen => (SCREENS as readonly string[]).includes(s);

export function currentScreen(hash: string = location.hash): Screen {
  const name = hash.replace(/^#\/?/, '').split('/')[0] ?? '';
  return isScreen(name) ? name : 'live';
}

/**
 * Focuses the screen's first heading, made focusable by script only (tabindex -1, so Tab skips it);
 * a screen whose content has not rendered yet (a review read back from storage) focuses its section.
 */
function focusScreen(section: HTMLElement): void {
  const target = section.querySelector<HTMLElement>('h1, h2') ?? section;
  if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
  target.focus();
}

export function startRouter(onShow: (screen: Screen) => void): { go: (screen: Screen) => void } {
  const show = (moveFocus: boolean): void => {
    const screen = currentScreen();
    let shown: HTMLElement | null = null;
    for (const el of document.querySelectorAll<HTMLElement>('[data-screen]')) {
      el.hidden = el.dataset['screen'] !== screen;
      if (!el.hidden) shown = el;
    }
    for (const a of document.querySelectorAll<HTMLAnchorElement>('nav a[href^="#/"]')) {
      if (a.getAttribute('href') === `#/${screen}`) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    }
    document.title = titleOf(screen);
    onShow(screen);
    // After onShow, which renders the screen's content (and with it, usually, its heading). Not on the
    // first load: focus then belongs at the top of the page, where the browser puts it.
    if (moveFocus && shown !== null) focusScreen(shown);
  };
  window.addEventListener('hashchange', () => show(true));
  show(false);
  return {
    go: (screen) => {
      if (currentScreen() === screen) show(true);
      else location.hash = `#/${screen}`;
    },
  };
}
