import { bisector, max } from 'd3-array';
import { scaleLinear, scaleTime } from 'd3-scale';
import { area, line } from 'd3-shape';
import type { EvidenceCard } from '../../../shared/incident';
import { timeTicks } from '../../charts/time-ticks';

/** One minute of an evidence card's timeline: what was observed and what is usual for that minute. */
export type TimelinePoint = NonNullable<EvidenceCard['timeline']>[number];

/** Where the plot sits inside the timeline's SVG. */
export const TIMELINE_MARGIN = { top: 8, right: 12, bottom: 22, left: 36 } as const;

/** An axis tick: its position and label. */
export interface TimelineTick {
  readonly at: number;
  readonly label: string;
}

/** Everything React needs to draw the timeline (paths, ticks, the start marker): no DOM. */
export interface TimelineLayout {
  readonly plotWidth: number;
  readonly plotHeight: number;
  readonly observedPath: string;
  readonly baselinePath: string;
  /** The band between baseline and observed where observed is above it: the excess the detector saw. */
  readonly excessPath: string;
  readonly xTicks: ReadonlyArray<TimelineTick>;
  readonly yTicks: ReadonlyArray<TimelineTick>;
  /** Plot x of the incident's start, null when it lies outside the timeline. */
  readonly startX: number | null;
  /** Plot x of each point, in order (for hover lookup and markers). */
  readonly xs: ReadonlyArray<number>;
  /** Plot y of an observed or baseline value. */
  readonly yOf: (value: number) => number;
}

/** What the timeline is laid out from. */
export interface TimelineInput {
  readonly points: ReadonlyArray<TimelinePoint>;
  readonly startedAt: number;
  readonly width: number;
  readonly height: number;
  /** Formats an x tick (injected: the wall shows local clock time). */
  readonly formatTime: (t: number) => string;
}

/** Lays out observed vs baseline per minute (d3 computes scales and shapes; React draws). */
export function layoutTimeline(input: TimelineInput): TimelineLayout {
  const { points } = input;
  const plotWidth = Math.max(0, input.width - TIMELINE_MARGIN.left - TIMELINE_MARGIN.right);
  const plotHeight = Math.max(0, input.height - TIMELINE_MARGIN.top - TIMELINE_MARGIN.bottom);
  const first = points[0]?.minute ?? input.startedAt;
  const last = points.at(-1)?.minute ?? first;
  const end = Math.max(last, first + 60_000);
  const x = scaleTime().domain([first, end]).range([0, plotWidth]);
  const top = max(points, (p) => Math.max(p.observed, p.baseline)) ?? 0;
  const y = scaleLinear()
    .domain([0, Math.max(1, top)])
    .nice(4)
    .range([plotHeight, 0]);
  const xOf = (p: TimelinePoint): number => x(p.minute);
  const observed = line<TimelinePoint>()
    .x(xOf)
    .y((p) => y(p.observed));
  const baseline = line<TimelinePoint>()
    .x(xOf)
    .y((p) => y(p.baseline));
  const excess = area<TimelinePoint>()
    .x(xOf)
    .y0((p) => y(p.baseline))
    .y1((p) => y(Math.max(p.observed, p.baseline)));
  const inside = input.startedAt >= first && input.startedAt <= last;
  return {
    plotWidth,
    plotHeight,
    observedPath: observed(points) ?? '',
    baselinePath: baseline(points) ?? '',
    excessPath: excess(points) ?? '',
    // Whole minutes, each label once: a young incident's few minutes would otherwise repeat "10:04 10:04 10:05".
    xTicks: timeTicks(first, end, 4, input.formatTime).map((t) => ({ at: x(t.t), label: t.label })),
    yTicks: y.ticks(4).map((t) => ({ at: y(t), label: String(t) })),
    startX: inside ? x(input.startedAt) : null,
    xs: points.map(xOf),
    yOf: (value) => y(value),
  };
}

const byX = bisector<number, number>((d) => d);

/** The index of the point nearest plot x `px` (null for an empty timeline). */
export function nearestIndex(xs: ReadonlyArray<number>, px: number): number | null {
  if (xs.length === 0) return null;
  const i = byX.center(xs, px);
  return Math.min(xs.length - 1, Math.max(0, i));
}
