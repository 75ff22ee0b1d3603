import type { Watchlist } from '../factory';
import { compileWatchlistQueries, toBlueskyQueries, type TextMatcher } from '../query';

interface Candidate {
  readonly id: string;
  /** null: the search itself is exact for this watchlist. */
  readonly test: TextMatcher | null;
}

/** Which searches to run and which watchlist each result belongs to. */
export interface BlueskyPlan {
  readonly queries: ReadonlyArray<string>;
  /** The watchlist id for a result of `q`; null to drop it; undefined when there are no watchlists. */
  assign(q: string, text: string): string | null | undefined;
}

/** Explicit queries are matched against every watchlist; otherwise each watchlist's query is mapped to searches. */
export function planBluesky(
  explicit: ReadonlyArray<string> | undefined,
  watchlists: ReadonlyArray<Watchlist>,
): BlueskyPlan {
  const compiled = compileWatchlistQueries(watchlists);
  const routes = new Map<string, Candidate[]>();
  const route = (q: string, candidate: Candidate | null): void => {
    const list = routes.get(q) ?? [];
    if (candidate) list.push(candidate);
    routes.set(q, list);
  };
  if (explicit && explicit.length > 0) {
    for (const q of explicit) {
      route(q, null);
      for (const c of compiled) route(q, { id: c.watchlist.id, test: c.test });
    }
  } else {
    for (const c of compiled) {
      const plan = toBlueskyQueries(c.ast);
      for (const q of plan.queries) route(q, { id: c.watchlist.id, test: plan.hubFilter ? c.test : null });
    }
  }
  return {
    queries: [...routes.keys()],
    assign(q, text) {
      if (compiled.length === 0) return undefined;
      const hit = (routes.get(q) ?? []).find((c) => c.test === null || c.test(text));
      return hit ? hit.id : null;
    },
  };
}
