/**
 * Sentiment and topic benchmark (`npm run bench:sentiment`). Prints a table and ends with one key=value line.
 * - Held-out figures of the training recipe, retrained here: 5-fold cross-validation on the SemEval pool
 *   (folds by tweet, near copies in one fold), the year hold-out (train 2013–2015, test 2016) and the edition
 *   hold-out (train on all but SemEval 2016's test set, test on it: the model of CV 0.672 scored 0.632 there and
 *   0.630 on the 2017 test set, so it is the closest proxy of the three).
 * - The shipped model on TweetEval val (2,000; its tweets are dropped from training, never used for tuning). A
 *   leaky proxy: val was drawn from the same years and topics as the training pool, so it overstates the
 *   held-out 2017 test (0.707 on val against 0.630 on test for the 0.682-CV model); the year hold-out is the honest proxy.
 *   and on airline tweets (airline_sentiment column; another domain, never trained on).
 * - vader-sentiment (compound ±0.05) on the same texts, timed in the same run, interleaved with ours.
 * - Topic precision/recall on the airline negativereason column, with and without the leaked category tokens.
 */
import { scoreSentiment, UNSURE_BELOW } from '../../electron/core/pipeline/enrich';
import { loadTweetEvalVal, type Example } from '../../scripts/train/data';
import { scoreLabels, type Scores } from '../../scripts/train/metrics';
import type { SentimentLabel } from '../../shared/mention';
import { loadAirline, withoutCategoryTokens } from './sentiment/airline';
import { honestFigures } from './sentiment/honest';
import { microAverage, scoreTopics, type TopicScore } from './sentiment/topic-eval';
import { vaderLabel } from './sentiment/vader';

const out = (line = ''): void => void process.stdout.write(`${line}\n`);
const f = (x: number, d = 4): string => x.toFixed(d);

function evaluate(examples: ReadonlyArray<Example>, label: (t: string) => SentimentLabel): Scores {
  return scoreLabels(
    examples.map((e) => e.label),
    examples.map((e) => label(e.text)),
  );
}

/** Best-of-rounds throughput (texts/s) of each scorer, rounds interleaved so load hits both alike. */
function throughput(
  texts: ReadonlyArray<string>,
  ours: (t: string) => unknown,
  vader: (t: string) => unknown,
): { ours: number; vader: number } {
  const pass = (fn: (t: string) => unknown, reps: number): number => {
    const t0 = performance.now();
    for (let r = 0; r < reps; r += 1) for (const t of texts) fn(t);
    return (texts.length * reps * 1000) / (performance.now() - t0);
  };
  pass(ours, 2);
  let best = { ours: 0, vader: 0 };
  for (let round = 0; round < 3; round += 1) {
    const o = pass(ours, 5);
    const v = pass(vader, 1);
    best = { ours: Math.max(best.ours, o), vader: Math.max(best.vader, v) };
  }
  return best;
}

function row(name: string, s: Scores): string {
  return `${name.padEnd(24)} ${f(s.macroRecall)}  ${f(s.accuracy)}  ${f(s.recall.negative, 3)}/${f(s.recall.neutral, 3)}/${f(s.recall.positive, 3)}  ${s.n}`;
}

function topicTable(title: string, scores: ReadonlyArray<TopicScore>): void {
  out(`\n${title}`);
  out(`${'topic'.padEnd(18)} gold  tagged  precision  recall`);
  for (const s of scores)
    out(
      `${s.topic.padEnd(18)} ${String(s.gold).padStart(4)}  ${String(s.tagged).padStart(6)}  ${f(s.precision, 3).padStart(9)}  ${f(s.recall, 3)}`,
    );
  const m = microAverage(scores);
  out(`${'micro'.padEnd(18)}               ${f(m.precision, 3).padStart(9)}  ${f(m.recall, 3)}`);
}

