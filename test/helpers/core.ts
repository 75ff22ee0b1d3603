import { createCore } from '../../electron/core/create-core';
import type { Core, SourceRunnerPort } from '../../electron/core/core-types';
import type { Enricher } from '../../electron/core/pipeline/enrich/enricher';
import { ManualClock } from '../../electron/core/runtime/clock';
import { memoryVault } from '../../electron/core/runtime/credentials';
import { silentLogger } from '../../electron/core/runtime/logger';
import { openSqliteStore } from '../../electron/core/store/sqlite/sqlite-store';
import type { Store } from '../../electron/core/store/repository';
import { NEUTRAL_ENRICHMENT } from './mentions';

/** A core with no polled sources on a manual clock and an in-memory store: for host and transport tests. */
export async function bareCore(enricher: Enricher = { enrich: () => NEUTRAL_ENRICHMENT }): Promise<{
  core: Core;
  store: Store;
  clock: ManualClock;
}> {
  const clock = new ManualClock();
  const store = await openSqliteStore(':memory:');
  const core = createCore({
    clock,
    uiTimer: clock,
    store,
    logger: silentLogger(),
    enricher,
    vault: memoryVault(),
    sources: [],
    createRunner: (): SourceRunnerPort => {
      throw new Error('no sources in a bare core');
    },
    watchlistFor: () => 'nimbus',
    retentionDays: 30,
  });
  await core.start();
  return { core, store, clock };
}
