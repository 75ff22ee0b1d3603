import { memo, useMemo, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useElementSize } from '../../charts/use-element-size';
import type { EvidenceCard } from '../../../shared/incident';
import { TEST_IDS } from '../../test-ids';
import { layoutTimeline, nearestIndex, TIMELINE_MARGIN, type TimelinePoint } from './timeline-layout';
import './timeline.css';

const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const formatTime = (t: number): string => clock.format(t);
const rate = (n: number): string => `${n.toFixed(n < 10 ? 1 : 0)}/min`;

/** Props of the drawn timeline: the card's points, where the incident started and the measured size. */
export interface TimelineChartProps {
  readonly points: ReadonlyArray<TimelinePoint>;
  readonly startedAt: number;
  readonly series: string;
  readonly width: number;
  readonly height: number;
}

/** The summary a screen reader hears, and the chart's accessible name. */
export function timelineSummary(points: ReadonlyArray<TimelinePoint>, series: string): string {
  const peak = points.reduce<TimelinePoint | null>((a, p) => (a === null || p.observed > a.observed ? p : a), null);
  if (peak === null) return `Observed vs usual on ${series}: no minutes recorded`;
  return `Observed vs usual on ${series} over ${points.length} minutes: peak ${rate(peak.observed)} at ${formatTime(peak.minute)} against ${rate(peak.baseline)} usual`;
}

/** Observed (line) against baseline (dashed) per minute, the excess shaded, hover or arrow keys for a minute's values. */
export const TimelineChart = memo(function TimelineChart(props: TimelineChartProps) {
  const { points, startedAt, width, height } = props;
  const layout = useMemo(
    () => layoutTimeline({ points, startedAt, width, height, formatTime }),
    [points, startedAt, width, height],
  );
  const [hover, setHover] = useState<number | null>(null);
  if (width === 0 || height === 0) return null;
  const onMove = (e: PointerEvent<SVGSVGElement>): void => {
    const box = e.currentTarget.getBoundingClientRect();
    setHover(nearestIndex(layout.xs, e.clientX - box.left - TIMELINE_MARGIN.left));
  };
  const onKey = (e: KeyboardEvent<SVGSVGElement>): void => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0 || points.length === 0) return;
    e.preventDefault();
    setHover((h) => Math.min(points.length - 1, Math.max(0, (h ?? (step > 0 ? -1 : points.length)) + step)));
  };
  const point = hover === null ? undefined : points[hover];
  const px = hover === null ? undefined : layout.xs[hover];
  return (
    <div className="timeline-frame">
      <svg
        width={width}
        height={height}
        role="img"
        tabIndex={0}
        aria-label={timelineSummary(points, props.series)}
        onPointerMove={onMove}
        onPointerLeave={() => setHover(null)}
        onKeyDown={onKey}
        onBlur={() => setHover(null)}
      >
        <g transform={`translate(${TIMELINE_MARGIN.left},${TIMELINE_MARGIN.top})`}>
          {layout.yTicks.map((t) => (
            <g key={`y${t.label}`}>
              <line className="chart-grid" x1={0} x2={layout.plotWidth} y1={t.at} y2={t.at} />
              <text className="chart-axis" x={-6} y={t.at} dy="0.32em" textAnchor="end">
                {t.label}
              </text>
            </g>
          ))}
          <path className="timeline-excess" d={layout.excessPath} />
          <path className="timeline-baseline" d={layout.baselinePath} data-testid={TEST_IDS.timelineBaseline} />
          <path className="timeline-observed" d={layout.observedPath} data-testid={TEST_IDS.timelineObserved} />
          {layout.startX !== null && (
            <line className="timeline-start" x1={layout.startX} x2={layout.startX} y1={0} y2={layout.plotHeight} />
          )}
          {layout.xTicks.map((t) => (
            <text key={`x${t.at}`} className="chart-axis" x={t.at} y={layout.plotHeight + 16} textAnchor="middle">
              {t.label}
            </text>
          ))}
          {point !== undefined && px !== undefined && (
            <g className="timeline-hover">
              <line x1={px} x2={px} y1={0} y2={layout.plotHeight} />
              <circle cx={px} cy={layout.yOf(point.observed)} r={3.5} />
            </g>
          )}
        </g>
      </svg>
      {point !== undefined && px !== undefined && (
        <div
          className="timeline-tooltip"
          role="status"
          data-testid={TEST_IDS.timelineTooltip}
          style={{ left: Math.min(px + TIMELINE_MARGIN.left + 8, Math.max(0, width - 150)) }}
        >
          <strong>{formatTime(point.minute)}</strong> observed {rate(point.observed)} · usual {rate(point.baseline)}
        </div>
      )}
    </div>
  );
});

/**
 * The evidence card's observed-vs-baseline timeline, drawn (its own file: EvidenceCard's text lines change
 * separately). Sized by its container; says so when the card carries no timeline (cards made before it existed).
 */
export function EvidenceTimeline(props: {
  readonly timeline: EvidenceCard['timeline'];
  readonly startedAt: number;
  readonly series: string;
}) {
  const [ref, size] = useElementSize<HTMLDivElement>();
  const points = props.timeline ?? [];
  return (
    <figure className="evidence-timeline" data-testid={TEST_IDS.evidenceTimeline}>
      <figcaption>
        Observed <span className="timeline-key-observed" aria-hidden="true" /> vs usual{' '}
        <span className="timeline-key-baseline" aria-hidden="true" /> per minute on {props.series}
      </figcaption>
      <div ref={ref} className="timeline-box" data-empty={points.length === 0}>
        {points.length === 0 ? (
          <p className="muted">This card carries no per-minute timeline.</p>
        ) : (
          <TimelineChart
            points={points}
            startedAt={props.startedAt}
            series={props.series}
            width={size.width}
            height={Math.min(size.height, 180)}
          />
        )}
      </div>
    </figure>
  );
}
