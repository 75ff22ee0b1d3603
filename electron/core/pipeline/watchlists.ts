import { compileQuery, parseQuery, type TextMatcher } from '../connectors/query';
import type { Watchlist } from '../connectors/factory';

/**
 * Builds the function that attributes a mention to a watchlist when its source did not: the first watchlist
 * whose query matches the text, else the first watchlist (every mention belongs somewhere).
 * Queries that do not parse are reported by the caller's config validation; here they never match.
 */
export function compileWatchlists(watchlists: ReadonlyArray<Watchlist>): (text: string) => string {
  const fallback = watchlists[0]?.id ?? 'default';
  const matchers: Array<{ id: string; match: TextMatcher }> = [];
  for (const w of watchlists) {
    const ast = parseQuery(w.query);
    if (ast.ok) matchers.push({ id: w.id, match: compileQuery(ast.value) });
  }
  if (matchers.length <= 1) return () => fallback;
  return (text) => matchers.find((m) => m.match(text))?.id ?? fallback;
}
