import type { DetectionPort } from '../../../electron/core/core-types';
import type { EscalationPort, Transition } from '../../../electron/core/escalation/port';
import type { Incident } from '../../../shared/incident';
import type { Actor, Delivery } from '../../../shared/workflow';
import { ok } from '../../../shared/result';

/** Hub time the workflow tests start at: Monday 5 January 2026, 09:00 UTC (the ManualClock's default). */
export const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
export const MINUTE = 60_000;

/** An incident as detection reports it. */
export function incident(id: string, overrides: Partial<Incident> = {}): Incident {
  const openedAt = overrides.openedAt ?? T0;
  return {
    id,
    title: 'nimbus-bank: login complaints surging',
    severity: 'P2',
    state: 'open',
    watchlist: 'nimbus-bank',
    topics: ['login'],
    channels: ['x'],
    openedAt,
    updatedAt: openedAt,
    resolvedAt: null,
    evidence: {
      series: 'topic:login',
      baselinePerMinute: 1.2,
      observedPerMinute: 14,
      statistic: 'score 0.990, 11.7× baseline',
      startedAt: openedAt - 2 * MINUTE,
      risingTerms: [{ term: 'error 503', lift: 40, count: 12 }],
      firstPost: null,
      representativePosts: [],
      sourceMix: [{ channel: 'x', count: 20 }],
      sentimentShift: { baselineNegativeShare: 0.3, observedNegativeShare: 0.8 },
      topics: [{ topic: 'login', count: 20 }],
    },
    ...overrides,
  };
}

/** An actor of `role`. */
export const actor = (role: Actor['role'], name = `${role} user`): Actor => ({
  id: `u-${role}`,
  name,
  role,
  desk: `web 10.0.0.${role.length}`,
});

/** A detection port whose next tick reports exactly the incidents a test queued. */
export function scriptedDetection(): DetectionPort & { report(...incidents: Incident[]): void } {
  let queued: Incident[] = [];
  return {
    report: (...incidents) => void queued.push(...incidents),
    ingest: () => undefined,
    tick: () => {
      const out = queued;
      queued = [];
      return out;
    },
    exportState: () => ({}),
    importState: () => ok(undefined),
  };
}

/** An escalation port that records what it was told and answers a fixed delivery log. */
export function recordingEscalation(): EscalationPort & {
  readonly told: Array<{ id: string; transition: Transition; state: string | undefined }>;
} {
  const told: Array<{ id: string; transition: Transition; state: string | undefined }> = [];
  const delivery = (id: string): Delivery[] =>
    told
      .filter((t) => t.id === id)
      .map((t) => ({
        targetId: 'pd',
        targetKind: 'pagerduty',
        transition: t.transition,
        status: 'pending',
        attempts: 0,
        createdAt: T0,
        lastAttemptAt: null,
        lastError: null,
      }));
  return {
    told,
    notify: async (i, transition) => void told.push({ id: i.id, transition, state: i.workflow?.state }),
    deliveries: async (id) => delivery(id),
    start: () => undefined,
    stop: async () => undefined,
  };
}
