import { describe, expect, it } from 'vitest';
import { hashString } from '../../../electron/core/pipeline/enrich/hash';
import { LEXICON } from '../../../electron/core/pipeline/enrich/lexicon';
import { readRules, RULE_FEATURES, DENSE_FEATURES } from '../../../electron/core/pipeline/enrich/rules';
import { createScan, scanText } from '../../../electron/core/pipeline/enrich/text-scan';
import {
  EMBEDDING_FEATURES,
  WORD_VECTOR_DIMS,
  embeddingFeatures,
} from '../../../electron/core/pipeline/enrich/word-vectors';
import modelFile from '../../../electron/core/pipeline/enrich/sentiment-model.json';

/** The word-vector block of the dense features of one text. */
function block(text: string): Float32Array {
  const dense = new Float32Array(DENSE_FEATURES);
  embeddingFeatures(scanText(text, createScan()), dense, RULE_FEATURES);
  return dense.subarray(RULE_FEATURES, RULE_FEATURES + EMBEDDING_FEATURES);
}
/** The expanded-valence tallies: pos sum, neg sum, compound, pos n, neg n, max, min. */
const tallies = (text: string): number[] => Array.from(block(text).subarray(WORD_VECTOR_DIMS));
const norm = (v: Float32Array): number => Math.sqrt(v.reduce((s, x) => s + x * x, 0));

describe('GloVe word-vector features', () => {
  it('are part of the model: its dense weights cover rules and word vectors', () => {
    expect(DENSE_FEATURES).toBe(RULE_FEATURES + WORD_VECTOR_DIMS + 7);
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
