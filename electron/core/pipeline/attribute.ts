import type { Mention } from '../../../shared/mention';
import type { AttributionPolicy } from '../connectors/connector';
import type { Watchlist } from '../connectors/factory';
import { compileWatchlistQueries, firstMatchingWatchlist } from '../connectors/query/watchlists';
import type { EnrichedMention } from './enrich/enrich-mention';

/** The attribute step: the watchlists' queries compiled once for the whole hub. */
export interface Attributor {
  /** The mention with its watchlist, or null when the source's policy drops it. */
  attribute(mention: EnrichedMention, policy: AttributionPolicy): Mention | null;
}

/**
 * Attribution order: the source's own claim (its API query was per watchlist), else the source's configured
 * watchlist, else the first watchlist whose query matches the text, else (unless the source requires a match)
 * the source's fallback watchlist (replay: "replay"), else the first watchlist — a source configured for this
 * brand still belongs to it — or "default".
 */
export function createAttributor(watchlists: ReadonlyArray<Watchlist>): Attributor {
  const compiled = compileWatchlistQueries(watchlists);
  const fallback = watchlists[0]?.id ?? 'default';
  return {
    attribute(mention, policy) {
      const { claimedWatchlist, ...rest } = mention;
      const claimed = claimedWatchlist ?? policy.watchlist;
      if (claimed !== undefined) return { ...rest, watchlist: claimed };
      const matched = firstMatchingWatchlist(compiled, mention.text)?.id;
      if (matched !== undefined) return { ...rest, watchlist: matched };
      if (policy.requireMatch && compiled.length > 0) return null;
      return { ...rest, watchlist: policy.fallbackWatchlist ?? fallback };
    },
  };
}
