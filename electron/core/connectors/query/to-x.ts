import { appError, err, ok, type Result } from '../../../../shared/result';
import type { QueryNode } from './ast';
import { hasPositiveTerm, toNnf, type Literal, type NnfNode } from './nnf';

/** X's recent-search query limit on the self-serve tiers. */
export const X_QUERY_MAX = 512;

/** Options appended to every X query. */
export interface XQueryOptions {
  /** Adds `-is:retweet` (default true): retweets repeat the original's text. */
  readonly excludeRetweets?: boolean;
  /** Adds `lang:xx` (BCP-47 code X supports). */
  readonly lang?: string;
  readonly maxLength?: number;
}

/**
 * Renders a watchlist query in X v2 search syntax: implicit AND by space, `OR`, parentheses,
 * "quoted phrases", `-term`; NOT of a group is pushed down to its terms (De Morgan).
 * `bank*` becomes `bank` (X has no wildcard).
 */
export function toXQuery(ast: QueryNode, opts: XQueryOptions = {}): Result<string> {
  const nnf = toNnf(ast);
  if (!hasPositiveTerm(nnf))
    return err(appError('query-unsupported', 'an X query needs at least one term that is not excluded'));
  let q = render(nnf, false);
  const extras: string[] = [];
  if (opts.excludeRetweets ?? true) extras.push('-is:retweet');
  if (opts.lang) extras.push(`lang:${opts.lang}`);
  if (extras.length > 0) q = `${nnf.kind === 'or' ? `(${q})` : q} ${extras.join(' ')}`;
  const max = opts.maxLength ?? X_QUERY_MAX;
  if (q.length > max) return err(appError('query-too-long', `the X query is ${q.length} characters; X allows ${max}`));
  return ok(q);
}

function render(node: NnfNode, nested: boolean): string {
  if (node.kind === 'lit') return literal(node.lit);
  const sep = node.kind === 'and' ? ' ' : ' OR ';
  const text = node.children.map((c) => render(c, true)).join(sep);
  return nested ? `(${text})` : text;
}

function literal(lit: Literal): string {
  const sign = lit.negated ? '-' : '';
  const value = lit.leaf.value.replace(/\*$/, '').replace(/"/g, '');
  if (lit.leaf.kind === 'phrase') return `${sign}"${value}"`;
  return /^[#@$]?[\p{L}\p{N}_]+$/u.test(value) ? `${sign}${value}` : `${sign}"${value}"`;
}
