import { describe, expect, it } from 'vitest';
import type { OutboxEntry } from '../../../electron/core/store/repository';
import { DIALECTS, storeHarness } from './harness';

const entry = (over: Partial<OutboxEntry> = {}): OutboxEntry => ({
  id: 'inc-1:slack:opened:0',
  incidentId: 'inc-1',
  targetId: 'slack',
  targetKind: 'slack',
  transition: 'opened',
  seq: 0,
  status: 'pending',
  attempts: 0,
  createdAt: 1_000,
  nextAttemptAt: 1_000,
  lastAttemptAt: null,
  lastError: null,
  card: '{}',
  ...over,
});

describe.each(DIALECTS)('the escalation outbox in the %s store', (dialect) => {
  const h = storeHarness(dialect);

  it('queues each (incident, target, transition, seq) once, whatever the row id', async () => {
    const store = await h.open();
    expect(await store.enqueueOutbox([entry()])).toBe(1);
    expect(await store.enqueueOutbox([entry(), entry({ id: 'other-id' })])).toBe(0);
    expect(await store.enqueueOutbox([entry({ id: 'r1', transition: 'repeat', seq: 1 })])).toBe(1);
    expect((await store.outboxFor('inc-1')).map((e) => e.id)).toEqual(['inc-1:slack:opened:0', 'r1']);
    expect(await store.enqueueOutbox([])).toBe(0);
  });

  it('returns due pending rows soonest first, the next due time, and counts a target’s recent rows', async () => {
    const store = await h.open();
    expect(await store.nextOutboxAt()).toBeNull();
    await store.enqueueOutbox([
      entry({ id: 'a', nextAttemptAt: 5_000 }),
      entry({ id: 'b', targetId: 'pd', targetKind: 'pagerduty', nextAttemptAt: 2_000 }),
      entry({ id: 'c', incidentId: 'inc-2', status: 'failed', lastError: 'suppressed' }),
    ]);
    expect((await store.dueOutbox(4_000, 10)).map((e) => e.id)).toEqual(['b']);
    expect(await store.nextOutboxAt()).toBe(2_000);
    await store.updateOutbox('b', {
      status: 'sent',
      attempts: 1,
      nextAttemptAt: 2_000,
      lastAttemptAt: 2_000,
      lastError: null,
    });
    expect(await store.nextOutboxAt()).toBe(5_000);
    expect(await store.countOutboxSince('slack', 0)).toBe(1); // the failed (suppressed) row does not count
    expect(await store.outboxIncidentsSince(0)).toEqual(['inc-1']);
    expect((await store.outboxFor('inc-1')).find((e) => e.id === 'b')).toEqual(
      entry({
        id: 'b',
        targetId: 'pd',
        targetKind: 'pagerduty',
        status: 'sent',
        attempts: 1,
        nextAttemptAt: 2_000,
        lastAttemptAt: 2_000,
      }),
    );
  });

  it('breaks ties in due order and in an incident’s rows by insertion order', async () => {
    const store = await h.open();
    const ids = ['z', 'a', 'm', 'b'];
    await store.enqueueOutbox(ids.map((id, seq) => entry({ id, seq })));
    expect((await store.dueOutbox(1_000, 10)).map((e) => e.id)).toEqual(ids);
    expect((await store.dueOutbox(1_000, 2)).map((e) => e.id)).toEqual(['z', 'a']);
    expect((await store.outboxFor('inc-1')).map((e) => e.id)).toEqual(ids);
  });

  it('pages once when two hubs queue the same transition at the same time', async () => {
    const where = await h.location();
    const [a, b] = [await h.open(where), await h.open(where)];
    const rows = Array.from({ length: 50 }, (_, n) => entry({ id: `inc-${n}:pd:opened:0`, incidentId: `inc-${n}` }));
    // Hub B names its rows differently: the (incident, target, transition, seq) key still makes them one.
    const sameFromB = rows.map((r) => ({ ...r, id: `b-${r.id}` }));
    const [fromA, fromB] = await Promise.all([a.enqueueOutbox(rows), b.enqueueOutbox(sameFromB)]);
    expect(fromA + fromB).toBe(50);
    expect(await a.countOutboxSince('slack', 0)).toBe(50);
  });
});
