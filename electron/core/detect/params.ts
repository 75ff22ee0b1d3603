import { z } from 'zod';

const rate = z.number().positive().max(1);

/**
 * The detector's one global parameter set. Rates are per point unless named per day/week; the
 * seasonal rates are converted to per-point rates with the series' inferred sampling interval.
 */
export const DetectorParamsSchema = z.object({
  /** Points before any score other than 0 is emitted (the model is still learning). */
  warmupPoints: z.number().int().nonnegative(),
  /** Level learning rate per point (error-correction form). */
  levelRate: rate,
  /** Time-of-day slot learning rate per day of data. */
  dailyRatePerDay: z.number().nonnegative().max(1),
  /** Hour-of-week slot learning rate per week of data. */
  weeklyRatePerWeek: z.number().nonnegative().max(1),
  /** Robust scale (EW mean absolute deviation) learning rate per point. */
  scaleRate: rate,
  /** Residuals are clipped at this many scales before they update the model. */
  clip: z.number().positive(),
  /** Standardised residuals are capped here before they count as surprise. */
  zCap: z.number().positive(),
  /** Short-term mean of standardised residuals: its learning rate per point. */
  shortRate: rate,
  /** Surprise moving-average learning rate per point. */
  surpriseRate: rate,
  /** Where a new series' long-run surprise distribution starts: its mean and mean absolute deviation (well-behaved noise). */
  surprisePriorMean: z.number().nonnegative(),
  surprisePriorSpread: z.number().nonnegative(),
  /** Long-run surprise distribution learning rate per point. */
  surpriseLongRate: rate,
  /** Added to the long-run surprise spread so quiet series do not turn every ripple into evidence. */
  surpriseSdFloor: z.number().nonnegative(),
  /** Deviations of the average surprise are clipped at this many spreads before they update its distribution. */
  surpriseClip: z.number().positive(),
  /** Evidence (−log10 tail) that maps to score 0.5. */
  evidenceHalf: z.number().positive(),
  /** A value beyond the range seen so far by this share of it counts as novel (scores 1). */
  rangeTolerance: z.number().nonnegative(),
  /** A value of a measurement series (not all non-negative integers) is only novel when its residual is also at least this many noise units. */
  rangeMinZ: z.number().nonnegative(),
  /**
   * The same for a count series: higher, because a count series' z is already Poisson-floored and its
   * range is set by noise records (a quiet series' first busier minute is one), not by operating levels.
   */
  rangeMinZCounts: z.number().nonnegative(),
  /** After a fire (score ≥ fireLevel), scores are damped for this many points. */
  refractoryPoints: z.number().int().nonnegative(),
  /** The score at which the detector considers it has fired. */
  fireLevel: z.number().min(0).max(1),
  /** Multiplier applied to scores during the refractory period. */
  refractoryDamping: z.number().min(0).max(1),
});
/** The detector's one global parameter set. */
export type DetectorParams = z.infer<typeof DetectorParamsSchema>;

/** Defaults used for every series (live Earshot series and every NAB file alike). */
export const DEFAULT_DETECTOR_PARAMS: DetectorParams = {
  warmupPoints: 75,
  levelRate: 0.017,
  dailyRatePerDay: 0.37,
  weeklyRatePerWeek: 0.4,
  scaleRate: 0.00225,
  clip: 3,
  zCap: 7,
  shortRate: 0.2,
  surpriseRate: 0.2,
  surprisePriorMean: 0.5,
  surprisePriorSpread: 0.08,
  surpriseLongRate: 0.001,
  surpriseSdFloor: 0.05,
  surpriseClip: 13,
  evidenceHalf: 5,
  rangeTolerance: 0.025,
  rangeMinZ: 2.5,
  rangeMinZCounts: 3.5,
  refractoryPoints: 100,
  fireLevel: 0.8,
  refractoryDamping: 0.5,
};
