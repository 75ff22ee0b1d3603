import type { TopicHit } from '../../../../shared/mention';
import type { Taxonomy } from './taxonomy';

/** One pattern word: exact, a prefix (`refund*`), or a digit mask (`5##`). */
interface PatternWord {
  readonly kind: 'exact' | 'prefix' | 'mask';
  readonly text: string;
}

interface Pattern {
  readonly topic: number;
  readonly exclude: boolean;
  readonly words: ReadonlyArray<PatternWord>;
}

/** A taxonomy compiled into look-up tables keyed by a pattern's first word. */
export interface CompiledTaxonomy {
  readonly ids: ReadonlyArray<string>;
  readonly exact: ReadonlyMap<string, ReadonlyArray<Pattern>>;
  readonly prefix: ReadonlyMap<string, ReadonlyArray<Pattern>>;
  readonly masks: ReadonlyArray<Pattern>;
  /** The distinct lengths of prefix patterns' first words, ascending. */
  readonly prefixLengths: ReadonlyArray<number>;
}

/** Normalises a word or pattern word: lower-case, apostrophes dropped. */
const norm = (w: string): string => w.toLowerCase().replace(/['’]/g, '');

function parseWord(raw: string): PatternWord {
  const w = norm(raw);
  if (w.includes('#')) return { kind: 'mask', text: w };
  if (w.length > 1 && w.endsWith('*')) return { kind: 'prefix', text: w.slice(0, -1) };
  return { kind: 'exact', text: w.replace(/\*/g, '') };
}

function parsePattern(term: string, topic: number, exclude: boolean): Pattern | null {
  const words = term
    .split(/[\s-]+/)
    .filter((w) => norm(w).length > 0)
    .map(parseWord);
  return words.length === 0 ? null : { topic, exclude, words };
}

function push(map: Map<string, Pattern[]>, key: string, p: Pattern): void {
  const list = map.get(key);
  if (list) list.push(p);
  else map.set(key, [p]);
}

/** Compiles a taxonomy once (the enricher keeps the result). */
export function compileTaxonomy(taxonomy: Taxonomy): CompiledTaxonomy {
  const exact = new Map<string, Pattern[]>();
  const prefix = new Map<string, Pattern[]>();
  const masks: Pattern[] = [];
  const lengths = new Set<number>();
  taxonomy.topics.forEach((t, topic) => {
    const all = [...t.terms.map((term) => [term, false] as const), ...t.exclude.map((term) => [term, true] as const)];
    for (const [term, exclude] of all) {
      const p = parsePattern(term, topic, exclude);
      const first = p?.words[0];
      if (!p || !first) continue;
      if (first.kind === 'exact') push(exact, first.text, p);
      else if (first.kind === 'prefix') {
        push(prefix, first.text, p);
        lengths.add(first.text.length);
      } else masks.push(p);
    }
  });
  const prefixLengths = [...lengths].sort((a, b) => a - b);
  return { ids: taxonomy.topics.map((t) => t.id), exact, prefix, masks, prefixLengths };
}

function wordMatches(p: PatternWord, token: string): boolean {
  if (p.kind === 'exact') return token === p.text;
  if (p.kind === 'prefix') return token.startsWith(p.text);
  if (token.length !== p.text.length) return false;
  for (let i = 0; i < token.length; i += 1) {
    const want = p.text.charCodeAt(i);
    const got = token.charCodeAt(i);
    if (want === 35 ? got < 48 || got > 57 : want !== got) return false;
  }
  return true;
}

interface Token {
  readonly word: string;
  readonly start: number;
  readonly end: number;
  /** Only spaces or hyphens separate it from the previous token, so a phrase may continue into it. */
  readonly joined: boolean;
}

const TOKEN_RE = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;
const URL_OR_HANDLE_RE = /https?:\/\/\S+|www\.\S+|@\w+/g;

const GAP_RE = /^[\s-]*$/;

function tokenize(text: string): Token[] {
  const clean = text.replace(URL_OR_HANDLE_RE, (m) => ' '.repeat(m.length));
  let prevEnd = 0;
  return Array.from(clean.matchAll(TOKEN_RE), (m) => {
    const joined = GAP_RE.test(clean.slice(prevEnd, m.index));
    prevEnd = m.index + m[0].length;
    return { word: norm(m[0]), start: m.index, end: prevEnd, joined };
  });
}

function phraseAt(tokens: ReadonlyArray<Token>, i: number, p: Pattern): boolean {
  for (let k = 0; k < p.words.length; k += 1) {
    const tok = tokens[i + k];
    if (!tok || (k > 0 && !tok.joined) || !wordMatches(p.words[k] as PatternWord, tok.word)) return false;
  }
  return true;
}

function candidates(c: CompiledTaxonomy, word: string): ReadonlyArray<Pattern> {
  const exact = c.exact.get(word);
  let out: Pattern[] | null = null;
  for (const n of c.prefixLengths) {
    if (n > word.length) break;
    const found = c.prefix.get(word.slice(0, n));
    if (found) out = out === null ? [...found] : [...out, ...found];
  }
  if (out === null && c.masks.length === 0) return exact ?? [];
  return [...(exact ?? []), ...c.masks, ...(out ?? [])];
}

const MAX_TERMS = 20;

const compiledCache = new WeakMap<Taxonomy, CompiledTaxonomy>();

/** The compiled form of a taxonomy, compiled once per taxonomy object. */
function compiledOf(taxonomy: Taxonomy | CompiledTaxonomy): CompiledTaxonomy {
  if (!('topics' in taxonomy)) return taxonomy;
  const cached = compiledCache.get(taxonomy);
  if (cached) return cached;
  const compiled = compileTaxonomy(taxonomy);
  compiledCache.set(taxonomy, compiled);
  return compiled;
}

/**
 * Tags a post with every topic whose patterns occur in it (multi-label), keeping the matched text of each
 * as evidence. Pass a compiled taxonomy in hot paths (a plain one is compiled once and cached). URLs and @handles are not content. A topic's exclude patterns veto it for the post.
 */
export function tagTopics(text: string, taxonomy: Taxonomy | CompiledTaxonomy): TopicHit[] {
  const compiled = compiledOf(taxonomy);
  const tokens = tokenize(text);
  const terms = new Map<number, Set<string>>();
  const vetoed = new Set<number>();
  tokens.forEach((tok, i) => {
    for (const p of candidates(compiled, tok.word)) {
      const last = tokens[i + p.words.length - 1];
      if (!last || !phraseAt(tokens, i, p)) continue;
      if (p.exclude) {
        vetoed.add(p.topic);
        continue;
      }
      const found = terms.get(p.topic) ?? new Set<string>();
      found.add(text.slice(tok.start, last.end).toLowerCase().slice(0, 100));
      terms.set(p.topic, found);
    }
  });
  const hits: TopicHit[] = [];
  for (const [topic, found] of [...terms].sort((a, b) => a[0] - b[0])) {
    if (!vetoed.has(topic)) hits.push({ topic: compiled.ids[topic] as string, terms: [...found].slice(0, MAX_TERMS) });
  }
  return hits.slice(0, 20);
}
