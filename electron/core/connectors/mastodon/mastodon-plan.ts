import type { Watchlist } from '../factory';
import { compileWatchlistQueries, toMastodonTags, type TextMatcher } from '../query';

interface Candidate {
  readonly id: string;
  /** null: the tag alone proves the match (the watchlist is exactly that one term). */
  readonly test: TextMatcher | null;
}

/** Which hashtags to poll and which watchlist each status found under a tag belongs to. */
export interface MastodonPlan {
  readonly tags: ReadonlyArray<string>;
  /** The watchlist id for a status under `tag`; null when it matches none (drop it); undefined when there are no watchlists. */
  assign(tag: string, text: string): string | null | undefined;
}

/**
 * Builds the plan: explicit `tags` are matched against every watchlist in the hub; otherwise each watchlist's
 * query becomes hashtags (the query module's mapper) and only that watchlist is tested for them.
 */
export function planMastodon(
  explicitTags: ReadonlyArray<string> | undefined,
  watchlists: ReadonlyArray<Watchlist>,
): MastodonPlan {
  const compiled = compileWatchlistQueries(watchlists);
  const routes = new Map<string, Candidate[]>();
  const route = (tag: string, candidate: Candidate | null): void => {
    const list = routes.get(tag) ?? [];
    if (candidate) list.push(candidate);
    routes.set(tag, list);
  };
  if (explicitTags && explicitTags.length > 0) {
    for (const tag of explicitTags) {
      route(tag, null);
      for (const c of compiled) route(tag, { id: c.watchlist.id, test: c.test });
    }
  } else {
    for (const c of compiled) {
      const plan = toMastodonTags(c.ast);
      for (const tag of plan.tags) route(tag, { id: c.watchlist.id, test: plan.hubFilter ? c.test : null });
    }
  }
  return {
    tags: [...routes.keys()],
    assign(tag, text) {
      if (compiled.length === 0) return undefined;
      const hit = (routes.get(tag) ?? []).find((c) => c.test === null || c.test(text));
      return hit ? hit.id : null;
    },
  };
}
