import { describe, expect, it } from 'vitest';
import type { Connector } from '../../../electron/core/connectors/connector';
import { ManualClock } from '../../../electron/core/runtime/clock';
import { openSqliteStore } from '../../../electron/core/store/sqlite/sqlite-store';
import type { HubEvent } from '../../../shared/contract';
import { createTestCore } from '../../helpers/core';
import { rawMention } from '../../helpers/mentions';

/** A source that never finds anything and counts how often it is stopped. */
function countingConnector(): Connector & { stops: number } {
  const connector = {
    id: 'quiet',
    kind: 'rss' as const,
    label: 'Quiet feed',
    pollIntervalMs: 60_000,
    stops: 0,
    poll: async () => ({ kind: 'ok' as const, items: [], rejected: [], cursor: null }),
    stop: async () => {
      connector.stops += 1;
    },
  };
  return connector;
}

describe('core lifecycle', () => {
  it('stops each connector exactly once (its runner does it; the core does not repeat it)', async () => {
    const clock = new ManualClock();
    const store = await openSqliteStore(':memory:');
    const connector = countingConnector();
    const core = createTestCore({
      clock,
      store,
      sources: [{ connector, credentialFields: [], optionalCredentialFields: [] }],
    });
    await core.start();
    await core.stop();
    expect(connector.stops).toBe(1);
    await store.close();
  });

  it('emits no snapshot at start: clients ask for theirs when they connect', async () => {
    const clock = new ManualClock();
    const store = await openSqliteStore(':memory:');
    const core = createTestCore({ clock, store });
    const seen: HubEvent['name'][] = [];
    core.events.subscribe((event) => seen.push(event.name));
    await core.start();
    const snapshot = await core.api.invoke('snapshot:get', {});
    expect(snapshot.ok).toBe(true);
    expect(seen).not.toContain('snapshot');
    await core.stop();
    await store.close();
  });
});

describe('core status', () => {
  it("counts uptime on the injected real-time timer, not the process's clock", async () => {
    const clock = new ManualClock();
    const uiTimer = new ManualClock();
    const store = await openSqliteStore(':memory:');
    const core = createTestCore({ clock, store, uiTimer });
    await core.start();
    await uiTimer.advance(90_000);
    expect((await core.api.status()).uptime).toBe(90);
    await core.stop();
    await store.close();
  });
});

describe('core stop', () => {
  it('sends the last delta (which reads the store) before stop() resolves, so the store can close right after', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 5, 9, 0, 0));
    const store = await openSqliteStore(':memory:');
    const core = createTestCore({ clock, store });
    const seen: HubEvent['name'][] = [];
    core.events.subscribe((event) => seen.push(event.name));
    await core.start();
    await core.api.commit('ingest-test', [rawMention(1, clock.now())], null);
    await core.stop();
    expect(seen).toContain('mentions:batch');
    expect(seen).toContain('series:update');
    await store.close();
  });
});
