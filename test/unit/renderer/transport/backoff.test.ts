import { describe, expect, it } from 'vitest';
import { DEFAULT_RECONNECT, reconnectDelay } from '../../../../renderer/transport/backoff';

describe('reconnect backoff (the shared backoff, floored at half the ceiling)', () => {
  it('doubles from the base, caps at the max and jitters within the upper half of each ceiling', () => {
    expect(reconnectDelay(1, DEFAULT_RECONNECT, 0.5)).toBe(750);
    expect(reconnectDelay(2, DEFAULT_RECONNECT, 0.5)).toBe(1500);
    expect(reconnectDelay(4, DEFAULT_RECONNECT, 0.5)).toBe(6000);
    expect(reconnectDelay(30, DEFAULT_RECONNECT, 0.5)).toBe(22_500);
    expect(reconnectDelay(2, DEFAULT_RECONNECT, 0)).toBe(1000);
    expect(reconnectDelay(2, DEFAULT_RECONNECT, 0.999_999)).toBe(1999);
    expect(reconnectDelay(30, DEFAULT_RECONNECT, 0.999_999)).toBeLessThan(DEFAULT_RECONNECT.maxMs);
  });
});
