import { memo, useMemo, useState, type MouseEvent } from 'react';
import type { MinuteCell } from '../features/display/day-series';
import { formatNet } from '../features/kpi/kpi-view';
import { TEST_IDS } from '../test-ids';
import { bucketAt, layoutTimeline, TIMELINE_MARGIN, type Bucket } from './timeline-layout';
import { useElementSize } from './use-element-size';

const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const formatTime = (t: number): string => clock.format(t);

/** Props of the day's sentiment timeline. */
export interface SentimentTimelineProps {
  readonly cells: ReadonlyArray<MinuteCell>;
  /** A bar or point was clicked: the posts of that bucket. */
  readonly onPick?: (bucket: Bucket) => void;
  readonly label: string;
}

interface ChartProps extends SentimentTimelineProps {
  readonly width: number;
  readonly height: number;
}

function tooltipText(b: Bucket): string {
  const when = `${formatTime(b.from)}–${formatTime(b.to)}`;
  if (b.gap) return `${when}: no data (hub or source down)`;
  const part = b.partial ? ' — partial: a source was down' : '';
  return `${when}: ${b.total} posts, net ${formatNet(b.net)} (${b.positive} positive, ${b.negative} negative)${part}`;
}

const Chart = memo(function Chart({ cells, width, height, onPick, label }: ChartProps) {
  const layout = useMemo(() => layoutTimeline({ cells, width, height, formatTime }), [cells, width, height]);
  const [hover, setHover] = useState<Bucket | null>(null);
  if (width === 0 || height === 0) return null;
  const at = (e: MouseEvent<SVGRectElement>): Bucket | null => {
    const box = e.currentTarget.getBoundingClientRect();
    return bucketAt(layout, e.clientX - box.left);
  };
  const gaps = layout.gaps.length;
  const partials = layout.partials.length;
  return (
    <svg
      width={width}
      height={height}
      role="img"
      aria-label={`${label}${gaps > 0 ? `, ${gaps} gaps with no data` : ''}${partials > 0 ? `, ${partials} partial while a source was down` : ''}`}
    >
      <defs>
        <pattern id="gap-hatch" width="10" height="10" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="10" height="10" className="gap-bg" />
          <line x1="0" y1="0" x2="0" y2="10" className="gap-line" />
        </pattern>
      </defs>
      <g transform={`translate(${TIMELINE_MARGIN.left},${TIMELINE_MARGIN.top})`}>
        {layout.netTicks.map((t) => (
          <g key={`n${t.label}`}>
            <line className="chart-grid" x1={0} x2={layout.plotWidth} y1={t.at} y2={t.at} />
            <text className="chart-axis display-axis" x={layout.plotWidth + 8} y={t.at} dy="0.32em">
              {t.label}
            </text>
          </g>
        ))}
        {layout.volumeTicks.map((t) => (
          <text key={`v${t.label}`} className="chart-axis display-axis" x={-8} y={t.at} dy="0.32em" textAnchor="end">
            {t.label}
          </text>
        ))}
        {layout.gaps.map((g) => (
          <rect
            key={`gap${g.from}`}
            className="chart-gap"
            data-testid={TEST_IDS.chartGap}
            data-from={g.from}
            data-to={g.to}
            x={g.x}
            y={0}
            width={g.width}
            height={layout.plotHeight}
            fill="url(#gap-hatch)"
          />
        ))}
        {layout.partials.map((p) => (
          <rect
            key={`partial${p.from}`}
            className="chart-partial"
            data-testid={TEST_IDS.chartPartial}
            data-from={p.from}
            data-to={p.to}
            x={p.x}
            y={0}
            width={p.width}
            height={layout.plotHeight}
          />
        ))}
        {layout.buckets.map((b) =>
          b.gap ? null : (
            <rect
              key={b.from}
              className={hover === b ? 'chart-bar hover' : 'chart-bar'}
              x={b.x}
              y={b.y}
              width={b.width}
              height={Math.max(0, layout.plotHeight - b.y)}
            />
          ),
        )}
        <line className="chart-zero" x1={0} x2={layout.plotWidth} y1={layout.zeroY} y2={layout.zeroY} />
        <path className="chart-net" d={layout.netPath} data-testid={TEST_IDS.netLine} />
        {layout.xTicks.map((t) => (
          <text
            key={`x${t.at}`}
            className="chart-axis display-axis"
            x={t.at}
            y={layout.plotHeight + 30}
            textAnchor="middle"
          >
            {t.label}
          </text>
        ))}
        <rect
          className="chart-hit"
          data-testid={TEST_IDS.chartHit}
          width={layout.plotWidth}
          height={layout.plotHeight}
          onMouseMove={(e) => setHover(at(e))}
          onMouseLeave={() => setHover(null)}
          onClick={(e) => {
            const b = at(e);
            if (b !== null && !b.gap) onPick?.(b);
          }}
        />
        {hover !== null && (
          <g className="chart-tooltip" data-testid={TEST_IDS.chartTooltip} pointerEvents="none">
            <text
              x={Math.min(hover.x, layout.plotWidth - 8)}
              y={-2}
              textAnchor={hover.x > layout.plotWidth / 2 ? 'end' : 'start'}
            >
              {tooltipText(hover)}
            </text>
          </g>
        )}
      </g>
    </svg>
  );
});

/** Volume bars and the net sentiment line over the day; outages drawn as hatched gaps; click a bar for its posts. */
export function SentimentTimeline(props: SentimentTimelineProps) {
  const [boxRef, size] = useElementSize<HTMLDivElement>();
  return (
    <div className="chart-box display-chart" ref={boxRef} data-testid={TEST_IDS.sentimentTimeline}>
      <Chart {...props} width={size.width} height={size.height} />
    </div>
  );
}
