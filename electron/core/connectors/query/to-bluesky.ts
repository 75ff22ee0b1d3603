import type { QueryNode } from './ast';
import { toDnf, toNnf, type Literal } from './nnf';

/** At most this many searchPosts requests per watchlist per poll. */
export const BLUESKY_MAX_QUERIES = 5;

/** What to send to app.bsky.feed.searchPosts for one watchlist. */
export interface BlueskyQueryPlan {
  /** One `q` per request; each is space-separated terms and "quoted phrases" (AND). */
  readonly queries: ReadonlyArray<string>;
  /** True when results are broader than the watchlist: the hub must filter them with `compileQuery`. */
  readonly hubFilter: boolean;
}

/**
 * Maps a query to Bluesky search, which has no OR and no reliable negation: OR becomes one request per
 * clause (up to BLUESKY_MAX_QUERIES), exclusions are left to the hub. When the query is too wide for that,
 * it falls back to a broad query (the terms every match must contain, else each top-level alternative's
 * first term) and hub-side matching.
 */
export function toBlueskyQueries(ast: QueryNode): BlueskyQueryPlan {
  const nnf = toNnf(ast);
  const dnf = toDnf(nnf, BLUESKY_MAX_QUERIES);
  if (dnf && dnf.every((clause) => clause.some((l) => !l.negated))) {
    const queries = unique(
      dnf.map((clause) =>
        clause
          .filter((l) => !l.negated)
          .map(render)
          .join(' '),
      ),
    );
    const hubFilter = dnf.some((clause) => clause.some((l) => l.negated)) || prefixUsed(dnf);
    return { queries, hubFilter };
  }
  const broad = unique(broadTerms(ast).slice(0, BLUESKY_MAX_QUERIES));
  return { queries: broad, hubFilter: true };
}

function broadTerms(node: QueryNode): ReadonlyArray<string> {
  switch (node.kind) {
    case 'term':
    case 'phrase':
      return [render({ leaf: node, negated: false })];
    case 'not':
      return [];
    case 'and': {
      for (const c of node.children) {
        const t = broadTerms(c);
        if (t.length > 0) return t;
      }
      return [];
    }
    case 'or':
      return node.children.flatMap(broadTerms);
  }
}

function render(lit: Literal): string {
  const value = lit.leaf.value.replace(/\*$/, '').replace(/"/g, '');
  return lit.leaf.kind === 'phrase' || /\s/.test(value) ? `"${value}"` : value;
}

function prefixUsed(dnf: ReadonlyArray<ReadonlyArray<Literal>>): boolean {
  return dnf.some((clause) => clause.some((l) => l.leaf.value.endsWith('*')));
}

function unique(list: ReadonlyArray<string>): ReadonlyArray<string> {
  return [...new Set(list)];
}
