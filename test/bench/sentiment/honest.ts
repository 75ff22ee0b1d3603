/**
 * The bench's held-out figures for the training recipe, recomputed from the data each run: K-fold
 * cross-validation on the training pool, the year hold-out (train 2013–2015, test 2016) and the edition hold-out
 * (train on all but SemEval 2016's test set, test on it).
 */
import { CV_FOLDS, OPTIONS } from '../../../scripts/train/options';
import { crossValidate, editionHoldout, loadPool, yearHoldout } from '../../../scripts/train/recipe';
import type { Scores } from '../../../scripts/train/metrics';

/** Cross-validated and year-hold-out scores of the shipped recipe. */
export interface HonestFigures {
  readonly folds: number;
  readonly poolSize: number;
  /** Out-of-fold scores of the shipped recipe. */
  readonly cv: Scores;
  /** Out-of-fold with per-class offsets cross-fitted on the other folds (not shipped; for comparison). */
  readonly cvWithOffsets: Scores;
  readonly year: Scores;
  /** Trained on all but SemEval 2016's test set, tested on it. */
  readonly edition: Scores;
}

/** Runs CV_FOLDS + 2 training runs of the shipped options. */
export async function honestFigures(): Promise<HonestFigures> {
  const pool = await loadPool(OPTIONS);
  const cv = crossValidate(pool, OPTIONS);
  return {
    folds: CV_FOLDS,
    poolSize: pool.examples.length,
    cv: cv.scores,
    cvWithOffsets: cv.withOffsets,
    year: yearHoldout(pool, OPTIONS),
    edition: editionHoldout(pool, OPTIONS),
  };
}
