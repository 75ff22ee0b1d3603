import type { Incident } from '../../../shared/incident';
import type { Measures } from '../../../shared/workflow';
import { SEVERITY_MARK } from '../../theme/palette';
import { formatDuration } from '../feed/relative-time';
import { windowLabel } from '../drilldown/drill-query';
import { KpiTile } from '../kpi/KpiTile';
import { dataAge, formatNet, netVsUsual, volumeVsUsual } from '../kpi/kpi-view';
import { formatMean } from '../measures/measures-view';
import { lastHour, type SceneProps } from './display-context';

/** Mean of per-severity means weighted by incidents opened; null when none. */
function overallMean(
  measures: Measures | null,
  pick: (m: Measures['bySeverity'][number]) => number | null,
): number | null {
  if (measures === null) return null;
  let sum = 0;
  let weight = 0;
  for (const m of measures.bySeverity) {
    const v = pick(m);
    if (v === null) continue;
    sum += v * Math.max(1, m.opened);
    weight += Math.max(1, m.opened);
  }
  return weight === 0 ? null : sum / weight;
}

function IncidentLines({ open, now }: { readonly open: ReadonlyArray<Incident>; readonly now: number }) {
  if (open.length === 0) return <>nothing open</>;
  const bySeverity = (['P1', 'P2', 'P3', 'P4'] as const)
    .map((sev) => ({ sev, n: open.filter((i) => i.severity === sev).length }))
    .filter((x) => x.n > 0);
  const oldest = open[0];
  return (
    <>
      {bySeverity.map((x) => (
        <span key={x.sev} className="sev" data-severity={x.sev}>
          {SEVERITY_MARK[x.sev]} {x.sev} {x.n}{' '}
        </span>
      ))}
      {oldest && (
        <span className="kpi-line">
          {oldest.title} · open {formatDuration(now - oldest.openedAt)} · {oldest.workflow?.owner ?? 'no owner yet'}
        </span>
      )}
    </>
  );
}

/** The overview: net sentiment and volume against usual, open incidents, MTTA/MTTR today. */
export function OverviewScene({ data, incidents, now, linkLost, dataAt, onDrill }: SceneProps) {
  const k = data.kpis;
  const age = dataAge(dataAt ?? k?.dataAt ?? null, now, linkLost);
  const hour = lastHour(now);
  const netNow = k?.net.now ?? null;
  const netUsual = k?.net.usual ?? null;
  const worse = netNow !== null && netUsual !== null && netNow < netUsual - 0.15;
  const mtta = overallMean(data.measures, (m) => m.mttaMs);
  const mttr = overallMean(data.measures, (m) => m.mttrMs);
  const opened = data.measures?.bySeverity.reduce((a, m) => a + m.opened, 0) ?? 0;
  const live = { label: linkLost ? 'hub lost: frozen' : 'live', stale: linkLost };
  return (
    <div className="scene-grid kpis">
      <KpiTile
        kpi="net-sentiment"
        title="Net sentiment · last hour"
        figure={formatNet(netNow)}
        detail={netVsUsual(netNow, netUsual)}
        tone={worse ? 'bad' : 'neutral'}
        age={age}
        onDrill={() => onDrill({ title: `All posts · ${windowLabel(hour.from, hour.to)}`, ...hour })}
      />
      <KpiTile
        kpi="volume"
        title="Mentions · last hour"
        figure={(k?.volume.now ?? 0).toLocaleString()}
        detail={volumeVsUsual(k?.volume.now ?? 0, k?.volume.usual ?? null)}
        age={age}
        onDrill={() => onDrill({ title: `All posts · ${windowLabel(hour.from, hour.to)}`, ...hour })}
      />
      <KpiTile
        kpi="open-incidents"
        title="Open incidents"
        figure={String(incidents.length)}
        tone={incidents.some((i) => i.severity === 'P1') ? 'bad' : incidents.length > 0 ? 'warn' : 'good'}
        detail={<IncidentLines open={incidents} now={now} />}
        age={live}
      />
      <KpiTile
        kpi="response"
        title="MTTA / MTTR today"
        figure={`${formatMean(mtta)} / ${formatMean(mttr)}`}
        detail={`${opened} incident${opened === 1 ? '' : 's'} opened today`}
        age={data.measures === null ? { label: 'loading…', stale: linkLost } : live}
      />
    </div>
  );
}
