import { decodeEntities } from '../connectors/html-to-text';

/** Text helpers for evidence: terms (uni/bi-grams without stop-words, handles or URLs) and near-duplicate keys. */

const STOP_WORDS = new Set(
  (
    'a an the and or but if then so than that this these those there here is are was were be been being am ' +
    'i me my mine we us our you your yours he him his she her it its they them their what which who whom ' +
    'to of in on at by for with about from into over under again further once up down out off ' +
    'do does did doing have has had having will would shall should can could may might must ' +
    'not no nor only own same too very just now also all any both each few more most other some such ' +
    'as until while because before after above below between through during ' +
    "i'm you're it's we're they're i've you've we've i'd you'd i'll you'll we'll don't doesn't didn't isn't aren't " +
    "wasn't weren't won't wouldn't can't cannot couldn't shouldn't haven't hasn't hadn't let's that's what's there's " +
    'im ive dont doesnt didnt isnt arent wasnt cant couldnt wont thats whats u ur rt via amp get got one ' +
    'how why when where again still even really please thanks thank yes ok oh'
  ).split(/\s+/),
);

/** Words that may close a bigram after a content word: "log in", "logged out", "shut down", "on hold" stays "hold". */
const PARTICLES = new Set(['in', 'out', 'up', 'down', 'off', 'on', 'back', 'over']);

/** Lower-cased word tokens in order, with URLs, @handles and HTML entities removed; "#tag" becomes "tag". */
export function words(text: string): string[] {
  const cleaned = decodeEntities(text)
    .replace(/https?:\/\/\S+|www\.\S+/gi, ' ')
    .replace(/(^|[^\w])@\w+/g, '$1 ')
    .toLowerCase()
    .replace(/[’‘]/g, "'");
  const out: string[] = [];
  for (const match of cleaned.matchAll(/[\p{L}\p{N}][\p{L}\p{N}']*/gu)) {
    const token = match[0].replace(/'+$/, '');
    if (token.length > 0) out.push(token);
  }
  return out;
}

const isContent = (w: string): boolean => !STOP_WORDS.has(w) && w.length > 1 && !/^\d{1,2}$/.test(w);

/** The distinct terms of a text: content unigrams and bigrams (content word + content word or particle). */
export function terms(text: string): ReadonlySet<string> {
  const tokens = words(text);
  const out = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    const w = tokens[i] ?? '';
    if (!isContent(w)) continue;
    out.add(w);
    const next = tokens[i + 1];
    if (next !== undefined && (isContent(next) || PARTICLES.has(next)) && next !== w) out.add(`${w} ${next}`);
  }
  return out;
}

/** Word 3-shingles of the normalized text (all words, or the whole text when shorter): the near-duplicate key. */
export function shingles(text: string): ReadonlySet<string> {
  const tokens = words(text).filter((w) => w !== 'rt');
  if (tokens.length < 3) return new Set([tokens.join(' ')]);
  const out = new Set<string>();
  for (let i = 0; i + 2 < tokens.length; i++) out.add(`${tokens[i]} ${tokens[i + 1]} ${tokens[i + 2]}`);
  return out;
}

/** Jaccard similarity of two sets. */
export function jaccard<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const x of small) if (large.has(x)) shared++;
  return shared / (a.size + b.size - shared);
}

