import { describe, expect, it } from 'vitest';
import { createSeriesBuilder } from '../../../electron/core/incidents';
import { MINUTE, T0, mention } from './helpers';

const options = { latenessMinutes: 2, historyMinutes: 30, maxGapMinutes: 120 };

describe('series builder', () => {
  it('buckets by minute per channel and across sources, counting topics of non-positive posts only', () => {
    const builder = createSeriesBuilder(options);
    builder.add(mention(T0 + 5_000, { text: 'a', channel: 'x', sentiment: 'negative', topics: ['login', 'outage'] }));
    builder.add(mention(T0 + 59_999, { text: 'b', channel: 'reddit', sentiment: 'positive', topics: ['login'] }));
    builder.add(mention(T0 + MINUTE, { text: 'c', channel: 'x', sentiment: 'neutral', topics: ['login'] }));
    expect(builder.close(T0 + 2 * MINUTE)).toEqual([]);
    const closed = builder.close(T0 + 3 * MINUTE);
    expect(closed).toEqual([
      {
        minute: T0,
        watchlist: 'nimbus',
        channel: 'x',
        counts: { total: 1, negative: 1, positive: 0, topics: { login: 1, outage: 1 } },
      },
      {
        minute: T0,
        watchlist: 'nimbus',
        channel: 'reddit',
        counts: { total: 1, negative: 0, positive: 1, topics: {} },
      },
      {
        minute: T0,
        watchlist: 'nimbus',
        channel: '*',
        counts: { total: 2, negative: 1, positive: 1, topics: { login: 1, outage: 1 } },
      },
    ]);
  });

  it('lands late posts in their minute while it is open, and in history after it closed', () => {
    const builder = createSeriesBuilder(options);
    builder.add(mention(T0 + 10_000, { text: 'a' }));
    builder.close(T0 + 3 * MINUTE);
    expect(builder.add(mention(T0 + MINUTE + 1_000, { text: 'late but open' }))).toBe(true);
    expect(builder.add(mention(T0 + 20_000, { text: 'too late' }))).toBe(false);
    expect(builder.history('nimbus', '*', T0).map((p) => p.counts.total)).toEqual([2]);
    const next = builder.close(T0 + 4 * MINUTE);
    expect(next.find((c) => c.channel === '*')?.counts.total).toBe(1);
  });

  it('zero-fills quiet minutes for every known series, bounds history and skips long gaps', () => {
    const builder = createSeriesBuilder(options);
    builder.add(mention(T0, { text: 'a', channel: 'x' }));
    builder.close(T0 + 3 * MINUTE);
    const quiet = builder.close(T0 + 13 * MINUTE);
    expect(quiet.filter((c) => c.channel === '*').map((c) => c.counts.total)).toEqual(Array(10).fill(0));
    builder.close(T0 + 100 * MINUTE);
    expect(builder.history('nimbus', 'x', 0)).toHaveLength(31);
    const afterGap = builder.close(T0 + 1_000 * MINUTE);
    expect(afterGap.filter((c) => c.channel === '*')).toHaveLength(120);
    expect(builder.watchlists()).toEqual(['nimbus']);
  });

  it('round-trips its state', () => {
    const a = createSeriesBuilder(options);
    a.add(mention(T0, { text: 'a', topics: ['refund'], sentiment: 'negative' }));
    a.close(T0 + 3 * MINUTE);
    a.add(mention(T0 + 3 * MINUTE, { text: 'b' }));
    const b = createSeriesBuilder(options);
    b.importState(JSON.parse(JSON.stringify(a.exportState())));
    expect(b.close(T0 + 6 * MINUTE)).toEqual(a.close(T0 + 6 * MINUTE));
  });
});
