import {
  createFeaturizer,
  featurize,
  CLASSES,
  knownWordRows,
  logits,
  softmax,
  type FeatureSpace,
  type LinearModel,
  type WordLexicon,
  DENSE_FEATURES,
} from '../../electron/core';
import type { SentimentLabel } from '../../shared/mention';
import type { Example } from './data';

const LABEL_INDEX: Readonly<Record<SentimentLabel, number>> = { negative: 0, neutral: 1, positive: 2 };

/** A corpus turned into model inputs once: concatenated feature indices, dense rows and labels. */
export interface Design {
  readonly n: number;
  /** The texts it was built from, and the feature space (buckets, word lexicon) it was built in. */
  readonly examples: ReadonlyArray<Example>;
  readonly buckets: number;
  readonly lexicon: WordLexicon;
  readonly offsets: Int32Array;
  readonly indices: Int32Array;
  /** Dense values per row (row-major in `dense`). */
  readonly width: number;
  readonly dense: Float32Array;
  readonly labels: Uint8Array;
  /** Per row, the distinct word-vector rows of its words (`wordRows[wordOffsets[i] .. wordOffsets[i + 1]]`). */
  readonly wordOffsets: Int32Array;
  readonly wordRows: Int32Array;
}

/** Featurises every example with the product's own featurizer. */
export function buildDesign(examples: ReadonlyArray<Example>, space: FeatureSpace): Design {
  const f = createFeaturizer();
  const parts: Int32Array[] = [];
  const words: number[] = [];
  const offsets = new Int32Array(examples.length + 1);
  const wordOffsets = new Int32Array(examples.length + 1);
  const dense = new Float32Array(examples.length * DENSE_FEATURES);
  const labels = new Uint8Array(examples.length);
  let total = 0;
  examples.forEach((e, i) => {
    featurize(e.text, f, space);
    parts.push(f.features.index.slice(0, f.features.count));
    dense.set(f.dense, i * DENSE_FEATURES);
    labels[i] = LABEL_INDEX[e.label];
    total += f.features.count;
    offsets[i + 1] = total;
    for (const r of knownWordRows(f.scan)) words.push(r);
    wordOffsets[i + 1] = words.length;
  });
  const indices = new Int32Array(total);
  parts.forEach((p, i) => indices.set(p, offsets[i] as number));
  return {
    n: examples.length,
    examples,
    buckets: space.buckets,
    lexicon: space.lexicon,
    offsets,
    indices,
    width: DENSE_FEATURES,
    dense,
    labels,
    wordOffsets,
    wordRows: Int32Array.from(words),
  };
}

/** The same design hashed into fewer buckets (a power of two, at most the design's): no re-featurising. */
export function remask(d: Design, buckets: number): Design {
  const mask = buckets - 1;
  return { ...d, buckets, indices: d.indices.map((x) => x & mask) };
}

/** Training settings; all of them recorded in the shipped model's meta. */
export interface TrainOptions {
  readonly buckets: number;
  readonly epochs: number;
  readonly learningRate: number;
  readonly l2: number;
  /** Class weight = (n / (3 n_c)) ^ classWeightPower. */
  readonly classWeightPower: number;
  /**
   * NB-LR: each hashed weight's learning rate is scaled by its class's naive-Bayes log-count ratio (relative
   * to the mean, clamped to [0.05, 5]) raised to this power; 0 turns it off. Training only: nothing ships.
   */
  readonly nbPower: number;
  /**
   * Ridge penalty of the word lexicon learned from the training rows (word-lexicon.ts); 0 leaves the lexicon
   * empty (its features all 0).
   */
  readonly lexiconRidge: number;
  /** Models trained from seeds seed, seed + 1, ... and averaged into one (the same size, the same speed). */
  readonly bag: number;
  readonly seed: number;
}

