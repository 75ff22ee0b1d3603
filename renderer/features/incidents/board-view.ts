import { SEVERITIES, type Incident, type Severity } from '../../../shared/incident';
import { WORKFLOW_STATES, type WorkflowState } from '../../../shared/workflow';
import { workflowState } from './workflow-view';

/** Counts of listed incidents per severity and workflow state: the board's summary grid. */
export interface BoardCounts {
  readonly cells: ReadonlyMap<`${Severity}:${WorkflowState}`, number>;
  readonly bySeverity: ReadonlyMap<Severity, number>;
  readonly breached: number;
}

/** Counts `incidents` (as listed: merged ones already left out) by severity × state, and SLA breaches among open ones. */
export function boardCounts(incidents: ReadonlyArray<Incident>, now: number): BoardCounts {
  const cells = new Map<`${Severity}:${WorkflowState}`, number>();
  const bySeverity = new Map<Severity, number>();
  let breached = 0;
  for (const i of incidents) {
    const state = workflowState(i);
    const key = `${i.severity}:${state}` as const;
    cells.set(key, (cells.get(key) ?? 0) + 1);
    if (state !== 'resolved') bySeverity.set(i.severity, (bySeverity.get(i.severity) ?? 0) + 1);
    const sla = i.workflow?.sla;
    if (state !== 'resolved' && sla !== undefined && isBreached(sla, i.workflow?.acknowledgedAt ?? null, now))
      breached += 1;
  }
  return { cells, bySeverity, breached };
}

function isBreached(
  sla: NonNullable<Incident['workflow']>['sla'],
  acknowledgedAt: number | null,
  now: number,
): boolean {
  if (sla.acknowledgeBreachedAt !== null || sla.resolveBreachedAt !== null) return true;
  const due = acknowledgedAt === null ? sla.acknowledgeBy : sla.resolveBy;
  return due !== null && due < now;
}

export { SEVERITIES, WORKFLOW_STATES };
