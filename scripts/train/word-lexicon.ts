/**
 * The model's word lexicon (word-vectors.ts WordLexicon), learned from training rows only: for every word with
 * a vector that occurs in at least MIN_TWEETS of them, how much more often it occurs in negative (and in
 * positive) tweets than in the other classes, as an add-one smoothed log-odds; then a ridge regression from the
 * word's vector to each of the two. The regression is what the model ships, so a word that no training tweet
 * contains still gets the score of the words near it (Amir et al. 2015's lexicon induction from embeddings).
 */
import { EMPTY_LEXICON, WORD_VECTOR_DIMS, wordVector, type WordLexicon } from '../../electron/core';
import { ridge } from './linalg';
import { buildDesign, type Design } from './logreg';

/** A word must occur in this many training tweets to be a regression target. */
const MIN_TWEETS = 3;

/** Learns the lexicon from `rows` of `d` (its word rows and labels); `lambda` 0 gives the empty lexicon. */
export function induceLexicon(d: Design, rows: Int32Array, lambda: number): WordLexicon {
  if (lambda <= 0) return EMPTY_LEXICON;
  const counts = new Map<number, [number, number, number]>();
  const totals = [0, 0, 0];
  for (const i of rows) {
    const y = d.labels[i] as number;
    totals[y] = (totals[y] as number) + 1;
    for (let k = d.wordOffsets[i] as number; k < (d.wordOffsets[i + 1] as number); k += 1) {
      const r = d.wordRows[k] as number;
      const c = counts.get(r) ?? [0, 0, 0];
      c[y] = (c[y] as number) + 1;
      counts.set(r, c);
    }
  }
  const logOdds = (c: ReadonlyArray<number>, n: number, k: number): number => {
    const inK = c[k] as number,
      totalK = totals[k] as number;
    return Math.log((inK + 1) / (totalK + 2)) - Math.log((n - inK + 1) / (rows.length - totalK + 2));
  };
  const xs: Float64Array[] = [];
  const negative: number[] = [];
  const positive: number[] = [];
  for (const [r, c] of [...counts].sort((a, b) => a[0] - b[0])) {
    const n = c[0] + c[1] + c[2];
    if (n < MIN_TWEETS) continue;
    xs.push(wordVector(r, new Float64Array(WORD_VECTOR_DIMS)));
    negative.push(logOdds(c, n, 0));
    positive.push(logOdds(c, n, 2));
  }
  return {
    negative: Float32Array.from(ridge(xs, negative, lambda)),
    positive: Float32Array.from(ridge(xs, positive, lambda)),
  };
}

/** `d` rebuilt with the lexicon learned from its `rows` (the same texts and buckets; only its dense part differs). */
export function withLearnedLexicon(d: Design, rows: Int32Array, lambda: number): Design {
  if (lambda <= 0 && d.lexicon === EMPTY_LEXICON) return d;
  return buildDesign(d.examples, { buckets: d.buckets, lexicon: induceLexicon(d, rows, lambda) });
}
