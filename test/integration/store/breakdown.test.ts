import { describe, expect, it } from 'vitest';
import { mention, NEUTRAL_ENRICHMENT } from '../../helpers/mentions';
import { DIALECTS, storeHarness } from './harness';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const MINUTE = 60_000;
const neg = { ...NEUTRAL_ENRICHMENT, sentiment: { label: 'negative' as const, score: -0.8, confidence: 0.9 } };
const login = { ...neg, topics: [{ topic: 'login', terms: ["can't log in"] }] };
const both = {
  ...neg,
  topics: [
    { topic: 'login', terms: ['login'] },
    { topic: 'refund', terms: ['refund'] },
  ],
};

describe.each(DIALECTS)('the %s store: per-minute breakdowns for the executive display', (dialect) => {
  const h = storeHarness(dialect);

  it('counts by channel and by topic per minute, sparse, in minute and key order, within the window', async () => {
    const store = await h.open();
    await store.commitBatch(
      'src',
      [
        mention(1, T0, { enrichment: login }),
        mention(2, T0 + 5_000, { channel: 'reddit', enrichment: both }),
        mention(3, T0 + MINUTE + 1, {}),
        mention(4, T0 + 3 * MINUTE, { enrichment: login }),
      ],
      null,
    );
    expect(await store.breakdownSeries(T0, T0 + MINUTE, 'channel')).toEqual([
      { minute: T0, key: 'reddit', total: 1, negative: 1, positive: 0 },
      { minute: T0, key: 'x', total: 1, negative: 1, positive: 0 },
      { minute: T0 + MINUTE, key: 'x', total: 1, negative: 0, positive: 0 },
    ]);
    expect(await store.breakdownSeries(T0, T0 + 3 * MINUTE, 'topic')).toEqual([
      { minute: T0, key: 'login', total: 2, negative: 2, positive: 0 },
      { minute: T0, key: 'refund', total: 1, negative: 1, positive: 0 },
      { minute: T0 + 3 * MINUTE, key: 'login', total: 1, negative: 1, positive: 0 },
    ]);
  });
});
