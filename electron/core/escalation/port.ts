import type { Incident } from '../../../shared/incident';
import type { Delivery } from '../../../shared/workflow';

/** The workflow transitions people and targets hear about. */
export type Transition = 'opened' | 'escalated' | 'acknowledged' | 'resolved';

/**
 * How the incident workflow tells the outside world (Slack, Teams, PagerDuty, webhooks, email). The workflow
 * calls `notify` after a transition is durable; the escalation module routes it, writes one outbox row per
 * (incident, target, transition) and delivers it with retries. It never throws and never blocks the workflow.
 */
export interface EscalationPort {
  /** Routes one transition of `incident` (as it now stands, workflow included) to the matching targets. */
  notify(incident: Incident, transition: Transition): Promise<void>;
  /** The delivery log of one incident, oldest first (shown on the incident; no secrets, no target URLs). */
  deliveries(incidentId: string): Promise<ReadonlyArray<Delivery>>;
  start(): void;
  stop(): Promise<void>;
}

/** An escalation port that tells nobody: the embedded default with no targets configured, and tests. */
export const silentEscalation: EscalationPort = {
  notify: async () => undefined,
  deliveries: async () => [],
  start: () => undefined,
  stop: async () => undefined,
};
