import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../electron/core/runtime/clock';
import { LISTEN_BACKOFF } from '../../../electron/core/team/fanout/listener';
import { openPostgresStore } from '../../../electron/core/store/postgres/postgres-store';
import type { Role } from '../../../shared/workflow';
import { startTestPostgres, type TestPostgres } from '../../helpers/postgres';
import { incident } from '../../unit/workflow/fixtures';
import { connectClient, ingest, startTeamHub, T0, type TeamClient, type TeamHub } from './fanout-harness';
import { rows as query } from './lease-hubs';

/** Two hubs on one real PostgreSQL: what a client of one does, a client of the other sees, live. */

let server: TestPostgres;
const open: Array<TeamHub | TeamClient> = [];
beforeAll(async () => {
  server = await startTestPostgres();
}, 60_000);
afterEach(async () => {
  for (const item of open.splice(0).reverse()) {
    if ('hub' in item) await item.close();
    else item.close();
  }
});
afterAll(() => server.stop());

async function hubs(
  tuningB: Parameters<typeof startTeamHub>[1] = {},
): Promise<{ url: string; a: TeamHub; b: TeamHub }> {
  const url = await server.createDatabase();
  const a = await startTeamHub(url, { hubId: 'hub-a' });
  open.push(a);
  const b = await startTeamHub(url, { hubId: 'hub-b', ...tuningB });
  open.push(b);
  return { url, a, b };
}

/** A personal token of a new user with `role`, valid on every hub of the team (one users table). */
async function tokenFor(hub: TeamHub, role: Role): Promise<string> {
  const name = `${role}-${String(Math.random()).slice(2, 8)}`;
  await hub.hub.users.addUser({ name, role });
  const token = await hub.hub.users.createToken(name, 'fan-out test');
  if (!token.ok) throw new Error(token.error.message);
  return token.value.secret;
}

async function client(hub: TeamHub, token: string): Promise<TeamClient> {
  const c = await connectClient(hub, token);
  open.push(c);
  return c;
}

/** Saves an open incident straight into the team database, as detection on some hub would have. */
async function storedIncident(url: string, id: string): Promise<void> {
  const store = await openPostgresStore(url);
  await store.saveIncident(incident(id, { openedAt: T0 - 5 * 60_000, updatedAt: T0 - 5 * 60_000 }));
  await store.close();
}

const workflowOf =
  (id: string, state: string) => (p: { incidents: ReadonlyArray<{ id: string; workflow?: { state: string } }> }) =>
    p.incidents.some((i) => i.id === id && i.workflow?.state === state);

