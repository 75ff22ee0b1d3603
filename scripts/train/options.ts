import type { TrainOptions } from './logreg';

/** The shipped model's training settings (chosen by cross-validation on the training pool, see search.ts). */
export const OPTIONS: TrainOptions = {
  buckets: 1 << 18,
  epochs: 5,
  learningRate: 0.05,
  l2: 1e-4,
  classWeightPower: 1,
  seed: 7,
};

/** Cross-validation folds used for tuning, for the shipped temperature and for the bench. */
export const CV_FOLDS = 5;
