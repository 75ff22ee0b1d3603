import { describe, expect, it } from 'vitest';
import type { RawMention } from '../../../shared/mention';
import type { SourceHealth } from '../../../shared/source-health';
import type { Connector, PollContext, PollOutcome } from '../../../electron/core/connectors/connector';
import { ManualClock } from '../../../electron/core/runtime/clock';
import { silentLogger } from '../../../electron/core/runtime/logger';
import { createSourceRunner, AUTH_ERROR_WAIT_MS } from '../../../electron/core/runtime/poller';
import { createSpendGuard } from '../../../electron/core/runtime/spend';

const mention = (id: string, createdAt: number): RawMention => ({
  externalId: id,
  channel: 'reddit',
  author: { handle: 'u' },
  text: `post ${id}`,
  createdAt,
});

/** A connector that plays back a script of outcomes and records what it was asked. */
function scripted(script: Array<(ctx: PollContext) => PollOutcome | Promise<PollOutcome>>, interval = 60_000) {
  const calls: Array<{ at: number; cursor: string | null }> = [];
  const connector: Connector = {
    id: 'src',
    kind: 'reddit',
    label: 'Reddit',
    pollIntervalMs: interval,
    async poll(ctx) {
      calls.push({ at: ctx.now, cursor: ctx.cursor });
      const step = script.shift();
      if (!step) return { kind: 'ok', items: [], rejected: [], cursor: null };
      return step(ctx);
    },
  };
  return { connector, calls };
}

function harness(connector: Connector, extra: { commitFails?: () => boolean; initialCursor?: string | null } = {}) {
  const clock = new ManualClock(Date.UTC(2026, 0, 5, 9, 0, 0));
  const committed: Array<{ items: ReadonlyArray<RawMention>; cursor: string | null }> = [];
  const healths: SourceHealth[] = [];
  let stored = extra.initialCursor ?? null;
  const runner = createSourceRunner({
    connector,
    clock,
    logger: silentLogger(),
    random: () => 0.5,
    loadCursor: async () => stored,
    commit: async (items, cursor) => {
      if (extra.commitFails?.()) throw new Error('disk full');
      committed.push({ items, cursor });
      if (cursor !== null) stored = cursor;
    },
    onHealth: (h) => healths.push(h),
  });
  return { clock, runner, committed, healths, t0: clock.now() };
}

const ok = (cursor: string | null, items: RawMention[] = []): PollOutcome => ({
  kind: 'ok',
  items,
  rejected: [],
  cursor,
});
const transient = (retryAfterMs?: number): PollOutcome =>
  retryAfterMs === undefined
    ? { kind: 'transient', message: 'HTTP 503' }
    : { kind: 'transient', message: 'HTTP 503', retryAfterMs };

