import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { stopChild, waitForOutput } from '../helpers/child-process';
import { join } from 'node:path';

/** A running built hub (`node bin/earshot.mjs serve --demo`) with its wall URL. */
export interface HubProcess {
  /** The wall URL the hub printed, with its access token (`http://127.0.0.1:PORT/?token=…`): for the browser. */
  readonly url: string;
  /** The same origin without the token (`http://127.0.0.1:PORT/`): for `${hub.baseUrl}api/…`. */
  readonly baseUrl: string;
  /** The hub's access token: node clients send `Authorization: Bearer ${hub.token}`. */
  readonly token: string;
  /** The hub's data dir (holds earshot.db and access-token). */
  readonly dataDir: string;
  /** `fetch` of a path on the hub (e.g. `api/incidents/x.json`) with `Authorization: Bearer <token>`. */
  readonly authorizedFetch: (path: string, init?: RequestInit) => Promise<Response>;
  /** Bearer token of the `e2e` ingest source configured for the test. */
  readonly ingestToken: string;
  readonly output: () => string;
  /** The hub process's id (benches lower its CPU priority). */
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

const WALL_LINE = /Earshot wall: (http:\/\/127\.0\.0\.1:\d+\/)\?token=([A-Za-z0-9_-]+)\r?\n/;

/** Writes `dir/config.json` naming one `e2e` ingest source, and its 0600 credentials file; returns the config path. */
async function writeIngestConfig(
  dir: string,
  ingestToken: string,
  extra: Readonly<Record<string, unknown>> = {},
): Promise<string> {
  const config = join(dir, 'config.json');
  const credentialsFile = join(dir, 'credentials.json');
  await writeFile(credentialsFile, JSON.stringify({ version: 1, sources: { e2e: { token: ingestToken } } }), {
    mode: 0o600,
  });
  await writeFile(
    config,
    JSON.stringify({ credentialsFile, sources: [{ type: 'ingest', id: 'e2e', label: 'E2E ingest' }], ...extra }),
  );
  return config;
}

/** How to start a test hub. */
export interface StartHubOptions {
  readonly speed: number;
  readonly port?: number;
  /** Start with this access token (as a restarted hub keeps its own), so a browser's session stays valid. */
  readonly accessToken?: string;
  /** More top-level config fields (e.g. `escalation`), merged into the test config. */
  readonly config?: Readonly<Record<string, unknown>>;
  /** More environment for the hub process (e.g. credentials as `EARSHOT_<ID>_<FIELD>`). */
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * Starts the built hub (on a free port unless told) with a fresh data dir, the demo simulator and an `e2e` ingest source;
 * resolves once it prints its wall URL.
 */
export async function startHub(options: StartHubOptions): Promise<HubProcess> {
  const dir = await mkdtemp(join(tmpdir(), 'earshot-e2e-'));
  const dataDir = join(dir, 'data');
  if (options.accessToken !== undefined) {
    await mkdir(dataDir, { mode: 0o700 });
    await writeFile(join(dataDir, 'access-token'), `${options.accessToken}\n`, { mode: 0o600 });
  }
  const ingestToken = 'e2e-token-0123456789abcdef';
  const config = await writeIngestConfig(dir, ingestToken, options.config);
  const args = [
    'bin/earshot.mjs',
    'serve',
    '--demo',
    ...['--port', String(options.port ?? 0), '--speed', String(options.speed)],
    ...['--data-dir', dataDir, '--config', config],
  ];
  const child = spawn(process.execPath, args, {
    cwd: process.cwd(),
    env: { ...process.env, EARSHOT_LOG_LEVEL: 'warn', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const [, baseUrl = '', token = ''] = await waitForOutput(child, () => out, WALL_LINE);
  return {
    url: `${baseUrl}?token=${token}`,
    baseUrl,
    token,
    dataDir,
    authorizedFetch: (path, init = {}) => {
      const headers = new Headers(init.headers);
      headers.set('authorization', `Bearer ${token}`);
      return fetch(new URL(path, baseUrl), { ...init, headers });
    },
    ingestToken,
    output: () => out,
    pid: child.pid,
    stop: async () => {
      await stopChild(child);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A data dir and config for the built hub with an `e2e` ingest source, kept across restarts. */
export interface HubHome {
  readonly dataDir: string;
  readonly configPath: string;
  /** Bearer token of the `e2e` ingest source. */
  readonly ingestToken: string;
  remove(): Promise<void>;
}

/** One run of the built hub on a {@link HubHome}. */
export interface HubRun {
  /** The wall URL exactly as printed (with its access token once the hub prints one). */
  readonly url: string;
  /** `http://127.0.0.1:PORT/`: the base for `/api/*` calls from node. */
  readonly origin: string;
  readonly output: () => string;
  /** Sends `signal` and resolves once the process has exited. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

const PRINTED_WALL_URL = /Earshot wall: (http:\/\/127\.0\.0\.1:\d+\/\S*)\r?\n/;

/** Creates a fresh hub home: a temp dir with a config naming one `e2e` ingest source and its token. */
export async function createHubHome(): Promise<HubHome> {
  const dir = await mkdtemp(join(tmpdir(), 'earshot-e2e-home-'));
  const ingestToken = 'e2e-home-token-0123456789abcdef';
  const configPath = await writeIngestConfig(dir, ingestToken);
  return {
    dataDir: join(dir, 'data'),
    configPath,
    ingestToken,
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/**
 * Starts the built hub on `home` (its data dir reused, so a run after a kill reopens the same database), on a free
 * port unless told, without the demo simulator unless asked; resolves once it prints its wall URL.
 */
export async function startHubOn(
  home: HubHome,
  options: { readonly port?: number; readonly demo?: boolean; readonly speed?: number } = {},
): Promise<HubRun> {
  const args = [
    'bin/earshot.mjs',
    'serve',
    ...(options.demo === true ? ['--demo'] : []),
    ...(options.speed !== undefined ? ['--speed', String(options.speed)] : []),
    ...['--port', String(options.port ?? 0), '--data-dir', home.dataDir, '--config', home.configPath],
  ];
  const child = spawn(process.execPath, args, {
    cwd: process.cwd(),
    env: { ...process.env, EARSHOT_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = (await waitForOutput(child, () => out, PRINTED_WALL_URL))[1] ?? '';
  return {
    url,
    origin: `${new URL(url).origin}/`,
    output: () => out,
    kill: async (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
