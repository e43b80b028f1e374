/** The step-down rule: the default model on a device too slow for live cues gives way to lite. */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_STEP_DOWN_BUDGET_MS,
  LITE_WIN_RATIO,
  MIN_LIVE_POSES_PER_S,
  STEP_DOWN_MODEL,
  decideStepDown,
  describeStepDown,
  describeStepDownForEngine,
  expectedLivePosesPerS,
  stepDownBudgetFromSearch,
  type StepDownInput,
} from '../../src/pose/model-step-down';
import { DEFAULT_MODEL } from '../../src/pose/models';

const BUDGET = DEFAULT_STEP_DOWN_BUDGET_MS;
const input = (over: Partial<StepDownInput>): StepDownInput => ({
  model: DEFAULT_MODEL,
  chosenByUser: false,
  modelMsPerFrame: 60,
  liteMsPerFrame: null,
  budgetMs: BUDGET,
  ...over,
});

describe('the step-down budget', () => {
  it('is the warm-up that leaves the minimum live poses/s: 105 ms/frame for 8 poses/s', () => {
    expect(BUDGET).toBeCloseTo(105, 6);
    expect(expectedLivePosesPerS(BUDGET)).toBeCloseTo(MIN_LIVE_POSES_PER_S, 6);
    expect(expectedLivePosesPerS(84)).toBeCloseTo(10, 6);
  });

  it('steps down from the default model to BlazePose lite', () => {
    expect(DEFAULT_MODEL).toBe('blazepose-full');
    expect(STEP_DOWN_MODEL).toBe('blazepose-lite');
  });
});

describe('decideStepDown', () => {
  it('keeps the default model at or under the budget, stepping in only past it', () => {
    expect(decideStepDown(input({ modelMsPerFrame: 45 }))).toEqual({ step: 'keep', why: 'fast-enough' });
    expect(decideStepDown(input({ modelMsPerFrame: BUDGET }))).toEqual({ step: 'keep', why: 'fast-enough' });
    expect(decideStepDown(input({ modelMsPerFrame: BUDGET + 0.1 }))).toEqual({ step: 'time-lite' });
  });

  it('asks for lite to be timed before deciding, then steps down when lite is clearly faster', () => {
    const slow = { modelMsPerFrame: 120 };
    expect(decideStepDown(input(slow))).toEqual({ step: 'time-lite' });
    expect(decideStepDown(input({ ...slow, liteMsPerFrame: 70 }))).toEqual({
      step: 'step-down',
      liteTooSlow: false,
    });
  });

  it('needs lite at most LITE_WIN_RATIO of the default model', () => {
    const modelMs = 120;
    const edge = modelMs * LITE_WIN_RATIO;
    expect(decideStepDown(input({ modelMsPerFrame: modelMs, liteMsPerFrame: edge }))).toMatchObject({
      step: 'step-down',
    });
    expect(decideStepDown(input({ modelMsPerFrame: modelMs, liteMsPerFrame: edge + 0.1 }))).toEqual({
      step: 'keep',
      why: 'lite-not-faster',
    });
  });

  it('a lite that failed to load (NaN) keeps the default model', () => {
    expect(decideStepDown(input({ modelMsPerFrame: 120, liteMsPerFrame: Number.NaN }))).toEqual({
      step: 'keep',
      why: 'lite-not-faster',
    });
  });

  it('keeps lite when lite is over the budget too, and says so', () => {
    const v = decideStepDown(input({ modelMsPerFrame: 300, liteMsPerFrame: 150 }));
    expect(v).toEqual({ step: 'step-down', liteTooSlow: true });
    // Lite exactly at the budget is fast enough.
    expect(decideStepDown(input({ modelMsPerFrame: 200, liteMsPerFrame: BUDGET }))).toEqual({
      step: 'step-down',
      liteTooSlow: false,
    });
  });

  it('never steps down a model the user chose, nor a model other than the default', () => {
    const slow = { modelMsPerFrame: 300, liteMsPerFrame: 50 };
    expect(decideStepDown(input({ ...slow, chosenByUser: true }))).toEqual({
      step: 'keep',
      why: 'chosen-by-user',
    });
    expect(decideStepDown(input({ ...slow, model: 'blazepose-heavy' }))).toEqual({
      step: 'keep',
      why: 'not-default',
    });
    expect(decideStepDown(input({ ...slow, model: 'blazepose-lite' }))).toEqual({
      step: 'keep',
      why: 'not-default',
    });
  });

  it('an unmeasured default model (NaN) is kept', () => {
    expect(decideStepDown(input({ modelMsPerFrame: Number.NaN }))).toEqual({
      step: 'keep',
      why: 'unmeasured',
    });
  });

  it('a lower budget (the test hook) steps down a model that is fast by the default one', () => {
    expect(decideStepDown(input({ modelMsPerFrame: 60, liteMsPerFrame: 40, budgetMs: 20 }))).toEqual({
      step: 'step-down',
      liteTooSlow: true,
    });
  });
});

