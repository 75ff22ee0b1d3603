import { describe, expect, it } from 'vitest';
import { createCommandGate, DEFAULT_WS_LIMITS, TokenBucket, type WsLimits } from '../../../electron/headless/ws-limits';
import { commandCost } from '../../../electron/core/api/commands';

const clock = (): { now: () => number; advance: (ms: number) => void } => {
  let t = 1_000;
  return { now: () => t, advance: (ms) => void (t += ms) };
};

/** A task that stays in flight until released. */
function pendingTask(): { task: () => Promise<void>; started: () => boolean; release: () => void } {
  let started = false;
  let release: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (release = resolve));
  return {
    task: () => {
      started = true;
      return done;
    },
    started: () => started,
    release: () => release(),
  };
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('token bucket', () => {
  it('gives a burst, then refills at its rate, never above its size', () => {
    const c = clock();
    const bucket = new TokenBucket(3, 2 / 1000, c.now);
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
    c.advance(500);
    expect([bucket.take(), bucket.take()]).toEqual([true, false]);
    c.advance(60_000);
    expect(bucket.take(3)).toBe(true);
    expect(bucket.take(1)).toBe(false);
  });
});

describe('command gate', () => {
  const limits: WsLimits = { ...DEFAULT_WS_LIMITS, burst: 10, refillPerSecond: 5, maxInFlight: 2, maxQueued: 3 };

  it('runs at most maxInFlight commands at once, the rest in order as slots free', async () => {
    const c = clock();
    const gate = createCommandGate(limits, c.now);
    const tasks = [pendingTask(), pendingTask(), pendingTask()];
    expect(tasks.map((t) => gate.submit(1, t.task))).toEqual(['accepted', 'accepted', 'accepted']);
    expect(tasks.map((t) => t.started())).toEqual([true, true, false]);
    tasks[0]?.release();
    await settle();
    expect(tasks[2]?.started()).toBe(true);
  });

  it('refuses past the bucket or the queue, and reports a flood past maxRefusals in the window', () => {
    const c = clock();
    const gate = createCommandGate({ ...limits, maxQueued: 100, maxRefusals: 4, floodWindowMs: 10_000 }, c.now);
    const never = (): Promise<void> => new Promise(() => undefined);
    expect(gate.submit(8, never)).toBe('accepted');
    expect(gate.submit(3, never)).toBe('limited');
    expect(gate.submit(2, never)).toBe('accepted');
    expect([1, 2, 3].map(() => gate.submit(1, never))).toEqual(['limited', 'limited', 'limited']);
    expect(gate.submit(1, never)).toBe('flood');
    c.advance(10_000);
    expect(gate.submit(1, never)).toBe('accepted');
  });

  it('forgives refusals spread thinner than the flood rate', () => {
    const c = clock();
    const gate = createCommandGate({ ...limits, burst: 1, refillPerSecond: 0.001, maxRefusals: 2 }, c.now);
    const never = (): Promise<void> => new Promise(() => undefined);
    gate.submit(1, never);
    for (let i = 0; i < 50; i++) {
      expect(gate.submit(1, never)).toBe('limited');
      c.advance(DEFAULT_WS_LIMITS.floodWindowMs);
    }
  });

  it('drops queued commands once closed', async () => {
    const gate = createCommandGate({ ...limits, maxInFlight: 1 }, clock().now);
    const first = pendingTask();
    const second = pendingTask();
    gate.submit(1, first.task);
    gate.submit(1, second.task);
    gate.close();
    first.release();
    await settle();
    expect(second.started()).toBe(false);
  });
});

describe('command cost', () => {
  it('grows with the work a command asks for; bad input costs 1', () => {
    expect(commandCost('status:get', {})).toBe(1);
    expect(commandCost('mentions:recent', { limit: 1000 })).toBe(10);
    expect(commandCost('mentions:recent', { limit: 5 })).toBe(1);
    expect(commandCost('snapshot:get', {})).toBeGreaterThan(commandCost('status:get', {}));
    expect(commandCost('mentions:recent', { limit: 999_999 })).toBe(1);
    expect(commandCost('nope', {})).toBe(1);
  });

  it('never asks more than one burst, even right after a full-text search: the largest export still runs', () => {
    const search = commandCost('mentions:search', { text: 'refund', limit: 200 });
    const largest = commandCost('mentions:export', { filter: { text: 'refund' }, format: 'csv', maxRows: 20_000 });
    expect(search + largest).toBeLessThanOrEqual(DEFAULT_WS_LIMITS.burst);
    expect(commandCost('incident:postmortem', { id: 'inc_1', format: 'pdf' })).toBeLessThanOrEqual(
      DEFAULT_WS_LIMITS.burst,
    );
    expect(commandCost('wall:series', { minutes: 24 * 60 })).toBeLessThanOrEqual(DEFAULT_WS_LIMITS.burst);
  });

  it("lets a supervisor print the post-mortem right after the board's own work: search, CSV export, board, HTML", () => {
    const spent = [
      commandCost('mentions:search', { text: 'refund', limit: 200 }),
      commandCost('mentions:export', { filter: { text: 'refund' }, format: 'csv' }),
      commandCost('incidents:measures', { from: 0 }),
      commandCost('wall:series', { minutes: 180 }),
      commandCost('incident:postmortem', { id: 'inc_1', format: 'html' }),
      commandCost('incident:postmortem', { id: 'inc_1', format: 'pdf' }),
    ];
    const gate = createCommandGate(DEFAULT_WS_LIMITS, () => 0);
    expect(spent.map((cost) => gate.submit(cost, async () => undefined))).toEqual(spent.map(() => 'accepted'));
  });
});
