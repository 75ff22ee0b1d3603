// Throughput of the hub's pipeline: normalize -> enrich -> store (SQLite, WAL, on disk) -> incident engine,
// fed a burst of simulated posts in poll-sized batches, single-threaded. Prints figures, then one key=value line.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateRange } from '../../electron/core/connectors/simulator/generate';
import { createEnricher } from '../../electron/core/pipeline/enrich';
import { createDetector } from '../../electron/core/detect';
import { createIncidentEngine } from '../../electron/core/incidents';
import { ManualClock } from '../../electron/core/runtime/clock';
import { openSqliteStore } from '../../electron/core/store/sqlite/sqlite-store';
import { createTestCore } from '../helpers/core';

const BATCH = 500;
const T0 = Date.UTC(2026, 0, 6, 9, 0, 0);

const dir = await mkdtemp(join(tmpdir(), 'earshot-bench-'));
const store = await openSqliteStore(join(dir, 'earshot.db'));
const clock = new ManualClock(T0 + 3 * 3_600_000);
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
const posts = generateRange(options, T0, T0, T0 + 3 * 3_600_000);
process.stdout.write(`pipeline bench: ${posts.length} simulated posts over 3 h of hub time, batches of ${BATCH}\n`);

const started = performance.now();
for (let i = 0; i < posts.length; i += BATCH) {
  await core.api.commit('bench', posts.slice(i, i + BATCH), String(i));
}
const commitMs = performance.now() - started;

const tickStarted = performance.now();
const changed = detection.tick(clock.now());
const tickMs = performance.now() - tickStarted;

const stored = (await core.api.status()).mentions;
await core.stop();
await store.close();
await rm(dir, { recursive: true, force: true });

const perSecond = Math.round(posts.length / (commitMs / 1000));
process.stdout.write(`committed ${stored} mentions in ${(commitMs / 1000).toFixed(2)} s: ${perSecond} mentions/s\n`);
process.stdout.write(
  `detection tick over 180 closed minutes: ${tickMs.toFixed(1)} ms, ${changed.length} incident change(s)\n`,
);
process.stdout.write(`mentions=${stored} mentions_per_s=${perSecond} tick_ms=${tickMs.toFixed(1)}\n`);
