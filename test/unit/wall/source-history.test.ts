import { afterEach, describe, expect, it } from 'vitest';
import type { Connector, PollOutcome } from '../../../electron/core/connectors/connector';
import type { Core } from '../../../electron/core/core-types';
import { ManualClock } from '../../../electron/core/runtime/clock';
import { silentLogger } from '../../../electron/core/runtime/logger';
import { openSqliteStore } from '../../../electron/core/store/sqlite/sqlite-store';
import type { Store } from '../../../electron/core/store/repository';
import {
  boundSpans,
  createSourceHistory,
  MAX_DOWN_SPANS,
  sourceHistoryKey,
} from '../../../electron/core/wall/source-history';
import type { EventPayload } from '../../../shared/contract';
import type { SourceHealth } from '../../../shared/source-health';
import { createTestCore } from '../../helpers/core';
import { rawMention } from '../../helpers/mentions';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 0, 12, 9, 0, 0);
const open: Array<{ core: Core; store: Store }> = [];

afterEach(async () => {
  for (const { core, store } of open.splice(0)) {
    await core.stop();
    await store.close().catch(() => undefined);
  }
});

/** A reddit source polled every minute that fails (HTTP 503) while `failing.now` is true. */
function flakySource(failing: { now: boolean }): Connector {
  return {
    id: 'flaky',
    kind: 'reddit',
    label: 'Flaky reddit',
    pollIntervalMs: MINUTE,
    poll: async (): Promise<PollOutcome> =>
      failing.now ? { kind: 'transient', message: 'HTTP 503' } : { kind: 'ok', items: [], rejected: [], cursor: null },
  };
}

async function hubWith(clock: ManualClock, failing: { now: boolean }, store?: Store) {
  const s = store ?? (await openSqliteStore(':memory:'));
  const core = createTestCore({
    clock,
    store: s,
    sources: [{ connector: flakySource(failing), credentialFields: [] }],
  });
  await core.start();
  open.push({ core, store: s });
  return { core, store: s };
}

const health = (state: SourceHealth['state'], lastSuccessAt: number | null): SourceHealth => ({
  sourceId: 'a',
  kind: 'x',
  label: 'A',
  state,
  lastSuccessAt,
  lastItemAt: null,
  rateLimitedUntil: null,
  itemsPerMinute: 0,
  rejected: 0,
  lastError: null,
});

