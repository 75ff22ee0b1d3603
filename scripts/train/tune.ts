import type { SentimentLabel } from '../../shared/mention';
import { scoreLabels, type Scores } from './metrics';

const NAMES: ReadonlyArray<SentimentLabel> = ['negative', 'neutral', 'positive'];

/** Labels from row-major logits (n x 3) after adding per-class `offsets`. */
export function argmaxLabels(z: Float64Array, offsets: ReadonlyArray<number> = [0, 0, 0]): SentimentLabel[] {
  const out: SentimentLabel[] = [];
  for (let i = 0; i < z.length; i += 3) {
    let best = 0;
    let bestV = -Infinity;
    for (let c = 0; c < 3; c += 1) {
      const v = (z[i + c] as number) + (offsets[c] as number);
      if (v > bestV) {
        bestV = v;
        best = c;
      }
    }
    out.push(NAMES[best] as SentimentLabel);
  }
  return out;
}

const LABEL_INDEX: Readonly<Record<SentimentLabel, number>> = { negative: 0, neutral: 1, positive: 2 };

/** Macro recall of argmax(z + offsets) against gold class indices, without building label arrays. */
function macroRecallOf(z: Float64Array, gold: Uint8Array, offsets: ReadonlyArray<number>): number {
  const hit = [0, 0, 0],
    total = [0, 0, 0];
  const o0 = offsets[0] as number,
    o1 = offsets[1] as number,
    o2 = offsets[2] as number;
  for (let i = 0; i < gold.length; i += 1) {
    const a = (z[i * 3] as number) + o0,
      b = (z[i * 3 + 1] as number) + o1,
      c = (z[i * 3 + 2] as number) + o2;
    const best = a >= b && a >= c ? 0 : b >= c ? 1 : 2;
    const g = gold[i] as number;
    total[g] = (total[g] as number) + 1;
    if (best === g) hit[g] = (hit[g] as number) + 1;
  }
  let sum = 0;
  for (let c = 0; c < 3; c += 1) sum += (total[c] as number) > 0 ? (hit[c] as number) / (total[c] as number) : 0;
  return sum / 3;
}

/**
 * Per-class bias offsets (neutral fixed at 0) that maximise macro recall: a coarse grid, ties broken
 * toward the smallest change so the result is stable.
 */
export function tuneOffsets(z: Float64Array, gold: ReadonlyArray<SentimentLabel>): readonly [number, number, number] {
  const g = Uint8Array.from(gold, (l) => LABEL_INDEX[l]);
  let best: readonly [number, number, number] = [0, 0, 0];
  let bestScore = macroRecallOf(z, g, best);
  let bestCost = 0;
  for (let i = -20; i <= 20; i += 1) {
    for (let j = -20; j <= 20; j += 1) {
      const cand: readonly [number, number, number] = [i * 0.05, 0, j * 0.05];
      const s = macroRecallOf(z, g, cand);
      const cost = Math.abs(i) + Math.abs(j);
      if (s > bestScore + 1e-9 || (Math.abs(s - bestScore) <= 1e-9 && cost < bestCost)) {
        best = cand;
        bestScore = s;
        bestCost = cost;
      }
    }
  }
  return best;
}

/** The softmax temperature minimising negative log-likelihood of `gold` (grid search). */
export function fitTemperature(z: Float64Array, gold: ReadonlyArray<SentimentLabel>): number {
  let best = 1;
  let bestNll = Infinity;
  for (let t = 0.2; t <= 4.0001; t += 0.05) {
    let nll = 0;
    gold.forEach((g, i) => {
      const o = i * 3;
      const m = Math.max(z[o] as number, z[o + 1] as number, z[o + 2] as number);
      let s = 0;
      for (let c = 0; c < 3; c += 1) s += Math.exp(((z[o + c] as number) - m) / t);
      nll -= ((z[o + NAMES.indexOf(g)] as number) - m) / t - Math.log(s);
    });
    if (nll < bestNll) {
      bestNll = nll;
      best = t;
    }
  }
  return Math.round(best * 100) / 100;
}

/**
 * Macro recall of out-of-fold logits when each fold's class offsets are tuned on the other folds only
 * (so the offsets never see the tweets they are scored on).
 */
export function crossFittedScore(
  z: Float64Array,
  gold: ReadonlyArray<SentimentLabel>,
  folds: Uint8Array,
  k: number,
): Scores {
  const predicted: SentimentLabel[] = new Array<SentimentLabel>(gold.length);
  for (let fold = 0; fold < k; fold += 1) {
    const inRows: number[] = [],
      outRows: number[] = [];
    folds.forEach((f, i) => (f === fold ? outRows : inRows).push(i));
    const pick = (rows: ReadonlyArray<number>): Float64Array => {
      const sub = new Float64Array(rows.length * 3);
      rows.forEach((row, r) => sub.set(z.subarray(row * 3, row * 3 + 3), r * 3));
      return sub;
    };
    const offsets = tuneOffsets(
      pick(inRows),
      inRows.map((i) => gold[i] as SentimentLabel),
    );
    const labels = argmaxLabels(pick(outRows), offsets);
    outRows.forEach((row, r) => (predicted[row] = labels[r] as SentimentLabel));
  }
  return scoreLabels(gold, predicted);
}
