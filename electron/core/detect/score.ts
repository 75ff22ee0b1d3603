import type { DetectorParams } from './params';
import type { DetectorState } from './state';
import { clamp, normalTail } from './stats';

const Z_CAP = 12;
const TAIL_FLOOR = 1e-10;

/**
 * Turns one standardised residual into a surprise: the larger of the point's |z| and the short-term
 * mean's |z| (a sustained shift shows there first), as −log10 of its two-sided normal tail.
 */
export function pointSurprise(s: DetectorState, p: DetectorParams, z: number): number {
  const zc = clamp(z, -Z_CAP, Z_CAP);
  s.short += p.shortRate * (zc - s.short);
  const shortSd = Math.sqrt(p.shortRate / (2 - p.shortRate));
  const m = Math.max(Math.abs(zc), Math.abs(s.short) / shortSd);
  return -Math.log10(Math.max(TAIL_FLOOR, 2 * normalTail(m)));
}

/**
 * Anomaly likelihood: how unusual the recent average surprise is against this series' own long-run
 * surprise distribution, log-scaled into [0, 1] (1 = a 1e-10 tail). Calibrates one threshold across
 * noisy and quiet series alike.
 */
export function likelihoodScore(s: DetectorState, p: DetectorParams, surprise: number): number {
  s.surprise += p.surpriseRate * (surprise - s.surprise);
  const sd = Math.sqrt(s.surpriseVar) + 0.05;
  const zl = (s.surprise - s.surpriseMean) / sd;
  const diff = s.surprise - s.surpriseMean;
  s.surpriseMean += p.surpriseLongRate * diff;
  s.surpriseVar = (1 - p.surpriseLongRate) * (s.surpriseVar + p.surpriseLongRate * diff * diff);
  return clamp(-Math.log10(Math.max(TAIL_FLOOR, normalTail(zl))) / 10, 0, 1);
}

/** Damps scores for a while after a fire so one breakdown raises one alarm, not a stream of them. */
export function refractory(s: DetectorState, p: DetectorParams, score: number): number {
  s.sinceFire = Math.min(1_000_000, s.sinceFire + 1);
  const damped = s.sinceFire <= p.refractoryPoints ? score * p.refractoryDamping : score;
  if (damped >= p.fireLevel) s.sinceFire = 0;
  return damped;
}
