import type { Incident } from '../../../shared/incident';
import type { WorkflowState } from '../../../shared/workflow';
import { formatDuration } from '../feed/relative-time';

/** People's state of an incident; one from a hub without the workflow is read from detection's state. */
export function workflowState(incident: Incident): WorkflowState {
  if (incident.workflow !== undefined) return incident.workflow.state;
  return incident.state === 'open' ? 'new' : incident.state;
}

/** A countdown: "4m 05s" under an hour, else the compact duration ("1h 50m"). */
export function formatCountdown(ms: number): string {
  const s = Math.floor(Math.max(0, ms) / 1000);
  if (s >= 3600) return formatDuration(ms);
  return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
}

/** The SLA timer that runs now: acknowledge until acknowledged, then resolve; null when none applies. */
export interface SlaView {
  readonly kind: 'acknowledge' | 'resolve';
  /** Ms left until the deadline on the hub clock (negative once past). */
  readonly leftMs: number;
  readonly breached: boolean;
  readonly label: string;
}

/** What the SLA timer shows at hub time `now`; `reported` is true when the hub sent a breach event for it. */
export function slaView(incident: Incident, now: number, reported: boolean): SlaView | null {
  const w = incident.workflow;
  if (w === undefined || w.state === 'resolved') return null;
  const acked = w.acknowledgedAt !== null;
  const kind = acked ? 'resolve' : 'acknowledge';
  const due = acked ? w.sla.resolveBy : w.sla.acknowledgeBy;
  if (due === null) return null;
  const marked = acked ? w.sla.resolveBreachedAt !== null : w.sla.acknowledgeBreachedAt !== null;
  const leftMs = due - now;
  const breached = marked || reported || leftMs < 0;
  const verb = acked ? 'resolve' : 'ack';
  const label = breached
    ? `SLA breached: ${verb} overdue by ${formatCountdown(-leftMs)}`
    : `${verb} within ${formatCountdown(leftMs)}`;
  return { kind, leftMs, breached, label };
}
