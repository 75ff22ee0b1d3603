import type { Detector } from './detector';
import { expectedAt, learn, noiseScale, observeTime, seedModel, standardize } from './model';
import { DEFAULT_DETECTOR_PARAMS, DetectorParamsSchema, type DetectorParams } from './params';
import { likelihood, pointSurprise, refractory, releaseRefractory, squash } from './score';
import { rangeNovelty } from './range';
import { newDetectorState, type DetectorState } from './state';

export type { Detector } from './detector';
export { DEFAULT_DETECTOR_PARAMS, DetectorParamsSchema, type DetectorParams } from './params';
export { DetectorStateSchema, newDetectorState, type DetectorState } from './state';

/** Scores one point and learns from it: the body of `Detector.update`. */
function step(s: DetectorState, p: DetectorParams, t: number, value: number): number {
  if (!Number.isFinite(value) || !Number.isFinite(t)) return 0;
  observeTime(s, t);
  s.counts = s.counts && Number.isInteger(value) && value >= 0;
  if (s.n === 0) {
    seedModel(s, value);
    s.n = 1;
    return 0;
  }
  const expected = expectedAt(s, t);
  const z = standardize(s, value, expected);
  const surprise = pointSurprise(s, p, z);
  const likely = squash(likelihood(s, p, surprise), p.evidenceHalf);
  const raw = rangeNovelty(s, p, value, z) ? 1 : likely;
  learn(s, p, t, value, expected);
  s.n++;
  const score = s.n <= p.warmupPoints ? 0 : raw;
  return refractory(s, p, score);
}

/**
 * The online anomaly detector: per series, a level with 5-minute time-of-day and hour-of-week slots,
 * a robust scale (Poisson-floored for counts), a surprise per point and its likelihood against the
 * series' own history, a value beyond the series' whole range (with a large residual) scored 1, and
 * scores damped for a while after a fire. O(1) time and memory per point; state is
 * plain JSON. Scores at or above `fireLevel` (0.8 by default) are the detector's alarms.
 */
export function createDetector(params: Partial<DetectorParams> = {}): Detector<DetectorState> {
  const p = DetectorParamsSchema.parse({ ...DEFAULT_DETECTOR_PARAMS, ...params });
  return {
    newState: () => newDetectorState(p),
    update: (state, timestamp, value) => step(state, p, timestamp, value),
    release: releaseRefractory,
  };
}

/** Why a point looks the way it does, for the evidence card. */
export interface PointExplanation {
  /** The value the model expected for that time slot (never below 0 for count series). */
  readonly baseline: number;
  readonly observed: number;
  /** The residual in noise units (Poisson-aware for count series). */
  readonly zScore: number;
  /** The noise scale the z-score was measured against. */
  readonly scale: number;
}

/** Explains `value` at `timestamp` against a state (read-only: call before or instead of `update`). */
export function explain(state: DetectorState, timestamp: number, value: number): PointExplanation {
  if (state.n === 0) return { baseline: value, observed: value, zScore: 0, scale: 0 };
  const expected = expectedAt(state, timestamp);
  const baseline = state.counts ? Math.max(0, expected) : expected;
  return { baseline, observed: value, zScore: standardize(state, value, expected), scale: noiseScale(state) };
}
