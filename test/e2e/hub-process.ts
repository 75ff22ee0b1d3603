import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A running built hub (`node bin/earshot.mjs serve --demo`) with its wall URL. */
export interface HubProcess {
  readonly url: string;
  /** Bearer token of the `e2e` ingest source configured for the test. */
  readonly ingestToken: string;
  readonly output: () => string;
  stop(): Promise<void>;
}

const WALL_LINE = /Earshot wall: (http:\/\/127\.0\.0\.1:\d+\/)/;

/**
 * Starts the built hub (on a free port unless told) with a fresh data dir, the demo simulator and an `e2e` ingest source;
 * resolves once it prints its wall URL.
 */
export async function startHub(options: { readonly speed: number; readonly port?: number }): Promise<HubProcess> {
  const dir = await mkdtemp(join(tmpdir(), 'earshot-e2e-'));
  const config = join(dir, 'config.json');
  const credentialsFile = join(dir, 'credentials.json');
  const ingestToken = 'e2e-token-0123456789abcdef';
  await writeFile(credentialsFile, JSON.stringify({ version: 1, sources: { e2e: { token: ingestToken } } }), {
    mode: 0o600,
  });
  await writeFile(
    config,
    JSON.stringify({ credentialsFile, sources: [{ type: 'ingest', id: 'e2e', label: 'E2E ingest' }] }),
  );
  const args = [
    'bin/earshot.mjs',
    'serve',
    '--demo',
    ...['--port', String(options.port ?? 0), '--speed', String(options.speed)],
    ...['--data-dir', join(dir, 'data'), '--config', config],
  ];
  const child = spawn(process.execPath, args, {
    cwd: process.cwd(),
    env: { ...process.env, EARSHOT_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const url = await waitForUrl(child, () => out);
  return {
    url,
    ingestToken,
    output: () => out,
    stop: async () => {
      await stopChild(child);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function waitForUrl(child: ChildProcess, output: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    const onData = (): void => {
      const match = WALL_LINE.exec(output());
      if (match?.[1] !== undefined) {
        child.stdout?.off('data', onData);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`hub exited (${String(code)}) before listening:\n${output()}`)));
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
