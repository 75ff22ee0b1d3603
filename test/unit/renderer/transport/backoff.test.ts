import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF } from '../../../../renderer/transport/backoff';

describe('reconnect backoff', () => {
  it('doubles from the base, caps at the max and jitters by ±20 %', () => {
    expect(backoffDelay(1, DEFAULT_BACKOFF, 0.5)).toBe(500);
    expect(backoffDelay(2, DEFAULT_BACKOFF, 0.5)).toBe(1000);
    expect(backoffDelay(4, DEFAULT_BACKOFF, 0.5)).toBe(4000);
    expect(backoffDelay(30, DEFAULT_BACKOFF, 0.5)).toBe(30_000);
    expect(backoffDelay(2, DEFAULT_BACKOFF, 0)).toBe(800);
    expect(backoffDelay(2, DEFAULT_BACKOFF, 0.999_999)).toBe(1200);
  });
});
