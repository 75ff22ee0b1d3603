import { useEffect, useState } from 'react';
import type { Measures } from '../../../shared/workflow';
import { useTransport, useWall, useWallStore } from '../../app/wall-context';
import { TEST_IDS } from '../../test-ids';
import { SEVERITY_MARK } from '../../theme/palette';
import { formatDuration } from '../feed/relative-time';
import { formatMean, measuresKey, startOfDay } from './measures-view';

type Load = { readonly measures: Measures | null; readonly error: string | null };

/** Fetches today's measures (hub time) once connected and whenever `key` changes; keeps the last good answer on failure. */
function useMeasures(key: string, connected: boolean): Load {
  const transport = useTransport();
  const store = useWallStore();
  const [load, setLoad] = useState<Load>({ measures: null, error: null });
  useEffect(() => {
    let live = true;
    if (!connected) return;
    const now = store.getState().hub.now;
    // No `to`: the hub counts up to its own now (the wall's copy of hub time can lag it by a tick).
    void transport.invoke('incidents:measures', { from: startOfDay(now) }).then((result) => {
      if (!live) return;
      setLoad((prev) =>
        result.ok ? { measures: result.value, error: null } : { measures: prev.measures, error: result.error.message },
      );
    });
    return () => {
      live = false;
    };
  }, [key, connected, transport, store]);
  return load;
}

function SeverityTable({ measures }: { readonly measures: Measures }) {
  return (
    <table className="measures">
      <thead>
        <tr>
          <th scope="col">Severity</th>
          <th scope="col">Opened</th>
          <th scope="col">MTTA</th>
          <th scope="col">MTTR</th>
          <th scope="col">SLA breaches</th>
        </tr>
      </thead>
      <tbody>
        {measures.bySeverity.map((m) => (
          <tr key={m.severity} data-testid={TEST_IDS.measuresRow} data-severity={m.severity}>
            <th scope="row" className="sev" data-severity={m.severity}>
              {SEVERITY_MARK[m.severity]} {m.severity}
            </th>
            <td>{m.opened}</td>
            <td data-measure="mtta">{formatMean(m.mttaMs)}</td>
            <td data-measure="mttr">{formatMean(m.mttrMs)}</td>
            <td>{m.slaBreaches}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function OpenByAge({ measures }: { readonly measures: Measures }) {
  const incidents = useWall((s) => s.incidents);
  if (measures.openByAge.length === 0) return <p className="muted">No open incidents.</p>;
  return (
    <ol className="open-by-age" data-testid={TEST_IDS.openByAge} aria-label="Open incidents by age">
      {measures.openByAge.slice(0, 5).map((o) => (
        <li key={o.id}>
          <span className="sev" data-severity={o.severity}>
            {o.severity}
          </span>{' '}
          {incidents.get(o.id)?.title ?? o.id} · open {formatDuration(o.ageMs)}
        </li>
      ))}
    </ol>
  );
}

function RecentBreaches() {
  const breaches = useWall((s) => s.breaches);
  const incidents = useWall((s) => s.incidents);
  if (breaches.length === 0) return null;
  return (
    <ul className="recent-breaches" data-testid={TEST_IDS.recentBreaches} aria-label="Recent SLA breaches">
      {breaches.slice(0, 3).map((b) => (
        <li key={`${b.incidentId}-${b.kind}`}>
          ⚠ {incidents.get(b.incidentId)?.title ?? b.title ?? b.incidentId}: not{' '}
          {b.kind === 'acknowledge' ? 'acknowledged' : 'resolved'} in time
        </li>
      ))}
    </ul>
  );
}

/** Today's response measures (hub time): MTTA/MTTR per severity, open incidents by age, SLA breaches, false alarms. */
export function MeasuresPanel() {
  const key = useWall((s) => measuresKey(s.incidents, s.breaches.length));
  const connected = useWall((s) => s.ready && s.link.status === 'connected');
  const { measures, error } = useMeasures(key, connected);
  const falseAlarms = measures?.falseAlarmsByRule.filter((r) => r.falseAlarms > 0) ?? [];
  return (
    <section className="panel" aria-label="Response today" data-testid={TEST_IDS.measures}>
      <h2>Response today</h2>
      {error !== null && (
        <p className="muted" role="status">
          Measures unavailable: {error}
        </p>
      )}
      {measures === null && error === null && <p className="muted">Loading measures…</p>}
      {measures !== null && <SeverityTable measures={measures} />}
      {measures !== null && <OpenByAge measures={measures} />}
      <RecentBreaches />
      {falseAlarms.length > 0 && (
        <p className="muted">
          False alarms: {falseAlarms.map((r) => `${r.rule} ${r.falseAlarms}/${r.resolved}`).join(', ')}
        </p>
      )}
    </section>
  );
}
