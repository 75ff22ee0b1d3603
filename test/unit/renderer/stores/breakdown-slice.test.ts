import { describe, expect, it } from 'vitest';
import {
  BREAKDOWN_KEEP_MS,
  BREAKDOWN_MAX_POINTS,
  keyedId,
  mergeKeyed,
} from '../../../../renderer/stores/breakdown-slice';
import { addToBatch, emptyBatch } from '../../../../renderer/stores/delta-batch';
import { createWallStore } from '../../../../renderer/stores/wall-store';
import type { KeyedPoint } from '../../../../shared/wall';
import { makeSnapshot } from '../fixtures';
import { withLive } from '../../../../renderer/features/display/day-series';

const M = 60_000;
const T0 = Date.UTC(2026, 0, 12, 12, 0, 0);
const point = (minute: number, key: string, total: number): KeyedPoint => ({
  minute,
  key,
  total,
  negative: 0,
  positive: 0,
});

describe('the breakdown slice (per-channel and per-topic deltas)', () => {
  it('keeps the latest point per minute and key, drops minutes past the keep window', () => {
    let map = mergeKeyed(new Map(), [point(T0, 'x', 1), point(T0, 'rss', 2)], T0);
    map = mergeKeyed(map, [point(T0, 'x', 5)], T0);
    expect(map.get(keyedId({ minute: T0, key: 'x' }))?.total).toBe(5);
    expect(map.size).toBe(2);
    const later = T0 + BREAKDOWN_KEEP_MS + M;
    map = mergeKeyed(map, [point(later, 'x', 1), point(T0 - M, 'x', 9)], later);
    expect([...map.values()]).toEqual([point(later, 'x', 1)]);
  });

  it('is capped by count, keeping the newest minutes', () => {
    const many = Array.from({ length: BREAKDOWN_MAX_POINTS + 10 }, (_, i) => point(T0 + i * 1_000, 'x', 1));
    const map = mergeKeyed(new Map(), many, T0 + many.length * 1_000);
    expect(map.size).toBe(BREAKDOWN_MAX_POINTS);
    expect(Math.min(...[...map.values()].map((p) => p.minute))).toBe(T0 + 10 * 1_000);
  });

  it('coalesces series:update breakdowns in a batch, applies them in one update, and a snapshot clears them', () => {
    let batch = addToBatch(emptyBatch(), {
      name: 'series:update',
      payload: { points: [], byChannel: [point(T0, 'x', 1)], byTopic: [point(T0, 'login', 1)] },
    });
    batch = addToBatch(batch, { name: 'series:update', payload: { points: [], byChannel: [point(T0, 'x', 3)] } });
    expect([...batch.byChannel.values()]).toEqual([point(T0, 'x', 3)]);
    const store = createWallStore({ now: T0, settings: { theme: 'dark', largeType: false } });
    store.getState().applySnapshot(makeSnapshot(T0));
    const before = store.getState().breakdown;
    store.getState().applyDeltas(addToBatch(emptyBatch(), { name: 'clock:tick', payload: { now: T0, mentions: 0 } }));
    expect(store.getState().breakdown).toBe(before);
    store.getState().applyDeltas(batch);
    expect([...store.getState().breakdown.channel.values()]).toEqual([point(T0, 'x', 3)]);
    expect([...store.getState().breakdown.topic.values()]).toEqual([point(T0, 'login', 1)]);
    store.getState().applySnapshot(makeSnapshot(T0 + M));
    expect(store.getState().breakdown.channel.size).toBe(0);
  });

  it("lays the live points over the fetched window, keeping each key's newest point before it for its data age", () => {
    const fetched = [
      point(T0 - 300 * M, 'x', 1),
      point(T0 - 200 * M, 'x', 2),
      point(T0 - M, 'x', 3),
      point(T0, 'rss', 1),
    ];
    const live = mergeKeyed(new Map(), [point(T0, 'rss', 4), point(T0 + M, 'x', 1)], T0 + M);
    const merged = withLive(fetched, live, T0 - 180 * M).sort((a, b) => a.minute - b.minute);
    expect(merged).toEqual([
      point(T0 - 200 * M, 'x', 2),
      point(T0 - M, 'x', 3),
      point(T0, 'rss', 4),
      point(T0 + M, 'x', 1),
    ]);
  });
});
