// The pipeline benches' shared run (bench:pipeline on SQLite, bench:pipeline:pg on PostgreSQL): a test core with
// the real enricher and incident engine on the given store, fed simulated posts in poll-sized batches.
import { performance } from 'node:perf_hooks';
import { generateRange } from '../../../electron/core/connectors/simulator/generate';
import { createDetector } from '../../../electron/core/detect';
import { createIncidentEngine } from '../../../electron/core/incidents';
import { createEnricher } from '../../../electron/core/pipeline/enrich';
import { ManualClock } from '../../../electron/core/runtime/clock';
import type { Store } from '../../../electron/core/store/repository';
import { createTestCore } from '../../helpers/core';

/** Posts per commit, as one poll's page would bring. */
export const BATCH = 500;
const T0 = Date.UTC(2026, 0, 6, 9, 0, 0);

/** What one run measured. */
export interface PipelineRun {
  readonly posts: number;
  readonly stored: number;
  readonly commitMs: number;
  /** One detection tick over the closed minutes, and the incident changes it made. */
  readonly tickMs: number;
  readonly changed: number;
}

/** Commits `hours` of simulated posts (600 a minute) to a core on `store`, then runs one detection tick. */
export async function runPipeline(store: Store, hours: number, say: (line: string) => void): Promise<PipelineRun> {
  const clock = new ManualClock(T0 + hours * 3_600_000);
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
  const posts = generateRange(options, T0, T0, T0 + hours * 3_600_000);
  say(`${posts.length} simulated posts over ${hours} h of hub time, batches of ${BATCH}`);
  const started = performance.now();
  for (let i = 0; i < posts.length; i += BATCH) await core.api.commit('bench', posts.slice(i, i + BATCH), String(i));
  const commitMs = performance.now() - started;
  const tickStarted = performance.now();
  const changed = detection.tick(clock.now()).length;
  const tickMs = performance.now() - tickStarted;
  const stored = (await core.api.status()).mentions;
  await core.stop();
  return { posts: posts.length, stored, commitMs, tickMs, changed };
}
