import { assertNever } from '../../../../shared/assert-never';
import { combine, type QueryLeaf, type QueryNode } from './ast';

/** A literal in negation normal form: a leaf, possibly negated. */
export interface Literal {
  readonly leaf: QueryLeaf;
  readonly negated: boolean;
}

/** A query with NOT pushed down to the leaves (De Morgan), for syntaxes that only negate single terms. */
export type NnfNode =
  | { readonly kind: 'lit'; readonly lit: Literal }
  | { readonly kind: 'and' | 'or'; readonly children: ReadonlyArray<NnfNode> };

/** Rewrites a query into negation normal form. */
export function toNnf(node: QueryNode, negated = false): NnfNode {
  switch (node.kind) {
    case 'term':
    case 'phrase':
      return { kind: 'lit', lit: { leaf: node, negated } };
    case 'not':
      return toNnf(node.child, !negated);
    case 'and':
    case 'or': {
      const kind = (node.kind === 'and') !== negated ? 'and' : 'or';
      const children = node.children.map((c) => toNnf(c, negated));
      return flatten(kind, children);
    }
    default:
      return assertNever(node, 'query node');
  }
}

function flatten(kind: 'and' | 'or', children: ReadonlyArray<NnfNode>): NnfNode {
  const flat: NnfNode[] = [];
  for (const c of children) {
    if (c.kind === kind) flat.push(...c.children);
    else flat.push(c);
  }
  return flat.length === 1 && flat[0] ? flat[0] : { kind, children: flat };
}

/** True when the query can match some text without containing any positive term (e.g. `-spam`). */
export function hasPositiveTerm(node: NnfNode): boolean {
  switch (node.kind) {
    case 'lit':
      return !node.lit.negated;
    case 'and':
      return node.children.some(hasPositiveTerm);
    case 'or':
      return node.children.every(hasPositiveTerm);
  }
}

/**
 * Disjunctive normal form: a list of conjunctions of literals, or null when it would exceed `maxClauses`.
 * Used for search APIs without OR (one request per clause).
 */
export function toDnf(node: NnfNode, maxClauses: number): ReadonlyArray<ReadonlyArray<Literal>> | null {
  switch (node.kind) {
    case 'lit':
      return [[node.lit]];
    case 'or': {
      const out: ReadonlyArray<Literal>[] = [];
      for (const c of node.children) {
        const sub = toDnf(c, maxClauses);
        if (!sub) return null;
        out.push(...sub);
        if (out.length > maxClauses) return null;
      }
      return out;
    }
    case 'and': {
      let acc: ReadonlyArray<ReadonlyArray<Literal>> = [[]];
      for (const c of node.children) {
        const sub = toDnf(c, maxClauses);
        if (!sub || acc.length * sub.length > maxClauses) return null;
        acc = acc.flatMap((a) => sub.map((b) => [...a, ...b]));
      }
      return acc;
    }
  }
}

/** Back from NNF to a plain query (used when a mapper hands the hub a broader query to refine). */
export function fromNnf(node: NnfNode): QueryNode {
  if (node.kind === 'lit') return node.lit.negated ? { kind: 'not', child: node.lit.leaf } : node.lit.leaf;
  return combine(node.kind, node.children.map(fromNnf));
}
