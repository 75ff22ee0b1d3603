import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestPostgres, type TestPostgres } from '../helpers/postgres';
import { startHub, type HubProcess } from './hub-process';

/** The built `earshot serve --demo` on a real PostgreSQL named by DATABASE_URL, with real timers. */

let server: TestPostgres;
const hubs: HubProcess[] = [];
beforeAll(async () => {
  server = await startTestPostgres();
}, 60_000);
afterEach(async () => {
  for (const hub of hubs.splice(0)) await hub.stop();
});
afterAll(() => server.stop());

interface Status {
  readonly mode: string;
  readonly mentions: number;
}

const status = async (hub: HubProcess): Promise<Status> =>
  (await (await hub.authorizedFetch('api/status')).json()) as Status;

/** Polls the hub's status (its own answer, no timer of ours decides) until `check` holds. */
async function until(hub: HubProcess, check: (s: Status) => boolean): Promise<Status> {
  for (;;) {
    const s = await status(hub);
    if (check(s)) return s;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

async function rows(url: string, sql: string): Promise<Array<Record<string, unknown>>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Record<string, unknown>>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('earshot serve with DATABASE_URL=postgres://…', () => {
  it('runs the demo on PostgreSQL, says "team", ingests, and a second hub on the database sees it all', async () => {
    const url = await server.createDatabase();
    const first = await startHub({ speed: 60, env: { DATABASE_URL: url } });
    hubs.push(first);
    const post = { externalId: 'TEAM-1', text: 'Card declined twice at checkout', createdAt: Date.now() - 60_000 };
    const ingested = await fetch(new URL('api/ingest/e2e', first.baseUrl), {
      method: 'POST',
      headers: { authorization: `Bearer ${first.ingestToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ mentions: [post] }),
    });
    expect(await ingested.json()).toMatchObject({ accepted: 1 });
    const running = await until(first, (s) => s.mentions > 1_000);
    expect(running.mode).toBe('team');
    expect(existsSync(join(first.dataDir, 'earshot.db'))).toBe(false);
    expect(await rows(url, "SELECT source_id FROM mentions WHERE external_id = 'TEAM-1'")).toEqual([
      { source_id: 'e2e' },
    ]);
    await first.stop();
    hubs.splice(0);

    const stored = Number((await rows(url, 'SELECT count(*) AS n FROM mentions'))[0]?.n);
    const second = await startHub({ speed: 60, env: { DATABASE_URL: url } });
    hubs.push(second);
    const restarted = await status(second);
    expect(restarted.mode).toBe('team');
    expect(restarted.mentions).toBeGreaterThanOrEqual(stored);
  });
});
