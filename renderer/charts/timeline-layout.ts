import { max } from 'd3-array';
import { scaleLinear, scaleTime } from 'd3-scale';
import { curveMonotoneX, line } from 'd3-shape';
import { MINUTE_MS } from '../../shared/series';
import type { MinuteCell } from '../features/display/day-series';
import { timeTicks } from './time-ticks';
import type { Tick } from './volume-layout';

/** Where the plot sits inside the timeline's SVG (room for large axis labels). */
export const TIMELINE_MARGIN = { top: 16, right: 72, bottom: 40, left: 72 } as const;

/** A few minutes folded into one bar: what the timeline draws, hovers and drills into. */
export interface Bucket {
  readonly from: number;
  /** Exclusive end (epoch ms). */
  readonly to: number;
  readonly total: number;
  readonly positive: number;
  readonly negative: number;
  /** Net sentiment (share positive − share negative), null without posts. */
  readonly net: number | null;
  /** Every minute in it was a gap: nothing is known, so nothing is drawn but the gap mark. */
  readonly gap: boolean;
  /** Not a gap, but some source was down in it: the bar counts only the sources that were listening. */
  readonly partial: boolean;
  readonly x: number;
  readonly width: number;
  /** Bar top (volume scale). */
  readonly y: number;
}

/** What React draws: bars, gap marks, the net sentiment line, axes. No DOM. */
export interface TimelineLayout {
  readonly buckets: ReadonlyArray<Bucket>;
  /** Runs of consecutive gap buckets, each drawn as one hatched block. */
  readonly gaps: ReadonlyArray<GapRun>;
  /** Runs of consecutive partial buckets, each marked by one band over the plot. */
  readonly partials: ReadonlyArray<GapRun>;
  readonly netPath: string;
  readonly zeroY: number;
  readonly xTicks: ReadonlyArray<Tick>;
  readonly netTicks: ReadonlyArray<Tick>;
  readonly volumeTicks: ReadonlyArray<Tick>;
  readonly plotWidth: number;
  readonly plotHeight: number;
}

/** Consecutive buckets with no data: from `from` to `to` (epoch ms), at plot x `x` over `width`. */
export interface GapRun {
  readonly from: number;
  readonly to: number;
  readonly x: number;
  readonly width: number;
}

/** Joins consecutive gap buckets (or those `pick` chooses) into runs (pure). */
export function gapRuns(buckets: ReadonlyArray<Bucket>, pick: (b: Bucket) => boolean = (b) => b.gap): GapRun[] {
  const runs: GapRun[] = [];
  for (const b of buckets) {
    if (!pick(b)) continue;
    const last = runs[runs.length - 1];
    if (last !== undefined && last.to === b.from)
      runs[runs.length - 1] = { ...last, to: b.to, width: b.x + b.width + 1 - last.x };
    else runs.push({ from: b.from, to: b.to, x: b.x, width: b.width + 1 });
  }
  return runs;
}

/** What the timeline is laid out from. */
export interface TimelineInput {
  readonly cells: ReadonlyArray<MinuteCell>;
  readonly width: number;
  readonly height: number;
  readonly formatTime: (t: number) => string;
}

/** Folds minutes into buckets of `size` minutes, aligned to the first cell (pure). */
export function bucketCells(cells: ReadonlyArray<MinuteCell>, size: number): Omit<Bucket, 'x' | 'width' | 'y'>[] {
  const out: Omit<Bucket, 'x' | 'width' | 'y'>[] = [];
  for (let i = 0; i < cells.length; i += size) {
    const group = cells.slice(i, i + size);
    const first = group[0];
    if (first === undefined) break;
    const total = group.reduce((a, c) => a + c.total, 0);
    const positive = group.reduce((a, c) => a + c.positive, 0);
    const negative = group.reduce((a, c) => a + c.negative, 0);
    const gap = group.every((c) => c.state === 'gap');
    out.push({
      from: first.minute,
      to: first.minute + group.length * MINUTE_MS,
      total,
      positive,
      negative,
      net: total === 0 ? null : (positive - negative) / total,
      gap,
      partial: !gap && group.some((c) => c.partial === true),
    });
  }
  return out;
}

/** About one bar per 8 px, in whole minutes. */
const bucketSize = (minutes: number, plotWidth: number): number =>
  Math.max(1, Math.ceil(minutes / Math.max(1, plotWidth / 8)));

/** Lays out volume bars, gap marks and the net sentiment line (d3 computes, React draws). */
export function layoutTimeline(input: TimelineInput): TimelineLayout {
  const plotWidth = Math.max(0, input.width - TIMELINE_MARGIN.left - TIMELINE_MARGIN.right);
  const plotHeight = Math.max(0, input.height - TIMELINE_MARGIN.top - TIMELINE_MARGIN.bottom);
  const raw = bucketCells(input.cells, bucketSize(input.cells.length, plotWidth));
  const start = raw[0]?.from ?? 0;
  const end = raw[raw.length - 1]?.to ?? start + MINUTE_MS;
  const x = scaleTime().domain([start, end]).range([0, plotWidth]);
  const volume = scaleLinear()
    .domain([0, Math.max(4, max(raw, (b) => b.total) ?? 0)])
    .nice(4)
    .range([plotHeight, 0]);
  const net = scaleLinear().domain([-1, 1]).range([plotHeight, 0]);
  const buckets = raw.map((b): Bucket => ({
    ...b,
    x: x(b.from),
    width: Math.max(1, x(b.to) - x(b.from) - 1),
    y: volume(b.total),
  }));
  const netPath =
    line<Bucket>()
      .defined((b) => b.net !== null)
      .x((b) => b.x + b.width / 2)
      .y((b) => net(b.net ?? 0))
      .curve(curveMonotoneX)(buckets) ?? '';
  return {
    buckets,
    gaps: gapRuns(buckets),
    partials: gapRuns(buckets, (b) => b.partial),
    netPath,
    zeroY: net(0),
    xTicks: timeTicks(start, end, Math.max(2, Math.floor(plotWidth / 180)), input.formatTime).map((t) => ({
      at: x(t.t),
      label: t.label,
    })),
    netTicks: [-1, -0.5, 0, 0.5, 1].map((v) => ({ at: net(v), label: v > 0 ? `+${v * 100}` : String(v * 100) })),
    volumeTicks: volume.ticks(4).map((v) => ({ at: volume(v), label: String(v) })),
    plotWidth,
    plotHeight,
  };
}

/** The bucket under plot x `px`, or null (for the tooltip and the click). */
export function bucketAt(layout: TimelineLayout, px: number): Bucket | null {
  for (const b of layout.buckets) if (px >= b.x && px < b.x + b.width + 1) return b;
  return null;
}
