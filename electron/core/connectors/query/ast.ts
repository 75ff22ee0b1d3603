/**
 * A watchlist query as a tree. `term` is one word (or a hashtag/handle, or a hyphenated token);
 * `phrase` is a quoted sequence of words. `and`/`or` have two or more children.
 */
export type QueryNode =
  | { readonly kind: 'term'; readonly value: string }
  | { readonly kind: 'phrase'; readonly value: string }
  | { readonly kind: 'and'; readonly children: ReadonlyArray<QueryNode> }
  | { readonly kind: 'or'; readonly children: ReadonlyArray<QueryNode> }
  | { readonly kind: 'not'; readonly child: QueryNode };

/** A term or phrase: the leaves every mapper renders. */
export type QueryLeaf = Extract<QueryNode, { kind: 'term' | 'phrase' }>;

/** Builds an `and`/`or`, flattening nested nodes of the same kind and unwrapping a single child. */
export function combine(kind: 'and' | 'or', parts: ReadonlyArray<QueryNode>): QueryNode {
  const flat: QueryNode[] = [];
  for (const p of parts) {
    if (p.kind === kind) flat.push(...p.children);
    else flat.push(p);
  }
  if (flat.length === 1 && flat[0]) return flat[0];
  return { kind, children: flat };
}
