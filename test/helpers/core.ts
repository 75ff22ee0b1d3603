import { createCore, type CoreDeps } from '../../electron/core/boot/create-core';
import type { Core } from '../../electron/core/core-types';
import { ManualClock } from '../../electron/core/runtime/clock';
import { memoryVault } from '../../electron/core/runtime/credentials';
import { silentLogger } from '../../electron/core/runtime/logger';
import { createSourceRunner } from '../../electron/core/runtime/poller';
import { openSqliteStore } from '../../electron/core/store/sqlite/sqlite-store';
import type { Store } from '../../electron/core/store/repository';
import { createAttributor } from '../../electron/core/pipeline/attribute';
import { NEUTRAL_ENRICHMENT } from './mentions';

/** What a test core needs; everything else defaults (silent logger, memory vault, the real runner, neutral enrichment). */
export type TestCoreOptions = Partial<CoreDeps> & { readonly clock: ManualClock; readonly store: Store };

/** A core on a manual clock, with deltas batched on the same clock: for hub-level tests and benches. */
export function createTestCore(options: TestCoreOptions): Core {
  return createCore({
    uiTimer: options.clock,
    logger: silentLogger(),
    enricher: { enrich: () => NEUTRAL_ENRICHMENT },
    vault: memoryVault(),
    sources: [],
    createRunner: (runnerOptions) => createSourceRunner(runnerOptions),
    attributor: createAttributor([{ id: 'nimbus-bank', name: 'Nimbus Bank', query: '"nimbus bank" OR nimbus' }]),
    retentionDays: 30,
    ...options,
  });
}

/** A started core with no sources and an in-memory store: for host and transport tests. */
export async function bareCore(): Promise<{ core: Core; store: Store; clock: ManualClock }> {
  const clock = new ManualClock();
  const store = await openSqliteStore(':memory:');
  const core = createTestCore({ clock, store });
  await core.start();
  return { core, store, clock };
}
