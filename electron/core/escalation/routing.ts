import type { Incident } from '../../../shared/incident';
import type { NotificationTransition } from './card';
import type { EscalationConfig, RouteConfig } from './escalation-config';
import { inWindow, windowEnd } from './time-window';

/**
 * Which targets hear about a transition, when, and which are held back: pure functions of the config, the
 * incident, what was already queued for it, and `now`. Rules (Alertmanager's and PagerDuty's, adapted):
 * - `opened`/`escalated` go to every route that matches the incident and lists that transition in `on`.
 * - `escalated`, `acknowledged` and `resolved` also follow to every target already told about the incident
 *   (an `opened`/`escalated`/`repeat` row pending or sent), so a conversation started is always closed.
 * - `repeat` reminds targets of an incident nobody acknowledged, once per `repeatIntervalMinutes`; an
 *   acknowledgement (or resolution, snooze, merge) stops it. PagerDuty gets no reminders: it escalates itself.
 * - Quiet hours hold (or drop) every non-P1 notification until they end.
 * - `opened` and `repeat` count against `maxPerTargetPerHour`; over the cap they are suppressed (kept in the
 *   log as failed, never sent). Follow-ups are exempt: they close what was already announced.
 */

/** What the planner knows of an outbox row. */
export interface HistoryRow {
  readonly targetId: string;
  readonly transition: NotificationTransition;
  readonly seq: number;
  readonly status: 'pending' | 'sent' | 'failed';
  readonly createdAt: number;
}

/** One notification to queue. `suppressed` set: queue it as failed with that reason, never send. */
export interface PlannedDelivery {
  readonly targetId: string;
  readonly transition: NotificationTransition;
  readonly seq: number;
  readonly notBefore: number;
  readonly suppressed: string | null;
}

/** Inputs shared by both planners. */
export interface PlanInput {
  readonly config: EscalationConfig;
  readonly incident: Incident;
  readonly now: number;
  readonly history: ReadonlyArray<HistoryRow>;
  /** Notifications queued (pending or sent) to a target since `now - 1 h`. */
  readonly sentLastHour: (targetId: string) => number;
}

/** The cap's rolling window. */
export const HOUR_MS = 3_600_000;
const anyOf = <T>(wanted: ReadonlyArray<T> | undefined, have: ReadonlyArray<T>): boolean =>
  wanted === undefined || wanted.some((w) => have.includes(w));

/** Whether a route's filters (severity, topic, watchlist, channel, time of day) all match the incident now. */
export function routeMatches(route: RouteConfig, incident: Incident, now: number, timeZone: string): boolean {
  if (route.severities && !route.severities.includes(incident.severity)) return false;
  if (!anyOf(route.topics, incident.topics)) return false;
  if (route.watchlists && !route.watchlists.includes(incident.watchlist)) return false;
  if (!anyOf(route.channels, incident.channels)) return false;
  return route.timeOfDay === undefined || inWindow(now, route.timeOfDay, timeZone);
}

/** Targets told about this incident so far (pending or sent opened/escalated/repeat). */
export function engagedTargets(history: ReadonlyArray<HistoryRow>): Set<string> {
  return new Set(
    history
      .filter((r) => r.transition !== 'acknowledged' && r.transition !== 'resolved' && r.status !== 'failed')
      .map((r) => r.targetId),
  );
}

/** The first route naming a target: its group wait, quiet hours and repeat interval apply to that target. */
const routeOf = (
  config: EscalationConfig,
  targetId: string,
  preferred: ReadonlyArray<RouteConfig>,
): RouteConfig | undefined =>
  preferred.find((r) => r.targets.includes(targetId)) ?? config.routes.find((r) => r.targets.includes(targetId));

