import type { QueryNode } from './ast';
import { toNnf, type Literal, type NnfNode } from './nnf';

/**
 * Renders a watchlist query in Reddit search syntax: `AND`, `OR`, `NOT`, parentheses and "quoted phrases".
 * NOT is pushed down to single terms and written `a AND NOT b`. `bank*` becomes `bank`.
 */
export function toRedditQuery(ast: QueryNode): string {
  return render(toNnf(ast), false);
}

function render(node: NnfNode, nested: boolean): string {
  if (node.kind === 'lit') return literal(node.lit);
  const sep = node.kind === 'and' ? ' AND ' : ' OR ';
  const text = node.children.map((c) => render(c, true)).join(sep);
  return nested ? `(${text})` : text;
}

function literal(lit: Literal): string {
  const value = lit.leaf.value.replace(/\*$/, '').replace(/"/g, '');
  const quoted = lit.leaf.kind === 'phrase' || !/^[\p{L}\p{N}_]+$/u.test(value) ? `"${value}"` : value;
  return lit.negated ? `NOT ${quoted}` : quoted;
}
