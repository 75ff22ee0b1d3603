/**
 * Trains Earshot's shipped sentiment model and writes electron/core/pipeline/enrich/sentiment-model.json.
 * Deterministic (seeded): the same data and options reproduce the same file byte for byte.
 *
 * Data: SemEval 2013–2016 task 4A tweets minus every tweet that also occurs in TweetEval's validation split
 * (so validation stays unseen). The softmax temperature is fitted on the out-of-fold logits of a 5-fold
 * cross-validation over that pool, whose figures go into the file's meta; validation is never used for tuning.
 * Each training run learns its word lexicon from its own rows (word-lexicon.ts) and bags OPTIONS.bag seeds.
 * Run: `npm run train:sentiment` (6 runs of 4 trainings; about 2.5 minutes on one free core).
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { loadModel, type SentimentModelFile } from '../electron/core';
import { allRows, train } from './train/logreg';
import { CV_FOLDS, OPTIONS } from './train/options';
import { quantize } from './train/quantize';
import { crossValidate, loadPool } from './train/recipe';
import { withLearnedLexicon } from './train/word-lexicon';

const OUT = fileURLToPath(new URL('../electron/core/pipeline/enrich/sentiment-model.json', import.meta.url));

const round = (x: number, digits = 4): number => Math.round(x * 10 ** digits) / 10 ** digits;

async function main(): Promise<void> {
  const pool = await loadPool(OPTIONS);
  process.stdout.write(
    `training tweets ${pool.examples.length} (dropped ${pool.dropped} that occur in TweetEval val)\n`,
  );
  const cv = crossValidate(pool, OPTIONS, (fold) => process.stdout.write(`cv fold ${fold + 1}/${CV_FOLDS} done\n`));
  const model = train(withLearnedLexicon(pool.design, allRows(pool.design), OPTIONS.lexiconRidge), OPTIONS);
  const q = quantize(model.weights);
  const file: SentimentModelFile = {
    version: 2,
    buckets: OPTIONS.buckets,
    weightScale: q.scale,
    weights: q.base64,
    dense: Array.from(model.dense, (x) => round(x, 6)),
    bias: Array.from(model.bias, (b) => round(b, 6)),
    temperature: cv.temperature,
    lexicon: {
      negative: Array.from(model.lexicon.negative, (x) => round(x, 6)),
      positive: Array.from(model.lexicon.positive, (x) => round(x, 6)),
    },
    meta: {
      trainedOn: `semeval-2013..2016 task4A minus TweetEval-val overlap (${pool.examples.length} tweets)`,
      options: JSON.stringify(OPTIONS),
      cvFolds: CV_FOLDS,
      cvMacroRecall: round(cv.scores.macroRecall),
      cvAccuracy: round(cv.scores.accuracy),
    },
  };
  const loaded = loadModel(file);
  if (!loaded.ok) throw new Error(`written model does not load: ${loaded.error.message}`);
  await writeFile(OUT, `${JSON.stringify(file)}\n`);
  process.stdout.write(
    `cv macro recall ${cv.scores.macroRecall.toFixed(4)} (${cv.withOffsets.macroRecall.toFixed(4)} with cross-fitted offsets, not shipped), temperature ${cv.temperature}\nwrote ${OUT}\n`,
  );
}

await main();
