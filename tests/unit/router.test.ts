import { describe, expect, it } from 'vitest';
import { SCREENS, SCREEN_TITLES, currentScreen, titleOf } from '../../src/app/router';

describe('router', () => {
  it('reads the screen from the hash, defaulting to live', () => {
    expect(currentScreen('#/history')).toBe('history');
    expect(currentScreen('#/review/abc-123')).toBe('review');
    expect(currentScreen('#/nowhere')).toBe('live');
    expect(currentScreen('')).toBe('live');
  });

  it('gives every screen its own window title, ending in the app name', () => {
    const titles = SCREENS.map(titleOf);
    expect(new Set(titles).size).toBe(SCREENS.length);
    expect(titleOf('file')).toBe('Analyse a video — squat-coach');
    for (const s of SCREENS) expect(titleOf(s).startsWith(SCREEN_TITLES[s])).toBe(true);
  });
});