describe('createSourceRunner', () => {
  it('polls at the interval and passes the last committed cursor', async () => {
    const { connector, calls } = scripted([() => ok('c1', [mention('1', 0)]), () => ok('c2'), () => ok(null)]);
    const h = harness(connector, { initialCursor: 'c0' });
    h.runner.start();
    await h.clock.advance(0);
    await h.clock.advance(60_000);
    await h.clock.advance(60_000);
    await h.clock.advance(60_000);
    expect(calls.map((c) => [c.at - h.t0, c.cursor])).toEqual([
      [0, 'c0'],
      [60_000, 'c1'],
      [120_000, 'c2'],
      [180_000, 'c2'],
    ]);
    expect(h.committed[0]).toEqual({ items: [mention('1', 0)], cursor: 'c1' });
    await h.runner.stop();
  });

  it('retries transient errors with full-jitter exponential backoff, capped, and honours Retry-After', async () => {
    const fails = Array.from({ length: 9 }, () => () => transient());
    const { connector, calls } = scripted([...fails, () => transient(200_000), () => ok('c')]);
    const h = harness(connector);
    h.runner.start();
    await h.clock.advance(60 * 60_000);
    const gaps = calls.slice(1).map((c, i) => c.at - (calls[i] as { at: number }).at);
    // random 0.5 → half of min(5 min, 5 s · 2^n); the 10th failure's Retry-After (200 s) beats its jitter (150 s).
    expect(gaps.slice(0, 10)).toEqual([
      2_500, 5_000, 10_000, 20_000, 40_000, 80_000, 150_000, 150_000, 150_000, 200_000,
    ]);
    await h.runner.stop();
  });

  it('never polls before a rate limit resets, and waits for reset when remaining is 0', async () => {
    const t0 = Date.UTC(2026, 0, 5, 9, 0, 0);
    const { connector, calls } = scripted([
      () => ({ kind: 'rate-limited', until: t0 + 7 * 60_000, message: 'HTTP 429' }),
      () => ({
        kind: 'ok',
        items: [],
        rejected: [],
        cursor: null,
        rateLimit: { remaining: 0, resetAt: t0 + 10 * 60_000 },
      }),
      () => ok(null),
    ]);
    const h = harness(connector);
    h.runner.start();
    await h.clock.advance(0);
    expect(h.runner.health().state).toBe('rate-limited');
    expect(h.runner.health().rateLimitedUntil).toBe(t0 + 7 * 60_000);
    await h.clock.advance(7 * 60_000 - 1);
    expect(calls).toHaveLength(1);
    await h.clock.advance(1);
    expect(calls).toHaveLength(2);
    await h.clock.advance(3 * 60_000 - 1);
    expect(calls).toHaveLength(2);
    await h.clock.advance(1);
    expect(calls.map((c) => c.at - t0)).toEqual([0, 7 * 60_000, 10 * 60_000]);
    await h.runner.stop();
  });

  it('waits at least a floor after a 429 whose reset is already past, doubling per consecutive 429, capped', async () => {
    const t0 = Date.UTC(2026, 0, 5, 9, 0, 0);
    const script = Array.from({ length: 9 }, () => (ctx: PollContext): PollOutcome => ({
      kind: 'rate-limited',
      until: ctx.now - 30_000,
      message: 'HTTP 429',
    }));
    const { connector, calls } = scripted([
      ...script,
      () => ok(null),
      (ctx) => ({ kind: 'rate-limited', until: ctx.now, message: 'HTTP 429' }),
    ]);
    const h = harness(connector);
    h.runner.start();
    await h.clock.advance(0);
    expect(h.runner.health()).toMatchObject({ state: 'rate-limited', rateLimitedUntil: t0 + 5_000 });
    await h.clock.advance(60 * 60_000);
    const gaps = calls.slice(1).map((c, i) => c.at - (calls[i] as { at: number }).at);
    expect(gaps.slice(0, 10)).toEqual([
      5_000, 10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000, 60_000,
    ]);
    expect(gaps[10]).toBe(5_000);
    await h.runner.stop();
  });

  it('counts refused pages with the rejected items and shows the source degraded', async () => {
    const { connector } = scripted([
      () => ({
        kind: 'ok',
        items: [],
        rejected: [{ reason: 'bad item' }],
        cursor: 'c1',
        pageErrors: [{ reason: 'X pagination loop: the same page came twice in one poll; stopped paging' }],
      }),
      () => ok('c2'),
    ]);
    const h = harness(connector);
    await h.runner.pollOnce();
    expect(h.runner.health()).toMatchObject({
      state: 'degraded',
      rejected: 2,
      lastError: 'X pagination loop: the same page came twice in one poll; stopped paging',
    });
    await h.clock.advance(10 * 60_000);
    await h.runner.pollOnce();
    expect(h.runner.health()).toMatchObject({ state: 'ok', rejected: 2 });
  });

  it('counts 429s as failures in health', async () => {
    const { connector } = scripted([
      (ctx) => ({ kind: 'rate-limited', until: ctx.now + 1_000, message: 'HTTP 429' }),
      (ctx) => ({ kind: 'rate-limited', until: ctx.now + 1_000, message: 'HTTP 429' }),
      (ctx) => ({ kind: 'rate-limited', until: ctx.now + 1_000, message: 'HTTP 429' }),
      () => ({ kind: 'transient', message: 'HTTP 503' }),
    ]);
    const h = harness(connector);
    for (let i = 0; i < 3; i++) await h.runner.pollOnce();
    expect(h.runner.health()).toMatchObject({ state: 'rate-limited', lastError: 'HTTP 429' });
    await h.runner.pollOnce();
    expect(h.runner.health().state).toBe('failing');
  });

  it('slows right down on auth errors and reports auth-error', async () => {
    const { connector, calls } = scripted([
      () => ({ kind: 'auth-error', message: 'HTTP 401: Unauthorized' }),
      () => ok(null),
    ]);
    const h = harness(connector);
    h.runner.start();
    await h.clock.advance(AUTH_ERROR_WAIT_MS - 1);
    expect(calls).toHaveLength(1);
    expect(h.runner.health()).toMatchObject({ state: 'auth-error', lastError: 'HTTP 401: Unauthorized' });
    await h.clock.advance(1);
    expect(calls).toHaveLength(2);
    await h.runner.stop();
  });

  it('a failed commit keeps the old cursor so nothing is skipped', async () => {
    let failNext = true;
    const { connector, calls } = scripted([() => ok('c1', [mention('1', 0)]), () => ok('c1', [mention('1', 0)])]);
    const h = harness(connector, {
      initialCursor: 'c0',
      commitFails: () => {
        const f = failNext;
        failNext = false;
        return f;
      },
    });
    const first = await h.runner.pollOnce();
    expect(first).toMatchObject({ kind: 'transient', message: 'commit failed: disk full' });
    await h.runner.pollOnce();
    expect(calls.map((c) => c.cursor)).toEqual(['c0', 'c0']);
    expect(h.committed).toEqual([{ items: [mention('1', 0)], cursor: 'c1' }]);
  });

  it('judges health: degraded, failing after 3, ok after recovery; counts rejected and items per minute', async () => {
    const t0 = Date.UTC(2026, 0, 5, 9, 0, 0);
    const { connector } = scripted([
      () => transient(),
      () => transient(),
      () => transient(),
      () => ({
        kind: 'ok',
        items: [mention('a', t0), mention('b', t0 + 5)],
        rejected: [{ reason: 'bad' }],
        cursor: 'x',
      }),
    ]);
    const h = harness(connector);
    const states: string[] = [];
    for (let i = 0; i < 4; i++) {
      await h.runner.pollOnce();
      states.push(h.runner.health().state);
    }
    expect(states).toEqual(['degraded', 'degraded', 'failing', 'degraded']);
    expect(h.runner.health()).toMatchObject({ rejected: 1, lastItemAt: t0 + 5, lastSuccessAt: t0 });
    expect(h.runner.health().itemsPerMinute).toBeCloseTo(2 / 15);
    await h.clock.advance(10 * 60_000);
    expect(h.runner.health().state).toBe('ok');
    await h.clock.advance(5 * 60_000);
    expect(h.runner.health().itemsPerMinute).toBe(0);
  });

  it('stop aborts an in-flight poll and commits nothing', async () => {
    let seen: AbortSignal | null = null;
    const { connector } = scripted([
      (ctx) =>
        new Promise<PollOutcome>((resolve) => {
          seen = ctx.signal;
          ctx.signal.addEventListener('abort', () => resolve({ kind: 'transient', message: 'aborted' }));
        }),
    ]);
    const h = harness(connector);
    h.runner.start();
    await h.clock.advance(0);
    await h.runner.stop();
    expect((seen as AbortSignal | null)?.aborted).toBe(true);
    expect(h.committed).toEqual([]);
    expect(h.clock.pending()).toBe(0);
  });

  it('pauses until the next UTC midnight once the daily spend cap is reached', async () => {
    const spend = createSpendGuard({ costPerReadUsd: 0.005, capUsdPerDay: 0.01 });
    const { connector, calls } = scripted([
      (ctx) => {
        spend.record(2, ctx.now);
        return ok('c');
      },
    ]);
    const h = harness({ ...connector, spend });
    h.runner.start();
    await h.clock.advance(60_000);
    expect(calls).toHaveLength(1);
    expect(h.runner.health()).toMatchObject({ state: 'degraded', lastError: 'daily spend cap reached' });
    expect(spend.view(h.clock.now())).toEqual({ readsToday: 2, estimatedUsdToday: 0.01, capUsdPerDay: 0.01 });
    const midnight = Date.UTC(2026, 0, 6);
    await h.clock.advance(midnight - h.clock.now() - 1);
    expect(calls).toHaveLength(1);
    await h.clock.advance(1);
    expect(calls).toHaveLength(2);
    await h.runner.stop();
  });
});
