import type { Incident } from '../../../shared/incident';
import { TEST_IDS } from '../../test-ids';
import { SEVERITY_MARK } from '../../theme/palette';
import { PostmortemButtons } from '../export/PostmortemButtons';
import { EvidenceCard } from './EvidenceCard';
import { EvidenceTimeline } from './EvidenceTimeline';
import { AuditLog, DeliveryLog } from './WorkflowDetails';
import { workflowState } from './workflow-view';

/**
 * The board's right-hand pane: the incident the triage keys act on, with its evidence drawn (timeline), the
 * evidence card (terms, posts, source mix, sentiment shift), the delivery log of its escalations, its audit
 * log and the post-mortem downloads.
 */
export function IncidentDetail(props: { readonly incident: Incident | null; readonly now: number }) {
  const { incident, now } = props;
  if (incident === null)
    return (
      <section className="panel board-detail" aria-label="Incident detail" data-testid={TEST_IDS.boardDetail}>
        <h2>Incident detail</h2>
        <p className="muted">No open incident. Pick one on the left (or [ and ]) to see its evidence.</p>
      </section>
    );
  const w = incident.workflow;
  return (
    <section
      className="panel board-detail"
      aria-label="Incident detail"
      data-testid={TEST_IDS.boardDetail}
      data-incident-id={incident.id}
    >
      <h2>Incident detail</h2>
      <div className="board-detail-head">
        <span className="sev" data-severity={incident.severity}>
          {SEVERITY_MARK[incident.severity]} {incident.severity}
        </span>
        <strong>{incident.title}</strong>
        <span className="chip">{workflowState(incident)}</span>
        {w !== undefined && <span>{w.owner === null ? 'no owner' : `owner ${w.owner}`}</span>}
      </div>
      <div className="board-detail-body">
        <EvidenceTimeline
          timeline={incident.evidence.timeline}
          startedAt={incident.evidence.startedAt}
          series={incident.evidence.series}
        />
        <EvidenceCard evidence={incident.evidence} now={now} />
        {w === undefined || w.deliveries.length === 0 ? (
          <p className="muted" data-testid={TEST_IDS.deliveryLog} data-empty="true">
            Deliveries: none yet (escalation targets are told when an incident opens, escalates or resolves, as routed).
          </p>
        ) : (
          <DeliveryLog deliveries={w.deliveries} now={now} />
        )}
        {w !== undefined && <AuditLog audit={w.audit} />}
        <PostmortemButtons incidentId={incident.id} />
      </div>
    </section>
  );
}
