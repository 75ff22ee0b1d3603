import { describe, expect, it } from 'vitest';
import type { HubStatus } from '../../../shared/contract';
import { startXFake } from '../../fixtures/fakes/x-fake';
import { startTeamHub, teamPostgres } from './lease-hubs';

/**
 * Two `earshot serve` processes on one real PostgreSQL: hub A polls the X source (a loopback fake of X API v2), hub B
 * stands by. B's walls show the source's health as A's poller sees it, changes included, and B's own once it takes
 * the source over.
 */

const BEARER = 'x-bearer-health-test';
const team = teamPostgres();
const { closers } = team;

const x1 = (s: HubStatus) => s.sources.find((h) => h.sourceId === 'x1');

describe('source health across the hubs of a team', () => {
  it('shows on a standby hub the source health of the hub polling it, and follows its changes', async () => {
    const url = await team.server.createDatabase();
    const x = await startXFake({ bearerToken: BEARER, now: () => Date.now() });
    closers.push(() => x.close());
    const config = {
      watchlists: [{ id: 'brand', name: 'Acme', query: 'acme' }],
      sources: [{ id: 'x1', type: 'x', baseUrl: x.url, pollIntervalMs: 1_000, timeoutMs: 60_000 }],
      team: { leasePeriodMs: 300 },
    };
    const env = { EARSHOT_X1_BEARERTOKEN: BEARER };
    const a = await startTeamHub({ name: 'a', databaseUrl: url, config, env });
    const polled = await a.until((s) => (s.hub?.leases ?? []).includes('source:x1') && x1(s)?.state === 'ok');
    const b = await startTeamHub({ name: 'b', databaseUrl: url, config, env });
    const standby = await b.until((s) => (s.hub?.peers ?? []).some((p) => p.id === polled.hub?.id && p.alive));
    expect(standby.hub?.leases).not.toContain('source:x1');

    // B polls nothing, yet shows the source as A last saw it.
    const seen = await b.until((s) => x1(s)?.state === 'ok');
    expect(x1(seen)).toMatchObject({ sourceId: 'x1', kind: 'x', state: 'ok', lastSuccessAt: expect.any(Number) });

    // A's poller is turned away (bad credentials): B's walls show it too, with A's readable error.
    x.failNext(...Array.from({ length: 50 }, () => ({ status: 401 }) as const));
    const failing = await a.until((s) => x1(s)?.state === 'auth-error');
    const onB = await b.until((s) => x1(s)?.state === 'auth-error');
    expect(x1(onB)?.lastError).toBe(x1(failing)?.lastError);
    expect(x1(onB)?.lastError).not.toContain(BEARER);
  }, 60_000);
});
