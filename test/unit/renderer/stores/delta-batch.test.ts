import { describe, expect, it } from 'vitest';
import {
  addToBatch,
  DeltaBatcher,
  emptyBatch,
  isEmptyBatch,
  type DeltaBatch,
  type FlushScheduler,
} from '../../../../renderer/stores/delta-batch';
import { makeHealth, makeIncident, makeMention } from '../fixtures';

/** A scheduler flushed by hand: records how many flushes were scheduled. */
function manualScheduler(): { schedule: FlushScheduler; run(): void; scheduled(): number } {
  let pending: (() => void) | null = null;
  let count = 0;
  return {
    schedule: (flush) => {
      count += 1;
      pending = flush;
      return () => {
        pending = null;
      };
    },
    run: () => {
      const f = pending;
      pending = null;
      f?.();
    },
    scheduled: () => count,
  };
}

describe('delta coalescing', () => {
  it('appends mentions, keeps the latest point per minute, source and incident, and the newest tick', () => {
    let b: DeltaBatch = emptyBatch();
    b = addToBatch(b, { name: 'mentions:batch', payload: { mentions: [makeMention(1, 10)] } });
    b = addToBatch(b, { name: 'mentions:batch', payload: { mentions: [makeMention(2, 20)] } });
    b = addToBatch(b, {
      name: 'series:update',
      payload: { points: [{ minute: 60_000, total: 1, negative: 0, positive: 0 }] },
    });
    b = addToBatch(b, {
      name: 'series:update',
      payload: { points: [{ minute: 60_000, total: 5, negative: 2, positive: 1 }] },
    });
    b = addToBatch(b, { name: 'sources:health', payload: { sources: [makeHealth('a', { state: 'ok' })] } });
    b = addToBatch(b, { name: 'sources:health', payload: { sources: [makeHealth('a', { state: 'failing' })] } });
    b = addToBatch(b, {
      name: 'incidents:changed',
      payload: { incidents: [makeIncident('i1', 0, { severity: 'P3' })] },
    });
    b = addToBatch(b, {
      name: 'incidents:changed',
      payload: { incidents: [makeIncident('i1', 0, { severity: 'P1' })] },
    });
    b = addToBatch(b, { name: 'clock:tick', payload: { now: 500, mentions: 0 } });
    b = addToBatch(b, { name: 'clock:tick', payload: { now: 400, mentions: 0 } });
    expect(b.mentions.map((m) => m.id)).toEqual(['sim:1', 'sim:2']);
    expect(b.series.get(60_000)?.total).toBe(5);
    expect(b.sources.get('a')?.state).toBe('failing');
    expect(b.incidents.get('i1')?.severity).toBe('P1');
    expect(b.now).toBe(500);
    expect(isEmptyBatch(b)).toBe(false);
    expect(isEmptyBatch(emptyBatch())).toBe(true);
  });

  it('schedules one flush per burst and applies one coalesced batch', () => {
    const sched = manualScheduler();
    const applied: DeltaBatch[] = [];
    const batcher = new DeltaBatcher(sched.schedule, (batch) => applied.push(batch));
    for (let i = 0; i < 50; i++) batcher.add({ name: 'mentions:batch', payload: { mentions: [makeMention(i, i)] } });
    expect(sched.scheduled()).toBe(1);
    expect(applied).toHaveLength(0);
    sched.run();
    expect(applied).toHaveLength(1);
    expect(applied[0]?.mentions).toHaveLength(50);
    batcher.add({ name: 'clock:tick', payload: { now: 1, mentions: 0 } });
    expect(sched.scheduled()).toBe(2);
  });

  it('drop forgets pending deltas and cancels the flush', () => {
    const sched = manualScheduler();
    const applied: DeltaBatch[] = [];
    const batcher = new DeltaBatcher(sched.schedule, (batch) => applied.push(batch));
    batcher.add({ name: 'clock:tick', payload: { now: 1, mentions: 0 } });
    batcher.drop();
    sched.run();
    batcher.flush();
    expect(applied).toHaveLength(0);
  });
});
