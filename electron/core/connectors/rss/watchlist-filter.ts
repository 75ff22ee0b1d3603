import type { Logger } from '../../runtime/logger';
import type { Watchlist } from '../factory';
import { compileQuery, type TextMatcher } from '../query/match';
import { parseQuery } from '../query/parse';

/** Decides which watchlist a text belongs to, for sources without query syntax (or with a broader one). */
export interface WatchlistFilter {
  /** True when there are no usable watchlists: every item passes, with no watchlist assigned. */
  readonly passAll: boolean;
  /** The id of the first watchlist whose query matches `text`, or undefined. */
  assign(text: string): string | undefined;
}

/** Compiles the watchlists' queries once; a query that does not parse is logged and skipped. */
export function createWatchlistFilter(watchlists: ReadonlyArray<Watchlist>, logger: Logger): WatchlistFilter {
  const compiled: Array<{ readonly id: string; readonly test: TextMatcher }> = [];
  for (const w of watchlists) {
    const parsed = parseQuery(w.query);
    if (parsed.ok) compiled.push({ id: w.id, test: compileQuery(parsed.value) });
    else logger.warn({ watchlist: w.id, error: parsed.error.message }, 'watchlist query does not parse; skipped');
  }
  return {
    passAll: compiled.length === 0,
    assign: (text) => compiled.find((c) => c.test(text))?.id,
  };
}
