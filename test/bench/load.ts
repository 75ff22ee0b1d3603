// Load through the whole pipeline of the built hub: `POST /api/ingest/{id}` → normalize → enrich → SQLite →
// detection → a WebSocket client of /ws. Paced baseline traffic for a while (default 1,000 mentions/s for 5 minutes,
// 50 per request), a sharp surge of failure-topic complaints on a fresh watchlist every ~30 s, the hub's RSS sampled
// throughout; then the same pipeline flat out for its throughput, and vader-sentiment alone on the same texts.
// Ends with one key=value line. Override with flags or env: --seconds/LOAD_SECONDS, --rate/LOAD_RATE,
// --batch/LOAD_BATCH, --surge-every/LOAD_SURGE_EVERY, --burst-seconds/LOAD_BURST_SECONDS, --burst-batch/LOAD_BURST_BATCH.
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { accessToken, startBenchHub, type BenchHub } from './load/hub-process';
import { createPoster, push, type PushResult } from './load/push';
import { injectSurge, type SurgeOutcome } from './load/surge';
import { BASELINE_WATCHLIST, baselinePool, surgeTexts, type IngestItem } from './load/traffic';
import { connectClient, type BenchClient } from './load/ws-client';

const { values: flags } = parseArgs({
  options: {
    seconds: { type: 'string' },
    rate: { type: 'string' },
    batch: { type: 'string' },
    'surge-every': { type: 'string' },
    'burst-seconds': { type: 'string' },
    'burst-batch': { type: 'string' },
  },
});
const setting = (flag: string | undefined, env: string, fallback: number): number => {
  const value = Number(flag ?? process.env[env] ?? fallback);
  if (!(value > 0)) throw new Error(`${env} must be a positive number`);
  return value;
};
const SECONDS = setting(flags.seconds, 'LOAD_SECONDS', 300);
const RATE = setting(flags.rate, 'LOAD_RATE', 1000);
const BATCH = setting(flags.batch, 'LOAD_BATCH', 50);
const SURGE_EVERY = setting(flags['surge-every'], 'LOAD_SURGE_EVERY', 30);
const BURST_SECONDS = setting(flags['burst-seconds'], 'LOAD_BURST_SECONDS', 30);
/** Flat out, requests carry more (the webhook takes up to 1,000 items): the pipeline's cost, not HTTP round trips. */
const BURST_BATCH = setting(flags['burst-batch'], 'LOAD_BURST_BATCH', 500);
/** A surge: 100 complaints in requests of 10, 100 ms apart (about one second). */
const SURGE = { posts: 100, batch: 10, gapMs: 100 };
/** Requests open at once: the paced generator, and flat out. */
const IN_FLIGHT = 4;
const MINUTE = 60_000;

const say = (line: string): void => void process.stdout.write(`${line}\n`);
const round = (x: number, digits = 0): number => Math.round(x * 10 ** digits) / 10 ** digits;
/** Nearest-rank percentile. */
const percentile = (xs: ReadonlyArray<number>, p: number): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

const pool = baselinePool(20_000);
let seq = 0;
const nextId = (): string => `load-${(seq++).toString(36)}`;
const baselineBatch = (n: number): IngestItem[] =>
  Array.from({ length: n }, () => {
    const p = pool[seq % pool.length]!;
    return {
      externalId: nextId(),
      text: p.text,
      createdAt: Date.now(),
      author: p.author,
      watchlist: BASELINE_WATCHLIST,
    };
  });

/**
 * A fresh watchlist is warm only once detection has run 180 minutes (it then counts as listened to and silent).
 * One post 200 minutes old on a warm-up watchlist makes the first detection tick close those minutes.
 */
