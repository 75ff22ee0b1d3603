import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runIncidents } from '../../../electron/cli/commands/incidents';
import { bootHub, BootError, type Hub } from '../../../electron/core/boot/boot-hub';
import { generateRange } from '../../../electron/core/connectors/simulator/generate';
import { SIMULATOR_SCENARIO } from '../../../electron/core/connectors/simulator/scenario';
import { parseSimulatorCursor } from '../../../electron/core/connectors/simulator/simulator-factory';
import { ManualClock } from '../../../electron/core/runtime/clock';
import { memoryVault } from '../../../electron/core/runtime/credentials';
import { createLogger, silentLogger } from '../../../electron/core/runtime/logger';
import { openPostgresStore } from '../../../electron/core/store/postgres/postgres-store';
import { startTestPostgres, type TestPostgres } from '../../helpers/postgres';
import { workflowRecord } from '../../helpers/workflow';
import { incident } from '../../unit/workflow/fixtures';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 0, 6, 10, 0, 0);
let server: TestPostgres;
const dirs: string[] = [];
const hubs: Hub[] = [];

beforeAll(async () => {
  server = await startTestPostgres();
}, 60_000);
afterEach(async () => {
  for (const hub of hubs.splice(0)) await hub.stop().catch(() => undefined);
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});
afterAll(() => server.stop());

async function dataDir(config: unknown = {}): Promise<{ dataDir: string; configPath: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'earshot-team-'));
  dirs.push(dir);
  const configPath = join(dir, 'earshot.json');
  await writeFile(configPath, JSON.stringify(config));
  return { dataDir: dir, configPath };
}

async function boot(options: Parameters<typeof bootHub>[0]): Promise<Hub> {
  const hub = await bootHub({ vault: memoryVault(), logger: silentLogger(), ...options });
  hubs.push(hub);
  return hub;
}

/** Waits, turn by turn of the event loop (no timer), until `check` holds: the network store's replies arrive between turns. */
async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let turn = 0; turn < 100_000; turn++) {
    if (await check()) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  throw new Error(`never: ${what}`);
}

/**
 * Advances hub time one simulator poll (1 s) at a time, each step waiting until that poll committed: on a
 * network database the commit finishes on a later turn than the manual clock's own settling allows for.
 */
async function advancePolled(hub: Hub, clock: ManualClock, ms: number): Promise<void> {
  const simulator = async (): Promise<number> =>
    (await hub.core.api.status()).sources.find((s) => s.sourceId === 'simulator')?.lastSuccessAt ?? -1;
  for (let step = 0; step < ms; step += 1_000) {
    await clock.advance(1_000);
    await until(
      async () => {
        // A poll that finished at the step's start (during its settling) schedules the next one after the clock
        // has moved on: advancing by nothing fires a timer due now, however late it was set.
        await clock.advance(0);
        return (await simulator()) >= clock.now();
      },
      `the simulator's poll at ${new Date(clock.now()).toISOString()}`,
    );
  }
}

const body = {
  mentions: [{ externalId: 'T-1', text: 'Card declined twice at checkout', createdAt: '2026-01-06T09:59:00Z' }],
};

