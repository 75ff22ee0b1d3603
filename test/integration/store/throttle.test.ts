import { describe, expect, it } from 'vitest';
import { createLoginThrottle, type ThrottlePolicy } from '../../../electron/core/users/throttle';
import { DIALECTS, storeHarness } from './harness';

const POLICY: ThrottlePolicy = {
  freeFailures: 5,
  baseDelayMs: 1000,
  maxDelayMs: 8000,
  forgetAfterMs: 60_000,
  maxKeys: 3,
};

describe.each(DIALECTS)('the login throttle on the %s store', (dialect) => {
  const h = storeHarness(dialect);

  it('lets five failures through, then makes each try wait twice as long, up to the cap, and forgets', async () => {
    const t = createLoginThrottle(await h.open(), POLICY);
    for (let i = 0; i < 5; i += 1) {
      expect(await t.waitMs(['name:a'], 0)).toBe(0);
      await t.fail(['name:a'], 0);
    }
    expect(await t.waitMs(['name:a'], 0)).toBe(1000);
    expect(await t.waitMs(['name:a', 'addr:x'], 999)).toBe(1);
    await t.fail(['name:a'], 1000);
    expect(await t.waitMs(['name:a'], 1000)).toBe(2000);
    for (let i = 0; i < 10; i += 1) await t.fail(['name:a'], 2000);
    expect(await t.waitMs(['name:a'], 2000)).toBe(8000);
    expect(await t.waitMs(['name:a'], 2000 + 60_001)).toBe(0);
    expect(await t.waitMs(['name:b'], 2000)).toBe(0);
    await t.fail(['name:a'], 2000 + 60_001); // a quiet hour later the count starts again
    expect(await t.waitMs(['name:a'], 2000 + 60_001)).toBe(0);
  });

  it('forgets a key on success', async () => {
    const t = createLoginThrottle(await h.open(), POLICY);
    for (let i = 0; i < 6; i += 1) await t.fail(['name:a', 'addr:x'], 0);
    await t.succeed(['name:a']);
    expect(await t.waitMs(['name:a'], 0)).toBe(0);
    expect(await t.waitMs(['addr:x'], 0)).toBe(2000);
  });

  it('remembers a bounded number of keys, the newest: a spray of names cannot grow the table', async () => {
    const where = await h.location();
    const t = createLoginThrottle(await h.open(where), {
      ...POLICY,
      freeFailures: 0,
      maxDelayMs: 1000,
      forgetAfterMs: 1e9,
    });
    for (const [i, k] of ['a', 'b', 'c', 'd'].entries()) await t.fail([k], i);
    expect(await t.waitMs(['a'], 3)).toBe(0);
    expect(await t.waitMs(['d'], 3)).toBe(1000);
    expect(await h.rows(where, 'SELECT key FROM login_throttle ORDER BY key')).toEqual([
      { key: 'b' },
      { key: 'c' },
      { key: 'd' },
    ]);
  });

  it('is shared by two hubs on one database: failures on one throttle the other, concurrent ones all count', async () => {
    const where = await h.location();
    const a = createLoginThrottle(await h.open(where), POLICY);
    const b = createLoginThrottle(await h.open(where), POLICY);
    await Promise.all([0, 1, 2, 3, 4].map((i) => (i % 2 === 0 ? a : b).fail(['name:alex', 'addr:10.0.0.9'], 0)));
    expect(await b.waitMs(['name:alex'], 0)).toBe(1000);
    expect(await a.waitMs(['addr:10.0.0.9'], 0)).toBe(1000);
    await b.succeed(['name:alex']);
    expect(await a.waitMs(['name:alex'], 0)).toBe(0);
  });
});
