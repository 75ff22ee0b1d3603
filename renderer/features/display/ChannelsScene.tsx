import { useMemo } from 'react';
import { minuteOf, MINUTE_MS } from '../../../shared/series';
import { useWall } from '../../app/wall-context';
import { ChannelSpark } from '../../charts/ChannelSpark';
import { TEST_IDS } from '../../test-ids';
import { HEALTH_VIEW } from '../../theme/palette';
import { windowLabel } from '../drilldown/drill-query';
import { channelBadge } from '../feed/mention-view';
import { dataAge, formatNet } from '../kpi/kpi-view';
import { channelRows } from './channel-rows';
import { lastHour, type SceneProps } from './display-context';

/** Minutes of each channel's sparkline. */
const SPARK_MINUTES = 120;

/** Volume and sentiment by channel, each with its sources' health and data age; click a row for its posts. */
export function ChannelsScene({ data, cells, byChannel, now, linkLost, onDrill }: SceneProps) {
  const sources = useWall((s) => s.sources);
  const rows = useMemo(
    () => channelRows(byChannel, [...sources.values()], now, SPARK_MINUTES, data.series?.sourcesDown ?? []),
    [byChannel, data.series, sources, now],
  );
  const hubDown = useMemo(() => new Set(cells.filter((c) => c.state === 'gap').map((c) => c.minute)), [cells]);
  const from = minuteOf(now) - (SPARK_MINUTES - 1) * MINUTE_MS;
  const hour = lastHour(now);
  if (rows.length === 0) return <p className="scene-empty">No channel has reported yet.</p>;
  return (
    <ol className="channel-rows" aria-label="Channels">
      {rows.map((r) => {
        const age = dataAge(r.dataAt, now, linkLost);
        const stale = r.stale || age.stale;
        const name = channelBadge(r.channel).name;
        const net = r.lastHour.total === 0 ? null : (r.lastHour.positive - r.lastHour.negative) / r.lastHour.total;
        const view = r.health === null ? null : HEALTH_VIEW[r.health];
        return (
          <li
            key={r.channel}
            data-testid={TEST_IDS.channelRow}
            data-channel={r.channel}
            data-stale={stale ? 'true' : 'false'}
          >
            <button
              type="button"
              className="channel-row"
              onClick={() =>
                onDrill({ title: `${name} · ${windowLabel(hour.from, hour.to)}`, channels: [r.channel], ...hour })
              }
            >
              <span className="channel-name">
                {view && (
                  <span className="mark" data-tone={view.tone}>
                    {view.mark}
                  </span>
                )}{' '}
                {name}
              </span>
              <span className="channel-figure">
                {r.lastHour.total.toLocaleString()}
                <span className="kpi-unit">/h</span>
              </span>
              <span className="channel-figure">net {formatNet(net)}</span>
              <ChannelSpark
                label={`${name}, last two hours`}
                counts={r.counts}
                from={from}
                now={now}
                hubDown={r.down.size === 0 ? hubDown : new Set([...hubDown, ...r.down])}
                silentSince={stale ? r.dataAt : null}
              />
              <span className="tile-age" data-testid={TEST_IDS.tileAge}>
                {stale && <strong className="stale-badge">STALE · </strong>}
                {age.label}
              </span>
            </button>
          </li>
        );
      })}
    </ol>
  );
}
