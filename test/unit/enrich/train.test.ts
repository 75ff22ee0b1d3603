import { describe, expect, it } from 'vitest';
import { cleanSemevalText, dedupKey, splitByOverlap, type Example } from '../../../scripts/train/data';
import { allRows, buildDesign, designLogits, mulberry32, nbMultipliers, train } from '../../../scripts/train/logreg';
import {
  createFeaturizer,
  DENSE_FEATURES,
  EMPTY_LEXICON,
  featurize,
  LEXICON_FEATURES,
  type WordLexicon,
} from '../../../electron/core';
import { induceLexicon, withLearnedLexicon } from '../../../scripts/train/word-lexicon';
import { scoreLabels } from '../../../scripts/train/metrics';
import { quantize } from '../../../scripts/train/quantize';
import { argmaxLabels, crossFittedScore, fitTemperature, tuneOffsets } from '../../../scripts/train/tune';
import {
  editionSplit,
  foldsOf,
  goldOf,
  groupKey,
  outOfFoldLogits,
  rowsOfFold,
  yearSplit,
} from '../../../scripts/train/cv';

const POS = ['lovely day', 'so happy with it', 'great support thanks', 'awesome trip', 'best coffee ever'];
const NEG = ['awful queue', 'so angry right now', 'terrible support', 'worst trip ever', 'cold coffee again'];
const NEU = [
  'meeting at noon',
  'the bus leaves at five',
  'new store on main street',
  'trip planned for june',
  'coffee shop opens',
];

function corpus(): Example[] {
  const out: Example[] = [];
  for (let i = 0; i < 40; i += 1) {
    out.push({ text: `${POS[i % 5] as string} ${i}`, label: 'positive' });
    out.push({ text: `${NEG[i % 5] as string} ${i}`, label: 'negative' });
    out.push({ text: `${NEU[i % 5] as string} ${i}`, label: 'neutral' });
  }
  return out;
}

const OPTIONS = {
  buckets: 1 << 12,
  epochs: 4,
  learningRate: 0.1,
  l2: 1e-6,
  classWeightPower: 1,
  nbPower: 0,
  lexiconRidge: 10,
  bag: 1,
  seed: 3,
};
const SPACE = { buckets: OPTIONS.buckets, lexicon: EMPTY_LEXICON };

describe('training pipeline', () => {
  it('learns a small separable corpus, deterministically', () => {
    const data = corpus();
    const design = buildDesign(data, SPACE);
    const a = train(design, OPTIONS);
    const b = train(design, OPTIONS);
    expect(Buffer.from(a.weights.buffer).equals(Buffer.from(b.weights.buffer))).toBe(true);
    const z = designLogits(a, design);
    const s = scoreLabels(
      data.map((e) => e.label),
      argmaxLabels(z),
    );
    expect(s.macroRecall).toBeGreaterThan(0.95);
    expect(
      fitTemperature(
        z,
        data.map((e) => e.label),
      ),
    ).toBeGreaterThan(0);
  });

  it('quantises to int8 without changing predictions on that corpus', () => {
    const data = corpus();
    const design = buildDesign(data, SPACE);
    const model = train(design, OPTIONS);
    const q = quantize(model.weights);
    expect(q.bytes.length).toBe(model.weights.length);
    expect(Buffer.from(q.base64, 'base64').length).toBe(model.weights.length);
    const before = argmaxLabels(designLogits(model, design));
    const after = argmaxLabels(designLogits({ ...model, weights: q.bytes, weightScale: q.scale }, design));
    expect(after).toEqual(before);
  });

  it('tunes per-class offsets that never lower macro recall', () => {
    const gold = ['negative', 'neutral', 'positive', 'negative'] as const;
    const z = Float64Array.from([0.1, 0.3, 0, 0, 1, 0, 0, 0.2, 0.6, 0.5, 0.6, 0]);
    const base = scoreLabels([...gold], argmaxLabels(z)).macroRecall;
    const tuned = scoreLabels([...gold], argmaxLabels(z, tuneOffsets(z, [...gold]))).macroRecall;
    expect(tuned).toBeGreaterThanOrEqual(base);
    expect(tuned).toBe(1);
  });

  it('scores labels with macro recall and accuracy', () => {
    const s = scoreLabels(
      ['negative', 'neutral', 'positive', 'positive'],
      ['negative', 'positive', 'positive', 'positive'],
    );
    expect(s.recall).toEqual({ negative: 1, neutral: 0, positive: 1 });
    expect(s.macroRecall).toBeCloseTo(2 / 3, 10);
    expect(s.accuracy).toBe(0.75);
  });

  it('undoes the SemEval escaping and matches tweets across the two datasets', () => {
    expect(cleanSemevalText('"Plus\\u002c it\\u2019s great &amp; fun"')).toBe('Plus, it’s great & fun');
    expect(dedupKey('@Someone Great game!! http://t.co/x')).toBe(dedupKey('@user great game '));
    const train: Example[] = [
      { text: '@Bob I love this https://t.co/a', label: 'positive' },
      { text: 'other', label: 'neutral' },
    ];
    const val: Example[] = [{ text: '@user I love this', label: 'positive' }];
    expect(splitByOverlap(train, val).unique.map((e) => e.text)).toEqual(['other']);
  });

  it('has a seeded PRNG', () => {
    const r1 = mulberry32(42),
      r2 = mulberry32(42);
    const xs = Array.from({ length: 5 }, () => r1());
    expect(Array.from({ length: 5 }, () => r2())).toEqual(xs);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
  });
});

