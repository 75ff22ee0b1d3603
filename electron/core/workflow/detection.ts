import type { Incident } from '../../../shared/incident';
import { SEVERITIES } from '../../../shared/severity';
import type { Workflow } from '../../../shared/workflow';
import type { Transition } from '../escalation/port';
import { audited, HUB_ACTOR, impliedWorkflow, isUntouched, newWorkflow } from './record';
import { tightenSla, type SlaPolicy } from './sla';

/** What detection's latest view of an incident does to its workflow. */
export interface DetectionOutcome {
  readonly workflow: Workflow;
  /** What targets should hear of, in order. */
  readonly transitions: ReadonlyArray<Transition>;
}

/** Detection's view of one incident, with what was stored before it. */
export interface Detected {
  /** The incident as detection stored it last time (null: never seen). */
  readonly previous: Incident | null;
  /** Its workflow as stored (null: none yet). */
  readonly workflow: Workflow | null;
  /** The incident as detection sees it now. */
  readonly incident: Incident;
  readonly now: number;
  readonly policy: SlaPolicy;
}

const rank = (s: Incident['severity']): number => SEVERITIES.indexOf(s);

/**
 * Folds detection's news into the workflow without touching what people did: opening starts the record,
 * a raised severity tightens the SLA, and detection going quiet resolves the incident only when nobody
 * acted on it; otherwise the audit log records it so the wall can propose resolution. Pure.
 */
export function applyDetection(d: Detected): DetectionOutcome {
  const transitions: Transition[] = [];
  let wf = d.workflow ?? startingWorkflow(d, transitions);
  const before = d.previous?.severity;
  if (before !== undefined && rank(d.incident.severity) < rank(before) && wf.state !== 'resolved') {
    wf = { ...wf, sla: tightenSla(wf.sla, d.policy, d.incident.severity, d.now) };
    wf = audited(wf, d.now, HUB_ACTOR, 'detection:severity', `severity ${before} → ${d.incident.severity}`);
  }
  const closedNow = d.incident.state === 'resolved' && d.previous?.state !== 'resolved';
  if (closedNow && wf.state !== 'resolved') wf = closeQuiet(wf, d, transitions);
  return { workflow: wf, transitions };
}

function startingWorkflow(d: Detected, transitions: Transition[]): Workflow {
  if (d.previous !== null) return impliedWorkflow(d.previous, d.policy);
  transitions.push('opened');
  const wf = newWorkflow(d.incident, d.policy);
  const detail = `opened ${d.incident.severity}: ${d.incident.title}`;
  return audited(wf, d.incident.openedAt, HUB_ACTOR, 'detection:opened', detail);
}

function closeQuiet(wf: Workflow, d: Detected, transitions: Transition[]): Workflow {
  const into = d.incident.mergedInto ?? null;
  if (!isUntouched(wf)) {
    const detail =
      into === null
        ? 'detection went quiet: the series is back to usual; propose resolution'
        : `detection folded this incident into ${into}; propose a merge`;
    return audited(wf, d.now, HUB_ACTOR, 'detection:quiet', detail);
  }
  transitions.push('resolved');
  const note = into === null ? 'detection went quiet' : `detection folded it into ${into}`;
  const resolved: Workflow = {
    ...wf,
    state: 'resolved',
    resolvedAt: d.incident.resolvedAt ?? d.now,
    resolution: { kind: 'auto', by: HUB_ACTOR.name, note },
    mergedInto: into,
  };
  return audited(resolved, d.now, HUB_ACTOR, 'detection:resolved', `resolved automatically: ${note}`);
}