async function main(): Promise<void> {
  const honest = await honestFigures();
  const val = await loadTweetEvalVal();
  const airline = (await loadAirline()).map((a) => ({ text: a.text, label: a.sentiment }));
  const airlineRaw = await loadAirline();
  const ours = (t: string): SentimentLabel => scoreSentiment(t).label;
  const r = {
    te: evaluate(val, ours),
    air: evaluate(airline, ours),
    vte: evaluate(val, vaderLabel),
    vair: evaluate(airline, vaderLabel),
  };
  const sure = val.map((e) => ({ e, s: scoreSentiment(e.text) })).filter((x) => x.s.confidence >= UNSURE_BELOW);
  const sureAcc = sure.filter((x) => x.s.label === x.e.label).length / Math.max(1, sure.length);
  const speed = throughput(
    val.map((e) => e.text),
    (t) => scoreSentiment(t),
    vaderLabel,
  );
  out(`held out from training (the recipe retrained here on ${honest.poolSize} SemEval tweets):`);
  out(`${'set / model'.padEnd(24)} macroR  acc     recall neg/neu/pos   n`);
  out(row(`${honest.folds}-fold CV: earshot`, honest.cv));
  out(row('  (+offsets, not shipped)', honest.cvWithOffsets));
  out(row('2013-15 -> 2016: earshot', honest.year));
  out(row('rest->2016test: earshot', honest.edition));
  out('\nthe shipped model (trained on the whole pool minus TweetEval val; val is a LEAKY proxy: same years/topics):');
  out(`${'set / model'.padEnd(24)} macroR  acc     recall neg/neu/pos   n`);
  out(row('TweetEval val*: earshot', r.te));
  out(row('TweetEval val*: vader', r.vte));
  out(row('airline: earshot', r.air));
  out(row('airline: vader', r.vair));
  out(
    `\nconfidence >= UNSURE_BELOW (${UNSURE_BELOW}) on TweetEval val: ${sure.length}/${val.length} texts, accuracy ${f(sureAcc)}`,
  );
  out(
    `throughput (single thread, TweetEval val texts): earshot ${Math.round(speed.ours)}/s, vader ${Math.round(speed.vader)}/s, x${f(speed.ours / speed.vader, 1)}`,
  );
  const withTok = scoreTopics(airlineRaw, (t) => t);
  const withoutTok = scoreTopics(airlineRaw, withoutCategoryTokens);
  topicTable(
    'topics on airline negatives, text as published (leaked "Cancelled Flight"/"Late Flight" tokens kept)',
    withTok,
  );
  topicTable('topics on airline negatives, leaked category tokens removed', withoutTok);
  const mw = microAverage(withTok),
    mo = microAverage(withoutTok);
  out('');
  out(
    [
      `cv_macro_recall=${f(honest.cv.macroRecall)}`,
      `year_holdout_macro_recall=${f(honest.year.macroRecall)}`,
      `edition_holdout_macro_recall=${f(honest.edition.macroRecall)}`,
      `tweeteval_macro_recall=${f(r.te.macroRecall)}`,
      `tweeteval_acc=${f(r.te.accuracy)}`,
      `airline_macro_recall=${f(r.air.macroRecall)}`,
      `airline_acc=${f(r.air.accuracy)}`,
      `texts_per_s=${Math.round(speed.ours)}`,
      `vader_tweeteval_macro_recall=${f(r.vte.macroRecall)}`,
      `vader_tweeteval_acc=${f(r.vte.accuracy)}`,
      `vader_airline_macro_recall=${f(r.vair.macroRecall)}`,
      `vader_airline_acc=${f(r.vair.accuracy)}`,
      `vader_texts_per_s=${Math.round(speed.vader)}`,
      `speedup=${f(speed.ours / speed.vader, 1)}`,
      `topic_micro_p=${f(mw.precision, 3)}`,
      `topic_micro_r=${f(mw.recall, 3)}`,
      `topic_micro_p_notok=${f(mo.precision, 3)}`,
      `topic_micro_r_notok=${f(mo.recall, 3)}`,
    ].join(' '),
  );
}

await main();