describe('cross-validation folds and the year split', () => {
  const examples: Example[] = [
    { text: '@Bob the new phone update broke my camera app again today http://t.co/a', label: 'negative', year: 2013 },
    { text: '@user The new phone update broke my camera app again today!!', label: 'negative', year: 2016 },
    { text: 'meeting at noon', label: 'neutral', year: 2013 },
    { text: 'lovely day at the beach', label: 'positive', year: 2016 },
    { text: 'lovely day at the park', label: 'positive', year: 2014 },
  ];

  it('keeps near-duplicate tweets in one fold, deterministically', () => {
    for (const k of [2, 5, 10]) {
      const folds = foldsOf(examples, k);
      expect(folds[0]).toBe(folds[1]);
      expect(Array.from(foldsOf(examples, k))).toEqual(Array.from(folds));
      for (const f of folds) expect(f).toBeLessThan(k);
    }
    expect(groupKey(examples[0]?.text ?? '')).toBe(groupKey(examples[1]?.text ?? ''));
  });

  it("holds out 2016's test set from everything else, also dropping its near copies of training tweets", () => {
    const editions = examples.map((e, i) => ({
      ...e,
      edition: i === 1 || i === 3 ? '2016test' : `${e.year ?? 0}train`,
    }));
    const split = editionSplit(editions);
    expect(Array.from(split.train)).toEqual([0, 2, 4]);
    expect(Array.from(split.test)).toEqual([3]);
  });

  it('splits by year and drops test tweets that near-copy a training tweet', () => {
    const split = yearSplit(examples, 2015);
    expect(Array.from(split.train)).toEqual([0, 2, 4]);
    expect(Array.from(split.test)).toEqual([3]);
  });

  it('gives every row an out-of-fold logit from a model that did not see it', () => {
    const data = corpus();
    const design = buildDesign(data, SPACE);
    const folds = foldsOf(data, 3);
    const z = outOfFoldLogits(design, OPTIONS, folds, 3);
    expect(z.length).toBe(data.length * 3);
    const s = crossFittedScore(z, goldOf(design), folds, 3);
    expect(s.n).toBe(data.length);
    expect(s.macroRecall).toBeGreaterThan(0.9);
    expect(Array.from(rowsOfFold(folds, 0)).length + Array.from(rowsOfFold(folds, 0, true)).length).toBe(data.length);
  });
});

describe('NB-LR learning-rate multipliers', () => {
  /** The bucket of a lone word's unigram feature (the first hashed feature of that text). */
  const unigram = (word: string): number => {
    const f = createFeaturizer();
    featurize(word, f, SPACE);
    return f.features.index[0] as number;
  };

  it('lets a word that separates a class learn faster than one every class uses', () => {
    const data = corpus();
    const d = buildDesign(data, SPACE);
    const rows = Int32Array.from({ length: d.n }, (_v, i) => i);
    const m = nbMultipliers(d, rows, OPTIONS.buckets, 1);
    expect(m.length).toBe(OPTIONS.buckets * 3);
    const coffee = unigram('coffee'); // in positive and negative texts alike
    const lovely = unigram('lovely'); // positive only
    expect(m[lovely * 3 + 2] as number).toBeGreaterThan(m[coffee * 3 + 2] as number);
    expect(m[lovely * 3 + 2] as number).toBeGreaterThan(1);
    for (const v of m) expect(v >= 0.05 && v <= 5).toBe(true);
    expect(nbMultipliers(d, rows, OPTIONS.buckets, 0).every((v) => v === 1)).toBe(true);
  });

  it('still learns the small corpus with the multipliers on, deterministically', () => {
    const data = corpus();
    const design = buildDesign(data, SPACE);
    const o = { ...OPTIONS, nbPower: 0.5 };
    const a = train(design, o);
    expect(Buffer.from(a.weights.buffer).equals(Buffer.from(train(design, o).weights.buffer))).toBe(true);
    expect(Buffer.from(a.weights.buffer).equals(Buffer.from(train(design, OPTIONS).weights.buffer))).toBe(false);
    const labels = argmaxLabels(designLogits(a, design));
    expect(
      scoreLabels(
        data.map((e) => e.label),
        labels,
      ).macroRecall,
    ).toBeGreaterThan(0.95);
  });
});

