import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Mention } from '../../../shared/mention';
import { createDefaultIncidentEngine, type IncidentEngine } from '../../../electron/core/incidents';
import { SeriesBuilderStateSchema } from '../../../electron/core/incidents/series';
import { createMinuteAggregator, type MinuteAggregator } from '../../../electron/core/pipeline/minute-aggregator';
import type { DataTime } from '../../../electron/core/connectors/connector';
import { openSqliteStore } from '../../../electron/core/store/sqlite/sqlite-store';
import type { Store } from '../../../electron/core/store/repository';
import { NEUTRAL_ENRICHMENT, mention } from '../../helpers/mentions';

const M0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const MIN = 60_000;

const labelled = (n: number, t: number, label: 'negative' | 'positive' | 'neutral', watchlist = 'nimbus'): Mention =>
  mention(n, t, { watchlist, enrichment: { ...NEUTRAL_ENRICHMENT, sentiment: { label, score: 0, confidence: 1 } } });

/** A store that counts how often each minute's volume is read. */
function counting(store: Store) {
  const reads = new Map<number, number>();
  return {
    reads,
    volumeSeries: (from: number, to: number) => {
      for (let m = from; m <= to; m += MIN) reads.set(m, (reads.get(m) ?? 0) + 1);
      return store.volumeSeries(from, to);
    },
  };
}

/** Commits through the aggregator as `pipeline/commit.ts` does. */
const commit = (
  agg: MinuteAggregator,
  store: Store,
  source: string,
  mentions: Mention[],
  cursor: string | null = null,
) => agg.commit(source, cursor, mentions, () => store.commitBatch(source, mentions, cursor), M0);

/** Detection's closed counts across sources, per minute, summed over watchlists (from its saved state). */
function detectionTotals(engine: IncidentEngine): Map<number, { total: number; negative: number; positive: number }> {
  const { builder } = z.object({ builder: SeriesBuilderStateSchema }).parse(engine.exportState());
  const out = new Map<number, { total: number; negative: number; positive: number }>();
  for (const [key, points] of builder.history) {
    if (!key.endsWith('"*"]')) continue;
    for (const [minute, c] of points) {
      const sum = out.get(minute) ?? { total: 0, negative: 0, positive: 0 };
      out.set(minute, {
        total: sum.total + c.total,
        negative: sum.negative + c.negative,
        positive: sum.positive + c.positive,
      });
    }
  }
  return out;
}