describe('a hub on PostgreSQL (DATABASE_URL or store.url)', () => {
  it('ingests and reads back through the contract, says "team", and writes no SQLite file', async () => {
    const url = await server.createDatabase();
    const paths = await dataDir({ sources: [{ id: 'tickets', type: 'ingest' }] });
    const env = { DATABASE_URL: url, EARSHOT_TICKETS_TOKEN: 'let-me-in' };
    const hub = await boot({ ...paths, env, vault: undefined, clock: new ManualClock(T0) });
    const accepted = await hub.ingest({ sourceId: 'tickets', authorization: 'Bearer let-me-in', body });
    expect(accepted).toMatchObject({ status: 200, body: { accepted: 1, duplicates: 0 } });
    hub.core.api.flush();
    const recent = await hub.core.api.invoke('mentions:recent', { limit: 10 });
    expect(recent.ok && recent.value.map((m) => m.text)).toEqual(['Card declined twice at checkout']);
    expect(await hub.core.api.status()).toMatchObject({ mode: 'team', mentions: 1 });
    expect(existsSync(join(paths.dataDir, 'earshot.db'))).toBe(false);
    await hub.stop();
    hubs.splice(0);

    // The same database named in the config file instead: what was stored is there, a repeat is a duplicate.
    const byConfig = await dataDir({ store: { url }, sources: [{ id: 'tickets', type: 'ingest' }] });
    const again = await boot({ ...byConfig, env: { EARSHOT_TICKETS_TOKEN: 'let-me-in' }, vault: undefined });
    expect(await again.core.api.status()).toMatchObject({ mode: 'team', mentions: 1 });
    const repeat = await again.ingest({ sourceId: 'tickets', authorization: 'Bearer let-me-in', body });
    expect(repeat).toMatchObject({ status: 200, body: { accepted: 0, duplicates: 1 } });
  });

  it('refuses an ingested item whose id holds a NUL, and stores the rest of its batch', async () => {
    const paths = await dataDir({ sources: [{ id: 'tickets', type: 'ingest' }] });
    const env = { DATABASE_URL: await server.createDatabase(), EARSHOT_TICKETS_TOKEN: 'let-me-in' };
    const hub = await boot({ ...paths, env, vault: undefined, clock: new ManualClock(T0) });
    const [good] = body.mentions;
    const mixed = { mentions: [good, { ...good, externalId: 'T-\u00002' }] };
    const answer = await hub.ingest({ sourceId: 'tickets', authorization: 'Bearer let-me-in', body: mixed });
    expect(answer).toMatchObject({ status: 200, body: { accepted: 1, rejected: [{ index: 1 }] } });
    expect(JSON.stringify(answer)).toMatch(/NUL/);
    expect((await hub.core.api.status()).mentions).toBe(1);
  });

  it('says "embedded" on the default SQLite store', async () => {
    const hub = await boot({ ...(await dataDir()), env: {}, clock: new ManualClock(T0) });
    expect((await hub.core.api.status()).mode).toBe('embedded');
  });

  it('neither loses nor duplicates a simulated mention across a crash and restart', async () => {
    const url = await server.createDatabase();
    // A lease period longer than the test: the "dead" hub below never tries for its leases again.
    const paths = await dataDir({ demo: true, team: { leasePeriodMs: 300_000 } });
    const first = new ManualClock(T0);
    const crashed = await bootHub({ ...paths, env: { DATABASE_URL: url }, clock: first, logger: silentLogger() });
    await advancePolled(crashed, first, 2 * MINUTE);
    const beforeCrash = (await crashed.core.api.status()).mentions;
    expect(beforeCrash).toBeGreaterThan(0);
    // "Dies": its clock freezes and it is never stopped (its pool is left open, as a killed process's would be);
    // its lease connection ends as a killed process's does, so the server frees the source's lease at once.
    const sql = new pg.Client({ connectionString: url });
    await sql.connect();
    await sql.query(
      "SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity WHERE application_name = 'earshot-lease'",
    );
    await sql.end();

    const second = new ManualClock(T0 + 10 * MINUTE);
    const restarted = await boot({ ...paths, env: { DATABASE_URL: url }, clock: second });
    expect((await restarted.core.api.status()).mentions).toBe(beforeCrash);
    await advancePolled(restarted, second, 2 * MINUTE);
    await restarted.stop();
    hubs.splice(0);
    await crashed.stop();

    const store = await openPostgresStore(url);
    const stored = await store.mentionsBetween({ from: 0, to: T0 + 13 * MINUTE });
    // The stream's start is the hub time of the first poll, which ran once the cursor had been read (network I/O).
    const start = parseSimulatorCursor(await store.getCursor('simulator'))?.start ?? Number.NaN;
    await store.close();
    expect(start).toBeGreaterThanOrEqual(T0);
    expect(start).toBeLessThan(T0 + MINUTE);
    const end = Math.max(...stored.map((m) => m.createdAt));
    const expected = generateRange(
      { seed: 42, brand: 'Nimbus Bank', ratePerMinute: 8, scenario: 'default', utcOffsetMinutes: 0 },
      start,
      start - SIMULATOR_SCENARIO.prehistoryMinutes * MINUTE,
      end,
    );
    const storedIds = stored.map((m) => m.externalId).sort();
    expect(new Set(storedIds).size).toBe(storedIds.length);
    expect(storedIds).toEqual(expected.map((m) => m.externalId).sort());
    expect(storedIds.length).toBeGreaterThan(beforeCrash);
  });

  it('refuses to boot on a database it cannot reach, and neither the error nor the log shows the password', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const dead = new URL(server.url);
    dead.port = '1';
    dead.password = 'hunter2-secret';
    const logger = createLogger('debug', sink);
    const error = await bootHub({ ...(await dataDir()), env: { DATABASE_URL: dead.toString() }, logger }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BootError);
    expect((error as Error).message).toMatch(
      /^Cannot open the database at postgres:\/\/earshot:\*\*\*@127\.0\.0\.1:1\//,
    );
    expect(`${(error as Error).message} ${(error as Error).stack ?? ''} ${lines.join('')}`).not.toContain('hunter2');
  });
});

describe('earshot incidents with DATABASE_URL', () => {
  const capture = (): { stream: Writable; text: () => string } => {
    const chunks: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk.toString('utf8'));
        done();
      },
    });
    return { stream, text: () => chunks.join('') };
  };

  it('lists the team database’s incidents, and names an unreachable one without its password', async () => {
    const url = await server.createDatabase();
    const store = await openPostgresStore(url);
    await store.saveIncident(incident('inc_team', { title: 'login failing', openedAt: T0 }), workflowRecord());
    await store.close();
    const out = capture();
    const { dataDir: empty } = await dataDir();
    expect(
      await runIncidents(['--data-dir', empty, '--json'], { stdout: out.stream, env: { DATABASE_URL: url } }),
    ).toBe(0);
    expect((JSON.parse(out.text()) as Array<{ id: string }>).map((r) => r.id)).toEqual(['inc_team']);

    const dead = new URL(server.url);
    dead.port = '1';
    dead.password = 'hunter2-secret';
    const err = capture();
    const code = await runIncidents([], {
      stdout: capture().stream,
      stderr: err.stream,
      env: { DATABASE_URL: dead.toString() },
    });
    expect(code).toBe(1);
    expect(err.text()).toMatch(
      /^earshot incidents: Cannot open the database at postgres:\/\/earshot:\*\*\*@127\.0\.0\.1:1\//,
    );
    expect(err.text()).not.toContain('hunter2');
  });
});
