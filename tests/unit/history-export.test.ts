/** History export / import formats: JSON round trip, schema refusals, CSV rows (pure, no IndexedDB). */
import { describe, expect, it } from 'vitest';
import { analyzeFrames, framesToPoseTrack, KEYPOINT_NAMES } from '../../src/core';
import {
  CSV_COLUMNS,
  HistoryImportError,
  historyToCsv,
  parseHistoryExport,
  toHistoryExport,
  type ExportedSet,
} from '../../src/storage/history-export';
import { loadFrames } from '../golden/tracks';

const CLIP = 'front-oblique-banded-squats' as const;

describe('history export', () => {
  const frames = loadFrames(CLIP);
  const set: ExportedSet = {
    id: 'a1',
    startedAtMs: Date.UTC(2026, 2, 3, 7, 45),
    source: 'file',
    fileName: 'my, "squats".mp4',
    videoOffsetMs: 0,
    summary: analyzeFrames(frames),
    track: framesToPoseTrack(frames, {
      width: 720,
      height: 1280,
      fps: 5,
      model: 'blazepose-full',
      keypointNames: KEYPOINT_NAMES,
    }),
  };

  it('JSON round trip gives the same sets', () => {
    const text = JSON.stringify(toHistoryExport([set], 1));
    expect(parseHistoryExport(JSON.parse(text))).toEqual(JSON.parse(JSON.stringify([set])));
  });

  it('refuses bad files with the reason', () => {
    const good = JSON.parse(JSON.stringify(toHistoryExport([set], 1))) as { sets: Record<string, unknown>[] };
    const expectRefused = (o: unknown, msg: RegExp): void => {
      expect(() => parseHistoryExport(o)).toThrow(HistoryImportError);
      expect(() => parseHistoryExport(o)).toThrow(msg);
    };
    expectRefused(null, /not a JSON object/);
    expectRefused({ ...good, format: 'v0' }, /"format"/);
    expectRefused({ ...good, sets: [good.sets[0], good.sets[0]] }, /appears twice/);
    expectRefused({ ...good, sets: [{ ...good.sets[0], source: 'tv' }] }, /"source"/);
    expectRefused(
      {
        ...good,
        sets: [{ ...good.sets[0], summary: { ...(good.sets[0]?.['summary'] as object), repCount: 7 } }],
      },
      /repCount does not match/,
    );
    expectRefused({ ...good, sets: [{ ...good.sets[0], track: { format: 'pose-track/v1' } }] }, /pose-track/);
  });

  it('CSV: a header and one row per rep, quoted where needed', () => {
    const csv = historyToCsv([set]);
    const rows = csv.trimEnd().split('\r\n');
    expect(rows[0]).toBe(CSV_COLUMNS.join(','));
    expect(rows).toHaveLength(1 + set.summary.reps.length + set.summary.partials.length);
    expect(rows[1]).toContain('"my, ""squats"".mp4"');
    expect(rows[1]?.startsWith('a1,2026-03-03T07:45:00.000Z,file,')).toBe(true);
  });
});
