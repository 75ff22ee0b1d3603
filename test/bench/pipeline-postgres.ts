// Throughput of one hub's pipeline on PostgreSQL (the team store): normalize -> enrich -> store (a local
// PostgreSQL started for the run, fsync off as in the tests) -> incident engine, fed simulated posts in poll-sized
// batches, single-threaded. The sizing figure in README "Running a team hub". Prints one key=value line at the end.
import { performance } from 'node:perf_hooks';
import { generateRange } from '../../electron/core/connectors/simulator/generate';
import { createEnricher } from '../../electron/core/pipeline/enrich';
import { createDetector } from '../../electron/core/detect';
import { createIncidentEngine } from '../../electron/core/incidents';
import { ManualClock } from '../../electron/core/runtime/clock';
import { openPostgresStore } from '../../electron/core/store/postgres/postgres-store';
import { createTestCore } from '../helpers/core';
import { startTestPostgres } from '../helpers/postgres';

const BATCH = 500;
const T0 = Date.UTC(2026, 0, 6, 9, 0, 0);
const HOURS = Number(process.env.BENCH_HOURS ?? 3);

const server = await startTestPostgres();
const store = await openPostgresStore(await server.createDatabase());
const clock = new ManualClock(T0 + HOURS * 3_600_000);
const detection = createIncidentEngine({ detector: createDetector() });
const core = createTestCore({ clock, store, enricher: createEnricher(), detection });
await core.start();

const options = {
  seed: 7,
  brand: 'Nimbus Bank',
  ratePerMinute: 600,
  scenario: 'default' as const,
  utcOffsetMinutes: 0,
};
const posts = generateRange(options, T0, T0, T0 + HOURS * 3_600_000);
process.stdout.write(`pipeline bench (PostgreSQL): ${posts.length} simulated posts, batches of ${BATCH}\n`);

const started = performance.now();
for (let i = 0; i < posts.length; i += BATCH) await core.api.commit('bench', posts.slice(i, i + BATCH), String(i));
const commitMs = performance.now() - started;

const stored = (await core.api.status()).mentions;
await core.stop();
await store.close();
await server.stop();

const perSecond = Math.round(posts.length / (commitMs / 1000));
process.stdout.write(`committed ${stored} mentions in ${(commitMs / 1000).toFixed(2)} s: ${perSecond} mentions/s\n`);
process.stdout.write(`pg_mentions=${stored} pg_mentions_per_s=${perSecond}\n`);
