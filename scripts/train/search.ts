/**
 * Hyper-parameter search by K-fold cross-validation on the training pool only (never the validation split).
 * Run: `npx tsx scripts/train/search.ts '[{"l2":3e-5},{"epochs":8}]'` — each object overrides the shipped
 * OPTIONS; prints out-of-fold macro recall (argmax, and with cross-fitted class offsets) per setting, and
 * for information the year hold-out (train 2013–2015, test 2016) and the edition hold-out (all but 2016's test
 * set, tested on it).
 */
import { EMPTY_LEXICON } from '../../electron/core';
import { CV_FOLDS as K, OPTIONS } from './options';
import { editionSplit, foldsOf, goldOf, holdOutScores, outOfFoldLogits, yearSplit } from './cv';
import { loadSemeval, loadTweetEvalVal, splitByOverlap } from './data';
import { buildDesign, remask, type TrainOptions } from './logreg';
import { scoreLabels } from './metrics';
import { argmaxLabels, crossFittedScore } from './tune';

const MAX_BUCKETS = 1 << 19;

async function main(): Promise<void> {
  const overrides = JSON.parse(process.argv[2] ?? '[{}]') as ReadonlyArray<Partial<TrainOptions>>;
  const training = splitByOverlap(await loadSemeval(), await loadTweetEvalVal()).unique;
  const full = buildDesign(training, { buckets: MAX_BUCKETS, lexicon: EMPTY_LEXICON });
  const folds = foldsOf(training, K);
  const gold = goldOf(full);
  for (const o of overrides) {
    const opts: TrainOptions = { ...OPTIONS, ...o };
    const d = opts.buckets === MAX_BUCKETS ? full : remask(full, opts.buckets);
    const t0 = performance.now();
    const z = outOfFoldLogits(d, opts, folds, K);
    const plain = scoreLabels(gold, argmaxLabels(z)).macroRecall;
    const fitted = crossFittedScore(z, gold, folds, K).macroRecall;
    const year = holdOutScores(d, opts, yearSplit(training, 2015)).macroRecall;
    const edition = holdOutScores(d, opts, editionSplit(training)).macroRecall;
    process.stdout.write(
      `${JSON.stringify(o)} cv_macro_recall=${plain.toFixed(4)} with_offsets=${fitted.toFixed(4)} year_holdout=${year.toFixed(4)} edition_holdout=${edition.toFixed(4)} (${((performance.now() - t0) / 1000).toFixed(0)} s)\n`,
    );
  }
}

await main();