async function warmUp(hub: BenchHub): Promise<void> {
  const post = createPoster(hub.ingestUrl, hub.ingestToken);
  const at = Date.now();
  const ack = await post([
    { externalId: 'warm-up', text: 'warming up', createdAt: at - 200 * MINUTE, author: 'bench', watchlist: 'warm-up' },
  ]);
  if (ack.status !== 200) throw new Error(`ingest refused the warm-up post (${ack.status}):\n${hub.output()}`);
  // Detection ticks at :01 and :31 of every minute; give the first one after the post a few seconds.
  const tick = Math.floor(at / 30_000) * 30_000 + 31_000;
  await sleep(Math.max(0, tick - Date.now()) + 3_000);
}

async function sampleRss(hub: BenchHub, until: () => boolean, every: number): Promise<number[]> {
  const samples: number[] = [];
  while (until()) {
    samples.push(await hub.rssMb());
    await sleep(every);
  }
  samples.push(await hub.rssMb());
  return samples;
}

async function surges(
  client: BenchClient,
  post: ReturnType<typeof createPoster>,
  from: number,
): Promise<SurgeOutcome[]> {
  const out: SurgeOutcome[] = [];
  for (let n = 0; 20 + n * SURGE_EVERY <= SECONDS - 10; n++) {
    await sleep(Math.max(0, from + (20 + n * SURGE_EVERY) * 1000 - performance.now()));
    out.push(await injectSurge(n, SURGE, post, client, nextId));
  }
  return out;
}

function vaderPerSecond(texts: ReadonlyArray<string>): number {
  const vader = createRequire(import.meta.url)('vader-sentiment') as {
    SentimentIntensityAnalyzer: { polarity_scores(text: string): { compound: number } };
  };
  let best = 0;
  for (let pass = 0; pass < 3; pass++) {
    const started = performance.now();
    let sink = 0;
    for (const t of texts) sink += vader.SentimentIntensityAnalyzer.polarity_scores(t).compound;
    const perSecond = texts.length / ((performance.now() - started) / 1000);
    if (Number.isFinite(sink)) best = Math.max(best, perSecond);
  }
  return best;
}

/** One line per injected breakdown; returns the alert latencies (ms, ack → client, 0 when the event came first). */
function reportSurges(outcomes: ReadonlyArray<SurgeOutcome>, client: BenchClient): number[] {
  const latencies: number[] = [];
  for (const o of outcomes) {
    const mine = client.seen.filter((s) => s.incident.watchlist === o.watchlist);
    const ids = new Set(mine.filter((s) => !s.incident.mergedInto).map((s) => s.incident.id));
    const last = mine.filter((s) => s.incident.id === o.first?.incident.id).at(-1)?.incident;
    latencies.push(o.latencyMs === null ? Infinity : Math.max(0, o.latencyMs));
    if (!o.first) {
      say(`  ${o.watchlist} (${o.topic}): NOT HEARD within 15 s`);
      continue;
    }
    const confirmed = last?.evidence.statistic.includes('provisional') === false ? 'confirmed' : 'still provisional';
    say(
      `  ${o.watchlist} (${o.topic}): openable at post ${o.crossingPost ?? '?'} (request ${o.crossingRequest ?? '?'}); ` +
        `its ack → client ${round(o.latencyMs ?? NaN, 1)} ms (its send → client ${round(o.fromSendMs ?? NaN, 1)} ms); ` +
        `${o.first.incident.severity}, ${confirmed}, ` +
        `now ${last?.state ?? '?'} ${last?.severity ?? ''}; ${ids.size} incident(s)`,
    );
  }
  const background = new Set(
    client.seen.filter((s) => !s.incident.watchlist.startsWith('surge-')).map((s) => s.incident.id),
  );
  say(
    `  other incidents: ${background.size} (the baseline watchlist's cold start: the engine never saw its volume before)`,
  );
  return latencies;
}

function reportPush(label: string, r: PushResult): void {
  say(
    `${label}: ${r.accepted} mentions accepted of ${r.posted} in ${round(r.seconds, 1)} s = ${round(r.accepted / r.seconds)}/s, ` +
      `${r.failedRequests} failed requests; round trip p50 ${round(percentile(r.roundTrips, 50), 1)} ms, ` +
      `p99 ${round(percentile(r.roundTrips, 99), 1)} ms`,
  );
}

