import { words } from './match';
import type { QueryNode } from './ast';
import { toNnf, type NnfNode } from './nnf';

/** Hashtag timelines to follow for one watchlist on Mastodon. */
export interface MastodonTagPlan {
  /** Tags without `#`, lower case: poll `GET /api/v1/timelines/tag/{tag}` for each. */
  readonly tags: ReadonlyArray<string>;
  /** True unless the query is exactly one hashtag-able term: the hub filters with `compileQuery`. */
  readonly hubFilter: boolean;
}

/**
 * Mastodon searches statuses by hashtag only (full-text search is opt-in per server), so every positive
 * term or phrase becomes a hashtag (`"acme bank"` → `acmebank`) and the hub applies the full query.
 */
export function toMastodonTags(ast: QueryNode): MastodonTagPlan {
  const nnf = toNnf(ast);
  const tags = [...new Set(positiveTags(nnf))];
  const single = nnf.kind === 'lit' && !nnf.lit.negated && nnf.lit.leaf.kind === 'term';
  return { tags, hubFilter: !single };
}

function positiveTags(node: NnfNode): ReadonlyArray<string> {
  if (node.kind === 'lit') {
    if (node.lit.negated) return [];
    const tag = words(node.lit.leaf.value.replace(/\*$/, '')).join('');
    return tag ? [tag] : [];
  }
  return node.children.flatMap(positiveTags);
}