const MINHASH_SIZE = 32;
const BAND_ROWS = 4;

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function fmix(h: number): number {
  let x = h ^ (h >>> 16);
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** A MinHash signature of the text's word 3-shingles: equal positions estimate their Jaccard similarity. */
export function minHash(text: string): Uint32Array {
  const sig = new Uint32Array(MINHASH_SIZE).fill(0xffffffff);
  for (const shingle of shingles(text)) {
    const h = fnv1a(shingle);
    for (let i = 0; i < MINHASH_SIZE; i++) {
      const v = fmix(h ^ Math.imul(i + 1, 0x9e3779b9));
      if (v < (sig[i] ?? 0)) sig[i] = v;
    }
  }
  return sig;
}

const similarity = (a: Uint32Array, b: Uint32Array): number => {
  let same = 0;
  for (let i = 0; i < MINHASH_SIZE; i++) if (a[i] === b[i]) same++;
  return same / MINHASH_SIZE;
};

/**
 * Groups near-duplicates greedily in the given order: MinHash signatures bucketed by LSH bands find candidate
 * clusters, and a candidate joins when its estimated shingle Jaccard with the cluster's first item is at least
 * `threshold`. Near-linear in the number of items.
 */
export function clusterNearDuplicates<T>(
  items: ReadonlyArray<T>,
  textOf: (item: T) => string,
  threshold = 0.5,
  signatureOf: (item: T) => Uint32Array = (item) => minHash(textOf(item)),
): ReadonlyArray<ReadonlyArray<T>> {
  const clusters: Array<{ sig: Uint32Array; members: T[] }> = [];
  const bands = new Map<string, number[]>();
  for (const item of items) {
    const sig = signatureOf(item);
    const keys: string[] = [];
    for (let b = 0; b < MINHASH_SIZE; b += BAND_ROWS) keys.push(`${b}:${sig.subarray(b, b + BAND_ROWS).join(',')}`);
    const candidates = new Set(keys.flatMap((k) => bands.get(k) ?? []));
    const index = [...candidates]
      .sort((x, y) => x - y)
      .find((c) => similarity(clusters[c]?.sig ?? sig, sig) >= threshold);
    if (index !== undefined) {
      clusters[index]?.members.push(item);
      continue;
    }
    for (const k of keys) bands.set(k, [...(bands.get(k) ?? []), clusters.length]);
    clusters.push({ sig, members: [item] });
  }
  return clusters.map((c) => c.members);
}

/** A term's smoothed lift: its document frequency in the observed posts against the baseline period. */
export interface TermLift {
  readonly term: string;
  readonly lift: number;
  readonly count: number;
}

/** Baseline document frequencies: decayed counts of posts containing each term, and the decayed post count. */
export interface TermBaseline {
  readonly docs: number;
  countOf(term: string): number;
}

/** Wilson score lower bound of a rate seen `count` times in `n` trials (z = 1.64, one-sided 95 %). */
export function wilsonLower(count: number, n: number, z = 1.64): number {
  if (n === 0) return 0;
  const p = count / n;
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const margin = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return Math.max(0, (centre - margin) / (1 + z2 / n));
}

/**
 * Terms rising most by lift against the baseline period, smoothed on both sides so rare words cannot lead
 * the card: the observed document rate is its Wilson lower bound, the baseline rate is additively smoothed,
 * (c_base + a) / (n_base + 2a). Only terms in at least `minCount` observed posts qualify.
 */
export function risingTerms(
  observed: ReadonlyArray<ReadonlySet<string>>,
  baseline: TermBaseline,
  options: { readonly limit?: number; readonly minCount?: number; readonly smoothing?: number } = {},
): ReadonlyArray<TermLift> {
  const { limit = 10, minCount = 2, smoothing = 5 } = options;
  const counts = new Map<string, number>();
  for (const set of observed) for (const t of set) counts.set(t, (counts.get(t) ?? 0) + 1);
  const n = observed.length;
  const out: TermLift[] = [];
  for (const [term, count] of counts) {
    if (count < minCount) continue;
    const baseRate = (baseline.countOf(term) + smoothing) / (baseline.docs + 2 * smoothing);
    out.push({ term, count, lift: wilsonLower(count, n) / baseRate });
  }
  out.sort((a, b) => b.lift - a.lift || b.count - a.count || a.term.localeCompare(b.term));
  return dropSubsumed(out).slice(0, limit);
}

/** Drops a unigram when a bigram containing it rises with nearly the same count: "booking" under "flight booking". */
function dropSubsumed(list: ReadonlyArray<TermLift>): TermLift[] {
  const bigrams = list.filter((t) => t.term.includes(' '));
  return list.filter(
    (t) => t.term.includes(' ') || !bigrams.some((b) => b.term.split(' ').includes(t.term) && b.count >= 0.8 * t.count),
  );
}
