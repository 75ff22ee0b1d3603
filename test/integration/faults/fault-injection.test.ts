import { afterEach, describe, expect, it } from 'vitest';
import type { Mention } from '../../../shared/mention';
import { createAttributor } from '../../../electron/core/pipeline/attribute';
import { createCommitter } from '../../../electron/core/pipeline/commit';
import { createMinuteAggregator } from '../../../electron/core/pipeline/minute-aggregator';
import { ManualClock } from '../../../electron/core/runtime/clock';
import { openSqliteStore } from '../../../electron/core/store/sqlite/sqlite-store';
import type { Fault, FaultRequest } from '../../fixtures/fakes/faults';
import { NEUTRAL_ENRICHMENT } from '../../helpers/mentions';
import { harnessSource } from '../../helpers/source-harness';
import { appStoreTarget, googlePlayTarget, rssTarget, trustpilotTarget } from './review-targets';
import { blueskyTarget, mastodonTarget, redditTarget, xTarget } from './social-targets';
import type { Expectation, FaultName, FaultTarget, TargetFactory } from './target';
import { hugePage, statusFault, truncated } from './wire';

/**
 * Every fault of issue 13 §4 against every polled source's loopback fake, through the real runner on the manual
 * clock, committing into a real (in-memory) SQLite store: no crash, the documented wait before the next request
 * (README, "How Earshot behaves when an API misbehaves"), the health the wall shows, and afterwards exactly the
 * served items stored: none lost, none twice.
 * (The ingest webhook is push-only: its malformed bodies are covered by connectors-ingest.)
 */

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const INTERVAL = 5 * 60_000;
/** The poll that meets the fault. */
const FAULTED_POLL = T0 + INTERVAL;
/** Long enough for the slowest documented recovery (30 minutes after an auth error or a blocked scraper). */
const RECOVERED_BY = FAULTED_POLL + 45 * 60_000;
const MIN = 60_000;

const SOURCES: Record<string, TargetFactory> = {
  x: xTarget,
  reddit: redditTarget,
  mastodon: mastodonTarget,
  bluesky: blueskyTarget,
  appstore: appStoreTarget,
  googleplay: googlePlayTarget,
  trustpilot: trustpilotTarget,
  rss: rssTarget,
};

interface Case {
  readonly faults: (t: FaultTarget) => ReadonlyArray<Fault> | null;
  readonly expect: Expectation;
  /** New items served before the faulted poll. */
  readonly fresh?: (t: FaultTarget) => number;
}

const FAULTS: Record<FaultName, Case> = {
  '429 reset in the future': {
    faults: (t) => [t.tooMany(FAULTED_POLL + 10 * MIN, FAULTED_POLL)],
    expect: { states: ['rate-limited'], minGapMs: 10 * MIN, maxGapMs: 10 * MIN },
  },
  '429 reset already past': {
    faults: (t) => [t.tooMany(FAULTED_POLL - MIN, FAULTED_POLL)],
    expect: { states: ['rate-limited'], minGapMs: 5_000, maxGapMs: 5_000 },
  },
  '429 without reset': {
    faults: (t) => [t.tooMany(undefined, FAULTED_POLL)],
    expect: { states: ['rate-limited'], minGapMs: 5_000 },
  },
  '500': {
    faults: () => [statusFault(500, 'Internal Server Error')],
    expect: { states: ['degraded'], maxGapMs: 5_000 },
  },
  '503 with Retry-After': {
    faults: () => [statusFault(503, 'Service Unavailable', { 'retry-after': '30' })],
    expect: { states: ['degraded'], minGapMs: 30_000, maxGapMs: 30_000 },
  },
  timeout: { faults: () => [{ kind: 'hang' }], expect: { states: ['degraded'], maxGapMs: 5_000 } },
  'connection reset': { faults: () => [{ kind: 'reset' }], expect: { states: ['degraded'], maxGapMs: 5_000 } },
  'malformed body': { faults: () => [truncated], expect: { states: ['degraded'], maxGapMs: 5_000 } },
  'schema drift': { faults: (t) => [t.drift], expect: { states: ['ok', 'degraded'] } },
  '401': {
    faults: () => [statusFault(401, 'Unauthorized')],
    expect: { states: ['auth-error'], minGapMs: 30 * MIN, maxGapMs: 30 * MIN },
  },
  '403': {
    faults: () => [statusFault(403, 'Forbidden')],
    expect: { states: ['auth-error'], minGapMs: 30 * MIN, maxGapMs: 30 * MIN },
  },
  'pagination loop': {
    faults: (t) => (t.twoPages === undefined ? null : [{ kind: 'pass' }, { kind: 'replay' }]),
    fresh: (t) => t.twoPages ?? 0,
    expect: { states: ['degraded'], error: /pagination loop/ },
  },
  'huge page': { faults: (t) => [t.huge ?? hugePage], expect: { states: ['ok'] } },
};

