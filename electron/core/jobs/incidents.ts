/**
 * The stored incidents as operators and scripts list them (`earshot incidents`): each with its severity,
 * the state people left it in, its owner and its times, read from a store with no hub running.
 */
import type { Incident, Severity } from '../../../shared/incident';
import type { WorkflowState } from '../../../shared/workflow';
import type { Store } from '../store/repository';
import { impliedWorkflow } from '../workflow/record';
import { DEFAULT_SLA } from '../workflow/sla';

/** One listed incident. Times are epoch ms (null: not yet). */
export interface IncidentRow {
  readonly id: string;
  readonly severity: Severity;
  /** The workflow state; a merged incident reads "merged". */
  readonly state: WorkflowState | 'merged';
  readonly owner: string | null;
  readonly openedAt: number;
  readonly acknowledgedAt: number | null;
  readonly resolvedAt: number | null;
  readonly title: string;
  readonly mergedInto: string | null;
  /** How it ended: fixed, false-alarm or auto (null while open). */
  readonly resolution: string | null;
}

/** What to list. */
export interface IncidentListOptions {
  /** Only incidents people have not resolved (merged ones excluded). */
  readonly openOnly?: boolean;
  readonly limit?: number;
}

/** Most incidents one listing reads. */
export const MAX_LISTED_INCIDENTS = 100_000;

/** Lists stored incidents, newest opened first, each with its workflow merged in. */
export async function listStoredIncidents(store: Store, options: IncidentListOptions = {}): Promise<IncidentRow[]> {
  const incidents = await store.listIncidents({ limit: options.limit ?? MAX_LISTED_INCIDENTS });
  const workflows = await store.getWorkflows(incidents.map((i) => i.id));
  const rows = incidents.map((i) => rowOf(i, workflows.get(i.id) ?? impliedWorkflow(i, DEFAULT_SLA)));
  return options.openOnly ? rows.filter((r) => r.state !== 'resolved' && r.state !== 'merged') : rows;
}

function rowOf(incident: Incident, wf: ReturnType<typeof impliedWorkflow>): IncidentRow {
  return {
    id: incident.id,
    severity: incident.severity,
    state: wf.mergedInto !== null ? 'merged' : wf.state,
    owner: wf.owner,
    openedAt: incident.openedAt,
    acknowledgedAt: wf.acknowledgedAt,
    resolvedAt: wf.resolvedAt,
    title: incident.title,
    mergedInto: wf.mergedInto,
    resolution: wf.resolution?.kind ?? null,
  };
}
