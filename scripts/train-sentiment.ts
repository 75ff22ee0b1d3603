/**
 * Trains Earshot's shipped sentiment model and writes electron/core/pipeline/enrich/sentiment-model.json.
 * Deterministic (seeded): the same data and options reproduce the same file byte for byte.
 *
 * Data: SemEval 2013–2016 task 4A tweets (training) minus every tweet that also occurs in TweetEval's validation
 * split; TweetEval validation (tuning of per-class offsets and the softmax temperature).
 * Run: `npm run train:sentiment` (about a minute on one core).
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { loadModel, type LinearModel, type SentimentModelFile } from '../electron/core';
import { loadSemeval, loadTweetEvalVal, splitByOverlap } from './train/data';
import { buildDesign, designLogits, train, type TrainOptions } from './train/logreg';
import { scoreLabels } from './train/metrics';
import { quantize } from './train/quantize';
import { argmaxLabels, fitTemperature, tuneOffsets } from './train/tune';

const OUT = fileURLToPath(new URL('../electron/core/pipeline/enrich/sentiment-model.json', import.meta.url));

/** The shipped model's training settings. */
export const OPTIONS: TrainOptions = {
  buckets: 1 << 18,
  epochs: 5,
  learningRate: 0.05,
  l2: 1e-5,
  classWeightPower: 1,
  seed: 7,
};

const round = (x: number, digits = 4): number => Math.round(x * 10 ** digits) / 10 ** digits;

function withOffsets(model: LinearModel, offsets: ReadonlyArray<number>): ReadonlyArray<number> {
  return Array.from(model.bias, (b, c) => round(b + (offsets[c] as number), 6));
}

async function main(): Promise<void> {
  const pool = await loadSemeval();
  const val = await loadTweetEvalVal();
  const training = splitByOverlap(pool, val);
  const gold = val.map((e) => e.label);
  process.stdout.write(
    `training tweets ${training.unique.length} (dropped ${training.shared.length} that occur in TweetEval val)\n`,
  );
  const dTrain = buildDesign(training.unique, OPTIONS.buckets);
  const dVal = buildDesign(val, OPTIONS.buckets);
  const model = train(dTrain, OPTIONS, (epoch, m) => {
    const s = scoreLabels(gold, argmaxLabels(designLogits(m, dVal)));
    process.stdout.write(
      `epoch ${epoch + 1}: val macro recall ${s.macroRecall.toFixed(4)} acc ${s.accuracy.toFixed(4)}\n`,
    );
  });
  const q = quantize(model.weights);
  const quantized: LinearModel = { ...model, weights: q.bytes, weightScale: q.scale };
  const z = designLogits(quantized, dVal);
  const untuned = scoreLabels(gold, argmaxLabels(z));
  const offsets = tuneOffsets(z, gold);
  const tuned = scoreLabels(gold, argmaxLabels(z, offsets));
  const temperature = fitTemperature(z, gold);
  const file: SentimentModelFile = {
    version: 1,
    buckets: OPTIONS.buckets,
    weightScale: q.scale,
    weights: q.base64,
    dense: Array.from(model.dense, (x) => round(x, 6)),
    bias: [...withOffsets(model, offsets)],
    temperature,
    meta: {
      trainedOn: `semeval-2013..2016 task4A minus TweetEval-val overlap (${training.unique.length} tweets)`,
      options: JSON.stringify(OPTIONS),
      valMacroRecallUntuned: round(untuned.macroRecall),
      valMacroRecall: round(tuned.macroRecall),
      valAccuracy: round(tuned.accuracy),
    },
  };
  const loaded = loadModel(file);
  if (!loaded.ok) throw new Error(`written model does not load: ${loaded.error.message}`);
  await writeFile(OUT, `${JSON.stringify(file)}\n`);
  process.stdout.write(
    `quantised val macro recall ${untuned.macroRecall.toFixed(4)} -> offsets [${offsets.map((o) => o.toFixed(2)).join(', ')}] ${tuned.macroRecall.toFixed(4)}, temperature ${temperature}\nwrote ${OUT}\n`,
  );
}

await main();
