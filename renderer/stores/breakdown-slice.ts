import type { Breakdown, KeyedPoint } from '../../shared/wall';

/**
 * The display's live breakdowns keep this much hub time (what its channel and topic scenes look back over) and at
 * most this many points each.
 */
export const BREAKDOWN_KEEP_MS = 3 * 60 * 60 * 1000;
export const BREAKDOWN_MAX_POINTS = 10_000;

/** One breakdown's live points, keyed `minute|key` (latest wins). */
export type KeyedPoints = ReadonlyMap<string, KeyedPoint>;

/**
 * Per-minute counts by channel and by failure topic as `series:update` deltas carry them: the display overlays
 * them on the series it fetched once, so its channel and topic scenes move with each batch, not with a refresh.
 */
export interface BreakdownSlice {
  readonly breakdown: Readonly<Record<Breakdown, KeyedPoints>>;
}

/** Initial breakdown state. */
export const initialBreakdown = (): BreakdownSlice => ({ breakdown: { channel: new Map(), topic: new Map() } });

/** The map key of a keyed point. */
export const keyedId = (p: Pick<KeyedPoint, 'minute' | 'key'>): string => `${p.minute}|${p.key}`;

/**
 * Merges points (latest per minute and key wins) into a new map, dropping minutes older than the keep window at
 * `now`, then the oldest minutes past the count cap (pure).
 */
export function mergeKeyed(points: KeyedPoints, added: Iterable<KeyedPoint>, now: number): KeyedPoints {
  const cutoff = now - BREAKDOWN_KEEP_MS;
  const next = new Map<string, KeyedPoint>();
  for (const [id, p] of points) if (p.minute >= cutoff) next.set(id, p);
  for (const p of added) if (p.minute >= cutoff) next.set(keyedId(p), p);
  if (next.size <= BREAKDOWN_MAX_POINTS) return next;
  const newest = [...next.values()].sort((a, b) => b.minute - a.minute).slice(0, BREAKDOWN_MAX_POINTS);
  return new Map(newest.map((p) => [keyedId(p), p]));
}
