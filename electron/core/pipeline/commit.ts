import type { Mention, RawMention } from '../../../shared/mention';
import type { Clock } from '../runtime/clock';
import type { CommitResult, Store } from '../store/repository';
import type { Enricher } from './enrich/enricher';
import { normalizeMention } from './normalize';

/** What committing needs. */
export interface CommitterDeps {
  readonly clock: Clock;
  readonly store: Store;
  readonly enricher: Enricher;
  readonly watchlistFor: (text: string) => string;
  /** Called with the mentions that were new (never duplicates), after they are durable. */
  readonly onInserted: (mentions: ReadonlyArray<Mention>) => void;
}

/** Commits one source's batch: normalize -> enrich -> store (with its cursor, atomically) -> downstream. */
export type Committer = (
  sourceId: string,
  items: ReadonlyArray<RawMention>,
  cursor: string | null,
) => Promise<CommitResult>;

/** Builds the pipeline's commit step, shared by polled and pushed sources. */
export function createCommitter(deps: CommitterDeps): Committer {
  return async (sourceId, items, cursor) => {
    const ctx = { sourceId, receivedAt: deps.clock.now(), watchlistFor: deps.watchlistFor, enricher: deps.enricher };
    const mentions = items.map((raw) => normalizeMention(raw, ctx));
    const result = await deps.store.commitBatch(sourceId, mentions, cursor);
    if (result.inserted.length > 0) deps.onInserted(result.inserted);
    return result;
  };
}
