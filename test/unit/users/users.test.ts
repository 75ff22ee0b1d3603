import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../../electron/core/users/password';
import { createLoginThrottle } from '../../../electron/core/users/throttle';

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

describe('login throttle', () => {
  it('lets five failures through, then makes each try wait twice as long, up to the cap, and forgets', () => {
    const t = createLoginThrottle({
      freeFailures: 5,
      baseDelayMs: 1000,
      maxDelayMs: 8000,
      forgetAfterMs: 60_000,
      maxKeys: 3,
    });
    for (let i = 0; i < 5; i += 1) {
      expect(t.waitMs(['name:a'], 0)).toBe(0);
      t.fail(['name:a'], 0);
    }
    expect(t.waitMs(['name:a'], 0)).toBe(1000);
    expect(t.waitMs(['name:a', 'addr:x'], 999)).toBe(1);
    t.fail(['name:a'], 1000);
    expect(t.waitMs(['name:a'], 1000)).toBe(2000);
    for (let i = 0; i < 10; i += 1) t.fail(['name:a'], 2000);
    expect(t.waitMs(['name:a'], 2000)).toBe(8000);
    expect(t.waitMs(['name:a'], 2000 + 60_001)).toBe(0);
    expect(t.waitMs(['name:b'], 2000)).toBe(0);
  });

  it('remembers a bounded number of keys: a spray of names cannot grow memory', () => {
    const t = createLoginThrottle({
      freeFailures: 0,
      baseDelayMs: 1000,
      maxDelayMs: 1000,
      forgetAfterMs: 1e9,
      maxKeys: 3,
    });
    for (const k of ['a', 'b', 'c', 'd']) t.fail([k], 0);
    expect(t.waitMs(['a'], 0)).toBe(0);
    expect(t.waitMs(['d'], 0)).toBe(1000);
  });
});