describe('bagging', () => {
  it('averages the models of consecutive seeds into one: its logits are the mean of theirs', () => {
    const data = corpus();
    const design = buildDesign(data, SPACE);
    const bagged = designLogits(train(design, { ...OPTIONS, bag: 2 }), design);
    const a = designLogits(train(design, OPTIONS), design);
    const b = designLogits(train(design, { ...OPTIONS, seed: OPTIONS.seed + 1 }), design);
    expect(Array.from(a)).not.toEqual(Array.from(b));
    bagged.forEach((z, i) => expect(z).toBeCloseTo(((a[i] as number) + (b[i] as number)) / 2, 4));
  });
});

describe('the word lexicon learned from training rows', () => {
  const NEGATIVE = ['awful', 'terrible', 'horrible', 'dreadful', 'disgusting', 'pathetic', 'useless', 'miserable'];
  const POSITIVE = [
    'wonderful',
    'fantastic',
    'excellent',
    'superb',
    'brilliant',
    'delightful',
    'marvelous',
    'terrific',
  ];
  const NEUTRAL = ['tuesday', 'station', 'kitchen', 'window', 'garden', 'museum', 'street', 'morning'];
  const lexiconCorpus = (): Example[] =>
    [0, 1, 2, 3].flatMap((k) =>
      [0, 1, 2, 3, 4, 5, 6, 7].flatMap((i): Example[] => [
        { text: `${NEGATIVE[i] as string} ${NEUTRAL[(i + k) % 8] as string}`, label: 'negative' },
        { text: `${POSITIVE[i] as string} ${NEUTRAL[(i + k + 3) % 8] as string}`, label: 'positive' },
        { text: `${NEUTRAL[i] as string} ${NEUTRAL[(i + k + 1) % 8] as string}`, label: 'neutral' },
      ]),
    );
  const score = (lexicon: WordLexicon, word: string): { negative: number; positive: number } => {
    const f = createFeaturizer();
    featurize(word, f, { buckets: OPTIONS.buckets, lexicon });
    // The lexicon block's first value is the mean negative score, its fifth the mean positive one.
    const at = DENSE_FEATURES - LEXICON_FEATURES;
    return { negative: f.dense[at] as number, positive: f.dense[at + 4] as number };
  };

  it('scores words it never saw by their vectors: "atrocious" leans negative, "splendid" positive', () => {
    const d = buildDesign(lexiconCorpus(), SPACE);
    const lexicon = induceLexicon(d, allRows(d), OPTIONS.lexiconRidge);
    const atrocious = score(lexicon, 'atrocious');
    const splendid = score(lexicon, 'splendid');
    expect(atrocious.negative).toBeGreaterThan(splendid.negative);
    expect(splendid.positive).toBeGreaterThan(atrocious.positive);
  });

  it('learns only from the rows it is given, and not at all with ridge 0', () => {
    const d = buildDesign(lexiconCorpus(), SPACE);
    const neutralOnly = Int32Array.from({ length: d.n }, (_v, i) => i).filter((i) => d.labels[i] === 1);
    const flat = induceLexicon(d, neutralOnly, OPTIONS.lexiconRidge);
    expect(Math.abs(score(flat, 'awful').negative - score(flat, 'wonderful').negative)).toBeLessThan(1e-6);
    expect(induceLexicon(d, allRows(d), 0)).toBe(EMPTY_LEXICON);
    const rebuilt = withLearnedLexicon(d, allRows(d), OPTIONS.lexiconRidge);
    expect(Array.from(rebuilt.indices)).toEqual(Array.from(d.indices));
    expect(rebuilt.lexicon).not.toBe(EMPTY_LEXICON);
  });
});
