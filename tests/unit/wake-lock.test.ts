import { describe, expect, it } from 'vitest';
import { ScreenWakeLock, type VisibilitySource, type WakeLockHost } from '../../src/media/wake-lock';

/** A page whose visibility the test sets, and a wake-lock API that counts requests and releases. */
class FakePage extends EventTarget implements VisibilitySource {
  visibilityState: DocumentVisibilityState = 'visible';
  requests = 0;
  releases = 0;
  refuse = false;

  setVisibility(state: DocumentVisibilityState): void {
    this.visibilityState = state;
    this.dispatchEvent(new Event('visibilitychange'));
  }

  readonly host: WakeLockHost = {
    wakeLock: {
      request: async (): Promise<WakeLockSentinel> => {
        this.requests++;
        if (this.refuse) throw new DOMException('battery saver', 'NotAllowedError');
        const sentinel = new EventTarget() as WakeLockSentinel & { released: boolean };
        Object.assign(sentinel, {
          released: false,
          type: 'screen',
          onrelease: null,
          release: async (): Promise<void> => {
            this.releases++;
            sentinel.released = true;
          },
        });
        return sentinel;
      },
    },
  };
}

const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

describe('ScreenWakeLock', () => {
  it('holds the lock once, asks again each time the page comes back, and releases at the end', async () => {
    const page = new FakePage();
    const lock = new ScreenWakeLock(page.host, page);
    lock.hold();
    lock.hold();
    await settle();
    expect([page.requests, lock.held]).toEqual([1, true]);
    page.setVisibility('hidden');
    await settle();
    expect([page.requests, page.releases, lock.held]).toEqual([1, 1, false]);
    page.setVisibility('visible');
    await settle();
    expect([page.requests, lock.held]).toEqual([2, true]);
    lock.release();
    await settle();
    expect([page.releases, lock.held]).toEqual([2, false]);
    // Not wanted any more: coming back does not ask again.
    page.setVisibility('hidden');
    page.setVisibility('visible');
    await settle();
    expect(page.requests).toBe(2);
  });

  it('does not ask while the page is hidden', async () => {
    const page = new FakePage();
    page.visibilityState = 'hidden';
    const lock = new ScreenWakeLock(page.host, page);
    lock.hold();
    await settle();
    expect(page.requests).toBe(0);
    page.setVisibility('visible');
    await settle();
    expect(page.requests).toBe(1);
  });

  it('gives back a lock granted after release() was called', async () => {
    const page = new FakePage();
    const lock = new ScreenWakeLock(page.host, page);
    lock.hold();
    lock.release();
    await settle();
    expect([page.requests, page.releases, lock.held]).toEqual([1, 1, false]);
  });

  it('is silent when the browser refuses or has no wake-lock API', async () => {
    const page = new FakePage();
    page.refuse = true;
    const refused = new ScreenWakeLock(page.host, page);
    expect(() => refused.hold()).not.toThrow();
    await settle();
    expect([page.requests, refused.held]).toEqual([1, false]);
    const none = new ScreenWakeLock({}, page);
    none.hold();
    page.setVisibility('visible');
    await settle();
    expect(none.held).toBe(false);
    none.release();
  });
});
