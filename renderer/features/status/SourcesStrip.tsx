import { useMemo } from 'react';
import { useWall } from '../../app/wall-context';
import { freshness } from '../../stores/sources-slice';
import { TEST_IDS } from '../../test-ids';
import { HEALTH_VIEW } from '../../theme/palette';
import { formatDuration } from '../feed/relative-time';

/** One chip per source: state, items per minute, data age; stale data is marked STALE. */
export function SourcesStrip() {
  const sources = useWall((s) => s.sources);
  const now = useWall((s) => s.hub.now);
  const list = useMemo(() => [...sources.values()].sort((a, b) => a.label.localeCompare(b.label)), [sources]);
  return (
    <section className="sources-strip" aria-label="Sources health" data-testid={TEST_IDS.sourcesStrip}>
      {list.length === 0 && <span className="muted">No sources reported yet.</span>}
      {list.map((s) => {
        const view = HEALTH_VIEW[s.state];
        const fresh = freshness(s, now);
        return (
          <div
            key={s.sourceId}
            className="source-chip"
            data-testid={TEST_IDS.sourceChip}
            data-tone={view.tone}
            data-stale={fresh.stale}
            title={s.lastError ?? undefined}
          >
            <span className="mark">{view.mark}</span>
            <strong>{s.label}</strong>
            <span>{s.state}</span>
            <span className="muted">{s.itemsPerMinute.toFixed(1)}/min</span>
            <span className="muted">
              {fresh.ageMs === null ? 'no data yet' : `data ${formatDuration(fresh.ageMs)} old`}
            </span>
            {fresh.stale && <span className="stale-tag">STALE</span>}
          </div>
        );
      })}
    </section>
  );
}
