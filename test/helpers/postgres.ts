import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { stopChild } from './child-process';

/**
 * A real PostgreSQL server for tests: the system's server binaries on a temp data dir, listening on 127.0.0.1 on a
 * free port, trust authentication, fsync off. PostgreSQL refuses to run as root, so as root it runs as the
 * `postgres` user (`runuser`). `.ci/run` installs Debian's `postgresql` package when the binaries are missing.
 */
export interface TestPostgres {
  /** The server's superuser URL (database `postgres`). */
  readonly url: string;
  /** Creates a fresh, empty database and returns its URL: one per test keeps tests apart. */
  createDatabase(): Promise<string>;
  /** Stops the server and removes its data dir. */
  stop(): Promise<void>;
}

const BIN_DIRS = ['/usr/lib/postgresql/15/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/17/bin'];
const USER = 'earshot';

function binDir(): string {
  const found = BIN_DIRS.find((d) => existsSync(join(d, 'postgres')));
  if (found === undefined) {
    throw new Error(`no PostgreSQL server binaries in ${BIN_DIRS.join(', ')}: apt-get install -y postgresql`);
  }
  return found;
}

const asRoot = (): boolean => userInfo().uid === 0;

/** The command line for a server binary, run as `postgres` when we are root. */
function command(bin: string, args: ReadonlyArray<string>): [string, string[]] {
  const path = join(binDir(), bin);
  return asRoot() ? ['runuser', ['-u', 'postgres', '--', path, ...args]] : [path, [...args]];
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function initDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'earshot-pg-'));
  if (asRoot()) chownSync(dir, uid('postgres'), gid('postgres'));
  const [cmd, args] = command('initdb', ['-D', dir, '-A', 'trust', '-U', USER, '-E', 'UTF8', '--no-sync']);
  const run = spawnSync(cmd, args, { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`initdb failed (${String(run.status)}):\n${run.stdout}\n${run.stderr}`);
  return dir;
}

function uid(name: string): number {
  return Number(spawnSync('id', ['-u', name], { encoding: 'utf8' }).stdout.trim());
}

function gid(name: string): number {
  return Number(spawnSync('id', ['-g', name], { encoding: 'utf8' }).stdout.trim());
}

/** Resolves when the server logs that it accepts connections; rejects with its log if it exits first. */
function whenReady(child: ChildProcess): Promise<void> {
  let log = '';
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null): void => reject(new Error(`postgres exited (${String(code)}):\n${log}`));
    child.stderr?.on('data', (chunk: Buffer) => {
      log += chunk.toString('utf8');
      if (!/ready to accept connections/.test(log)) return;
      child.off('exit', onExit);
      resolve();
    });
    child.once('exit', onExit);
  });
}

/** Starts a private PostgreSQL server for one test file (a few seconds: initdb, then start). */
export async function startTestPostgres(): Promise<TestPostgres> {
  const dir = initDataDir();
  const port = await freePort();
  const [cmd, args] = command('postgres', [
    '-D',
    dir,
    '-k',
    dir,
    '-p',
    String(port),
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'fsync=off',
    '-c',
    'synchronous_commit=off',
    '-c',
    'full_page_writes=off',
    '-c',
    'max_connections=200',
  ]);
  const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  await whenReady(child);
  const base = `postgres://${USER}@127.0.0.1:${port}`;
  const url = `${base}/postgres`;
  return {
    url,
    async createDatabase() {
      const name = `t_${randomBytes(6).toString('hex')}`;
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `${base}/${name}`;
    },
    async stop() {
      await stopChild(child, 5_000);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
