import { useMemo, useState } from 'react';
import type { Incident } from '../../../shared/incident';
import { useTransport, useWall } from '../../app/wall-context';
import { incidentsInOrder } from '../../stores/incidents-slice';
import { TEST_IDS } from '../../test-ids';
import { SEVERITY_MARK } from '../../theme/palette';
import { formatDuration } from '../feed/relative-time';
import { EvidenceCard } from './EvidenceCard';
import { saveTextFile } from './save-file';

function IncidentTile(props: {
  readonly incident: Incident;
  readonly now: number;
  readonly expanded: boolean;
  readonly onToggle: (id: string) => void;
}) {
  const { incident, now, expanded } = props;
  const until = incident.resolvedAt ?? now;
  return (
    <article className="incident" data-severity={incident.severity} data-testid={TEST_IDS.incidentTile}>
      <div className="incident-head">
        <span className="sev" data-severity={incident.severity}>
          {SEVERITY_MARK[incident.severity]} {incident.severity}
        </span>
        <span className="incident-title">{incident.title}</span>
        <span className="chip">{incident.state}</span>
        <span className="muted">
          {incident.state === 'resolved' ? 'lasted' : 'open for'} {formatDuration(until - incident.openedAt)}
        </span>
        <span className="muted">{incident.channels.join(', ')}</span>
        <button
          type="button"
          aria-expanded={expanded}
          onClick={() => props.onToggle(incident.id)}
          style={{ marginLeft: 'auto' }}
        >
          {expanded ? 'Hide evidence' : 'Evidence'}
        </button>
      </div>
      {expanded && <EvidenceCard evidence={incident.evidence} now={now} />}
      {expanded && <ExportButton incidentId={incident.id} />}
    </article>
  );
}

/** Asks the hub for the incident's export (any host: IPC or WebSocket) and saves it as a file. */
function ExportButton(props: { readonly incidentId: string }) {
  const transport = useTransport();
  const [error, setError] = useState<string | null>(null);
  const onExport = async (): Promise<void> => {
    const result = await transport.invoke('incident:export', { id: props.incidentId });
    if (!result.ok) return setError(result.error.message);
    setError(null);
    saveTextFile(result.value.filename, result.value.content, 'application/json');
  };
  return (
    <>
      <button
        type="button"
        className="link-button"
        onClick={() => void onExport()}
        data-testid={TEST_IDS.incidentExport}
      >
        Export evidence (JSON)
      </button>
      {error !== null && <span role="alert">Export failed: {error}</span>}
    </>
  );
}

/** Open incidents by severity, each with an expandable evidence card. */
export function IncidentsPanel() {
  const incidents = useWall((s) => s.incidents);
  const now = useWall((s) => s.hub.now);
  const expandedId = useWall((s) => s.expandedIncidentId);
  const toggle = useWall((s) => s.toggleEvidence);
  const list = useMemo(() => incidentsInOrder(incidents), [incidents]);
  const open = list.filter((i) => i.state !== 'resolved').length;
  return (
    <section className="panel" aria-label="Incidents" data-testid={TEST_IDS.incidents}>
      <h2>
        Incidents <span className="muted">· {open} open</span>
      </h2>
      <div className="incidents">
        {list.length === 0 && <p className="muted">No incidents. Breakdowns appear here with their evidence.</p>}
        {list.map((i) => (
          <IncidentTile key={i.id} incident={i} now={now} expanded={expandedId === i.id} onToggle={toggle} />
        ))}
      </div>
    </section>
  );
}
