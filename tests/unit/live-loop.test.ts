import { describe, expect, it } from 'vitest';
import { chooseFramePath } from '../../src/features/live/live-loop';

describe('chooseFramePath', () => {
  it('the worker reads frames where the browser allows, unless ?liveFrames=page', () => {
    expect(chooseFramePath('', true)).toBe('worker');
    expect(chooseFramePath('?liveFrames=page', true)).toBe('page');
    expect(chooseFramePath('?liveFrames=worker', true)).toBe('worker');
  });
  it('a browser that cannot runs the page path, even when the worker path is asked for', () => {
    expect(chooseFramePath('', false)).toBe('page');
    expect(chooseFramePath('?liveFrames=worker', false)).toBe('page');
  });
});