describe('?stepDownMs=', () => {
  it('reads a positive number of ms/frame', () => {
    expect(stepDownBudgetFromSearch('?stepDownMs=20')).toBe(20);
    expect(stepDownBudgetFromSearch('?model=blazepose-full&stepDownMs=12.5')).toBe(12.5);
  });

  it('ignores absent, empty, zero, negative, huge and non-numbers', () => {
    for (const q of [
      '',
      '?stepDownMs=',
      '?stepDownMs=0',
      '?stepDownMs=-5',
      '?stepDownMs=1e9',
      '?stepDownMs=fast',
    ])
      expect(stepDownBudgetFromSearch(q)).toBeNull();
  });
});

describe('in words', () => {
  const figures = { model: DEFAULT_MODEL, modelMsPerFrame: 120, liteMsPerFrame: 60, budgetMs: BUDGET };

  it('a step down names both models, the poses/s, and where to change it', () => {
    const text = describeStepDown({ step: 'step-down', liteTooSlow: false }, figures);
    // 0.84 × 1000 ÷ 120 = 7.0; ÷ 60 = 14.0.
    expect(text).toBe(
      'This device runs the Balanced model at about 7.0 poses a second, too slow for live cues, so the Fast model (BlazePose lite) is used at about 14.0 poses a second. It places hips and feet less surely, so now and then a cue or a count may be wrong. Choose a model in Advanced to change it.',
    );
  });

  it('a rate just under the minimum never reads as the minimum', () => {
    const text = describeStepDown(
      { step: 'step-down', liteTooSlow: false },
      { ...figures, modelMsPerFrame: 105.1 },
    );
    expect(text).toContain('about 7.9 poses a second');
  });

  it('says the device is slow when lite is over the budget too', () => {
    const text = describeStepDown(
      { step: 'step-down', liteTooSlow: true },
      { ...figures, liteMsPerFrame: 100 },
    );
    expect(text).toMatch(
      /^This device is slow for live coaching: .* both under the 8 a second that live cues need\./,
    );
    expect(text).toContain('The Fast model (BlazePose lite) is used');
  });

  it('says when the default model stays though slow, and nothing when the rule did not act', () => {
    expect(describeStepDown({ step: 'keep', why: 'lite-not-faster' }, figures)).toMatch(/no faster here/);
    expect(describeStepDown({ step: 'keep', why: 'fast-enough' }, figures)).toBeNull();
    expect(describeStepDown({ step: 'keep', why: 'chosen-by-user' }, figures)).toBeNull();
    expect(describeStepDownForEngine({ step: 'keep', why: 'fast-enough' }, figures)).toBeNull();
  });

  it('a budget from the test hook states the poses/s it stands for', () => {
    const forced = { ...figures, budgetMs: 20 };
    // 0.84 × 1000 ÷ 20 = 42 poses/s.
    expect(describeStepDown({ step: 'step-down', liteTooSlow: true }, forced)).toContain(
      'under the 42 a second that live cues need',
    );
    expect(describeStepDownForEngine({ step: 'step-down', liteTooSlow: true }, forced)).toContain(
      'budget 20.0 ms (42 poses/s live)',
    );
  });

  it('the engine line gives the figures', () => {
    expect(describeStepDownForEngine({ step: 'step-down', liteTooSlow: false }, figures)).toBe(
      'stepped down to blazepose-lite: blazepose-full 120 ms vs blazepose-lite 60 ms per frame, budget 105.0 ms (8 poses/s live)',
    );
  });
});
