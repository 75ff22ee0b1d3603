import type { TrainOptions } from './logreg';

/**
 * The shipped model's training settings (chosen by cross-validation on the training pool, see search.ts).
 * 2026-12-01: NB-LR learning rates (nbPower 0.5) take 5-fold CV / year hold-out from 0.6817 / 0.6078 to
 * 0.6844 / 0.6097 (with char 3-4-grams: 0.6841 / 0.6101). NOT shipped: that model reads the airline-shaped
 * replay's celebration as a hair more negative than its baseline (0.040 vs 0.033), which fails
 * test/integration/incidents-airline.test.ts; nbPower stays 0 so train:sentiment reproduces the shipped file.
 * Tried against the old recipe and not better on 5-fold CV (cv / year hold-out 2013-15 -> 2016; old: 0.6817 / 0.6078):
 * 2^19 buckets 0.6818 / 0.6080; l2 3e-5 0.6817 / 0.6075; l2 3e-4 0.6815 / 0.6075; 10 epochs 0.6772 / 0.6057;
 * 3 epochs 0.6809 / 0.6046; learning rate 0.025 x 8 epochs 0.6816 / 0.6050; class-weight power 0.8 0.6765 / 0.6065;
 * word and char n-gram blocks L2-normalised apart (word weight 0.5 / 1 / 2) 0.6811 / 0.6080, 0.6786 / 0.6070,
 * 0.6705 / 0.6037; with those blocks at word weight 0.5: averaged SGD (4 snapshots an epoch) 0.6817 / 0.6068,
 * word trigrams 0.6788 / 0.6072, char 3-6-grams 0.6786 / 0.6048; char 3-4-grams alone 0.6824 / 0.6077.
 * All within ~0.003: the recipe is at a plateau; the gap to the year hold-out is topic and annotation drift.
 */
export const OPTIONS: TrainOptions = {
  buckets: 1 << 18,
  epochs: 5,
  learningRate: 0.05,
  l2: 1e-4,
  classWeightPower: 1,
  nbPower: 0,
  seed: 7,
};

/** Cross-validation folds used for tuning, for the shipped temperature and for the bench. */
export const CV_FOLDS = 5;
