import type { Mention, RawMention } from '../../shared/mention';
import type { Connector } from '../../electron/core/connectors/connector';
import type { Watchlist } from '../../electron/core/connectors/factory';
import { createAttributor } from '../../electron/core/pipeline/attribute';
import { createCommitter } from '../../electron/core/pipeline/commit';
import { createMinuteAggregator } from '../../electron/core/pipeline/minute-aggregator';
import { ManualClock } from '../../electron/core/runtime/clock';
import { openSqliteStore } from '../../electron/core/store/sqlite/sqlite-store';
import { NEUTRAL_ENRICHMENT } from './mentions';

/**
 * Commits a connector's raw items through the hub's pipeline (normalize → enrich → attribute by the connector's
 * policy and these watchlists → SQLite) and returns what was stored, in order: where a connector test checks
 * which watchlist a mention ends up in.
 */
export async function commitThroughPipeline(
  connector: Connector,
  watchlists: ReadonlyArray<Watchlist>,
  items: ReadonlyArray<RawMention>,
): Promise<ReadonlyArray<Mention>> {
  const store = await openSqliteStore(':memory:');
  try {
    const commit = createCommitter({
      clock: new ManualClock(),
      store,
      enricher: { enrich: () => NEUTRAL_ENRICHMENT },
      attributor: createAttributor(watchlists),
      policyFor: () => connector.attribution ?? {},
      aggregator: createMinuteAggregator({ store, dataTimeOf: () => undefined, hasLive: true, latenessMinutes: 2 }),
      onCommitted: () => undefined,
    });
    return (await commit(connector.id, items, null)).inserted;
  } finally {
    await store.close();
  }
}
