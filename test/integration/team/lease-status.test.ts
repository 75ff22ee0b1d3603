import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HubStatus } from '../../../shared/contract';
import { bootHub, type Hub } from '../../../electron/core';
import { silentLogger } from '../../../electron/core/runtime/logger';
import { startHeadlessServer, type HeadlessServer } from '../../../electron/headless/server';
import { rows, teamPostgres } from './lease-hubs';

/** `/api/status` (the hub's leases, peers, database) and the public `/api/health`, on a real PostgreSQL. */

const TOKEN = 'status-test-access-token-0123456789';
const team = teamPostgres();
const { closers } = team;

async function teamHub(url: string): Promise<{ hub: Hub; http: HeadlessServer }> {
  const dir = await mkdtemp(join(tmpdir(), 'earshot-status-'));
  closers.push(() => rm(dir, { recursive: true, force: true }));
  const configPath = join(dir, 'config.json');
  await writeFile(configPath, JSON.stringify({ team: { hubId: 'desk-hub-1', leasePeriodMs: 100 } }));
  const hub = await bootHub({
    dataDir: join(dir, 'data'),
    configPath,
    env: { DATABASE_URL: url },
    logger: silentLogger(),
  });
  closers.push(() => hub.stop());
  const http = await startHeadlessServer({
    core: hub.core,
    host: '127.0.0.1',
    port: 0,
    staticDir: dir,
    logger: silentLogger(),
    accessToken: TOKEN,
  });
  closers.push(() => http.close());
  return { hub, http };
}

const health = async (http: HeadlessServer): Promise<[number, unknown]> => {
  const res = await fetch(`${http.url}api/health`);
  return [res.status, await res.json()];
};
const status = async (http: HeadlessServer, signedIn: boolean): Promise<HubStatus> =>
  (await (
    await fetch(`${http.url}api/status`, signedIn ? { headers: { authorization: `Bearer ${TOKEN}` } } : {})
  ).json()) as HubStatus;
async function until(http: HeadlessServer, check: (s: HubStatus) => boolean): Promise<HubStatus> {
  for (;;) {
    const s = await status(http, true);
    if (check(s)) return s;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** Turns the database away (new connections refused, open ones ended), or lets it answer again. */
async function reachable(url: string, yes: boolean): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  await rows(team.server.url, `ALTER DATABASE "${name}" ALLOW_CONNECTIONS ${yes ? 'true' : 'false'}`);
  if (!yes) {
    await rows(team.server.url, 'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);
  }
}

describe('a team hub’s status and health', () => {
  it('shows a signed-in caller its id, leases, peers and database; health is ok/db only, 503 when the db is gone', async () => {
    const url = await team.server.createDatabase();
    const { http } = await teamHub(url);
    expect(await health(http)).toEqual([200, { ok: true, db: true }]);
    expect(await status(http, false)).not.toHaveProperty('hub');
    const signedIn = await status(http, true);
    expect(signedIn.mode).toBe('team');
    expect(signedIn.hub).toMatchObject({
      id: 'desk-hub-1',
      leases: ['detector', 'escalation'],
      peers: [],
      database: { reachable: true },
    });

    // A peer's heartbeat row, as another hub writes it: listed with when it was last seen.
    const peer = { host: 'wall-2', startedAt: Date.now() - 60_000, lastSeen: Date.now(), leases: [] };
    await rows(url, "INSERT INTO state (key, body) VALUES ('hub:wall-2-1', $1)", [JSON.stringify(peer)]);
    expect((await status(http, true)).hub?.peers).toEqual([{ id: 'wall-2-1', ...peer, alive: true }]);

    await reachable(url, false);
    expect(await health(http)).toEqual([503, { ok: false, db: false }]);
    const cut = await until(http, (s) => s.hub?.leases.length === 0);
    expect(cut.hub?.database).toEqual({ reachable: false, latencyMs: null });

    await reachable(url, true);
    expect(await health(http)).toEqual([200, { ok: true, db: true }]);
    await until(http, (s) => s.hub?.leases.length === 2);
  }, 60_000);
});
