import { describe, expect, it } from 'vitest';
import type { DetectionPort } from '../../../electron/core/core-types';
import type { Incident } from '../../../shared/incident';
import type { Mention } from '../../../shared/mention';
import { ok } from '../../../shared/result';
import { ManualClock } from '../../../electron/core/runtime/clock';
import { silentLogger } from '../../../electron/core/runtime/logger';
import { openSqliteStore } from '../../../electron/core/store/sqlite/sqlite-store';
import { createLeaseManager } from '../../../electron/core/team/lease/lease-manager';
import { sampleIncident } from '../../fixtures/receivers/sample-incident';
import { createTestCore } from '../../helpers/core';
import { rawMention } from '../../helpers/mentions';
import { lockServer } from './lock-server';
import type { RemotePort, TeamLink } from '../../../electron/core/team/fanout/port';

/** A core in a team: what it runs depends on the detector lease, held here or by a peer (another manager). */

const PERIOD = 5_000;
const START = Date.UTC(2026, 0, 5, 9, 0, 0);

/** Detection that records what reaches it and opens `opens` incidents early, once each. */
function spyDetection(opens: Incident[] = []) {
  const ingested: Mention[] = [];
  const imported: unknown[] = [];
  const port: DetectionPort = {
    ingest: (mentions) => void ingested.push(...mentions),
    tick: () => [],
    evaluateOpen: () => opens.splice(0),
    exportState: () => ({ ingested: ingested.length }),
    importState: (state) => {
      imported.push(state);
      return ok(undefined);
    },
  };
  return { port, ingested, imported };
}

async function teamCore(hub: string, server: ReturnType<typeof lockServer>, detection: DetectionPort) {
  const clock = new ManualClock(START);
  const store = await openSqliteStore(':memory:');
  const leases = createLeaseManager({
    hubId: hub,
    backend: server.backend(hub),
    timer: clock,
    periodMs: PERIOD,
    logger: silentLogger(),
  });
  return { clock, store, core: createTestCore({ clock, store, detection, leases }) };
}

describe('a team core and the detector lease', () => {
  it('scores the posts another hub stored (its ingest webhook) only while it holds the detector', async () => {
    const server = lockServer();
    server.owners.set('detector', 'peer');
    const detection = spyDetection();
    const clock = new ManualClock(START);
    const store = await openSqliteStore(':memory:');
    const leases = createLeaseManager({
      hubId: 'a',
      backend: server.backend('a'),
      timer: clock,
      periodMs: PERIOD,
      logger: silentLogger(),
    });
    let port: RemotePort | null = null;
    const team: TeamLink = {
      record: () => undefined,
      recordHealth: () => undefined,
      start: async (p) => void (port = p),
      stop: async () => undefined,
    };
    const core = createTestCore({ clock, store, detection: detection.port, leases, team });
    await core.start();
    const remote = (n: number) => ({ ...rawMention(n, START), id: `push:ext-${n}` }) as unknown as Mention;
    // The core decides, by the lease: not while a peer holds it...
    await port!.mentions([remote(1)]);
    expect(detection.ingested).toEqual([]);
    server.owners.delete('detector');
    await clock.advance(PERIOD);
    await port!.mentions([remote(2)]);
    expect(detection.ingested.map((m) => m.id)).toEqual(['push:ext-2']);
    await core.stop();
  });

  it('as a standby neither counts nor scores the posts it commits; on taking over it restores the saved state', async () => {
    const server = lockServer();
    server.owners.set('detector', 'peer');
    const detection = spyDetection([sampleIncident('inc_standby', START)]);
    const { clock, store, core } = await teamCore('b', server, detection.port);
    await core.start();
    await core.api.commit('push', [rawMention(1, START)], null);
    await core.api.settled();
    expect(detection.ingested).toEqual([]);
    expect(await store.listIncidents()).toEqual([]);
    expect((await core.api.status()).hub?.leases).toEqual(['escalation']);

    await store.setState('detection', { saved: 'by the peer' });
    server.owners.delete('detector');
    await clock.advance(PERIOD);
    expect((await core.api.status()).hub?.leases).toEqual(['escalation', 'detector']);
    expect(detection.imported).toEqual([{ saved: 'by the peer' }]);
    await core.api.commit('push', [rawMention(2, START + 1_000)], null);
    await core.api.settled();
    expect(detection.ingested.map((m) => m.externalId)).toEqual(['ext-2']);
    expect((await store.listIncidents()).map((i) => i.id)).toEqual(['inc_standby']);
    await core.stop();
  });

  it('saves the detector state as soon as detection opens an incident, for a successor after a crash', async () => {
    const server = lockServer();
    const detection = spyDetection([sampleIncident('inc_new', START)]);
    const { store, core } = await teamCore('a', server, detection.port);
    await core.start();
    expect(await store.getState('detection')).toBeNull();
    await core.api.commit('push', [rawMention(1, START)], null);
    await core.api.settled();
    expect(await store.getState('detection')).toEqual({ ingested: 1 });
    await core.stop();
  });
});
