import { describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../../electron/core/store/postgres/postgres-store';
import { startXFake, type FakeTweet, type XFake } from '../../fixtures/fakes/x-fake';
import { startHttpReceiver, type HttpReceiver } from '../../fixtures/receivers/http-receiver';
import { sampleIncident } from '../../fixtures/receivers/sample-incident';
import { rows, startTeamHub, type TeamHub, teamPostgres, untilRows } from './lease-hubs';

/**
 * Two `earshot serve` processes on one real PostgreSQL: hub A holds the X source (a loopback fake of X API v2),
 * the detector and the outbox worker; hub B stands by. SIGKILL of A mid-poll hands everything to B, which resumes
 * from the committed cursor: every post stored once, none lost, and the webhook paged exactly once.
 */

const BEARER = 'x-bearer-lease-test';
const PERIOD_MS = 300;
const team = teamPostgres();
const { closers } = team;

const tweet = (n: number): FakeTweet => ({
  id: String(1_000 + n),
  text: `acme card declined again (${n})`,
  authorId: 'u1',
  createdAt: Date.now() - 60_000 + n,
});

interface Rig {
  readonly url: string;
  readonly x: XFake;
  readonly hook: HttpReceiver;
  start(name: string): Promise<TeamHub>;
}

async function rig(): Promise<Rig> {
  const url = await team.server.createDatabase();
  const x = await startXFake({ bearerToken: BEARER, now: () => Date.now() });
  x.addUsers([{ id: 'u1', username: 'sam', name: 'Sam', followers: 10, verified: false }]);
  closers.push(() => x.close());
  const hook = await startHttpReceiver();
  closers.push(() => hook.close());
  // The incident people work on: stored before the hubs start, as a detected one would be.
  const store = await openPostgresStore(url);
  const incident = sampleIncident('inc-lease', Date.now() - 120_000);
  await store.saveIncident(incident, incident.workflow);
  await store.close();
  const config = {
    watchlists: [{ id: 'brand', name: 'Acme', query: 'acme' }],
    sources: [{ id: 'x1', type: 'x', baseUrl: x.url, pollIntervalMs: 1_000, timeoutMs: 60_000 }],
    escalation: {
      targets: [{ id: 'hook', kind: 'webhook' }],
      routes: [{ targets: ['hook'], on: ['escalated'] }],
    },
    team: { leasePeriodMs: PERIOD_MS },
  };
  const env = { EARSHOT_X1_BEARERTOKEN: BEARER, EARSHOT_HOOK_URL: `${hook.url}/hook`, EARSHOT_HOOK_SECRET: 's3cret' };
  return { url, x, hook, start: (name) => startTeamHub({ name, databaseUrl: url, config, env }) };
}

const ALL = ['detector', 'escalation', 'source:x1'];
const holdsAll = (leases: ReadonlyArray<string>): boolean => ALL.every((l) => leases.includes(l));
const storedIds = (url: string): Promise<Array<{ external_id: string }>> =>
  rows(url, "SELECT external_id FROM mentions WHERE source_id = 'x1' ORDER BY external_id");

describe('two hubs on one PostgreSQL, hub A killed with SIGKILL', () => {
  it('hands the source, the detector and the outbox to hub B: no post lost or doubled, one page', async () => {
    const { url, x, hook, start } = await rig();
    x.addTweets([1, 2, 3, 4, 5].map(tweet));
    const a = await start('a');
    const aStatus = await a.until((s) => holdsAll(s.hub?.leases ?? []));
    const b = await start('b');
    const standby = await b.until((s) => (s.hub?.peers ?? []).some((p) => p.id === aStatus.hub?.id && p.alive));
    expect(standby.hub?.leases).toEqual([]);
    expect(standby.hub?.peers.find((p) => p.id === aStatus.hub?.id)?.leases.sort()).toEqual(ALL);
    await untilRows(url, "SELECT 1 FROM mentions WHERE source_id = 'x1'", (r) => r.length === 5);
    // Monitoring without credentials: health says up, status says nothing of the team.
    const health = await b.anonymous('api/health');
    expect([health.status, await health.json()]).toEqual([200, { ok: true, db: true }]);
    expect(await (await b.anonymous('api/status')).json()).not.toHaveProperty('hub');

    // A escalates: the webhook is paged once, and the store knows it was sent.
    expect((await a.command('incident:escalate', { id: 'inc-lease' })).ok).toBe(true);
    await hook.waitFor(1);
    await untilRows(url, "SELECT status FROM escalation_outbox WHERE status = 'sent'", (r) => r.length === 1);

    // Three new posts; A's next poll never gets an answer, and A is killed while it waits.
    const before = x.faults.requests.length;
    x.faults.push({ kind: 'hang' });
    x.addTweets([6, 7, 8].map(tweet));
    await x.faults.received(before + 1);
    const cursor = await rows<{ cursor: string }>(url, "SELECT cursor FROM cursors WHERE source_id = 'x1'");
    await a.kill9();
    const killedAt = x.requests.length;

    const took = await b.until((s) => holdsAll(s.hub?.leases ?? []));
    expect(took.sources.map((s) => s.sourceId)).toEqual(['x1']);
    await untilRows(url, "SELECT 1 FROM mentions WHERE source_id = 'x1'", (r) => r.length === 8);
    expect((await storedIds(url)).map((r) => r.external_id)).toEqual(
      [1, 2, 3, 4, 5, 6, 7, 8].map((n) => `${1_000 + n}`),
    );
    // B's first poll asked for what came after A's last committed cursor, not from scratch.
    const resumed = x.requests[killedAt];
    expect(resumed?.query.get('since_id')).toBe('1005');
    expect(cursor[0]?.cursor).toContain('1005');

    // B resolves: its outbox worker sends that, and never the escalation A already delivered.
    expect(await b.command('incident:resolve', { id: 'inc-lease' })).toMatchObject({ ok: true });
    await hook.waitFor(2);
    await untilRows(url, "SELECT 1 FROM escalation_outbox WHERE status = 'sent'", (r) => r.length === 2);
    const sent = hook.requests.map((r) => (JSON.parse(r.body) as { type: string }).type);
    expect(sent).toEqual(['incident.escalated', 'incident.resolved']);
    expect(await rows(url, 'SELECT transition, status, attempts FROM escalation_outbox ORDER BY position')).toEqual([
      { transition: 'escalated', status: 'sent', attempts: 1 },
      { transition: 'resolved', status: 'sent', attempts: 1 },
    ]);
  }, 120_000);
});
