import type { Mention, RawMention } from '../../../shared/mention';
import type { Clock } from '../runtime/clock';
import type { Incident } from '../../../shared/incident';
import type { CommitResult, Store } from '../store/repository';
import type { AttributionPolicy } from '../connectors/connector';
import type { Attributor } from './attribute';
import { enrichMention } from './enrich/enrich-mention';
import type { Enricher } from './enrich/enricher';
import { normalizeMention } from './normalize';
import type { MinuteAggregator } from './minute-aggregator';

/** What committing needs. */
export interface CommitterDeps {
  readonly clock: Clock;
  readonly store: Store;
  readonly enricher: Enricher;
  readonly attributor: Attributor;
  /** Each source's attribution policy (its connector's); none means "match the text". */
  readonly policyFor: (sourceId: string) => AttributionPolicy;
  /** The one per-minute aggregator: the store write goes through it, and it counts what was inserted. */
  readonly aggregator: Pick<MinuteAggregator, 'commit'>;
  /**
   * Called after each commit with the mentions that were new (never duplicates), once they are durable and
   * counted, and the incidents detection changed on the way.
   */
  readonly onCommitted: (sourceId: string, inserted: ReadonlyArray<Mention>, changed: ReadonlyArray<Incident>) => void;
}

/**
 * Commits one source's batch: normalize -> enrich -> attribute -> store (with its cursor, atomically) -> the
 * per-minute aggregator (wall series, detection) -> downstream.
 */
export type Committer = (
  sourceId: string,
  items: ReadonlyArray<RawMention>,
  cursor: string | null,
) => Promise<CommitResult>;

/**
 * Builds the pipeline's commit step, shared by polled and pushed sources. A mention its source's policy drops
 * (no watchlist matched) is not stored; the cursor still moves with the batch, so it is not read again.
 */
export function createCommitter(deps: CommitterDeps): Committer {
  return async (sourceId, items, cursor) => {
    const ctx = { sourceId, receivedAt: deps.clock.now() };
    const policy = deps.policyFor(sourceId);
    const mentions: Mention[] = [];
    for (const raw of items) {
      const attributed = deps.attributor.attribute(enrichMention(normalizeMention(raw, ctx), deps.enricher), policy);
      if (attributed !== null) mentions.push(attributed);
    }
    const write = () => deps.store.commitBatch(sourceId, mentions, cursor);
    const { result, changed } = await deps.aggregator.commit(sourceId, cursor, mentions, write, ctx.receivedAt);
    deps.onCommitted(sourceId, result.inserted, changed);
    return result;
  };
}
