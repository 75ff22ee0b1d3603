import type { DetectorParams } from './params';
import { NEVER_FIRED, type DetectorState } from './state';
import { clamp, negLog10Tail } from './stats';

/**
 * Turns one standardised residual into a surprise: the larger of the point's |z| and the short-term
 * mean's |z| (a sustained shift shows there first), as −log10 of its two-sided normal tail.
 */
export function pointSurprise(s: DetectorState, p: DetectorParams, z: number): number {
  const zc = clamp(z, -p.zCap, p.zCap);
  s.short += p.shortRate * (zc - s.short);
  const shortSd = Math.sqrt(p.shortRate / (2 - p.shortRate));
  const m = Math.max(Math.abs(zc), Math.abs(s.short) / shortSd);
  return negLog10Tail(m) - Math.log10(2);
}

/**
 * Anomaly likelihood: how unusual the recent average surprise is against this series' own long-run
 * surprise distribution, as −log10 of a normal tail (unbounded; 0 when ordinary).
 */
export function likelihood(s: DetectorState, p: DetectorParams, surprise: number): number {
  s.surprise += p.surpriseRate * (surprise - s.surprise);
  const spread = 1.25 * s.surpriseSpread + p.surpriseSdFloor;
  const zl = (s.surprise - s.surpriseMean) / spread;
  const limit = p.surpriseClip * spread;
  const diff = clamp(s.surprise - s.surpriseMean, -limit, limit);
  const r = p.surpriseLongRate;
  s.surpriseMean += r * diff;
  s.surpriseSpread += r * (Math.abs(diff) - s.surpriseSpread);
  return Math.max(0, negLog10Tail(zl));
}

/** Squashes an unbounded evidence figure into [0, 1): `half` maps to 0.5. */
export function squash(evidence: number, half: number): number {
  return evidence / (evidence + half);
}

/** Damps scores for a while after a fire so one breakdown raises one alarm, not a stream of them. */
export function refractory(s: DetectorState, p: DetectorParams, score: number): number {
  s.sinceFire = Math.min(NEVER_FIRED, s.sinceFire + 1);
  const damped = s.sinceFire <= p.refractoryPoints ? score * p.refractoryDamping : score;
  if (damped >= p.fireLevel) s.sinceFire = 0;
  return damped;
}

/** Ends the damping after a fire early, as if the series had not fired for a long while. */
export function releaseRefractory(s: DetectorState): void {
  s.sinceFire = NEVER_FIRED;
}