/** Deterministic PRNG (mulberry32). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled(n: number, rand: () => number): Int32Array {
  const order = Int32Array.from({ length: n }, (_v, i) => i);
  for (let i = n - 1; i > 0; i -= 1) {
    const j = Math.floor(rand() * (i + 1));
    const t = order[i] as number;
    order[i] = order[j] as number;
    order[j] = t;
  }
  return order;
}

/** A mutable model plus AdaGrad accumulators. */
interface TrainState {
  readonly model: {
    buckets: number;
    weights: Float32Array;
    weightScale: number;
    dense: Float32Array;
    bias: Float32Array;
    temperature: number;
    lexicon: WordLexicon;
  };
  readonly g2: Float32Array;
  readonly g2Dense: Float32Array;
  readonly g2Bias: Float32Array;
  /** Per-weight learning-rate multipliers (NB-LR), when nbPower > 0. */
  readonly mult?: Float32Array;
}

function classWeights(d: Design, rows: Int32Array, power: number): Float64Array {
  const counts = new Float64Array(CLASSES);
  for (const i of rows) {
    const l = d.labels[i] as number;
    counts[l] = (counts[l] as number) + 1;
  }
  return counts.map((c) => Math.pow(rows.length / (CLASSES * Math.max(c, 1)), power));
}

function step(
  s: TrainState,
  d: Design,
  i: number,
  cw: number,
  o: TrainOptions,
  z: Float64Array,
  p: Float64Array,
): void {
  const start = d.offsets[i] as number,
    end = d.offsets[i + 1] as number;
  const view = { count: end - start, index: d.indices.subarray(start, end) };
  const dense = d.dense.subarray(i * d.width, (i + 1) * d.width);
  softmax(logits(s.model, view, dense, z), 1, p);
  const y = d.labels[i] as number;
  const scale = view.count > 0 ? 1 / Math.sqrt(view.count) : 0;
  const w = s.model.weights,
    g2 = s.g2;
  for (let c = 0; c < CLASSES; c += 1) {
    const g = ((p[c] as number) - (c === y ? 1 : 0)) * cw;
    for (let k = 0; k < view.count; k += 1) {
      const j = (view.index[k] as number) * 3 + c;
      const grad = g * scale + o.l2 * (w[j] as number);
      g2[j] = (g2[j] as number) + grad * grad;
      const m = s.mult ? (s.mult[j] as number) : 1;
      w[j] = (w[j] as number) - (m * o.learningRate * grad) / Math.sqrt((g2[j] as number) + 1e-8);
    }
    for (let k = 0; k < d.width; k += 1) {
      const x = dense[k] as number;
      if (x === 0) continue;
      const j = k * 3 + c;
      const grad = g * x;
      s.g2Dense[j] = (s.g2Dense[j] as number) + grad * grad;
      s.model.dense[j] =
        (s.model.dense[j] as number) - (o.learningRate * grad) / Math.sqrt((s.g2Dense[j] as number) + 1e-8);
    }
    s.g2Bias[c] = (s.g2Bias[c] as number) + g * g;
    s.model.bias[c] = (s.model.bias[c] as number) - (o.learningRate * g) / Math.sqrt((s.g2Bias[c] as number) + 1e-8);
  }
}

/** Every row of a design, in order. */
export const allRows = (d: Design): Int32Array => Int32Array.from({ length: d.n }, (_v, i) => i);

/**
 * Multinomial logistic regression by AdaGrad, class-weighted, seeded: the same options give the same weights.
 * With `bag` > 1, that many models from consecutive seeds are averaged (weights, dense weights and biases: the
 * average of their logits). `rows` restricts training to those rows of `d` (cross-validation folds share one
 * featurised design). The model scores in `d`'s feature space and carries its lexicon.
 */
export function train(
  d: Design,
  o: TrainOptions,
  onEpoch?: (epoch: number, model: LinearModel) => void,
  rows: Int32Array = allRows(d),
): LinearModel & { readonly weights: Float32Array } {
  const bag = Math.max(1, o.bag);
  const sum = trainOne(d, o, onEpoch, rows);
  for (let b = 1; b < bag; b += 1) {
    const m = trainOne(d, { ...o, seed: o.seed + b }, undefined, rows);
    addInto(sum.weights, m.weights);
    addInto(sum.dense, m.dense);
    addInto(sum.bias, m.bias);
  }
  if (bag > 1) for (const a of [sum.weights, sum.dense, sum.bias]) a.forEach((v, i) => (a[i] = v / bag));
  return { ...sum, lexicon: d.lexicon };
}

