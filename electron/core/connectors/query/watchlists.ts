import type { Watchlist } from '../factory';
import type { QueryNode } from './ast';
import { compileQuery, type TextMatcher } from './match';
import { parseQuery } from './parse';

/** A watchlist with its compiled query. */
export interface CompiledWatchlist {
  readonly watchlist: Watchlist;
  readonly ast: QueryNode;
  readonly test: TextMatcher;
}

/**
 * Compiles each watchlist's query. A query that does not parse (the config layer should have refused it)
 * is matched as one literal phrase so nothing crashes; `parseQuery` gives the readable error.
 */
export function compileWatchlistQueries(watchlists: ReadonlyArray<Watchlist>): ReadonlyArray<CompiledWatchlist> {
  return watchlists.map((watchlist) => {
    const parsed = parseQuery(watchlist.query);
    const ast: QueryNode = parsed.ok ? parsed.value : { kind: 'phrase', value: watchlist.query };
    return { watchlist, ast, test: compileQuery(ast) };
  });
}

/** The first watchlist whose query matches `text`, or null: hub-side filtering for sources without query syntax. */
export function firstMatchingWatchlist(compiled: ReadonlyArray<CompiledWatchlist>, text: string): Watchlist | null {
  for (const c of compiled) if (c.test(text)) return c.watchlist;
  return null;
}
