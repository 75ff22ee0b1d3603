import { z } from 'zod';
import { SeriesPointSchema } from './series';
import { SourceKindSchema, type HealthState, type SourceHealth } from './source-health';

/**
 * What the executive display reads from the hub: the day's series broken down by channel and topic, the spans
 * when the hub was up (so an outage draws as a gap, never as zero), and the headline KPIs against their usual.
 */

/** How a breakdown series is keyed. */
export const BreakdownSchema = z.enum(['channel', 'topic']);
export type Breakdown = z.infer<typeof BreakdownSchema>;

/** One minute of one key (a channel or a failure topic): counts by sentiment. Sparse: absent means no posts. */
export const KeyedPointSchema = z.object({
  minute: z.number().int(),
  key: z.string(),
  total: z.number().int().nonnegative(),
  negative: z.number().int().nonnegative(),
  positive: z.number().int().nonnegative(),
});
export type KeyedPoint = z.infer<typeof KeyedPointSchema>;

/** A span of hub time (epoch ms, inclusive) when the hub was running and listening. */
export const UpSpanSchema = z.object({ from: z.number().int(), to: z.number().int() });
export type UpSpan = z.infer<typeof UpSpanSchema>;

/**
 * A span of hub time (epoch ms, inclusive) when one source was down: failing, refused its credentials or backing
 * off a rate limit, from its last good poll until it recovered. `to` is hub time now for a source still down.
 */
export const SourceDownSpanSchema = z.object({
  sourceId: z.string(),
  kind: SourceKindSchema,
  from: z.number().int(),
  to: z.number().int(),
});
export type SourceDownSpan = z.infer<typeof SourceDownSpanSchema>;

/** The health states in which a source hears nothing: failing, refused its credentials, backing off a rate limit. */
const SOURCE_DOWN_STATES: ReadonlySet<HealthState> = new Set<HealthState>(['failing', 'auth-error', 'rate-limited']);

/** True when a source in this health is down: what the hub's source history records and the display re-reads on. */
export const isSourceDown = (h: Pick<SourceHealth, 'state'>): boolean => SOURCE_DOWN_STATES.has(h.state);

/** Most minutes one `wall:series` may ask for (a day). */
export const MAX_WALL_MINUTES = 24 * 60;

/** The display's series for [from, to] (minute starts, inclusive). */
export const WallSeriesSchema = z.object({
  from: z.number().int(),
  to: z.number().int(),
  /** Across sources, one point per minute (zero-filled: read `up` to tell zero from no data). */
  points: z.array(SeriesPointSchema),
  byChannel: z.array(KeyedPointSchema),
  byTopic: z.array(KeyedPointSchema),
  /** When the hub was up within [from, to]; minutes outside every span with no posts are gaps. */
  up: z.array(UpSpanSchema),
  /**
   * When sources were down within [from, to] (optional so older hubs parse): a channel's minutes with no posts
   * while all its sources were down are gaps, and the all-sources series is partial there.
   */
  sourcesDown: z.array(SourceDownSpanSchema).optional(),
});
export type WallSeries = z.infer<typeof WallSeriesSchema>;

/** What "usual" was computed from: the same hour of the week in past weeks, else the same hour on past days. */
export const UsualBasisSchema = z.enum(['hour-of-week', 'hour-of-day']).nullable();
export type UsualBasis = z.infer<typeof UsualBasisSchema>;

/** The headline figures: the last hour against its usual value. */
export const WallKpisSchema = z.object({
  /** Hub time the figures are for. */
  now: z.number().int(),
  windowMinutes: z.number().int().positive(),
  /** Net sentiment (share positive − share negative) in [-1, 1]; null without posts. */
  net: z.object({ now: z.number().min(-1).max(1).nullable(), usual: z.number().min(-1).max(1).nullable() }),
  /** Mentions in the window, and the usual count for that window. */
  volume: z.object({ now: z.number().int().nonnegative(), usual: z.number().nonnegative().nullable() }),
  usualBasis: UsualBasisSchema,
  /** createdAt of the newest stored post: the figures' data age. */
  dataAt: z.number().int().nullable(),
});
export type WallKpis = z.infer<typeof WallKpisSchema>;
