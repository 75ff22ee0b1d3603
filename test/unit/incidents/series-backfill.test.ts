import { describe, expect, it } from 'vitest';
import { createSeriesBuilder } from '../../../electron/core/incidents/series';
import { mention } from '../../helpers/mentions';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 0, 6, 10, 0, 0);

describe('the series builder before its first post', () => {
  it('counts a back-fill committed after a first close that had nothing to close', () => {
    const builder = createSeriesBuilder({ latenessMinutes: 1, historyMinutes: 600, maxGapMinutes: 600 });
    // The detection tick ran before the first poll's commit landed (a network store, a slow first poll).
    expect(builder.close(T0)).toEqual([]);
    expect(builder.lastClosed()).toBeNull();
    const backfill = Array.from({ length: 180 }, (_, n) => mention(n, T0 - (180 - n) * MINUTE));
    expect(backfill.map((m) => builder.add(m))).toEqual(backfill.map(() => true));
    const closed = builder.close(T0 + MINUTE);
    const minutes = new Set(closed.map((row) => row.minute));
    expect(minutes.size).toBeGreaterThanOrEqual(178);
    expect(closed.filter((row) => row.channel === '*').reduce((n, row) => n + row.counts.total, 0)).toBe(180);
  });
});
