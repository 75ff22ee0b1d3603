import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { WebSocket } from 'ws';
import type { HubStatus } from '../../../shared/contract';
import { stopChild, waitForOutput } from '../../helpers/child-process';
import { startTestPostgres, type TestPostgres } from '../../helpers/postgres';

/**
 * Hub processes for the team tests: the real `earshot serve` (electron/cli/main.ts run by tsx, so no build is
 * needed) on one PostgreSQL database, each with its own data dir, port and access token.
 */

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const CLI = join(ROOT, 'electron/cli/main.ts');
const WALL_LINE = /Earshot wall: (http:\/\/127\.0\.0\.1:\d+\/)\?token=([A-Za-z0-9_-]+)\r?\n/;

/** One running hub process. */
export interface TeamHub {
  readonly name: string;
  readonly origin: string;
  readonly process: ChildProcess;
  readonly output: () => string;
  /** `GET /api/status` with the hub's access token (so it shows `hub`: leases, peers, database). */
  status(): Promise<HubStatus>;
  /** `GET /api/status` (or another path) with no credentials. */
  anonymous(path: string): Promise<Response>;
  /** Runs one contract command over the hub's WebSocket as its owner; resolves with the command's result. */
  command(name: string, payload: unknown): Promise<{ ok: boolean }>;
  /** Polls the hub's own status (no timer of ours decides) until `check` holds. */
  until(check: (status: HubStatus) => boolean): Promise<HubStatus>;
  kill9(): Promise<void>;
  /** SIGTERM: the graceful shutdown; resolves once the process exited. */
  terminate(): Promise<void>;
}

/** Where and how the hubs of one test run. */
export interface TeamHubOptions {
  readonly name: string;
  readonly databaseUrl: string;
  /** The config file's fields (sources, escalation, team…). */
  readonly config: Readonly<Record<string, unknown>>;
  /** Extra environment: credentials as EARSHOT_<ID>_<FIELD>. */
  readonly env?: Readonly<Record<string, string>>;
}

const spawned: ChildProcess[] = [];
const dirs: string[] = [];

/** Kills every hub a test left running and removes their data dirs (afterEach). */
export async function cleanUpHubs(): Promise<void> {
  for (const child of spawned.splice(0)) await stopChild(child, 0);
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
}

/** A test file's PostgreSQL server, and what its tests leave to close after each (fakes, in-process hubs). */
export interface TeamPostgres {
  readonly server: TestPostgres;
  readonly closers: Array<() => Promise<void>>;
}

/**
 * Registers the team tests' hooks: one real PostgreSQL for the file (started before its tests, stopped after),
 * and after each test the hub processes killed and `closers` run, newest first.
 */
export function teamPostgres(): TeamPostgres {
  let server: TestPostgres | null = null;
  const closers: Array<() => Promise<void>> = [];
  beforeAll(async () => {
    server = await startTestPostgres();
  }, 60_000);
  afterEach(async () => {
    await cleanUpHubs();
    for (const close of closers.splice(0).reverse()) await close();
  });
  afterAll(() => server?.stop());
  return {
    get server() {
      if (server === null) throw new Error('PostgreSQL is not started yet (use it inside a test)');
      return server;
    },
    closers,
  };
}

/** Starts a hub; resolves once it printed its wall URL (it has booted and listens). */
export async function startTeamHub(options: TeamHubOptions): Promise<TeamHub> {
  const dir = await mkdtemp(join(tmpdir(), `earshot-team-${options.name}-`));
  dirs.push(dir);
  await mkdir(join(dir, 'static'));
  const config = join(dir, 'config.json');
  await writeFile(config, JSON.stringify(options.config));
  const args = ['--import', 'tsx', CLI, 'serve', '--port', '0', '--data-dir', join(dir, 'data')];
  const child = spawn(process.execPath, [...args, '--config', config, '--static-dir', join(dir, 'static')], {
    cwd: ROOT,
    env: { ...process.env, EARSHOT_LOG_LEVEL: 'info', DATABASE_URL: options.databaseUrl, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  spawned.push(child);
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const [, origin = '', token = ''] = await waitForOutput(child, () => out, WALL_LINE);
  const authorization = `Bearer ${token}`;
  const status = async (): Promise<HubStatus> =>
    (await (await fetch(`${origin}api/status`, { headers: { authorization } })).json()) as HubStatus;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    name: options.name,
    origin,
    process: child,
    output: () => out,
    status,
    anonymous: (path) => fetch(`${origin}${path}`),
    command: (name, payload) => wsCommand(origin, authorization, name, payload),
    async until(check) {
      for (;;) {
        const s = await status();
        if (check(s)) return s;
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    },
    kill9: async () => {
      child.kill('SIGKILL');
      await exited;
    },
    terminate: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function wsCommand(origin: string, authorization: string, name: string, payload: unknown) {
  const ws = new WebSocket(`${origin.replace(/^http/, 'ws')}ws`, { headers: { authorization } });
  try {
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return await new Promise<{ ok: boolean }>((resolve) => {
      ws.on('message', (data: Buffer) => {
        const frame = JSON.parse(data.toString()) as { type: string; id?: number; result?: { ok: boolean } };
        if (frame.type === 'response' && frame.id === 1 && frame.result) resolve(frame.result);
      });
      ws.send(JSON.stringify({ type: 'request', id: 1, name, payload }));
    });
  } finally {
    ws.close();
  }
}

/** Rows of one query on the test database (its own short-lived connection). */
export async function rows<T extends Record<string, unknown>>(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** Polls the database (its own answer, on one connection) until `check` holds on the rows of `sql`. */
export async function untilRows<T extends Record<string, unknown>>(
  url: string,
  sql: string,
  check: (rows: T[]) => boolean,
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (;;) {
      const found = (await client.query<T>(sql)).rows;
      if (check(found)) return found;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  } finally {
    await client.end();
  }
}
