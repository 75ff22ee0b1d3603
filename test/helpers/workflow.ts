import type { Workflow } from '../../shared/workflow';

/** A workflow record nobody has acted on yet (state new, no SLA deadlines), with `over` applied. */
export function workflowRecord(over: Partial<Workflow> = {}): Workflow {
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
    sla: { acknowledgeBy: null, resolveBy: null, acknowledgeBreachedAt: null, resolveBreachedAt: null },
    audit: [],
    deliveries: [],
    ...over,
  };
}
