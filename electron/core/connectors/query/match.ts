import { assertNever } from '../../../../shared/assert-never';
import type { QueryLeaf, QueryNode } from './ast';

const WORD = /[\p{L}\p{N}_]+(?:'[\p{L}\p{N}_]+)*/gu;

/** Splits text into lower-case words: the unit of word-boundary-aware matching. `#acme` and `@acme` give `acme`. */
export function words(text: string): ReadonlyArray<string> {
  const normalized = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc]/g, "'");
  return normalized.match(WORD) ?? [];
}

interface Indexed {
  readonly tokens: ReadonlyArray<string>;
  readonly positions: ReadonlyMap<string, ReadonlyArray<number>>;
}

function indexText(text: string): Indexed {
  const tokens = words(text);
  const positions = new Map<string, number[]>();
  tokens.forEach((tok, i) => {
    const list = positions.get(tok);
    if (list) list.push(i);
    else positions.set(tok, [i]);
  });
  return { tokens, positions };
}

/** A compiled query: tests one text. */
export type TextMatcher = (text: string) => boolean;

/**
 * Compiles a query for repeated use in the hub (sources without query syntax, and sources whose
 * mapped query is broader than the watchlist). Case-insensitive; a term matches whole words only
 * (`bank` does not match `banking`; `bank*` does); a phrase matches consecutive words.
 */
export function compileQuery(ast: QueryNode): TextMatcher {
  const test = compileNode(ast);
  return (text) => test(indexText(text));
}

/** One-off form of `compileQuery(ast)(text)`. */
export function matches(ast: QueryNode, text: string): boolean {
  return compileQuery(ast)(text);
}

function compileNode(node: QueryNode): (doc: Indexed) => boolean {
  switch (node.kind) {
    case 'term':
    case 'phrase':
      return compileLeaf(node);
    case 'and': {
      const parts = node.children.map(compileNode);
      return (doc) => parts.every((p) => p(doc));
    }
    case 'or': {
      const parts = node.children.map(compileNode);
      return (doc) => parts.some((p) => p(doc));
    }
    case 'not': {
      const inner = compileNode(node.child);
      return (doc) => !inner(doc);
    }
    default:
      return assertNever(node, 'query node');
  }
}

function compileLeaf(leaf: QueryLeaf): (doc: Indexed) => boolean {
  const prefix = leaf.kind === 'term' && leaf.value.endsWith('*') && leaf.value.length > 1;
  const seq = words(prefix ? leaf.value.slice(0, -1) : leaf.value);
  if (seq.length === 0) return () => false;
  const first = seq[0] as string;
  return (doc) => {
    const starts = prefix && seq.length === 1 ? prefixStarts(doc, first) : (doc.positions.get(first) ?? []);
    return starts.some((start) => sequenceAt(doc.tokens, seq, start, prefix));
  };
}

function prefixStarts(doc: Indexed, stem: string): ReadonlyArray<number> {
  const out: number[] = [];
  doc.tokens.forEach((tok, i) => {
    if (tok.startsWith(stem)) out.push(i);
  });
  return out;
}

function sequenceAt(
  tokens: ReadonlyArray<string>,
  seq: ReadonlyArray<string>,
  start: number,
  prefixLast: boolean,
): boolean {
  for (let k = 0; k < seq.length; k++) {
    const tok = tokens[start + k];
    const want = seq[k] as string;
    if (tok === undefined) return false;
    const last = k === seq.length - 1;
    if (last && prefixLast ? !tok.startsWith(want) : tok !== want) return false;
  }
  return true;
}
