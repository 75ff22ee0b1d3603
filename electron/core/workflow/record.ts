import type { Incident } from '../../../shared/incident';
import type { Actor, AuditEntry, Delivery, Workflow } from '../../../shared/workflow';
import { slaDeadlines, type SlaPolicy } from './sla';

/** The hub itself as an actor: detection, SLA timers and other hub events in the audit log. */
export const HUB_ACTOR: Actor = { id: 'hub', name: 'Earshot', role: 'admin', desk: 'hub' };

/** A fresh workflow for an incident detection just opened: new, nobody owns it, its SLA running. */
export function newWorkflow(incident: Incident, policy: SlaPolicy): Workflow {
  return {
    state: 'new',
    owner: null,
    acknowledgedAt: null,
    escalatedAt: null,
    resolvedAt: null,
    resolution: null,
    snooze: null,
    holdingReply: null,
    notes: [],
    flaggedPosts: [],
    mergedInto: null,
    sla: slaDeadlines(policy, incident.severity, incident.openedAt),
    audit: [],
    deliveries: [],
  };
}

/**
 * The workflow of an incident stored before workflows existed (or whose record was lost): what detection
 * knew. One detection already closed reads as resolved automatically; an open one as new.
 */
export function impliedWorkflow(incident: Incident, policy: SlaPolicy): Workflow {
  const fresh = newWorkflow(incident, policy);
  if (incident.state !== 'resolved') return fresh;
  return {
    ...fresh,
    state: 'resolved',
    resolvedAt: incident.resolvedAt ?? incident.updatedAt,
    resolution: { kind: 'auto', by: HUB_ACTOR.name, note: 'detection went quiet' },
    mergedInto: incident.mergedInto ?? null,
  };
}

/** `wf` with one more audit line. */
export function audited(wf: Workflow, at: number, actor: Actor, action: string, detail: string): Workflow {
  const entry: AuditEntry = { at, actor, action, detail };
  return { ...wf, audit: [...wf.audit, entry] };
}

/** True when nobody has done anything to the incident yet: still new, and only the hub in its audit log. */
export function isUntouched(wf: Workflow): boolean {
  return wf.state === 'new' && wf.audit.every((e) => e.actor.id === HUB_ACTOR.id);
}

/** The incident as clients see it: detection's fields with people's workflow (and its delivery log) merged in. */
export function withWorkflow(incident: Incident, wf: Workflow, deliveries: ReadonlyArray<Delivery> = []): Incident {
  const { workflow: _stale, ...detected } = incident;
  return { ...detected, workflow: { ...wf, deliveries: [...deliveries] } };
}
