import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startXFake, type XFake } from '../fixtures/fakes/x-fake';
import { generateRange } from '../../electron/core/connectors/simulator/generate';
import { SIMULATOR_SCENARIO } from '../../electron/core/connectors/simulator/scenario';
import { openSqliteStore } from '../../electron/core/store/sqlite/sqlite-store';

/** The built `earshot serve` as an operator runs it: a real process, real ports, real signals. */

const WALL_LINE = /Earshot wall: (http:\/\/127\.0\.0\.1:\d+\/)/;
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Served {
  readonly url: string;
  readonly child: ChildProcess;
}

async function serve(args: ReadonlyArray<string>, env: NodeJS.ProcessEnv = {}): Promise<Served> {
  const child = spawn(process.execPath, ['bin/earshot.mjs', 'serve', '--port', '0', ...args], {
    env: { ...process.env, EARSHOT_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  cleanups.push(() => stop(child));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const match = WALL_LINE.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`earshot serve exited (${String(code)}):\n${out}`)));
  });
  return { url, child };
}

function stop(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

interface Status {
  readonly mentions: number;
  readonly sources: ReadonlyArray<{ sourceId: string; state: string; rateLimitedUntil: number | null }>;
}

const status = async (url: string): Promise<Status> => (await (await fetch(`${url}api/status`)).json()) as Status;

/** Waits (bounded) until `check` holds for the hub's status. */
async function until(url: string, check: (s: Status) => boolean, what: string, timeoutMs = 30_000): Promise<Status> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = await status(url);
    if (check(s)) return s;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(s)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'earshot-cli-e2e-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

describe('earshot serve', () => {
  it('ingests an X v2 recent-search server from --config, and after a 429 waits for x-rate-limit-reset', async () => {
    const fake: XFake = await startXFake({ bearerToken: 'e2e-bearer', now: Date.now });
    cleanups.push(() => fake.close());
    const now = Date.now();
    fake.addUsers([{ id: 'u1', username: 'ana', name: 'Ana', followers: 120, verified: false }]);
    fake.addTweets([
      { id: '1001', text: 'Nimbus app is down again, cannot log in', authorId: 'u1', createdAt: now - 60_000 },
      {
        id: '1002',
        text: 'Nimbus support sorted my card in minutes, thanks!',
        authorId: 'u1',
        createdAt: now - 30_000,
      },
    ]);
    const dir = await tempDir();
    const config = join(dir, 'earshot.json');
    await writeFile(
      config,
      JSON.stringify({
        watchlists: [{ id: 'nimbus', name: 'Nimbus', query: 'nimbus' }],
        sources: [{ id: 'x-brand', type: 'x', baseUrl: fake.url, pollIntervalMs: 1_000 }],
      }),
    );
    const hub = await serve(['--config', config, '--data-dir', join(dir, 'data')], {
      EARSHOT_X_BRAND_BEARERTOKEN: 'e2e-bearer',
    });
    await until(hub.url, (s) => s.mentions === 2, 'the first two tweets');
    expect(fake.requests[0]?.authorization).toBe('Bearer e2e-bearer');

    // Past the 5 s floor every 429 waits, so the reset header is what decides.
    const resetAtSeconds = Math.ceil(Date.now() / 1000) + 7;
    const limitedRequest = fake.requests.length; // the next request gets the 429
    fake.failNext({ status: 429, resetAtSeconds });
    fake.addTweets([{ id: '1003', text: 'Nimbus login still broken', authorId: 'u1', createdAt: Date.now() }]);
    const limited = await until(hub.url, (s) => s.sources[0]?.state === 'rate-limited', 'the rate limit to show');
    expect(limited.sources[0]?.rateLimitedUntil).toBe(resetAtSeconds * 1000);
    await until(hub.url, (s) => s.mentions === 3, 'the tweet after the reset');

    const after = fake.requests.slice(limitedRequest + 1);
    expect(after.length).toBeGreaterThan(0);
    for (const r of after) expect(r.at).toBeGreaterThanOrEqual(resetAtSeconds * 1000);
  });

  it('keeps every stored mention across a kill -9 and restart, and never stores one twice', async () => {
    const dir = await tempDir();
    const dataDir = join(dir, 'data');
    const first = await serve(['--demo', '--data-dir', dataDir]);
    const before = await until(first.url, (s) => s.mentions > 0, 'simulated mentions');
    await stop(first.child, 'SIGKILL');

    const second = await serve(['--demo', '--data-dir', dataDir]);
    const after = await status(second.url);
    expect(after.mentions).toBeGreaterThanOrEqual(before.mentions);
    await until(second.url, (s) => s.mentions > after.mentions, 'new mentions after the restart');
    await stop(second.child);

    // Exactly the simulator's deterministic stream from its start: nothing lost at the kill, nothing repeated.
    const store = await openSqliteStore(join(dataDir, 'earshot.db'));
    const cursor = JSON.parse((await store.getCursor('simulator')) ?? '{}') as { start: number; last: number };
    const stored = await store.mentionsBetween({ from: 0, to: Number.MAX_SAFE_INTEGER });
    await store.close();
    const expected = generateRange(
      {
        seed: 42,
        brand: 'Nimbus Bank',
        ratePerMinute: 8,
        scenario: 'default',
        utcOffsetMinutes: 0,
        daytimeStart: true,
      },
      cursor.start,
      cursor.start - SIMULATOR_SCENARIO.prehistoryMinutes * 60_000,
      cursor.last,
    );
    const ids = stored.map((m) => m.externalId).sort();
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expected.map((m) => m.externalId).sort());
  });
});
