// Team mode's fan-out under load: a real PostgreSQL (test/helpers/postgres.ts), two built hubs on it
// (`node bin/earshot.mjs serve` with DATABASE_URL, no demo), ten wall-like WebSocket clients on hub B, and
// 500 mentions/s for 60 s posted to hub A's ingest webhook. Measures, per mention and client, the time from the
// request leaving for A to the mention's arrival at the client of B; and, before and during the load, the time
// from a supervisor's acknowledge sent to A to the new workflow state's arrival at B's clients. Ends with one
// key=value line. Override with env: TEAM_SECONDS, TEAM_RATE, TEAM_BATCH, TEAM_CLIENTS.
import { randomBytes } from 'node:crypto';
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { openPostgresStore } from '../../electron/core/store/postgres/postgres-store';
import { incident } from '../unit/workflow/fixtures';
import { startTestPostgres } from '../helpers/postgres';
import { createPoster, push } from './load/push';
import { BASELINE_WATCHLIST, baselinePool, type IngestItem } from './load/traffic';
import { connectTeamClient, startTeamBenchHub, type TeamBenchClient, type TeamBenchHub } from './team-hubs';

const setting = (env: string, fallback: number): number => {
  const value = Number(process.env[env] ?? fallback);
  if (!(value > 0)) throw new Error(`${env} must be a positive number`);
  return value;
};
const SECONDS = setting('TEAM_SECONDS', 60);
const RATE = setting('TEAM_RATE', 500);
const BATCH = setting('TEAM_BATCH', 25);
const CLIENTS = setting('TEAM_CLIENTS', 10);
/** How long the bench waits, after the last post, for the last mentions to reach B's clients. */
const DRAIN_MS = 15_000;

const say = (line: string): void => void process.stdout.write(`${line}\n`);
const round = (x: number, digits = 0): number => Math.round(x * 10 ** digits) / 10 ** digits;
/** Nearest-rank percentile. */
const percentile = (xs: ReadonlyArray<number>, p: number): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted.length === 0
    ? NaN
    : (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN);
};

/** Acknowledges a stored incident through a client of A; returns the ms until every client of B showed it. */
async function ackLatency(url: string, onA: TeamBenchClient, onB: ReadonlyArray<TeamBenchClient>, id: string) {
  const store = await openPostgresStore(url);
  await store.saveIncident(incident(id, { openedAt: Date.now() - 60_000, updatedAt: Date.now() - 60_000 }));
  await store.close();
  const sent = performance.now();
  const seen = Promise.all(onB.map((c) => c.incident(id, 'acknowledged')));
  if (!(await onA.call('incident:acknowledge', { id }))) throw new Error(`acknowledging ${id} failed`);
  return Math.max(...(await seen)) - sent;
}

async function main(): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'earshot-bench-team-'));
  const postgres = await startTestPostgres();
  const hubs: TeamBenchHub[] = [];
  const clients: TeamBenchClient[] = [];
  try {
    const url = await postgres.createDatabase();
    const ingestToken = randomBytes(24).toString('hex');
    for (const name of ['a', 'b']) {
      await mkdir(join(root, name));
      hubs.push(await startTeamBenchHub(join(root, name), url, ingestToken));
    }
    const [a, b] = hubs as [TeamBenchHub, TeamBenchHub];
    const onA = await connectTeamClient(a);
    clients.push(onA);
    const onB = await Promise.all(Array.from({ length: CLIENTS }, () => connectTeamClient(b)));
    clients.push(...onB);
    say(`two hubs on PostgreSQL, ${CLIENTS} clients on hub B; ${RATE} mentions/s for ${SECONDS} s into hub A`);
    const ackIdle = await ackLatency(url, onA, onB, 'bench-ack-idle');

    const pool = baselinePool(5_000);
    const sentAt = new Map<string, number>();
    let n = 0;
    const makeBatch = (size: number): IngestItem[] => {
      const at = performance.now();
      return Array.from({ length: size }, () => {
        const externalId = `team-${(n++).toString(36)}`;
        sentAt.set(externalId, at);
        const { text, author } = pool[n % pool.length] ?? { text: 'hello', author: 'someone' };
        return { externalId, text, author, createdAt: Date.now(), watchlist: BASELINE_WATCHLIST };
      });
    };
    const started = performance.now();
    const loadEnds = started + SECONDS * 1000;
    const during = sleep((SECONDS * 1000) / 2).then(() => ackLatency(url, onA, onB, 'bench-ack-load'));
    const answeredAt = new Map<string, number>();
    const post = createPoster(a.ingestUrl, ingestToken);
    const pushed = await push(
      { rate: RATE, batch: BATCH, inFlight: 4, until: () => performance.now() < loadEnds },
      makeBatch,
      async (items) => {
        const ack = await post(items);
        for (const item of items) answeredAt.set(item.externalId, ack.ackAt);
        return ack;
      },
    );
    const ackLoaded = await during;
    const drainUntil = performance.now() + DRAIN_MS;
    while (performance.now() < drainUntil && onB.some((c) => c.mentions.size < pushed.accepted)) await sleep(50);

    const latencies: number[] = [];
    const afterAnswer: number[] = [];
    let missing = 0;
    for (const c of onB) {
      for (const [id, sent] of sentAt) {
        const arrived = c.mentions.get(id);
        if (arrived === undefined) missing += 1;
        else latencies.push(arrived - sent);
        if (arrived !== undefined) afterAnswer.push(arrived - (answeredAt.get(id) ?? sent));
      }
    }
    const rate = pushed.accepted / pushed.seconds;
    say(`posted ${pushed.posted}, accepted ${pushed.accepted} in ${round(pushed.seconds, 1)} s (${round(rate)}/s)`);
    say(
      `ingest round trip on A: p50 ${round(percentile(pushed.roundTrips, 50))} ms, p99 ${round(percentile(pushed.roundTrips, 99))} ms`,
    );
    say(`ingest on A → client of B: ${latencies.length} deliveries, ${missing} missing`);
    say(
      `  p50 ${round(percentile(latencies, 50))} ms, p90 ${round(percentile(latencies, 90))} ms, p99 ${round(percentile(latencies, 99))} ms, max ${round(latencies.reduce((m, x) => Math.max(m, x), 0))} ms`,
    );
    say(
      `  after A answered the post: p50 ${round(percentile(afterAnswer, 50))} ms, p99 ${round(percentile(afterAnswer, 99))} ms (negative: B had it first)`,
    );
    say(`acknowledge on A → all ${CLIENTS} clients of B: ${round(ackIdle)} ms idle, ${round(ackLoaded)} ms under load`);
    say(
      `team_p50_ms=${round(percentile(latencies, 50))} team_p99_ms=${round(percentile(latencies, 99))} mentions_per_s=${round(rate)}`,
    );
  } finally {
    for (const c of clients) c.close();
    for (const hub of hubs) await hub.stop().catch(() => undefined);
    await postgres.stop();
    await rm(root, { recursive: true, force: true });
  }
}

await main();
