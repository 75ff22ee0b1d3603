import { describe, expect, it } from 'vitest';
import { backoffCeiling, backoffDelay } from '../../../shared/backoff';
import {
  DEFAULT_BACKOFF,
  DEFAULT_RATE_LIMIT,
  rateLimitedUntil,
  transientDelay,
} from '../../../electron/core/runtime/backoff';

const at = (r: number) => () => r;

describe('shared backoff', () => {
  it('doubles the ceiling per attempt up to the cap, and draws uniformly from the floor to the ceiling', () => {
    const policy = { baseMs: 100, capMs: 1_000 };
    expect([0, 1, 2, 3, 4, 50].map((n) => backoffCeiling(n, policy))).toEqual([100, 200, 400, 800, 1_000, 1_000]);
    expect(backoffDelay(2, at(0), policy)).toBe(0);
    expect(backoffDelay(2, at(0.5), policy)).toBe(200);
    expect(backoffDelay(2, at(0.999_999), policy)).toBe(399);
    const floored = { ...policy, floorRatio: 0.25 };
    expect(backoffDelay(2, at(0), floored)).toBe(100);
    expect(backoffDelay(2, at(0.999_999), floored)).toBe(399);
    expect(backoffDelay(-3, at(0.5), policy)).toBe(50);
  });
});

describe('hub retry delays', () => {
  it('retries transient failures with full jitter from 5 s to 5 minutes, never sooner than Retry-After', () => {
    expect(transientDelay(0, at(0.5))).toBe(2_500);
    expect(transientDelay(3, at(0.5))).toBe(20_000);
    expect(transientDelay(20, at(0.5))).toBe(DEFAULT_BACKOFF.capMs / 2);
    expect(transientDelay(0, at(0))).toBe(0);
    expect(transientDelay(0, at(0.5), 60_000)).toBe(60_000);
    expect(transientDelay(3, at(0.5), 1_000)).toBe(20_000);
  });

  it("waits for a 429's reset, but never less than the floor, which doubles per consecutive 429", () => {
    const now = 1_000_000;
    expect(rateLimitedUntil(1, now - 5, now)).toBe(now + DEFAULT_RATE_LIMIT.floorMs);
    expect(rateLimitedUntil(3, now, now)).toBe(now + 4 * DEFAULT_RATE_LIMIT.floorMs);
    expect(rateLimitedUntil(30, now, now)).toBe(now + DEFAULT_RATE_LIMIT.capMs);
    expect(rateLimitedUntil(1, now + 60_000, now)).toBe(now + 60_000);
  });
});