describe('team fan-out between hubs (LISTEN/NOTIFY + the events table)', () => {
  it('an incident a supervisor acknowledges on hub A reaches the clients of hub B with its new workflow state', async () => {
    const { url, a, b } = await hubs();
    await storedIncident(url, 'inc-ack');
    const supervisor = await tokenFor(a, 'supervisor');
    const onA = await client(a, supervisor);
    const onB = await client(b, await tokenFor(b, 'executive'));
    await onB.next('snapshot', () => true);

    const answer = await onA.call('incident:acknowledge', { id: 'inc-ack' });
    expect(answer.ok).toBe(true);
    const seen = await onB.next('incidents:changed', workflowOf('inc-ack', 'acknowledged'));
    const acked = seen.incidents.find((i) => i.id === 'inc-ack');
    expect(acked?.workflow).toMatchObject({ state: 'acknowledged', acknowledgedAt: expect.any(Number) });
    // The same view a client of A got: one truth.
    const local = await onA.next('incidents:changed', workflowOf('inc-ack', 'acknowledged'));
    expect(acked).toEqual(local.incidents.find((i) => i.id === 'inc-ack'));

    // A hub that starts now begins at the end of the sequence: it shows what comes next, not the ack again.
    const c = await startTeamHub(url, { hubId: 'hub-c' });
    open.push(c);
    const onC = await client(c, await tokenFor(c, 'executive'));
    await onC.next('snapshot', () => true);
    expect((await onA.call('incident:note', { id: 'inc-ack', text: 'Status page updated' })).ok).toBe(true);
    await onC.next('incidents:changed', (p) => p.incidents.some((i) => (i.workflow?.notes.length ?? 0) > 0));
    expect(onC.events.filter((e) => e.name === 'incidents:changed')).toHaveLength(1);
  });

  it('a mention ingested on hub A reaches the clients of hub B: the batch, its series minute and the count', async () => {
    const { a, b } = await hubs();
    const onB = await client(b, await tokenFor(b, 'staff'));
    await onB.next('snapshot', () => true);
    const createdAt = new Date(T0 - 30_000).toISOString();
    expect(
      await ingest(a, [{ externalId: 'FAN-1', text: 'Card declined twice at checkout', createdAt }]),
    ).toMatchObject({
      accepted: 1,
    });

    const batch = await onB.next('mentions:batch', (p) => p.mentions.some((m) => m.externalId === 'FAN-1'));
    expect(batch.mentions.map((m) => m.text)).toEqual(['Card declined twice at checkout']);
    const minute = Math.floor((T0 - 30_000) / 60_000) * 60_000;
    const series = await onB.next('series:update', (p) => p.points.some((pt) => pt.minute === minute));
    expect(series.points.find((pt) => pt.minute === minute)?.total).toBe(1);
    expect((await b.hub.core.api.status()).mentions).toBe(1);
    // B's wall series reads the same as A's.
    const wall = await b.hub.core.api.invoke('series:volume', { minutes: 5 });
    const wallA = await a.hub.core.api.invoke('series:volume', { minutes: 5 });
    expect(wall.ok && wallA.ok && wall.value).toEqual(wallA.ok && wallA.value);
  });

  it('a handled mark set at a desk of hub A shows at the desks of hub B', async () => {
    const { a, b } = await hubs();
    // B's desk is connected before the post exists, so it gets the post's batch (not only its snapshot).
    const onB = await client(b, await tokenFor(b, 'staff'));
    await onB.next('snapshot', () => true);
    await ingest(a, [{ externalId: 'FAN-2', text: 'App keeps logging me out', createdAt: new Date(T0).toISOString() }]);
    const posted = await onB.next('mentions:batch', (p) => p.mentions.some((m) => m.externalId === 'FAN-2'));
    const id = posted.mentions[0]?.id ?? '';
    const onA = await client(a, await tokenFor(a, 'staff'));
    expect((await onA.call('mention:handled', { mentionId: id, handled: true })).ok).toBe(true);
    const marks = await onB.next('mentions:handled', (p) => p.marks.some((m) => m.mentionId === id));
    expect(marks.marks.find((m) => m.mentionId === id)).toMatchObject({ handled: true });
  });

  it('a killed LISTEN connection comes back and catches up by seq: the missed change once, nothing lost', async () => {
    const reconnects = new ManualClock(T0);
    // B's safety poll is an hour away: only the reconnection can deliver what B missed.
    const { url, a, b } = await hubs({ timer: reconnects, safetyPollMs: 60 * 60_000 });
    await storedIncident(url, 'inc-missed');
    const listenerOf = (hub: string) =>
      query<{ pid: number }>(url, 'SELECT pid FROM pg_stat_activity WHERE application_name = $1', [
        `earshot-listen ${hub}`,
      ]);
    const [before] = await listenerOf('hub-b');
    expect(before).toBeDefined();
    const onA = await client(a, await tokenFor(a, 'supervisor'));
    const onB = await client(b, await tokenFor(b, 'executive'));
    await onB.next('snapshot', () => true);

    await query(url, 'SELECT pg_terminate_backend($1)', [before?.pid]);
    expect((await onA.call('incident:acknowledge', { id: 'inc-missed' })).ok).toBe(true);
    // A has written (and notified) its event while B had no LISTEN connection.
    for (;;) {
      const rows = await query(url, "SELECT seq FROM team_events WHERE hub_id = 'hub-a' AND kind = 'incidents'");
      if (rows.length > 0) break;
    }
    // B's reconnect backoff runs on its (manual) timer, beside its poll and prune timers: once B has noticed the
    // lost connection and scheduled the reconnect, move the timer past the longest backoff (not to the poll).
    while (reconnects.pending() < 3) await new Promise<void>((resolve) => setImmediate(resolve));
    await reconnects.advance(LISTEN_BACKOFF.capMs);
    await onB.next('incidents:changed', workflowOf('inc-missed', 'acknowledged'));
    const [after] = await listenerOf('hub-b');
    expect(after?.pid).not.toBe(before?.pid);

    // Listening again: the next change comes by NOTIFY; the missed one was published exactly once.
    expect((await onA.call('incident:note', { id: 'inc-missed', text: 'Looking into it' })).ok).toBe(true);
    await onB.next('incidents:changed', (p) =>
      p.incidents.some((i) => i.id === 'inc-missed' && (i.workflow?.notes.length ?? 0) > 0),
    );
    const changes = onB.events.filter(
      (e) => e.name === 'incidents:changed' && JSON.stringify(e.payload).includes('inc-missed'),
    );
    expect(changes).toHaveLength(2);
  });
});
