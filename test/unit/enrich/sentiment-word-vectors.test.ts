import { describe, expect, it } from 'vitest';
import { hashString } from '../../../electron/core/pipeline/enrich/hash';
import { LEXICON } from '../../../electron/core/pipeline/enrich/lexicon';
import { readRules, RULE_FEATURES, DENSE_FEATURES } from '../../../electron/core/pipeline/enrich/rules';
import { createScan, scanText } from '../../../electron/core/pipeline/enrich/text-scan';
import {
  EMBEDDING_FEATURES,
  EMPTY_LEXICON,
  LEXICON_FEATURES,
  WORD_VECTOR_DIMS,
  embeddingFeatures,
  type WordLexicon,
} from '../../../electron/core/pipeline/enrich/word-vectors';
import modelFile from '../../../electron/core/pipeline/enrich/sentiment-model.json';

/** The word-vector block of the dense features of one text. */
function block(text: string, lexicon: WordLexicon = EMPTY_LEXICON): Float32Array {
  const dense = new Float32Array(DENSE_FEATURES);
  embeddingFeatures(scanText(text, createScan()), dense, RULE_FEATURES, lexicon);
  return dense.subarray(RULE_FEATURES, RULE_FEATURES + EMBEDDING_FEATURES);
}
/** The expanded-valence tallies: pos sum, neg sum, compound, pos n, neg n, max, min. */
const tallies = (text: string): number[] => Array.from(block(text).subarray(WORD_VECTOR_DIMS, WORD_VECTOR_DIMS + 7));
/** The word-lexicon block: mean, max, last, sum / 4 of the negative score, then of the positive one. */
const lexiconBlock = (text: string, lexicon: WordLexicon): number[] =>
  Array.from(block(text, lexicon).subarray(WORD_VECTOR_DIMS + 7), (x) => Math.round(x * 1e4) / 1e4);
/** A lexicon that scores every word with a vector 1 negative and 0 positive, whatever its vector. */
const ALL_NEGATIVE: WordLexicon = {
  negative: Float32Array.from({ length: WORD_VECTOR_DIMS + 1 }, (_v, j) => (j === WORD_VECTOR_DIMS ? 1 : 0)),
  positive: new Float32Array(WORD_VECTOR_DIMS + 1),
};
const norm = (v: Float32Array): number => Math.sqrt(v.reduce((s, x) => s + x * x, 0));

describe('GloVe word-vector features', () => {
  it('are part of the model: its dense weights cover rules and word vectors', () => {
    expect(DENSE_FEATURES).toBe(RULE_FEATURES + WORD_VECTOR_DIMS + 7 + LEXICON_FEATURES);
    expect(modelFile.dense).toHaveLength(DENSE_FEATURES * 3);
  });

  it('give a valence to sentiment words no lexicon lists, from their GloVe neighbours', () => {
    for (const w of ['atrocious', 'unreliable']) {
      expect(LEXICON.wide.has(hashString(w)), w).toBe(false);
      const t = tallies(`so ${w}`);
      expect(t[1], w).toBeGreaterThan(0);
      expect(t[0], w).toBe(0);
    }
    expect(tallies('what a splendid day')[0]).toBeGreaterThan(0);
  });

  it('flip the valence and the vector of words inside a negation scope', () => {
    const negated = tallies('not atrocious');
    expect(negated[0]).toBeGreaterThan(0);
    expect(negated[1]).toBe(0);
    const a = block('dismal');
    const n = block('not');
    const b = block('not dismal');
    for (let j = 0; j < WORD_VECTOR_DIMS; j += 1)
      expect(b[j]).toBeCloseTo(((n[j] as number) - (a[j] as number)) / 2, 4);
  });

  it('average the known words; neutral words give a vector but no valence; unknown words give nothing', () => {
    const plain = block('the bus leaves at five');
    expect(norm(plain.subarray(0, WORD_VECTOR_DIMS))).toBeGreaterThan(0);
    expect(tallies('the bus leaves at five')).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(Array.from(block('zzqxv qqzzx'))).toEqual(new Array(EMBEDDING_FEATURES).fill(0));
    const once = block('dismal');
    const twice = block('dismal dismal');
    for (let j = 0; j < WORD_VECTOR_DIMS; j += 1) expect(twice[j]).toBeCloseTo(once[j] as number, 5);
    expect(twice[WORD_VECTOR_DIMS + 1]).toBeCloseTo(2 * (once[WORD_VECTOR_DIMS + 1] as number), 5);
  });
});

describe("the model's word-lexicon features", () => {
  it("tally the lexicon's two scores over the known words: mean, max, last and sum / 4", () => {
    expect(lexiconBlock('dismal dismal', ALL_NEGATIVE)).toEqual([1, 1, 1, 0.5, 0, 0, 0, 0]);
    expect(lexiconBlock('zzqxv', ALL_NEGATIVE)).toEqual(new Array(LEXICON_FEATURES).fill(0));
    expect(lexiconBlock('dismal dismal', EMPTY_LEXICON)).toEqual(new Array(LEXICON_FEATURES).fill(0));
  });

  it('swap the negative and positive scores of a word inside a negation scope', () => {
    // "not" scores (1, 0); the negated "dismal" scores (0, 1).
    expect(lexiconBlock('not dismal', ALL_NEGATIVE)).toEqual([0.5, 1, 0, 0.25, 0.5, 1, 1, 0.25]);
  });

  it('score a word through its vector, so words with similar vectors score alike', () => {
    const v = block('dreadful').subarray(0, WORD_VECTOR_DIMS);
    const alongDreadful: WordLexicon = {
      negative: Float32Array.from([...v, 0]),
      positive: Float32Array.from([...v.map((x) => -x), 0]),
    };
    const neg = (w: string): number => lexiconBlock(w, alongDreadful)[0] as number;
    expect(neg('horrible')).toBeGreaterThan(neg('tuesday'));
    expect(neg('horrible')).toBeGreaterThan(neg('splendid'));
  });
});

describe('complaint cues the word vectors made matter', () => {
  it('a negated plain word is a complaint, so praise after it is the sarcasm that follows a failure', () => {
    expect(readRules(scanText('seat 23C does not recline, fun flight', createScan())).praiseAfterFailure).toBe(true);
    expect(readRules(scanText("sent it friday, they haven't got it. brilliant", createScan())).praiseAfterFailure).toBe(
      true,
    );
    expect(readRules(scanText('does not matter. fun flight', createScan())).praiseAfterFailure).toBe(true);
    expect(readRules(scanText('fun flight, not a single delay', createScan())).praiseAfterFailure).toBe(false);
  });

  it('"pending" leans negative like "waiting" and "still"', () => {
    expect(LEXICON.valence.get(hashString('pending'))).toBe(LEXICON.valence.get(hashString('waiting')));
    expect((LEXICON.valence.get(hashString('pending')) ?? 0) < 0).toBe(true);
  });
});
