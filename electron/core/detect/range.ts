import type { DetectorParams } from './params';
import type { DetectorState } from './state';

/**
 * Range novelty (Numenta's "spatial anomaly"): true when, after warm-up, `value` lies outside every
 * value this series has produced, by more than `rangeTolerance` × that range, and its residual is
 * itself at least `rangeMinZ` noise units (`rangeMinZCounts` for a count series, so the records that
 * Poisson noise keeps setting, and a quiet count series' first busier minute, are not novel).
 * Records `value` in the range either way. O(1): the range is two numbers.
 */
export function rangeNovelty(s: DetectorState, p: DetectorParams, value: number, z: number): boolean {
  const lo = s.low ?? value;
  const hi = s.high ?? value;
  s.low = Math.min(lo, value);
  s.high = Math.max(hi, value);
  if (s.n <= p.warmupPoints || !(hi > lo) || Math.abs(z) < (s.counts ? p.rangeMinZCounts : p.rangeMinZ)) return false;
  const margin = p.rangeTolerance * (hi - lo);
  return value > hi + margin || value < lo - margin;
}
