import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../../electron/core/store/sqlite/sqlite-store';
import { createKeyedMinutes } from '../../../electron/core/wall/keyed-minutes';
import type { Enrichment, Mention, SentimentLabel } from '../../../shared/mention';
import { mention, NEUTRAL_ENRICHMENT } from '../../helpers/mentions';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 0, 12, 9, 0, 0);

const enrich = (label: SentimentLabel, topics: ReadonlyArray<string>): Enrichment => ({
  ...NEUTRAL_ENRICHMENT,
  sentiment: { label, score: 0, confidence: 0.9 },
  topics: topics.map((topic) => ({ topic, terms: [topic] })),
});

describe('keyed minutes (the display deltas by channel and topic)', () => {
  it("counts committed posts into their minutes as the store's breakdown does, seeding a minute stored before", async () => {
    const store = await openSqliteStore(':memory:');
    const keyed = createKeyedMinutes(store);
    const before = [mention(1, T0 + 1, { channel: 'x', enrichment: enrich('negative', ['login']) })];
    await store.commitBatch('src', before, null);
    const commit = async (batch: Mention[]): Promise<void> => {
      await keyed.seed(batch.map((m) => m.createdAt));
      const result = await store.commitBatch('src', batch, null);
      keyed.add(result.inserted);
    };
    await commit([
      mention(2, T0 + 2, { channel: 'x', enrichment: enrich('positive', ['login', 'payments']) }),
      mention(3, T0 + MINUTE, { channel: 'rss', enrichment: enrich('negative', ['payments']) }),
    ]);
    // A duplicate is not inserted again, so it is not counted again.
    await commit([mention(2, T0 + 2, { channel: 'x', enrichment: enrich('positive', ['login', 'payments']) })]);
    const delta = await keyed.points([T0 + MINUTE, T0]);
    expect(delta.byChannel).toEqual(await store.breakdownSeries(T0, T0 + MINUTE, 'channel'));
    expect(delta.byTopic).toEqual(await store.breakdownSeries(T0, T0 + MINUTE, 'topic'));
    expect(delta.byTopic).toContainEqual({ minute: T0, key: 'login', total: 2, negative: 1, positive: 1 });
    await store.close();
  });

  it('forgets minutes past its window and reads them from the store again when touched', async () => {
    const store = await openSqliteStore(':memory:');
    const keyed = createKeyedMinutes(store, 2);
    for (let i = 0; i < 40; i += 1) {
      const m = mention(i, T0 + i * MINUTE, { channel: 'x' });
      await keyed.seed([m.createdAt]);
      keyed.add((await store.commitBatch('src', [m], null)).inserted);
    }
    await store.commitBatch('src', [mention(100, T0 + 1, { channel: 'x' })], null);
    const again = await keyed.points([T0]);
    expect(again.byChannel).toEqual([{ minute: T0, key: 'x', total: 2, negative: 0, positive: 0 }]);
    await store.close();
  });
});