/** Plans the notifications of one workflow transition. */
export function planTransition(
  input: PlanInput,
  transition: Exclude<NotificationTransition, 'repeat'>,
): PlannedDelivery[] {
  const { config, incident, now } = input;
  const matching = config.routes.filter(
    (r) =>
      (transition === 'opened' || transition === 'escalated') &&
      r.on.includes(transition) &&
      routeMatches(r, incident, now, config.timeZone),
  );
  const targets = new Set(matching.flatMap((r) => r.targets));
  if (transition !== 'opened') for (const id of engagedTargets(input.history)) targets.add(id);
  return [...targets].map((targetId) => {
    const route = routeOf(config, targetId, matching);
    const wait = transition === 'opened' ? (route?.groupWaitSeconds ?? 0) * 1000 : 0;
    const seq = transitionSeq(incident, transition);
    return shape(input, route, { targetId, transition, seq, notBefore: now + wait, suppressed: null });
  });
}

const AUDIT_ACTIONS: Readonly<Record<string, ReadonlyArray<string>>> = {
  escalated: ['incident:escalate'],
  acknowledged: ['incident:acknowledge'],
  resolved: ['incident:resolve', 'detection:quiet'],
};

/**
 * Which occurrence of a transition this is (0 for the first): the count of its audit entries, less one. The
 * workflow replaying a notification (a retry, a restart) gives the same number, so the outbox ignores it; a
 * genuine second resolution after a reopen gives the next one, so it is sent.
 */
export function transitionSeq(incident: Incident, transition: NotificationTransition): number {
  const actions = AUDIT_ACTIONS[transition];
  if (!actions) return 0;
  const count = (incident.workflow?.audit ?? []).filter((a) => actions.includes(a.action)).length;
  return Math.max(0, count - 1);
}

/** Plans the reminders due now for an unacknowledged incident. */
export function planRepeats(input: PlanInput, isPagerDuty: (targetId: string) => boolean): PlannedDelivery[] {
  const { config, incident, now } = input;
  if (!needsReminder(incident, now) || wasAcknowledged(input.history)) return [];
  const out: PlannedDelivery[] = [];
  for (const targetId of engagedTargets(input.history)) {
    if (isPagerDuty(targetId)) continue;
    const route = config.routes.find((r) => r.targets.includes(targetId) && r.repeatIntervalMinutes !== undefined);
    if (!route?.repeatIntervalMinutes) continue;
    const rows = input.history.filter((r) => r.targetId === targetId && r.transition !== 'acknowledged');
    const last = Math.max(...rows.map((r) => r.createdAt));
    if (now - last < route.repeatIntervalMinutes * 60_000) continue;
    const seq = Math.max(0, ...rows.filter((r) => r.transition === 'repeat').map((r) => r.seq)) + 1;
    out.push(shape(input, route, { targetId, transition: 'repeat', seq, notBefore: now, suppressed: null }));
  }
  return out;
}

/** Whether an acknowledgement or resolution was ever queued for the incident: a durable "someone is on it". */
export const wasAcknowledged = (history: ReadonlyArray<Pick<HistoryRow, 'transition'>>): boolean =>
  history.some((r) => r.transition === 'acknowledged' || r.transition === 'resolved');

/** An incident still waiting for someone: new (never acknowledged), not resolved, merged or snoozed. */
export function needsReminder(incident: Incident, now: number): boolean {
  const workflow = incident.workflow;
  if (incident.mergedInto || workflow?.mergedInto) return false;
  if (workflow) return workflow.state === 'new' && !(workflow.snooze && workflow.snooze.until > now);
  return incident.state === 'open';
}

/** Applies quiet hours and the per-target cap to one planned delivery. */
function shape(input: PlanInput, route: RouteConfig | undefined, planned: PlannedDelivery): PlannedDelivery {
  const { config, incident } = input;
  const capped = planned.transition === 'opened' || planned.transition === 'repeat';
  if (capped && input.sentLastHour(planned.targetId) >= config.maxPerTargetPerHour) {
    return {
      ...planned,
      suppressed: `suppressed: ${config.maxPerTargetPerHour} notifications to this target in the last hour`,
    };
  }
  const quiet = route?.quietHours;
  if (!quiet || incident.severity === 'P1' || !inWindow(planned.notBefore, quiet, config.timeZone)) return planned;
  if (quiet.mode === 'drop') return { ...planned, suppressed: 'dropped: quiet hours' };
  return { ...planned, notBefore: Math.max(planned.notBefore, windowEnd(planned.notBefore, quiet, config.timeZone)) };
}
