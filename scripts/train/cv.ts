/**
 * Honest evaluation of the training recipe: K-fold cross-validation over the SemEval pool (folds split by
 * tweet, near-duplicates kept in one fold) and a year hold-out (train 2013–2015, test 2016, which mimics the
 * drift to the unseen 2017 test set). Both featurise once and train on row subsets of one design.
 */
import { createHash } from 'node:crypto';
import type { LinearModel } from '../../electron/core';
import type { SentimentLabel } from '../../shared/mention';
import { dedupKey, PREFIX, type Example } from './data';
import { designLogits, train, type Design, type TrainOptions } from './logreg';
import { scoreLabels, type Scores } from './metrics';
import { quantize } from './quantize';
import { argmaxLabels } from './tune';
import { withLearnedLexicon } from './word-lexicon';

const NAMES: ReadonlyArray<SentimentLabel> = ['negative', 'neutral', 'positive'];

/** The near-duplicate group of a tweet: its dedup key cut to the prefix that `splitByOverlap` also matches on. */
export function groupKey(text: string): string {
  const k = dedupKey(text);
  return k.length >= PREFIX ? k.slice(0, PREFIX) : k;
}

/** Fold (0..k-1) of every example, from a hash of its near-duplicate group: same group, same fold. */
export function foldsOf(examples: ReadonlyArray<Example>, k: number, seed = 1): Uint8Array {
  const bucket = (key: string): number => createHash('sha1').update(`${seed}:${key}`).digest().readUInt32BE(0) % k;
  return Uint8Array.from(examples, (e) => bucket(groupKey(e.text)));
}

/** The model with its hashed weights int8-quantised, as it ships. */
export function quantized(model: LinearModel & { readonly weights: Float32Array }): LinearModel {
  const q = quantize(model.weights);
  return { ...model, weights: q.bytes, weightScale: q.scale };
}

/**
 * Learns the word lexicon from `trainRows`, trains on them and returns the quantised model's logits for
 * `testRows` (row-major, testRows x 3): nothing the test rows' labels say reaches the model.
 */
export function holdOutLogits(d: Design, o: TrainOptions, trainRows: Int32Array, testRows: Int32Array): Float64Array {
  const own = withLearnedLexicon(d, trainRows, o.lexiconRidge);
  return designLogits(quantized(train(own, o, undefined, trainRows)), own, testRows);
}

/** Training and test rows of a hold-out. */
export interface Split {
  readonly train: Int32Array;
  readonly test: Int32Array;
}

/** Macro recall and the rest of a hold-out: trained on its training rows, argmax on its test rows. */
export const holdOutScores = (d: Design, o: TrainOptions, split: Split): Scores =>
  scoreLabels(goldOf(d, split.test), argmaxLabels(holdOutLogits(d, o, split.train, split.test)));

/** Row indices whose fold is (or, with `not`, is not) `fold`. */
export function rowsOfFold(folds: Uint8Array, fold: number, not = false): Int32Array {
  const out: number[] = [];
  folds.forEach((f, i) => {
    if ((f === fold) !== not) out.push(i);
  });
  return Int32Array.from(out);
}

/** Out-of-fold logits (n x 3, aligned with the design's rows): each row scored by the model that never saw it. */
export function outOfFoldLogits(
  d: Design,
  o: TrainOptions,
  folds: Uint8Array,
  k: number,
  onFold?: (fold: number) => void,
): Float64Array {
  const out = new Float64Array(d.n * 3);
  for (let fold = 0; fold < k; fold += 1) {
    const test = rowsOfFold(folds, fold);
    const z = holdOutLogits(d, o, rowsOfFold(folds, fold, true), test);
    test.forEach((row, r) => out.set(z.subarray(r * 3, r * 3 + 3), row * 3));
    onFold?.(fold);
  }
  return out;
}

/** Gold labels of some rows of a design. */
export function goldOf(d: Design, rows?: Int32Array): SentimentLabel[] {
  const idx = rows ?? Int32Array.from({ length: d.n }, (_v, i) => i);
  return Array.from(idx, (i) => NAMES[d.labels[i] as number] as SentimentLabel);
}

/**
 * A hold-out split: training rows are the examples `isTest` rejects, test rows the ones it accepts minus any
 * tweet whose near-duplicate group also occurs in training.
 */
export function holdOutSplit(examples: ReadonlyArray<Example>, isTest: (e: Example) => boolean): Split {
  const trainRows: number[] = [];
  const seen = new Set<string>();
  examples.forEach((e, i) => {
    if (isTest(e)) return;
    trainRows.push(i);
    seen.add(groupKey(e.text));
  });
  const testRows: number[] = [];
  examples.forEach((e, i) => {
    if (isTest(e) && !seen.has(groupKey(e.text))) testRows.push(i);
  });
  return { train: Int32Array.from(trainRows), test: Int32Array.from(testRows) };
}

/** The year split: training rows from editions up to `lastTrainYear`, test rows from later editions. */
export const yearSplit = (examples: ReadonlyArray<Example>, lastTrainYear = 2015): Split =>
  holdOutSplit(examples, (e) => (e.year ?? 0) > lastTrainYear);

/**
 * The edition split: one SemEval test set (default 2016's) held out, everything else trained on, as the shipped
 * model is trained on everything before the 2017 test set.
 */
export const editionSplit = (examples: ReadonlyArray<Example>, edition = '2016test'): Split =>
  holdOutSplit(examples, (e) => e.edition === edition);
