import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { stopChild, waitForOutput } from '../../helpers/child-process';
import { join } from 'node:path';

/** The built hub (`node bin/earshot.mjs serve`) running for the load bench, with one ingest source. */
export interface BenchHub {
  /** The hub's origin, e.g. `http://127.0.0.1:41234/` (without any token the wall URL may carry). */
  readonly origin: string;
  readonly dataDir: string;
  readonly ingestUrl: string;
  readonly ingestToken: string;
  readonly pid: number;
  /** Resident set size of the hub process, in MB (Linux /proc). */
  rssMb(): Promise<number>;
  /** CPU seconds (user + system) the hub process has used so far (Linux /proc). */
  cpuSeconds(): Promise<number>;
  readonly output: () => string;
  stop(): Promise<void>;
}

/** The ingest source the bench pushes to. */
export const SOURCE_ID = 'load';
const WALL_LINE = /Earshot wall: (http:\/\/\S+)/;

/** Starts the built hub on a free port with a fresh data dir under `root` and an ingest source; resolves when it listens. */
export async function startBenchHub(root: string): Promise<BenchHub> {
  const config = join(root, 'config.json');
  const credentialsFile = join(root, 'credentials.json');
  const dataDir = join(root, 'data');
  const ingestToken = randomBytes(24).toString('hex');
  await writeFile(credentialsFile, JSON.stringify({ version: 1, sources: { [SOURCE_ID]: { token: ingestToken } } }), {
    mode: 0o600,
  });
  await writeFile(
    config,
    JSON.stringify({ credentialsFile, sources: [{ type: 'ingest', id: SOURCE_ID, label: 'Load bench' }] }),
  );
  const args = ['bin/earshot.mjs', 'serve', '--port', '0', '--data-dir', dataDir, '--config', config];
  const child = spawn(process.execPath, args, {
    cwd: process.cwd(),
    env: { ...process.env, EARSHOT_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const origin = new URL((await waitForOutput(child, () => out, WALL_LINE))[1] ?? '').origin + '/';
  const pid = child.pid ?? 0;
  return {
    origin,
    dataDir,
    ingestUrl: `${origin}api/ingest/${SOURCE_ID}`,
    ingestToken,
    pid,
    rssMb: async () => {
      const status = await readFile(`/proc/${pid}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
      return kb / 1024;
    },
    cpuSeconds: async () => {
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // Fields 14 and 15 of /proc/PID/stat (utime, stime) in clock ticks; 100 per second on Linux.
      return (Number(fields[11]) + Number(fields[12])) / 100;
    },
    output: () => out,
    stop: () => stopChild(child, 15_000),
  };
}

/** The bearer token the hub's WebSocket wants, when this hub version keeps one (`<dataDir>/access-token`). */
export async function accessToken(dataDir: string): Promise<string | null> {
  try {
    return (await readFile(join(dataDir, 'access-token'), 'utf8')).trim() || null;
  } catch {
    return null;
  }
}