async function run(): Promise<{ throughput: number; latencies: number[]; rss: number }> {
  const root = await mkdtemp(join(tmpdir(), 'earshot-load-'));
  const hub = await startBenchHub(root);
  try {
    const client = await connectClient(hub.origin, await accessToken(hub.dataDir));
    const post = createPoster(hub.ingestUrl, hub.ingestToken);
    say(
      `load bench: hub pid ${hub.pid} at ${hub.origin}; ${RATE}/s in requests of ${BATCH} for ${SECONDS} s, a surge every ${SURGE_EVERY} s`,
    );
    let phase: 'prelude' | 'measured' | 'done' = 'prelude';
    const paced = push(
      { rate: RATE, batch: BATCH, inFlight: IN_FLIGHT, until: () => phase !== 'done' },
      baselineBatch,
      post,
    );
    await warmUp(hub);
    phase = 'measured';
    const from = performance.now();
    const cpuFrom = await hub.cpuSeconds();
    const rss = sampleRss(hub, () => performance.now() - from < SECONDS * 1000, 10_000);
    const outcomes = await surges(client, post, from);
    await sleep(Math.max(0, from + SECONDS * 1000 - performance.now()));
    phase = 'done';
    const pacedResult = await paced;
    const rssSamples = await rss;
    const cpu = (await hub.cpuSeconds()) - cpuFrom;
    await sleep(2_000);
    const burstEnds = performance.now() + BURST_SECONDS * 1000;
    const burst = await push(
      { rate: Infinity, batch: BURST_BATCH, inFlight: IN_FLIGHT, until: () => performance.now() < burstEnds },
      baselineBatch,
      post,
    );
    reportPush(`paced (${RATE}/s in requests of ${BATCH}, warm-up prelude included)`, pacedResult);
    say(
      `surges (${SURGE.posts} complaints in requests of ${SURGE.batch}, ${SURGE.gapMs} ms apart, each on a fresh watchlist):`,
    );
    const latencies = reportSurges(outcomes, client);
    reportPush(`flat out (requests of ${BURST_BATCH}, ${IN_FLIGHT} open)`, burst);
    say(`hub RSS after flat out: ${round(await hub.rssMb())} MB`);
    const mid = rssSamples[Math.floor(rssSamples.length / 2)] ?? NaN;
    say(`hub RSS MB (every 10 s): ${rssSamples.map((x) => round(x)).join(' ')}`);
    say(
      `hub RSS MB: start ${round(rssSamples[0] ?? NaN)} mid ${round(mid)} end ${round(rssSamples.at(-1) ?? NaN)}, max ${round(Math.max(...rssSamples))}`,
    );
    say(
      `hub CPU during the paced run: ${round(cpu, 1)} s for ${SECONDS} s (${round((100 * cpu) / SECONDS)}% of one core)`,
    );
    say(`client: ${client.frames()} frames, ${round(client.bytes() / 1e6, 1)} MB`);
    await client.close();
    return { throughput: burst.accepted / burst.seconds, latencies, rss: Math.max(...rssSamples) };
  } finally {
    await hub.stop();
    await rm(root, { recursive: true, force: true });
  }
}

const result = await run();
// vader-sentiment alone, on the same texts, with the hub stopped: the machine is as free as the hub had it.
const texts = [
  ...pool.map((p) => p.text),
  ...Array.from({ length: 4 }, (_, n) => surgeTexts(n, SURGE.posts).texts).flat(),
];
const vader = vaderPerSecond(texts);
say(`vader-sentiment alone on the same ${texts.length} texts: ${round(vader)} texts/s`);
say(
  `throughput_per_s=${round(result.throughput)} vader_per_s=${round(vader)} ratio_vs_vader=${round(result.throughput / vader, 2)} ` +
    `alert_p50_ms=${round(percentile(result.latencies, 50), 1)} alert_p99_ms=${round(percentile(result.latencies, 99), 1)} rss_mb=${round(result.rss)}`,
);
