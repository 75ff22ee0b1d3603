import { z } from 'zod';
import type { Result } from '../../../shared/result';
import { appError, err, ok } from '../../../shared/result';

/** Every knob of incident detection. One global set; supervisors tune it, backtests try variants with `--set`. */
export const IncidentParamsSchema = z.object({
  /** Detector score at or above which a point counts as anomalous. */
  scoreThreshold: z.number().min(0).max(1),
  /** Minutes of the rolling window that judges whether a series is above normal (sparse series need a few). */
  windowMinutes: z.number().int().min(1).max(60),
  /** Minimum posts in that window for an anomalous point to open an incident (guards sparse noise). */
  minCountToOpen: z.number().int().min(1),
  /**
   * Minimum posts in a window for a series to count as above normal at all (a usually silent topic's one stray post
   * is not a surge). A second channel corroborates a failure-topic surge only with `minCountToOpen` of its own.
   */
  minCountToCorroborate: z.number().int().min(1),
  /**
   * Poisson standard deviations by which a second channel's window must clear its usual count to corroborate. The hot
   * rule's 3 judges one series; an incident listens to every channel of each of its topics, minute after minute, and
   * one of them showing a 3σ flicker while it is open is to be expected, not a second source.
   */
  corroborationSigmas: z.number().min(0),
  /** Minimum observed / baseline ratio for a point to count as a surge. */
  minLift: z.number().min(1),
  /** Anomalous minutes needed within `openWindowMinutes` before an incident opens (grouping, not one alert per minute). */
  openAfterMinutes: z.number().int().min(1),
  openWindowMinutes: z.number().int().min(1),
  /** A window holding this many times `minCountToOpen` posts opens at once. */
  burstFactor: z.number().min(1),
  /** Observed / baseline ratio that makes a failure-topic surge "far above baseline" (P1 candidate) or "strong" (P2). */
  p1Lift: z.number().min(1),
  p2Lift: z.number().min(1),
  /** A failure-topic surge lasting this long (minutes) is P1 even from one channel. */
  sustainMinutes: z.number().int().min(1),
  /** Rise in negative share (absolute, 0..1) that is "sharp" (P2) across sources, or "unusual" (P3). */
  sharpNegativeShift: z.number().min(0).max(1),
  unusualNegativeShift: z.number().min(0).max(1),
  /** Minutes the series must stay back to normal before an incident resolves itself. */
  resolveQuietMinutes: z.number().int().min(1),
  /** Baselines of an incident's series stay frozen this long; after it they learn again, so a new normal ends it. */
  freezeMinutes: z.number().int().min(1),
  /** After resolution, no new incident for the same watchlist and signal family for this long. */
  cooldownMinutes: z.number().int().min(0),
  /** Minutes a series must have been observed before it may open anything. */
  warmupMinutes: z.number().int().min(0),
  /** Minutes a minute stays open for late posts after it ends, before it is closed and scored. */
  latenessMinutes: z.number().min(0).max(60),
  /** Closed points kept per series (the series chart and sustained checks read these). */
  historyMinutes: z.number().int().min(15),
  /** Recent posts kept per series family for evidence. */
  samplePerSeries: z.number().int().min(1),
  /** Posts kept per incident for its evidence card. */
  postsPerIncident: z.number().int().min(1),
  /**
   * Share of a new failure topic's recent posts that also name one of an open incident's topics for the topic to
   * join that incident: a breakdown's knock-on complaints ("can't log in, so my payment is stuck") are the same story.
   */
  joinCoTopicShare: z.number().min(0).max(1),
  /** Share of top rising terms two incidents must share (Jaccard) to merge without a shared topic. */
  mergeTermJaccard: z.number().min(0).max(1),
  /** Half-life (minutes) of the fallback baseline level when the detector offers no explanation. */
  baselineHalfLifeMinutes: z.number().min(1),
  /** Longest gap (minutes) filled with zero points when time jumps; beyond it series skip ahead. */
  maxGapMinutes: z.number().int().min(1),
});
export type IncidentParams = z.infer<typeof IncidentParamsSchema>;

/** Defaults tuned for per-minute social series (see the airline backtest in the report). */
export const DEFAULT_INCIDENT_PARAMS: IncidentParams = {
  scoreThreshold: 0.6,
  windowMinutes: 5,
  minCountToOpen: 5,
  minCountToCorroborate: 3,
  corroborationSigmas: 4,
  minLift: 2,
  openAfterMinutes: 2,
  openWindowMinutes: 10,
  burstFactor: 3,
  p1Lift: 4,
  p2Lift: 3,
  sustainMinutes: 15,
  sharpNegativeShift: 0.25,
  unusualNegativeShift: 0.1,
  resolveQuietMinutes: 30,
  cooldownMinutes: 30,
  freezeMinutes: 180,
  warmupMinutes: 180,
  latenessMinutes: 0.5,
  historyMinutes: 180,
  samplePerSeries: 100,
  postsPerIncident: 1000,
  joinCoTopicShare: 0.3,
  mergeTermJaccard: 0.3,
  baselineHalfLifeMinutes: 240,
  maxGapMinutes: 1440,
};

/** Merges overrides into the defaults and validates the result. */
export function resolveParams(overrides: Partial<IncidentParams> = {}): Result<IncidentParams> {
  const parsed = IncidentParamsSchema.safeParse({ ...DEFAULT_INCIDENT_PARAMS, ...overrides });
  if (!parsed.success) return err(appError('params.invalid', parsed.error.message));
  return ok(parsed.data);
}

/** Parses `key=value` settings (CLI `--set`) into validated overrides. */
export function parseParamSettings(settings: ReadonlyArray<string>): Result<Partial<IncidentParams>> {
  const out: Record<string, number> = {};
  for (const setting of settings) {
    const eq = setting.indexOf('=');
    const key = eq > 0 ? setting.slice(0, eq) : '';
    const value = Number(setting.slice(eq + 1));
    if (!Object.hasOwn(DEFAULT_INCIDENT_PARAMS, key))
      return err(appError('params.unknown', `unknown setting "${setting}"`));
    if (!Number.isFinite(value)) return err(appError('params.invalid', `"${setting}" needs a number`));
    out[key] = value;
  }
  const checked = IncidentParamsSchema.partial().safeParse(out);
  return checked.success ? ok(checked.data) : err(appError('params.invalid', checked.error.message));
}
