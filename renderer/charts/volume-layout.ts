import { max } from 'd3-array';
import { scaleLinear, scaleTime } from 'd3-scale';
import { area, curveMonotoneX } from 'd3-shape';
import type { SeriesPoint } from '../../shared/series';
import { minuteOf } from '../../shared/series';

/** The chart shows this much hub time. */
export const VOLUME_WINDOW_MS = 2 * 60 * 60 * 1000;

/** Where the plot sits inside the SVG. */
export const VOLUME_MARGIN = { top: 8, right: 12, bottom: 24, left: 40 } as const;

/** An axis tick: its position and label. */
export interface Tick {
  readonly at: number;
  readonly label: string;
}

/** Everything React needs to draw the chart: paths and ticks, no DOM. */
export interface VolumeLayout {
  readonly totalPath: string;
  readonly negativePath: string;
  readonly xTicks: ReadonlyArray<Tick>;
  readonly yTicks: ReadonlyArray<Tick>;
  readonly plotWidth: number;
  readonly plotHeight: number;
  readonly latest: SeriesPoint | null;
}

/** What the chart is laid out from. */
export interface VolumeInput {
  readonly points: ReadonlyArray<SeriesPoint>;
  /** Hub time. */
  readonly now: number;
  readonly width: number;
  readonly height: number;
  /** Formats an x tick (injected: the wall shows local clock time). */
  readonly formatTime: (t: number) => string;
}

/** Fills minutes with no point as zero, from the first known minute in the window to `now`'s minute. */
export function denseMinutes(points: ReadonlyArray<SeriesPoint>, from: number, to: number): ReadonlyArray<SeriesPoint> {
  const byMinute = new Map(points.filter((p) => p.minute >= from && p.minute <= to).map((p) => [p.minute, p]));
  const first = Math.min(...byMinute.keys());
  if (!Number.isFinite(first)) return [];
  const out: SeriesPoint[] = [];
  for (let m = first; m <= to; m += 60_000)
    out.push(byMinute.get(m) ?? { minute: m, total: 0, negative: 0, positive: 0 });
  return out;
}

/** Lays out total and negative volume per minute over the last two hours of hub time (d3 computes, React draws). */
export function layoutVolume(input: VolumeInput): VolumeLayout {
  const plotWidth = Math.max(0, input.width - VOLUME_MARGIN.left - VOLUME_MARGIN.right);
  const plotHeight = Math.max(0, input.height - VOLUME_MARGIN.top - VOLUME_MARGIN.bottom);
  const end = minuteOf(input.now);
  const start = end - VOLUME_WINDOW_MS;
  const data = denseMinutes(input.points, start, end);
  const x = scaleTime().domain([start, end]).range([0, plotWidth]);
  const y = scaleLinear()
    .domain([0, Math.max(4, max(data, (d) => d.total) ?? 0)])
    .nice(4)
    .range([plotHeight, 0]);
  const shape = (value: (p: SeriesPoint) => number): string =>
    area<SeriesPoint>()
      .x((p) => x(p.minute))
      .y0(plotHeight)
      .y1((p) => y(value(p)))
      .curve(curveMonotoneX)(data) ?? '';
  return {
    totalPath: shape((p) => p.total),
    negativePath: shape((p) => p.negative),
    xTicks: x.ticks(plotWidth < 400 ? 4 : 8).map((t) => ({ at: x(t), label: input.formatTime(t.getTime()) })),
    yTicks: y.ticks(4).map((v) => ({ at: y(v), label: String(v) })),
    plotWidth,
    plotHeight,
    latest: data[data.length - 1] ?? null,
  };
}
