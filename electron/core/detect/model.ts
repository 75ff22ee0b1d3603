import type { DetectorParams } from './params';
import { DAILY_SLOTS, INTERVAL_SAMPLES, WEEKLY_SLOTS, type DetectorState } from './state';
import { anscombe, clamp } from './stats';

const DAY = 86_400_000;
const WEEK = 7 * DAY;
const SEEN_CAP = 1e6;
const DAILY_SLOT_MS = DAY / DAILY_SLOTS;
const WEEKLY_SLOT_MS = WEEK / WEEKLY_SLOTS;

const mod = (a: number, m: number): number => ((a % m) + m) % m;

/** The time-of-day and time-of-week slots of epoch-ms timestamp `t`. */
export function slotsOf(t: number): { readonly day: number; readonly week: number } {
  return {
    day: Math.floor(mod(t, DAY) / DAILY_SLOT_MS) % DAILY_SLOTS,
    week: Math.floor(mod(t, WEEK) / WEEKLY_SLOT_MS) % WEEKLY_SLOTS,
  };
}

/** The seasonal component expected at `t` (hour-of-day plus hour-of-week). */
export function seasonalAt(s: DetectorState, t: number): number {
  const { day, week } = slotsOf(t);
  return s.daily[day]! + s.weekly[week]!;
}

/** The baseline: the value the model expects at `t`. */
export function expectedAt(s: DetectorState, t: number): number {
  return s.level + seasonalAt(s, t);
}

/** The robust noise scale (σ ≈ 1.25 × mean absolute deviation), never zero. */
export function noiseScale(s: DetectorState): number {
  return Math.max(1.25 * s.mad, 1e-9 * Math.max(1, Math.abs(s.level)), 1e-12);
}

/**
 * A residual in units of noise. For count series the noise is at least Poisson: the smaller of the
 * empirical z and the Anscombe-space difference (unit variance for Poisson counts) is used.
 */
export function standardize(s: DetectorState, value: number, expected: number): number {
  const empirical = (value - expected) / noiseScale(s);
  if (!s.counts) return empirical;
  const poisson = anscombe(value) - anscombe(expected);
  return Math.abs(poisson) < Math.abs(empirical) ? poisson : empirical;
}

/** Records the gap since the previous timestamp; the interval is the median of the first gaps. */
export function observeTime(s: DetectorState, t: number): void {
  if (s.n > 0 && t > s.lastT && s.gaps.length < INTERVAL_SAMPLES) {
    s.gaps.push(t - s.lastT);
    const sorted = [...s.gaps].sort((a, b) => a - b);
    s.intervalMs = sorted[Math.floor(sorted.length / 2)]!;
  }
  if (s.n === 0 || t > s.lastT) s.lastT = t;
}

/** Starts the model on the first value. */
export function seedModel(s: DetectorState, value: number): void {
  s.level = value;
  s.mad = 0;
  s.low = value;
  s.high = value;
}

/**
 * Error-correction update (Holt–Winters style) of level, seasonal slots and scale from one
 * residual. The residual is clipped first so an outburst barely moves what "normal" means.
 */
export function learn(s: DetectorState, p: DetectorParams, t: number, value: number, expected: number): void {
  const residual = value - expected;
  const scale = noiseScale(s);
  const clipped = s.n <= 2 ? residual : clamp(residual, -p.clip * scale, p.clip * scale);
  s.level += p.levelRate * clipped;
  s.mad += (s.n <= 2 ? 0.5 : p.scaleRate) * (Math.abs(clipped) - s.mad);
  if (s.intervalMs <= 0) return;
  const dayShare = Math.min(1, s.intervalMs / DAILY_SLOT_MS);
  const weekShare = Math.min(1, s.intervalMs / WEEKLY_SLOT_MS);
  const { day, week } = slotsOf(t);
  const dayRate = p.dailyRatePerDay;
  const weekRate = Math.max(p.weeklyRatePerWeek, 1 / (1 + s.weeklySeen[week]!));
  s.daily[day] = s.daily[day]! + Math.min(0.5, dayRate * dayShare) * clipped;
  s.weekly[week] = s.weekly[week]! + Math.min(0.5, weekRate * weekShare) * clipped;
  s.weeklySeen[week] = Math.min(SEEN_CAP, s.weeklySeen[week]! + weekShare);
}