function addInto(into: Float32Array, from: Float32Array): void {
  for (let i = 0; i < into.length; i += 1) into[i] = (into[i] as number) + (from[i] as number);
}

function trainOne(
  d: Design,
  o: TrainOptions,
  onEpoch: ((epoch: number, model: LinearModel) => void) | undefined,
  rows: Int32Array,
): TrainState['model'] {
  const s: TrainState = {
    model: {
      buckets: o.buckets,
      weights: new Float32Array(o.buckets * 3),
      weightScale: 1,
      dense: new Float32Array(d.width * 3),
      bias: new Float32Array(3),
      temperature: 1,
      lexicon: d.lexicon,
    },
    g2: new Float32Array(o.buckets * 3),
    g2Dense: new Float32Array(d.width * 3),
    g2Bias: new Float32Array(3),
    ...(o.nbPower > 0 ? { mult: nbMultipliers(d, rows, o.buckets, o.nbPower) } : {}),
  };
  const rand = mulberry32(o.seed);
  const cw = classWeights(d, rows, o.classWeightPower);
  const z = new Float64Array(3),
    p = new Float64Array(3);
  for (let epoch = 0; epoch < o.epochs; epoch += 1) {
    for (const r of shuffled(rows.length, rand)) {
      const i = rows[r] as number;
      step(s, d, i, cw[d.labels[i] as number] as number, o, z, p);
    }
    onEpoch?.(epoch, s.model);
  }
  return s.model;
}

/** Logits of the given rows (default: every row) of a design, row-major (rows x 3). */
export function designLogits(model: LinearModel, d: Design, rows: Int32Array = allRows(d)): Float64Array {
  const out = new Float64Array(rows.length * 3);
  const z = new Float64Array(3);
  for (let r = 0; r < rows.length; r += 1) {
    const i = rows[r] as number;
    const start = d.offsets[i] as number,
      end = d.offsets[i + 1] as number;
    logits(
      model,
      { count: end - start, index: d.indices.subarray(start, end) },
      d.dense.subarray(i * d.width, (i + 1) * d.width),
      z,
    );
    out.set(z, r * 3);
  }
  return out;
}

/** Occurrences of every hashed feature per class over `rows` (buckets x 3), and the rows per class. */
function classCounts(d: Design, rows: Int32Array, buckets: number): { counts: Float32Array; totals: number[] } {
  const counts = new Float32Array(buckets * 3);
  const totals = [0, 0, 0];
  for (const i of rows) {
    const y = d.labels[i] as number;
    totals[y] = (totals[y] as number) + 1;
    for (let k = d.offsets[i] as number; k < (d.offsets[i + 1] as number); k += 1) {
      const j = (d.indices[k] as number) * 3 + y;
      counts[j] = (counts[j] as number) + 1;
    }
  }
  return { counts, totals };
}

/**
 * NB-LR learning-rate multipliers (Wang & Manning 2012, in the AdaGrad form): |log-count ratio| of each
 * bucket for class c against the other classes (add-one smoothed), over its mean, clamped to [0.05, 5],
 * to the power `power`. A weight whose feature does not separate the classes learns slowly; unseen ones stay 1.
 */
export function nbMultipliers(d: Design, rows: Int32Array, buckets: number, power: number): Float32Array {
  const { counts, totals } = classCounts(d, rows, buckets);
  const r = new Float32Array(buckets * 3).fill(-1);
  let sum = 0,
    nz = 0;
  for (let b = 0; b < buckets; b += 1) {
    const all = (counts[b * 3] as number) + (counts[b * 3 + 1] as number) + (counts[b * 3 + 2] as number);
    if (all === 0) continue;
    for (let c = 0; c < 3; c += 1) {
      const inC = counts[b * 3 + c] as number;
      const p = (inC + 1) / ((totals[c] as number) + 2);
      const q = (all - inC + 1) / (rows.length - (totals[c] as number) + 2);
      r[b * 3 + c] = Math.abs(Math.log(p / q));
      sum += r[b * 3 + c] as number;
      nz += 1;
    }
  }
  const mean = nz > 0 ? sum / nz : 1;
  return r.map((v) => (v < 0 ? 1 : Math.min(5, Math.max(0.05, v / mean)) ** power));
}
