import type { SeriesPoint } from '../../shared/series';

/** The volume series keeps this much hub time (the chart shows the last two hours). */
export const SERIES_KEEP_MS = 3 * 60 * 60 * 1000;

/** Per-minute volume across sources, keyed by minute start. */
export interface SeriesSlice {
  readonly series: ReadonlyMap<number, SeriesPoint>;
}

/** Initial series state. */
export const initialSeries = (): SeriesSlice => ({ series: new Map() });

/**
 * Merges points (latest per minute wins) and drops minutes older than the keep window at `now` (pure). Returns the
 * same map when nothing arrived and nothing aged out, so what draws the series does not redraw on every clock step.
 */
export function mergeSeries(
  series: ReadonlyMap<number, SeriesPoint>,
  points: Iterable<SeriesPoint>,
  now: number,
): ReadonlyMap<number, SeriesPoint> {
  const cutoff = now - SERIES_KEEP_MS;
  const incoming = [...points];
  if (incoming.length === 0 && ![...series.keys()].some((minute) => minute < cutoff)) return series;
  const next = new Map<number, SeriesPoint>();
  for (const [minute, p] of series) if (minute >= cutoff) next.set(minute, p);
  for (const p of incoming) if (p.minute >= cutoff) next.set(p.minute, p);
  return next;
}

/** The points in minute order. */
export const seriesInOrder = (series: ReadonlyMap<number, SeriesPoint>): ReadonlyArray<SeriesPoint> =>
  [...series.values()].sort((a, b) => a.minute - b.minute);
