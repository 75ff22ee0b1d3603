import { z } from 'zod';
import { DEFAULT_DETECTOR_PARAMS, type DetectorParams } from './params';

/** Time-of-day slots (5 minutes each). */
export const DAILY_SLOTS = 288;
/** Hour-of-week slots. */
export const WEEKLY_SLOTS = 168;
/** How many positive timestamp gaps the interval estimate is built from (then it is fixed). */
export const INTERVAL_SAMPLES = 15;

/**
 * One series' detector state: a fixed number of numbers whatever the series' length, plain JSON
 * (every number finite), so it can be persisted across restarts and validated on load.
 */
export const DetectorStateSchema = z.object({
  version: z.literal(1),
  /** Points seen. */
  n: z.number().int().nonnegative(),
  /** Last timestamp seen (epoch ms); meaningless while n = 0. */
  lastT: z.number(),
  /** Positive gaps between timestamps, up to INTERVAL_SAMPLES; their median is the sampling interval. */
  gaps: z.array(z.number().positive()).max(INTERVAL_SAMPLES),
  /** Sampling interval in ms (0 until two distinct timestamps were seen). */
  intervalMs: z.number().nonnegative(),
  /** Whether every value so far was a non-negative integer: then a Poisson noise floor applies. */
  counts: z.boolean(),
  /** Deseasonalised level. */
  level: z.number(),
  /** EW mean absolute deviation of one-step residuals. */
  mad: z.number().nonnegative(),
  /** Additive time-of-day (5-minute) and hour-of-week components; how many weeks each weekly slot has seen. */
  daily: z.array(z.number()).length(DAILY_SLOTS),
  weekly: z.array(z.number()).length(WEEKLY_SLOTS),
  weeklySeen: z.array(z.number().nonnegative()).length(WEEKLY_SLOTS),
  /** EW mean of standardised residuals (short horizon). */
  short: z.number(),
  /** EW moving average of the per-point surprise, and the long-run mean and mean absolute deviation of that average. */
  surprise: z.number().nonnegative(),
  surpriseMean: z.number().nonnegative(),
  surpriseSpread: z.number().nonnegative(),
  /** The lowest and highest value seen (absent until the first value, or in a state saved before they existed). */
  low: z.number().optional(),
  high: z.number().optional(),
  /** Points since the last fire (large when none). */
  sinceFire: z.number().int().nonnegative(),
});
/** One series' detector state (JSON-serialisable, fixed size). */
export type DetectorState = z.infer<typeof DetectorStateSchema>;

/** `sinceFire` of a series that has not fired (or whose quiet period was released): far beyond any refractory period. */
export const NEVER_FIRED = 1_000_000;

/** A fresh state for a new series; its surprise distribution starts at the parameters' prior. */
export function newDetectorState(
  prior: Pick<DetectorParams, 'surprisePriorMean' | 'surprisePriorSpread'> = DEFAULT_DETECTOR_PARAMS,
): DetectorState {
  return {
    version: 1,
    n: 0,
    lastT: 0,
    gaps: [],
    intervalMs: 0,
    counts: true,
    level: 0,
    mad: 0,
    daily: new Array<number>(DAILY_SLOTS).fill(0),
    weekly: new Array<number>(WEEKLY_SLOTS).fill(0),
    weeklySeen: new Array<number>(WEEKLY_SLOTS).fill(0),
    short: 0,
    surprise: 0,
    surpriseMean: prior.surprisePriorMean,
    surpriseSpread: prior.surprisePriorSpread,
    sinceFire: NEVER_FIRED,
  };
}