describe('source-health history', () => {
  it("records a source's recovered outage, from its last good poll to its recovery, in wall:series", async () => {
    const clock = new ManualClock(T0);
    const failing = { now: false };
    const { core } = await hubWith(clock, failing);
    await clock.advance(5 * MINUTE);
    failing.now = true;
    await clock.advance(20 * MINUTE);
    failing.now = false;
    await clock.advance(10 * MINUTE);
    const result = await core.api.invoke('wall:series', { minutes: 60 });
    if (!result.ok) throw new Error(result.error.message);
    const down = result.value.sourcesDown ?? [];
    expect(down).toHaveLength(1);
    const span = down[0];
    expect(span).toMatchObject({ sourceId: 'flaky', kind: 'reddit' });
    // Down from the last good poll (minute 5) until the poll that succeeded again (minute 25 or a little after).
    expect(span?.from).toBe(T0 + 5 * MINUTE);
    expect(span?.to).toBeGreaterThanOrEqual(T0 + 25 * MINUTE);
    expect(span?.to).toBeLessThan(T0 + 31 * MINUTE);
  });

  it('keeps the history across a restart, and reports a source still down up to now', async () => {
    const clock = new ManualClock(T0);
    const failing = { now: false };
    const store = await openSqliteStore(':memory:');
    const first = await hubWith(clock, failing, store);
    await clock.advance(2 * MINUTE);
    failing.now = true;
    await clock.advance(10 * MINUTE);
    await first.core.stop();
    open.splice(0);
    const second = await hubWith(clock, failing, store);
    await clock.advance(10 * MINUTE);
    const result = await second.core.api.invoke('wall:series', { minutes: 60 });
    if (!result.ok) throw new Error(result.error.message);
    const down = result.value.sourcesDown ?? [];
    // The first run's span, closed when that hub stopped, and the second run's, still open: it reaches now.
    expect(down.map((s) => s.from)).toEqual([T0 + 2 * MINUTE, expect.any(Number)]);
    expect(down[0]?.to).toBe(T0 + 12 * MINUTE);
    expect(down[1]?.to).toBe(clock.now());
  });

  it('reads the spans another hub of the team wrote for a source it polls, and continues an open one', async () => {
    const store = await openSqliteStore(':memory:');
    const polling = createSourceHistory(store, silentLogger(), ['a']);
    polling.observe(health('failing', T0 - MINUTE), T0);
    await polling.saved();
    const other = createSourceHistory(store, silentLogger(), ['a']);
    expect(await other.spans(0, T0 * 2, T0 + 5 * MINUTE)).toEqual([
      { sourceId: 'a', kind: 'x', from: T0 - MINUTE, to: T0 + 5 * MINUTE },
    ]);
    // The other hub takes the source over while it is still down, then sees it recover: one span, closed.
    other.observe(health('failing', T0 - MINUTE), T0 + 6 * MINUTE);
    other.observe(health('ok', T0 + 8 * MINUTE), T0 + 8 * MINUTE);
    await other.saved();
    for (const hub of [polling, other])
      expect(await hub.spans(0, T0 * 2, T0 + 9 * MINUTE)).toEqual([
        { sourceId: 'a', kind: 'x', from: T0 - MINUTE, to: T0 + 8 * MINUTE },
      ]);
    await store.close();
  });

  it('is bounded by count and by age, and ignores a corrupt saved value', async () => {
    const spans = Array.from({ length: MAX_DOWN_SPANS + 50 }, (_, i) => ({
      sourceId: 's',
      kind: 'x' as const,
      from: T0 + i * MINUTE,
      to: T0 + i * MINUTE + 1,
    }));
    const kept = boundSpans(spans, T0 + spans.length * MINUTE);
    expect(kept).toHaveLength(MAX_DOWN_SPANS);
    expect(kept[0]?.from).toBe(T0 + 50 * MINUTE);
    expect(boundSpans(spans, T0 + 400 * 24 * 60 * MINUTE)).toEqual([]);

    const store = await openSqliteStore(':memory:');
    await store.setState(sourceHistoryKey('a'), [{ sourceId: 3 }, 'junk']);
    const history = createSourceHistory(store, silentLogger(), ['a']);
    expect(await history.spans(0, T0 * 2, T0)).toEqual([]);
    history.observe(health('failing', T0 - 3 * MINUTE), T0);
    history.observe(health('failing', T0 - 3 * MINUTE), T0 + MINUTE);
    history.observe(health('degraded', T0 + 2 * MINUTE), T0 + 2 * MINUTE);
    await history.saved();
    expect(await store.getState(sourceHistoryKey('a'))).toEqual([
      { sourceId: 'a', kind: 'x', from: T0 - 3 * MINUTE, to: T0 + 2 * MINUTE },
    ]);
    await store.close();
  });

  it('sends per-channel and per-topic counts of the touched minutes with series:update', async () => {
    const clock = new ManualClock(T0);
    const { core } = await hubWith(clock, { now: false });
    const updates: Array<EventPayload<'series:update'>> = [];
    core.events.subscribe((e) => {
      if (e.name === 'series:update') updates.push(e.payload);
    });
    await core.api.commit('push', [rawMention(1, T0 + 5), rawMention(2, T0 + 9, { channel: 'rss' })], null);
    await clock.advance(1_000);
    const last = updates.at(-1);
    expect(last?.byChannel).toEqual([
      { minute: T0, key: 'rss', total: 1, negative: 0, positive: 0 },
      { minute: T0, key: 'x', total: 1, negative: 0, positive: 0 },
    ]);
    expect(last?.byTopic).toEqual([]);
  });
});
