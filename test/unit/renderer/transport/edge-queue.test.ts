import { describe, expect, it } from 'vitest';
import type { HubEvent } from '../../../../shared/contract';
import { EdgeQueue, type EdgeSlicing } from '../../../../renderer/transport/edge-queue';
import { makeMention, makeSnapshot } from '../fixtures';

/** A clock that advances 1 ms per read, and a queue of continuations run by hand. */
function manualSlicing(budgetMs: number): { slicing: EdgeSlicing; runSlice(): boolean; slices: () => number } {
  let t = 0;
  let ran = 0;
  const queue: Array<() => void> = [];
  return {
    slicing: { budgetMs, now: () => t++, later: (run) => queue.push(run) },
    runSlice: () => {
      const run = queue.shift();
      if (run === undefined) return false;
      ran += 1;
      run();
      return true;
    },
    slices: () => ran,
  };
}

function collect() {
  const events: HubEvent[] = [];
  const invalid: string[] = [];
  return { events, invalid, sink: { event: (e: HubEvent) => events.push(e), invalid: (r: string) => invalid.push(r) } };
}

describe('edge queue: sliced validation of incoming events', () => {
  it('validates a large batch over several slices and keeps event order', () => {
    const m = manualSlicing(5);
    const c = collect();
    const edge = new EdgeQueue(c.sink, m.slicing);
    const big = Array.from({ length: 500 }, (_, i) => makeMention(i, 1000 + i));
    edge.push({ name: 'mentions:batch', payload: { mentions: big } });
    edge.push({ name: 'clock:tick', payload: { now: 5, mentions: 0 } });
    while (m.runSlice()) expect(c.events.length === 0 || c.events[0]?.name === 'mentions:batch').toBe(true);
    expect(m.slices()).toBeGreaterThan(3);
    expect(c.events.map((e) => e.name)).toEqual(['mentions:batch', 'clock:tick']);
    const first = c.events[0];
    expect(first?.name === 'mentions:batch' ? first.payload.mentions.length : -1).toBe(500);
    expect(c.invalid).toEqual([]);
  });

  it('drops and counts bad mentions one by one, keeping the good ones', () => {
    const m = manualSlicing(1000);
    const c = collect();
    const edge = new EdgeQueue(c.sink, m.slicing);
    edge.push({
      name: 'mentions:batch',
      payload: { mentions: [makeMention(1, 1), { id: 'broken' }, makeMention(2, 2), 'nope'] },
    });
    while (m.runSlice());
    const e = c.events[0];
    expect(e?.name === 'mentions:batch' ? e.payload.mentions.map((x) => x.id) : []).toEqual(['sim:1', 'sim:2']);
    expect(c.invalid).toHaveLength(2);
  });

  it('validates snapshots the same way, and rejects a malformed snapshot whole', () => {
    const m = manualSlicing(1000);
    const c = collect();
    const edge = new EdgeQueue(c.sink, m.slicing);
    edge.push({ name: 'snapshot', payload: { ...makeSnapshot(77), mentions: [makeMention(1, 1), { bad: true }] } });
    edge.push({ name: 'snapshot', payload: { ...makeSnapshot(78), now: 'later' } });
    edge.push({ name: 'sources:health', payload: { sources: 'all good' } });
    edge.push({ name: 'mentions:batch', payload: { mentions: 'many' } });
    while (m.runSlice());
    expect(c.events).toHaveLength(1);
    const snap = c.events[0];
    expect(
      snap?.name === 'snapshot' ? [snap.payload.now, snap.payload.mentions.length, snap.payload.status.version] : [],
    ).toEqual([77, 1, '9.9.9']);
    expect(c.invalid).toHaveLength(4);
  });

  it('clear forgets queued events', () => {
    const m = manualSlicing(1000);
    const c = collect();
    const edge = new EdgeQueue(c.sink, m.slicing);
    edge.push({ name: 'clock:tick', payload: { now: 1, mentions: 0 } });
    edge.clear();
    while (m.runSlice());
    expect(c.events).toEqual([]);
  });
});