describe('the one per-minute aggregator', () => {
  it('gives the wall and detection the same numbers for the same minutes, and the store agrees', async () => {
    const store = await openSqliteStore(':memory:');
    const engine = createDefaultIncidentEngine();
    const agg = createMinuteAggregator({
      store,
      detection: engine,
      dataTimeOf: () => undefined,
      hasLive: true,
      latenessMinutes: 2,
    });
    let n = 0;
    for (let minute = 0; minute < 5; minute++) {
      const batch = [
        labelled(++n, M0 + minute * MIN + 1_000, 'negative'),
        labelled(++n, M0 + minute * MIN + 2_000, 'positive', 'other'),
        ...Array.from({ length: minute }, (_, i) => labelled(++n, M0 + minute * MIN + 3_000 + i, 'neutral')),
      ];
      await commit(agg, store, 'src', batch);
      // The same batch again (a re-poll): the store drops it, so nobody counts it.
      await commit(agg, store, 'src', batch);
    }
    agg.close(M0 + 10 * MIN);
    const minutes = Array.from({ length: 5 }, (_, i) => M0 + i * MIN);
    const wall = await agg.points(minutes);
    expect(wall.map((p) => p.total)).toEqual([2, 3, 4, 5, 6]);
    const detected = detectionTotals(engine);
    expect(wall).toEqual(minutes.map((minute) => ({ minute, ...detected.get(minute) })));
    expect(wall).toEqual(await store.volumeSeries(M0, M0 + 4 * MIN));
    expect(await agg.range(M0, M0 + 4 * MIN)).toEqual(wall);
  });

  it('reads a minute stored before the hub started from the store once, then counts on without double counting', async () => {
    const store = await openSqliteStore(':memory:');
    await store.commitBatch('src', [labelled(1, M0 + 1_000, 'negative'), labelled(2, M0 + 2_000, 'neutral')], null);
    const reads = counting(store);
    const agg = createMinuteAggregator({
      store: reads,
      dataTimeOf: () => undefined,
      hasLive: true,
      latenessMinutes: 2,
    });
    let n = 10;
    for (let round = 0; round < 20; round++) {
      await commit(agg, store, 'src', [labelled(++n, M0 + 3_000 + round, 'positive')]);
      expect((await agg.points([M0]))[0]?.total).toBe(3 + round);
    }
    expect(await agg.points([M0])).toEqual(await store.volumeSeries(M0, M0));
    expect(reads.reads.get(M0)).toBe(1);
  });

  it("closes a replayed source's minutes when its data has passed them, not on the hub clock", async () => {
    const store = await openSqliteStore(':memory:');
    const ticks: number[] = [];
    const detection = {
      ingest: () => undefined,
      tick: (now: number) => (ticks.push(now), []),
      exportState: () => null,
      importState: () => ({ ok: true as const, value: undefined }),
    };
    let reach: DataTime | null = null;
    const agg = createMinuteAggregator({
      store,
      detection,
      dataTimeOf: (id) => (id === 'replay' ? () => reach : undefined),
      hasLive: false,
      latenessMinutes: 2,
    });
    expect(agg.dataTimeOnly).toBe(true);
    expect(agg.close(M0 + 999 * MIN)).toEqual([]);
    expect(ticks).toEqual([]);
    reach = { at: M0 + 3 * MIN + 30_000, finished: false };
    await commit(agg, store, 'replay', [labelled(1, M0 + 10_000, 'neutral'), labelled(2, M0 + 2 * MIN, 'neutral')]);
    // Each minute with posts is ticked to before its posts, then the data's reach (the next row's minute).
    expect(ticks).toEqual([M0, M0 + 2 * MIN, M0 + 3 * MIN]);
    agg.close(M0 + 999 * MIN);
    expect(ticks.at(-1)).toBe(M0 + 3 * MIN);
    reach = { at: M0 + 3 * MIN + 30_000, finished: true };
    await commit(agg, store, 'replay', []);
    expect(ticks.at(-1)).toBe(M0 + 3 * MIN + 4 * MIN);
  });

  it('closes on the hub clock when the sources are live, however quiet', async () => {
    const store = await openSqliteStore(':memory:');
    const ticks: number[] = [];
    const detection = {
      ingest: () => undefined,
      tick: (now: number) => (ticks.push(now), []),
      exportState: () => null,
      importState: () => ({ ok: true as const, value: undefined }),
    };
    const agg = createMinuteAggregator({
      store,
      detection,
      dataTimeOf: () => undefined,
      hasLive: true,
      latenessMinutes: 2,
    });
    expect(agg.dataTimeOnly).toBe(false);
    agg.close(M0 + 5 * MIN);
    agg.close(M0 + 5 * MIN);
    agg.close(M0 + 6 * MIN);
    expect(ticks).toEqual([M0 + 5 * MIN, M0 + 6 * MIN]);
  });
});

describe('refresh (team mode: another hub stored posts into a minute)', () => {
  it('reads the minute from the store again, so a post counted there is counted once here', async () => {
    const store = await openSqliteStore(':memory:');
    const agg = createMinuteAggregator({ store, dataTimeOf: () => undefined, hasLive: true, latenessMinutes: 2 });
    await commit(agg, store, 'x', [labelled(1, M0 + 1_000, 'negative')]);
    // Another hub's commit: in the store, not through this aggregator.
    await store.commitBatch('y', [labelled(2, M0 + 2_000, 'positive'), labelled(3, M0 + MIN, 'neutral')], null);
    expect((await agg.points([M0]))[0]?.total).toBe(1);
    await agg.refresh([M0, M0 + MIN]);
    await agg.refresh([M0]);
    expect(await agg.points([M0, M0 + MIN])).toEqual([
      { minute: M0, total: 2, negative: 1, positive: 1 },
      { minute: M0 + MIN, total: 1, negative: 0, positive: 0 },
    ]);
    await commit(agg, store, 'x', [labelled(4, M0 + 3_000, 'neutral')]);
    expect((await agg.points([M0]))[0]?.total).toBe(3);
    await store.close();
  });
});
