/**
 * Keeps the screen on while a set runs, so a phone propped on the floor does not dim or lock
 * mid-set (Screen Wake Lock API). The browser drops the lock whenever the tab is hidden, so it is
 * asked for again each time the tab becomes visible while it is wanted. Every failure is silent:
 * no API (older Safari, Firefox before 126), a refusal (battery saver) or a hidden tab just means
 * the screen may dim, which the person can see and fix, and which must never stop a set.
 */

/** The slice of `navigator` this uses: lets a test or an old browser pass something without it. */
export interface WakeLockHost {
  readonly wakeLock?: { request(type: 'screen'): Promise<WakeLockSentinel> };
}

/** The slice of `document` this uses: its visibility and the event that says it changed. */
export type VisibilitySource = Pick<Document, 'visibilityState' | 'addEventListener' | 'removeEventListener'>;

export class ScreenWakeLock {
  #wanted = false;
  #sentinel: WakeLockSentinel | null = null;

  constructor(
    private readonly host: WakeLockHost = navigator,
    private readonly doc: VisibilitySource = document,
  ) {}

  /** Asks for the lock now, and again whenever the tab comes back, until `release()`. */
  hold(): void {
    if (this.#wanted) return;
    this.#wanted = true;
    this.doc.addEventListener('visibilitychange', this.#onVisibility);
    void this.#request();
  }

  /** Lets the screen dim again; no more requests until the next `hold()`. */
  release(): void {
    if (!this.#wanted) return;
    this.#wanted = false;
    this.doc.removeEventListener('visibilitychange', this.#onVisibility);
    const sentinel = this.#sentinel;
    this.#sentinel = null;
    void sentinel?.release().catch(() => undefined);
  }

  /** True while the browser holds the lock for us. */
  get held(): boolean {
    return this.#sentinel !== null && !this.#sentinel.released;
  }

  #onVisibility = (): void => {
    if (this.doc.visibilityState === 'visible') {
      void this.#request();
      return;
    }
    // Hidden: the browser releases the lock by itself; letting go of it here too keeps `held` true
    // to the page's own view, so the next `visible` always asks again.
    const sentinel = this.#sentinel;
    this.#sentinel = null;
    void sentinel?.release().catch(() => undefined);
  };

  async #request(): Promise<void> {
    const api = this.host.wakeLock;
    if (api === undefined || this.doc.visibilityState !== 'visible' || this.held) return;
    try {
      const sentinel = await api.request('screen');
      // Released while the request was in flight: give this lock straight back.
      if (!this.#wanted) void sentinel.release().catch(() => undefined);
      else this.#sentinel = sentinel;
    } catch {
      // Refused (battery saver, permissions policy, tab hidden meanwhile): the screen may dim; nothing more.
    }
  }
}
