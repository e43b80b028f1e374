/**
 * The guided single-leg protocol (src/features/single-leg/protocol.ts), driven with hand-written
 * frame and rep events (what the analyser would report), so each phase and prompt is checked alone.
 */
import { describe, expect, it } from 'vitest';
import {
  INITIAL_PROTOCOL,
  MAX_REPS_PER_LEG,
  REPS_PER_LEG,
  promptOf,
  reduceProtocol,
  speechOf,
  type ProtocolEvent,
  type ProtocolState,
} from '../../src/features/single-leg/protocol';
import type { Side } from '../../src/core/types';

const run = (events: readonly ProtocolEvent[], from: ProtocolState = INITIAL_PROTOCOL): ProtocolState =>
  events.reduce(reduceProtocol, from);
const frame = (
  stance: Side | null,
  lifted: boolean,
  calibrated: boolean,
  personSeen = true,
): ProtocolEvent => ({
  type: 'frame',
  personSeen,
  stance,
  freeFootLifted: lifted,
  calibrated,
});
const rep = (leg: Side, index: number, scored = true): ProtocolEvent => ({
  type: 'rep',
  rep: { leg, index, scored, reasons: scored ? [] : ['touch-down'] },
});
const started = run([{ type: 'start' }, { type: 'camera-ready' }]);

describe('single-leg protocol', () => {
  it('starts on the left leg: face the camera, then lift the right foot, then hold for calibration', () => {
    expect(started.phase).toBe('face');
    expect(started.leg).toBe('left');
    const noPerson = run([frame(null, false, false, false)], started);
    expect(noPerson.phase).toBe('face');
    const twoLegs = run([frame(null, false, false)], started);
    expect(twoLegs.phase).toBe('lift');
    expect(promptOf(twoLegs).headline).toBe('Stand on your LEFT leg, right foot off the floor.');
    const wrongLeg = run([frame('right', true, true)], started);
    expect(wrongLeg.phase).toBe('lift');
    const hold = run([frame('left', true, false)], started);
    expect(hold.phase).toBe('hold');
    expect(promptOf(hold).detail).toContain('right foot off the floor');
    const reps = run([frame('left', true, true)], hold);
    expect(reps.phase).toBe('reps');
    expect(promptOf(reps).headline).toBe('LEFT leg standing — right foot off the floor');
    expect(promptOf(reps).detail).toContain(`Rep 1 of ${REPS_PER_LEG}`);
  });

  it('counts reps per leg, marks a touch-down rep as not scored and asks for a replacement', () => {
    let s = run([frame('left', true, true), rep('left', 1), rep('left', 2, false)], started);
    expect(s.reps).toEqual({ left: 2, right: 0 });
    expect(s.scored).toEqual({ left: 1, right: 0 });
    expect(s.lastRep?.scored).toBe(false);
    expect(promptOf(s).detail).toContain('Rep 2 of 5');
    s = run([rep('left', 3), rep('left', 4), rep('left', 5)], s);
    expect(s.leg).toBe('left');
    s = run([rep('left', 6), frame('left', true, true)], s);
    expect(s.scored.left).toBe(REPS_PER_LEG);
    expect(s.leg).toBe('right');
    expect(s.phase).toBe('switch');
    expect(promptOf(s).headline).toBe('Switch legs');
    expect(promptOf(s).detail).toBe(
      'Put your right foot down, stand on your RIGHT leg and lift your left foot.',
    );
  });

  it('moves to the right leg, then ends when both legs have their reps', () => {
    let s = run(
      [frame('left', true, true), ...[1, 2, 3, 4, 5].map((i) => rep('left', i)), frame('left', true, true)],
      started,
    );
    expect(s.phase).toBe('switch');
    s = run([frame(null, false, false), frame('right', true, false)], s);
    expect(s.phase).toBe('hold');
    s = run([frame('right', true, true)], s);
    expect(s.phase).toBe('reps');
    expect(promptOf(s).headline).toBe('RIGHT leg standing — left foot off the floor');
    s = run(
      [1, 2, 3, 4].map((i) => rep('right', i)),
      s,
    );
    expect(s.phase).toBe('reps');
    s = run([rep('right', 5)], s);
    expect(s.phase).toBe('done');
    expect(s.reps).toEqual({ left: 5, right: 5 });
    // Frames after the end change nothing.
    expect(run([frame('right', true, true), rep('right', 6)], s)).toBe(s);
  });

  it(`moves on after ${MAX_REPS_PER_LEG} reps on a leg even when some were not scored`, () => {
    const s = run(
      [
        frame('left', true, true),
        ...Array.from({ length: MAX_REPS_PER_LEG }, (_x, i) => rep('left', i + 1, i % 2 === 0)),
      ],
      started,
    );
    expect(s.scored.left).toBeLessThan(REPS_PER_LEG);
    expect(s.leg).toBe('right');
  });

  it('Finish ends the check with what it has; a failure says why', () => {
    const s = run([frame('left', true, true), rep('left', 1), { type: 'finish' }], started);
    expect(s.phase).toBe('done');
    expect(s.reps.left).toBe(1);
    const f = run([{ type: 'failed', text: 'The camera stopped.' }], started);
    expect(f.phase).toBe('failed');
    expect(promptOf(f).detail).toBe('The camera stopped.');
    expect(run([{ type: 'finish' }])).toBe(INITIAL_PROTOCOL);
  });

  it('speaks on a change of phase or leg and for an unscored rep, not on every frame', () => {
    const lift = run([frame(null, false, false)], started);
    expect(speechOf(started, lift)).toContain('Stand on your LEFT leg');
    expect(speechOf(lift, run([frame(null, false, false)], lift))).toBeNull();
    const hold = run([frame('left', true, false)], lift);
    const reps = run([frame('left', true, true)], hold);
    expect(speechOf(hold, reps)).toBe('Good. 5 slow single-leg squats on your left leg.');
    const bad = run([rep('left', 1, false)], reps);
    expect(speechOf(reps, bad)).toContain('Rep 1 not scored');
    const good = run([rep('left', 2)], bad);
    expect(speechOf(bad, good)).toBeNull();
    const note = run([{ type: 'note', text: 'Knee drifting inside the foot' }], good);
    expect(note.note).toBe('Knee drifting inside the foot');
    expect(run([rep('left', 3)], note).note).toBeNull();
  });
});
