import { describe, expect, it } from 'vitest';
import { cleanSemevalText, dedupKey, splitByOverlap, type Example } from '../../../scripts/train/data';
import { buildDesign, designLogits, mulberry32, train } from '../../../scripts/train/logreg';
import { scoreLabels } from '../../../scripts/train/metrics';
import { quantize } from '../../../scripts/train/quantize';
import { argmaxLabels, fitTemperature, tuneOffsets } from '../../../scripts/train/tune';

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

const OPTIONS = { buckets: 1 << 12, epochs: 4, learningRate: 0.1, l2: 1e-6, classWeightPower: 1, seed: 3 };

describe('training pipeline', () => {
  it('learns a small separable corpus, deterministically', () => {
    const data = corpus();
    const design = buildDesign(data, OPTIONS.buckets);
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
    const design = buildDesign(data, OPTIONS.buckets);
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
