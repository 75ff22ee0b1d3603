import { memo, useMemo } from 'react';
import type { SeriesPoint } from '../../shared/series';
import { layoutVolume, VOLUME_MARGIN } from './volume-layout';

/** Props of the volume chart: data, hub time and the size measured by its container. */
export interface VolumeChartProps {
  readonly points: ReadonlyArray<SeriesPoint>;
  readonly now: number;
  readonly width: number;
  readonly height: number;
}

const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const formatTime = (t: number): string => clock.format(t);

/** Volume per minute, total with negative overlaid, last two hours. React owns the SVG; d3 only computes. */
export const VolumeChart = memo(function VolumeChart({ points, now, width, height }: VolumeChartProps) {
  const layout = useMemo(() => layoutVolume({ points, now, width, height, formatTime }), [points, now, width, height]);
  if (width === 0 || height === 0) return null;
  const latest = layout.latest;
  return (
    <svg
      width={width}
      height={height}
      role="img"
      aria-label={
        latest === null
          ? 'Volume per minute: no data yet'
          : `Volume per minute: latest ${latest.total} total, ${latest.negative} negative`
      }
    >
      <g transform={`translate(${VOLUME_MARGIN.left},${VOLUME_MARGIN.top})`}>
        {layout.yTicks.map((t) => (
          <g key={`y${t.label}`}>
            <line className="chart-grid" x1={0} x2={layout.plotWidth} y1={t.at} y2={t.at} />
            <text className="chart-axis" x={-6} y={t.at} dy="0.32em" textAnchor="end">
              {t.label}
            </text>
          </g>
        ))}
        <path className="chart-total" d={layout.totalPath} />
        <path className="chart-negative" d={layout.negativePath} />
        {layout.xTicks.map((t) => (
          <text
            key={`x${t.at}`}
            className="chart-axis"
            x={t.at}
            y={layout.plotHeight + 18}
            textAnchor={t.at > layout.plotWidth - 30 ? 'end' : t.at < 30 ? 'start' : 'middle'}
          >
            {t.label}
          </text>
        ))}
      </g>
    </svg>
  );
});
