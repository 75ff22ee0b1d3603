import type { SentimentLabel } from '../../shared/mention';
import { scoreLabels } from './metrics';

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

/**
 * Per-class bias offsets (neutral fixed at 0) that maximise macro recall: a coarse grid, ties broken
 * toward the smallest change so the result is stable.
 */
export function tuneOffsets(z: Float64Array, gold: ReadonlyArray<SentimentLabel>): readonly [number, number, number] {
  let best: readonly [number, number, number] = [0, 0, 0];
  let bestScore = scoreLabels(gold, argmaxLabels(z)).macroRecall;
  let bestCost = 0;
  for (let a = -1; a <= 1.0001; a += 0.05) {
    for (let b = -1; b <= 1.0001; b += 0.05) {
      const cand: readonly [number, number, number] = [a, 0, b];
      const s = scoreLabels(gold, argmaxLabels(z, cand)).macroRecall;
      const cost = Math.abs(a) + Math.abs(b);
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
