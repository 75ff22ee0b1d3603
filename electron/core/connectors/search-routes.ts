import type { AttributionPolicy } from './connector';
import type { Watchlist } from './factory';
import { compileWatchlistQueries, type QueryNode, type TextMatcher } from './query';

/** The searches (hashtags, search strings) one watchlist's query maps to on an API without full query syntax. */
export interface SearchTerms {
  readonly terms: ReadonlyArray<string>;
  /** True when results are broader than the watchlist: the hub re-tests them with the compiled query. */
  readonly hubFilter: boolean;
}

interface Candidate {
  readonly id: string;
  /** null: the search itself is exact for this watchlist. */
  readonly test: TextMatcher | null;
}

/** Which searches to run and, when they were derived per watchlist, which watchlist each result belongs to. */
export interface SearchRoutes {
  /** Each search once, however many watchlists share it. */
  readonly terms: ReadonlyArray<string>;
  /** Explicit searches are not per watchlist: the hub's attribute step matches their results (and drops misses). */
  readonly attribution: AttributionPolicy | undefined;
  /**
   * The watchlist a result of `term` belongs to (its search was derived from that watchlist's query); null to
   * drop it (it fails every such watchlist's query); undefined for explicit searches: the hub attributes it.
   */
  claim(term: string, text: string): string | null | undefined;
}

/**
 * Plans the searches of Bluesky and Mastodon. Explicit terms (the source's config) are run as given and
 * their results attributed by the hub; otherwise each watchlist's query is mapped by `toTerms` and a result
 * is claimed for the watchlists its search came from, re-tested in the hub when the search was broader.
 */
export function planSearchRoutes(
  explicit: ReadonlyArray<string> | undefined,
  watchlists: ReadonlyArray<Watchlist>,
  toTerms: (ast: QueryNode) => SearchTerms,
): SearchRoutes {
  if (explicit && explicit.length > 0) {
    return { terms: [...new Set(explicit)], attribution: { requireMatch: true }, claim: () => undefined };
  }
  const routes = new Map<string, Candidate[]>();
  for (const c of compileWatchlistQueries(watchlists)) {
    const plan = toTerms(c.ast);
    for (const term of plan.terms) {
      const list = routes.get(term) ?? [];
      list.push({ id: c.watchlist.id, test: plan.hubFilter ? c.test : null });
      routes.set(term, list);
    }
  }
  return {
    terms: [...routes.keys()],
    attribution: undefined,
    claim(term, text) {
      const hit = (routes.get(term) ?? []).find((c) => c.test === null || c.test(text));
      return hit ? hit.id : null;
    },
  };
}
