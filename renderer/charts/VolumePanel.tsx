import { useMemo } from 'react';
import { useWallDeferred } from '../app/use-wall-deferred';
import { minuteOf } from '../../shared/series';
import { seriesInOrder } from '../stores/series-slice';
import { TEST_IDS } from '../test-ids';
import { useElementSize } from './use-element-size';
import { VolumeChart } from './VolumeChart';

/** The volume panel: legend, latest figures and the chart sized to its box. */
export function VolumePanel() {
  const series = useWallDeferred((s) => s.series);
  // The chart ends at hub time's minute: read as that minute, it redraws when the minute turns, not every flush.
  const now = useWallDeferred((s) => minuteOf(s.hub.now));
  const points = useMemo(() => seriesInOrder(series), [series]);
  const [boxRef, size] = useElementSize<HTMLDivElement>();
  const latest = points[points.length - 1];
  return (
    <section className="panel" aria-label="Volume per minute" data-testid={TEST_IDS.volumeChart}>
      <h2>Volume per minute · last 2 h</h2>
      <div className="legend">
        <span>
          <span className="swatch" style={{ background: 'var(--chart-total-line)' }} />
          total {latest?.total ?? 0}/min
        </span>
        <span>
          <span className="swatch" style={{ background: 'var(--chart-negative)' }} />
          negative {latest?.negative ?? 0}/min
        </span>
      </div>
      <div className="chart-box" ref={boxRef}>
        <VolumeChart points={points} now={now} width={size.width} height={size.height} />
      </div>
    </section>
  );
}
