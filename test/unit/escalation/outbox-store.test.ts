import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../electron/core/config';
import type { OutboxEntry, Store } from '../../../electron/core/store/repository';
import { openSqliteStore } from '../../../electron/core/store/sqlite/sqlite-store';

let store: Store | null = null;
afterEach(async () => {
  await store?.close();
  store = null;
});

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

describe('the outbox in the SQLite store', () => {
  it('queues each (incident, target, transition, seq) once, whatever the row id', async () => {
    store = await openSqliteStore(':memory:');
    expect(await store.enqueueOutbox([entry()])).toBe(1);
    expect(await store.enqueueOutbox([entry(), entry({ id: 'other-id' })])).toBe(0);
    expect(await store.enqueueOutbox([entry({ id: 'r1', transition: 'repeat', seq: 1 })])).toBe(1);
    expect((await store.outboxFor('inc-1')).map((e) => e.id)).toEqual(['inc-1:slack:opened:0', 'r1']);
  });

  it('returns due pending rows soonest first, the next due time, and counts a target’s recent rows', async () => {
    store = await openSqliteStore(':memory:');
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
  });
});

describe('the escalation section of the config file', () => {
  it('defaults to no targets and parses targets and routes', () => {
    const empty = parseConfig({});
    expect(empty.ok && empty.value.escalation).toEqual({
      timeZone: 'UTC',
      targets: [],
      routes: [],
      maxPerTargetPerHour: 30,
      maxAttempts: 8,
    });
    const full = parseConfig({
      escalation: { targets: [{ id: 'pd', kind: 'pagerduty' }], routes: [{ targets: ['pd'], on: ['escalated'] }] },
    });
    expect(full.ok && full.value.escalation.targets[0]).toEqual({
      id: 'pd',
      kind: 'pagerduty',
      url: 'https://events.pagerduty.com/v2/enqueue',
    });
  });

  it('names the bad field', () => {
    const bad = parseConfig(
      { escalation: { targets: [{ id: 'pd', kind: 'pagerduty', routingKey: 'x' }] } },
      'hub.json',
    );
    expect(bad.ok ? '' : bad.error.message).toMatch(/^hub\.json: escalation\.targets\.0/);
  });
});
