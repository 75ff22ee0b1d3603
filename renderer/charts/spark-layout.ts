import { scaleLinear } from 'd3-scale';
import { minuteOf, MINUTE_MS } from '../../shared/series';

/** One bar of a channel's sparkline, or a gap (no data: the hub or the source was down). */
export interface SparkBar {
  readonly minute: number;
  readonly x: number;
  readonly width: number;
  readonly y: number;
  readonly height: number;
  readonly negativeHeight: number;
  readonly gap: boolean;
}

/** What one sparkline is laid out from. */
export interface SparkInput {
  /** Per-minute counts of this channel (sparse). */
  readonly counts: ReadonlyMap<number, { readonly total: number; readonly negative: number }>;
  readonly from: number;
  readonly now: number;
  readonly width: number;
  readonly height: number;
  /** Minutes the hub was down (from the day's cells). */
  readonly hubDown: ReadonlySet<number>;
  /** When the channel's sources went quiet while stale: minutes from here on with no posts are gaps. */
  readonly silentSince: number | null;
}

/** Lays out a channel's sparkline: volume bars with negative overlaid; minutes with no data as gaps (pure). */
export function layoutSpark(input: SparkInput): SparkBar[] {
  const start = minuteOf(input.from);
  const end = minuteOf(input.now);
  const n = Math.max(1, (end - start) / MINUTE_MS + 1);
  const w = input.width / n;
  let peak = 4;
  for (const c of input.counts.values()) peak = Math.max(peak, c.total);
  const y = scaleLinear().domain([0, peak]).range([input.height, 0]);
  const bars: SparkBar[] = [];
  for (let m = start, i = 0; m <= end; m += MINUTE_MS, i += 1) {
    const c = input.counts.get(m);
    const total = c?.total ?? 0;
    const silent = input.silentSince !== null && m > minuteOf(input.silentSince);
    const gap = total === 0 && (input.hubDown.has(m) || silent);
    bars.push({
      minute: m,
      x: i * w,
      width: Math.max(1, w - 0.5),
      y: gap ? 0 : y(total),
      height: gap ? input.height : input.height - y(total),
      negativeHeight: gap ? 0 : input.height - y(c?.negative ?? 0),
      gap,
    });
  }
  return bars;
}
