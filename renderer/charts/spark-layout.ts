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
  /** Minutes the hub, or every source of the channel, was down (from the day's cells and the down spans). */
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

/** A run of consecutive gap minutes, drawn as one rect. */
export interface SparkGapRun {
  /** The first minute of the run (a stable key). */
  readonly minute: number;
  readonly x: number;
  readonly width: number;
  readonly minutes: number;
}

/** A sparkline as a few SVG shapes: one path per series and one rect per run of gaps. */
export interface SparkShapes {
  /** Path data of every volume bar. */
  readonly total: string;
  /** Path data of every negative overlay. */
  readonly negative: string;
  readonly gaps: ReadonlyArray<SparkGapRun>;
}

const barPath = (x: number, top: number, width: number, height: number): string =>
  height > 0
    ? `M${x.toFixed(1)} ${top.toFixed(1)}h${width.toFixed(1)}v${height.toFixed(1)}h${(-width).toFixed(1)}Z`
    : '';

/**
 * Folds the bars into a few shapes (pure): a two-hour sparkline is then 3 elements or so instead of ~360, so a
 * scene with a row per channel mounts and restyles cheaply and a delta re-renders a few attributes, not hundreds.
 */
export function sparkShapes(bars: ReadonlyArray<SparkBar>, height: number): SparkShapes {
  const total: string[] = [];
  const negative: string[] = [];
  const gaps: SparkGapRun[] = [];
  for (const b of bars) {
    if (!b.gap) {
      total.push(barPath(b.x, b.y, b.width, b.height));
      negative.push(barPath(b.x, height - b.negativeHeight, b.width, b.negativeHeight));
      continue;
    }
    const last = gaps.at(-1);
    if (last !== undefined && last.minute + last.minutes * MINUTE_MS === b.minute)
      gaps[gaps.length - 1] = { ...last, width: b.x + b.width - last.x, minutes: last.minutes + 1 };
    else gaps.push({ minute: b.minute, x: b.x, width: b.width, minutes: 1 });
  }
  return { total: total.join(''), negative: negative.join(''), gaps };
}
