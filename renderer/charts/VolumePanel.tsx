import { useMemo } from 'react';
import { useWallDeferred } from '../app/use-wall-deferred';
import { seriesInOrder } from '../stores/series-slice';
import { TEST_IDS } from '../test-ids';
import { useElementSize } from './use-element-size';
import { VolumeChart } from './VolumeChart';

/** The volume panel: legend, latest figures and the chart sized to its box. */
export function VolumePanel() {
  const series = useWallDeferred((s) => s.series);
  const now = useWallDeferred((s) => s.hub.now);
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
