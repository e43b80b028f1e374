/** The one settings source: URL parameters over saved values over defaults, bad values ignored. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, loadSettings, saveSettings } from '../../src/storage/settings';
import { memoryStorage } from './memory-storage';

describe('settings', () => {
  it('the depth target defaults to parallel, is saved, and a URL parameter wins', () => {
    const store = memoryStorage();
    expect(loadSettings('', store).depthTarget).toBe('parallel');
    expect(saveSettings({ ...DEFAULT_SETTINGS, depthTarget: 'half', model: 'blazepose-lite' }, store)).toBe(
      true,
    );
    expect(loadSettings('', store)).toMatchObject({ depthTarget: 'half', model: 'blazepose-lite' });
    expect(loadSettings('?depth=any', store).depthTarget).toBe('any');
  });

  it('ignores unknown values and unreadable storage', () => {
    const store = memoryStorage();
    store.setItem('squat-coach.settings.v1', JSON.stringify({ depthTarget: 'ankles', model: 'nope' }));
    expect(loadSettings('?depth=deep', store)).toMatchObject({
      depthTarget: 'parallel',
      model: DEFAULT_SETTINGS.model,
    });
    store.setItem('squat-coach.settings.v1', '{not json');
    expect(loadSettings('', store)).toEqual(DEFAULT_SETTINGS);
  });

  it('the model counts as chosen only when the user picked it (saved) or the URL named it', () => {
    const store = memoryStorage();
    expect(loadSettings('', store).modelChosen).toBe(false);
    expect(loadSettings('?model=blazepose-full', store)).toMatchObject({
      model: 'blazepose-full',
      modelChosen: true,
    });
    expect(loadSettings('?model=nope', store).modelChosen).toBe(false);
    // Saving other settings keeps the default model unchosen: it may still step down.
    saveSettings({ ...DEFAULT_SETTINGS, volume: 0.5 }, store);
    expect(loadSettings('', store).modelChosen).toBe(false);
    saveSettings({ ...DEFAULT_SETTINGS, modelChosen: true }, store);
    expect(loadSettings('', store)).toMatchObject({ model: DEFAULT_SETTINGS.model, modelChosen: true });
  });

  it('a full or blocked storage does not throw: saving reports false', () => {
    const full: Storage = {
      ...memoryStorage(),
      setItem: () => {
        throw new DOMException('quota', 'QuotaExceededError');
      },
    };
    expect(saveSettings(DEFAULT_SETTINGS, full)).toBe(false);
  });
});
