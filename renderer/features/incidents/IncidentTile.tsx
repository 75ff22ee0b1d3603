import { useState } from 'react';
import type { Incident } from '../../../shared/incident';
import { useTransport } from '../../app/wall-context';
import { TEST_IDS } from '../../test-ids';
import { SEVERITY_MARK } from '../../theme/palette';
import { formatDuration } from '../feed/relative-time';
import { EvidenceCard } from './EvidenceCard';
import { EvidenceTimeline } from './EvidenceTimeline';
import { IncidentActions } from './IncidentActions';
import { saveBlob } from '../export/download';
import { AuditLog, DeliveryLog, HoldingReply, NotesList } from './WorkflowDetails';
import { slaView } from './workflow-view';

const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/** Props of one incident tile. */
export interface IncidentTileProps {
  readonly incident: Incident;
  /** Hub time. */
  readonly now: number;
  readonly expanded: boolean;
  readonly onToggle: (id: string) => void;
  /** True for the incident the triage keys (a, e, r, n) act on. */
  readonly isTarget: boolean;
  /** True when the hub sent an SLA breach event for it. */
  readonly breachReported: boolean;
  /** Other open incidents it could be merged into. */
  readonly mergeTargets: ReadonlyArray<Incident>;
  readonly onFocus: (id: string) => void;
}

function SlaTimer({ incident, now, reported }: { incident: Incident; now: number; reported: boolean }) {
  const view = slaView(incident, now, reported);
  if (view === null) return null;
  return (
    <span className="sla" data-testid={TEST_IDS.slaTimer} data-breached={view.breached} data-kind={view.kind}>
      {view.breached ? '⚠ ' : '◷ '}
      {view.label}
    </span>
  );
}

function Head(props: IncidentTileProps) {
  const { incident, now, expanded } = props;
  const w = incident.workflow;
  const until = incident.resolvedAt ?? now;
  const snoozed = w?.snooze != null && w.snooze.until > now ? w.snooze : null;
  return (
    <div className="incident-head">
      <span className="sev" data-severity={incident.severity}>
        {SEVERITY_MARK[incident.severity]} {incident.severity}
      </span>
      <span className="incident-title">{incident.title}</span>
      <span className="chip" data-testid={TEST_IDS.incidentState}>
        {w?.state ?? incident.state}
      </span>
      <span className="muted">
        {incident.state === 'resolved' ? 'lasted' : 'open for'} {formatDuration(until - incident.openedAt)}
      </span>
      <span className="muted">{incident.channels.join(', ')}</span>
      {w !== undefined && (
        <span data-testid={TEST_IDS.incidentOwner}>{w.owner === null ? 'no owner' : `owner ${w.owner}`}</span>
      )}
      {snoozed !== null && (
        <span className="muted">
          snoozed until {clock.format(snoozed.until)}: {snoozed.reason}
        </span>
      )}
      {w !== undefined && w.flaggedPosts.length > 0 && (
        <span className="muted">
          {w.flaggedPosts.length} {w.flaggedPosts.length === 1 ? 'post' : 'posts'} flagged
        </span>
      )}
      <SlaTimer incident={incident} now={now} reported={props.breachReported} />
      {props.isTarget && (
        <span className="target-mark" data-testid={TEST_IDS.incidentTarget} title="The keys a, e, r, n act here">
          ◀ keys
        </span>
      )}
      <button
        type="button"
        aria-expanded={expanded}
        onClick={() => props.onToggle(incident.id)}
        style={{ marginLeft: 'auto' }}
      >
        {expanded ? 'Hide evidence' : 'Evidence'}
      </button>
    </div>
  );
}

/** One incident: head (state, owner, SLA), workflow actions, holding reply, notes, and on demand its evidence and logs. */
export function IncidentTile(props: IncidentTileProps) {
  const { incident, now, expanded } = props;
  const w = incident.workflow;
  return (
    <article
      className="incident"
      data-severity={incident.severity}
      data-target={props.isTarget}
      data-testid={TEST_IDS.incidentTile}
      data-incident-id={incident.id}
      onClick={() => props.onFocus(incident.id)}
    >
      <Head {...props} />
      <IncidentActions incident={incident} mergeTargets={props.mergeTargets} />
      {w?.holdingReply != null && w.holdingReply !== '' && <HoldingReply text={w.holdingReply} />}
      {w?.resolution != null && (
        <div className="muted">
          {w.resolution.kind === 'false-alarm' ? 'Resolved as a false alarm' : `Resolved (${w.resolution.kind})`} by{' '}
          {w.resolution.by}
          {w.resolution.note !== '' && `: ${w.resolution.note}`}
        </div>
      )}
      {w !== undefined && <NotesList notes={w.notes} now={now} />}
      {expanded && (
        <EvidenceTimeline
          timeline={incident.evidence.timeline}
          startedAt={incident.evidence.startedAt}
          series={incident.evidence.series}
        />
      )}
      {expanded && <EvidenceCard evidence={incident.evidence} now={now} />}
      {expanded && w !== undefined && <DeliveryLog deliveries={w.deliveries} now={now} />}
      {expanded && w !== undefined && <AuditLog audit={w.audit} />}
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
    saveBlob(result.value.filename, new Blob([result.value.content], { type: 'application/json' }));
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
