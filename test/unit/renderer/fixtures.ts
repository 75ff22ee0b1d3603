import type { Snapshot } from '../../../shared/contract';
import type { Incident } from '../../../shared/incident';
import type { Mention } from '../../../shared/mention';
import type { SourceHealth } from '../../../shared/source-health';
import { workflowRecord } from '../../helpers/workflow';
import type { Actor, Role, Workflow } from '../../../shared/workflow';

/** A valid mention received at `receivedAt`, with optional overrides. */
export function makeMention(n: number, receivedAt: number, over: Partial<Mention> = {}): Mention {
  return {
    id: `sim:${n}`,
    sourceId: 'sim',
    channel: 'x',
    externalId: String(n),
    url: `https://example.com/p/${n}`,
    author: { handle: `user${n}`, followers: 1200 },
    text: `post number ${n}`,
    language: 'en',
    createdAt: receivedAt - 1000,
    receivedAt,
    watchlist: 'brand',
    metadata: {},
    enrichment: {
      sentiment: { label: 'negative', score: -0.6, confidence: 0.9 },
      topics: [{ topic: 'login', terms: ['log in'] }],
      language: 'en',
      authorWeight: 1,
      vip: false,
    },
    ...over,
  };
}

/** A source health record. */
export function makeHealth(sourceId: string, over: Partial<SourceHealth> = {}): SourceHealth {
  return {
    sourceId,
    kind: 'simulator',
    label: sourceId,
    state: 'ok',
    lastSuccessAt: null,
    lastItemAt: null,
    rateLimitedUntil: null,
    itemsPerMinute: 3,
    rejected: 0,
    lastError: null,
    ...over,
  };
}

/** An open P2 incident. */
export function makeIncident(id: string, openedAt: number, over: Partial<Incident> = {}): Incident {
  return {
    id,
    title: `incident ${id}`,
    severity: 'P2',
    state: 'open',
    watchlist: 'brand',
    topics: ['login'],
    channels: ['x'],
    openedAt,
    updatedAt: openedAt,
    resolvedAt: null,
    evidence: {
      series: 'topic:login',
      baselinePerMinute: 1.2,
      observedPerMinute: 14,
      statistic: '14/min vs usual 1.2/min (12×) at 09:12 UTC; detector score 0.99 of 1 (alarm at 0.60)',
      startedAt: openedAt,
      risingTerms: [{ term: 'log in', lift: 8, count: 20 }],
      firstPost: null,
      representativePosts: [],
      sourceMix: [{ channel: 'x', count: 20 }],
      sentimentShift: { baselineNegativeShare: 0.2, observedNegativeShare: 0.7 },
      topics: [{ topic: 'login', count: 20 }],
    },
    ...over,
  };
}

/** A snapshot at hub time `now`. */
export function makeSnapshot(now: number, over: Partial<Snapshot> = {}): Snapshot {
  return {
    status: { version: '9.9.9', uptime: 12, mentions: 0, sources: [makeHealth('sim')], mode: 'embedded' },
    mentions: [],
    series: [],
    incidents: [],
    now,
    ...over,
  };
}

/** A workflow record in state `new`, with SLA deadlines 5 min / 2 h after `openedAt` (P1 defaults). */
export function makeWorkflow(openedAt: number, over: Partial<Workflow> = {}): Workflow {
  const sla = {
    acknowledgeBy: openedAt + 5 * 60_000,
    resolveBy: openedAt + 2 * 60 * 60_000,
    acknowledgeBreachedAt: null,
    resolveBreachedAt: null,
  };
  return workflowRecord({ sla, ...over });
}

/** An actor with `role`. */
export function makeActor(role: Role, over: Partial<Actor> = {}): Actor {
  return { id: `u-${role}`, name: `Dana ${role}`, role, desk: 'desk-1', ...over };
}