let open: FaultTarget | null = null;
afterEach(async () => {
  await open?.close();
  open = null;
});

/** The faulted request and the next request faults could apply to. */
function faultedAndNext(requests: ReadonlyArray<FaultRequest>): { faulted: FaultRequest; next?: FaultRequest } {
  const at = requests.findIndex((r) => r.fault !== null);
  expect(at, 'the fault was served').toBeGreaterThanOrEqual(0);
  const next = requests.slice(at + 1).find((r) => r.matched);
  return next ? { faulted: requests[at] as FaultRequest, next } : { faulted: requests[at] as FaultRequest };
}

async function run(source: string, name: FaultName): Promise<void> {
  const clock = new ManualClock(T0);
  // Real time: short only where the fake hangs on purpose, generous elsewhere (the machine may be busy).
  const target = await (SOURCES[source] as TargetFactory)(clock, name === 'timeout' ? 300 : 10_000);
  open = target;
  const c = FAULTS[name];
  const faults = c.faults(target);
  if (!faults) return; // this source does not page: a pagination loop cannot happen
  const want = target.differs?.[name] ?? c.expect;
  const store = await openSqliteStore(':memory:');
  const stored: Mention[] = [];
  const commit = createCommitter({
    clock,
    store,
    enricher: { enrich: () => NEUTRAL_ENRICHMENT },
    attributor: createAttributor([{ id: 'acme', name: 'Acme', query: 'acme' }]),
    policyFor: () => ({}),
    aggregator: createMinuteAggregator({ store, dataTimeOf: () => undefined, hasLive: true, latenessMinutes: 2 }),
    onCommitted: (_source, mentions) => void stored.push(...mentions),
  });
  const h = harnessSource(target.connector, clock, null, {
    commit: async (items, cursor) => void (await commit(target.connector.id, items, cursor)),
  });
  target.serve(3);
  await h.runUntil(T0);
  expect(h.runner.health().state, 'healthy before the fault').toBe('ok');
  target.serve(c.fresh?.(target) ?? 5);
  target.faults.push(...faults);
  await h.runUntil(FAULTED_POLL);
  const health = h.runner.health();
  expect(want.states, `health after ${name}: ${JSON.stringify(health)}`).toContain(health.state);
  if (want.error) expect(health.lastError).toMatch(want.error);
  if (name === 'schema drift') expect(health.rejected > 0 || health.state !== 'ok', 'drift is shown').toBe(true);
  await h.runUntil(RECOVERED_BY);
  const { faulted, next } = faultedAndNext(target.faults.requests);
  const gap = (next?.at ?? Infinity) - faulted.at;
  if (want.minGapMs !== undefined) expect(gap, 'waited at least').toBeGreaterThanOrEqual(want.minGapMs);
  if (want.maxGapMs !== undefined) expect(gap, 'retried within').toBeLessThanOrEqual(want.maxGapMs);
  expect(h.runner.health().state, 'recovered').toBe('ok');
  await h.runner.stop();
  const keys = stored.map((m) => target.keyOf(m));
  expect(await store.countMentions(), 'nothing stored twice').toBe(keys.length);
  await store.close();
  expect(new Set(keys).size, 'nothing stored twice').toBe(keys.length);
  expect([...keys].sort(), 'exactly what the fake served').toEqual([...target.served()].sort());
}

describe.each(Object.keys(SOURCES))('fault injection: %s', (source) => {
  it.each(Object.keys(FAULTS) as FaultName[])('%s', (name) => run(source, name));
});
