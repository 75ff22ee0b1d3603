import type { Watchlist } from '../factory';
import { compileWatchlistQueries, firstMatchingWatchlist } from '../query';

/** Decides which watchlist a text belongs to, for sources without query syntax (or with a broader one). */
export interface WatchlistFilter {
  /** True when there are no watchlists: every item passes, with no watchlist assigned. */
  readonly passAll: boolean;
  /** The id of the first watchlist whose query matches `text`, or undefined. */
  assign(text: string): string | undefined;
}

/** Compiles the watchlists' queries once (the query module's matcher). */
export function createWatchlistFilter(watchlists: ReadonlyArray<Watchlist>): WatchlistFilter {
  const compiled = compileWatchlistQueries(watchlists);
  return {
    passAll: compiled.length === 0,
    assign: (text) => firstMatchingWatchlist(compiled, text)?.id,
  };
}
