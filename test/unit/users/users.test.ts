import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../../electron/core/users/password';
import { DEFAULT_THROTTLE, throttleWaitMs } from '../../../electron/core/users/throttle';

const CHEAP = { log2N: 10, r: 8, p: 1 };
const PASSWORD = 'correct horse battery';

describe('passwords', () => {
  it('are stored as salted scrypt hashes that verify only the right password', async () => {
    const a = await hashPassword(PASSWORD, CHEAP);
    const b = await hashPassword(PASSWORD, CHEAP);
    expect(a).toMatch(/^scrypt\$10\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain(PASSWORD);
    expect(await verifyPassword(PASSWORD, a)).toBe(true);
    expect(await verifyPassword('correct horse battery!', a)).toBe(false);
    expect(await verifyPassword(PASSWORD, 'plain')).toBe(false);
    expect(await verifyPassword(PASSWORD, a.replace('scrypt$10', 'scrypt$40'))).toBe(false);
  });
});

describe('login throttle rule', () => {
  it('lets five failures through, then makes each try wait twice as long, up to the cap', () => {
    const policy = { ...DEFAULT_THROTTLE, maxDelayMs: 8000 };
    const at = (failures: number, lastAt = 0) => ({ key: 'name:a', failures, lastAt });
    expect(throttleWaitMs(policy, undefined, 0)).toBe(0);
    expect(throttleWaitMs(policy, at(4), 0)).toBe(0);
    expect(throttleWaitMs(policy, at(5), 0)).toBe(1000);
    expect(throttleWaitMs(policy, at(5), 999)).toBe(1);
    expect(throttleWaitMs(policy, at(6, 1000), 1000)).toBe(2000);
    expect(throttleWaitMs(policy, at(16, 2000), 2000)).toBe(8000);
    expect(throttleWaitMs(DEFAULT_THROTTLE, at(40), 0)).toBe(15 * 60_000);
  });
});
