import type { SentimentLabel } from '../../shared/mention';

/** Per-class recall/precision, macro recall and accuracy of predictions against gold labels. */
export interface Scores {
  readonly macroRecall: number;
  readonly accuracy: number;
  readonly recall: Readonly<Record<SentimentLabel, number>>;
  readonly precision: Readonly<Record<SentimentLabel, number>>;
  readonly n: number;
}

const CLASSES: ReadonlyArray<SentimentLabel> = ['negative', 'neutral', 'positive'];

/** Scores `predicted` against `gold` (same length, same order). */
export function scoreLabels(gold: ReadonlyArray<SentimentLabel>, predicted: ReadonlyArray<SentimentLabel>): Scores {
  const tp: Record<string, number> = {},
    goldN: Record<string, number> = {},
    predN: Record<string, number> = {};
  let correct = 0;
  gold.forEach((g, i) => {
    const p = predicted[i];
    goldN[g] = (goldN[g] ?? 0) + 1;
    if (p !== undefined) predN[p] = (predN[p] ?? 0) + 1;
    if (p === g) {
      tp[g] = (tp[g] ?? 0) + 1;
      correct += 1;
    }
  });
  const ratio = (a: number | undefined, b: number | undefined): number => (b ? (a ?? 0) / b : 0);
  const recall = Object.fromEntries(CLASSES.map((c) => [c, ratio(tp[c], goldN[c])])) as Record<SentimentLabel, number>;
  const precision = Object.fromEntries(CLASSES.map((c) => [c, ratio(tp[c], predN[c])])) as Record<
    SentimentLabel,
    number
  >;
  const macroRecall = (recall.negative + recall.neutral + recall.positive) / 3;
  return { macroRecall, accuracy: gold.length ? correct / gold.length : 0, recall, precision, n: gold.length };
}
