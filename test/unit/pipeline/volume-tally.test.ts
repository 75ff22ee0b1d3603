import { describe, expect, it } from 'vitest';
import type { Mention } from '../../../shared/mention';
import { createVolumeTally } from '../../../electron/core/pipeline/volume-tally';
import { openSqliteStore } from '../../../electron/core/store/sqlite/sqlite-store';
import type { Store } from '../../../electron/core/store/repository';
import { NEUTRAL_ENRICHMENT, mention } from '../../helpers/mentions';

const M0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const MIN = 60_000;

const labelled = (n: number, t: number, label: 'negative' | 'positive' | 'neutral'): Mention =>
  mention(n, t, { enrichment: { ...NEUTRAL_ENRICHMENT, sentiment: { label, score: 0, confidence: 1 } } });

/** Stores mentions as the pipeline does, then tells the tally (as `onInserted` does). */
async function stored(store: Store, add: (m: ReadonlyArray<Mention>) => void, mentions: Mention[]): Promise<void> {
  const result = await store.commitBatch('src', mentions, null);
  add(result.inserted);
}

describe('volume tally for series deltas', () => {
  it('answers from memory what the store would answer, reading each minute only once in a while', async () => {
    const store = await openSqliteStore(':memory:');
    let reads = 0;
    const counting = { volumeSeries: (a: number, b: number) => ((reads += 1), store.volumeSeries(a, b)) };
    let now = 0;
    const tally = createVolumeTally(counting, () => now);
    await store.commitBatch('src', [labelled(1, M0 + 1_000, 'negative')], null);
    expect(await tally.points([M0])).toEqual([{ minute: M0, total: 1, negative: 1, positive: 0 }]);
    let n = 2;
    for (let round = 0; round < 20; round++) {
      now += 250;
      await stored(store, tally.add, [
        labelled(n++, M0 + 2_000 + round, 'positive'),
        labelled(n++, M0 + MIN + round, 'neutral'),
        labelled(n++, M0 + 3_000 + round, 'negative'),
      ]);
      expect(await tally.points([M0 + MIN, M0])).toEqual(await store.volumeSeries(M0, M0 + MIN));
    }
    // Two reads per minute and per 10 s, not one per delta.
    expect(reads).toBeLessThanOrEqual(4);
  });

  it('corrects what it could not count with the next read', async () => {
    const store = await openSqliteStore(':memory:');
    let now = 0;
    const tally = createVolumeTally(store, () => now);
    await stored(store, tally.add, [labelled(1, M0, 'neutral')]);
    expect((await tally.points([M0]))[0]?.total).toBe(1);
    // Stored without telling the tally (another writer): seen again after the refresh interval.
    await store.commitBatch('src', [labelled(2, M0 + 5, 'neutral')], null);
    expect((await tally.points([M0]))[0]?.total).toBe(1);
    now += 10_000;
    expect((await tally.points([M0]))[0]?.total).toBe(2);
  });
});
