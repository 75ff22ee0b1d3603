import { beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../electron/core/store/repository';
import { createUserDirectory, SESSION_TTL_MS, type UserDirectory } from '../../../electron/core/users';
import { DIALECTS, storeHarness } from './harness';

const CHEAP = { log2N: 10, r: 8, p: 1 };
const PASSWORD = 'correct horse battery';

describe.each(DIALECTS)('the user directory on the %s store', (dialect) => {
  const h = storeHarness(dialect);
  let store: Store;
  let users: UserDirectory;
  let now: number;
  beforeEach(async () => {
    store = await h.open();
    now = Date.UTC(2026, 11, 1, 8);
    users = createUserDirectory({ store, cost: CHEAP, now: () => now });
  });

  const addAlex = async () => {
    const added = await users.addUser({
      name: 'Alex',
      role: 'supervisor',
      displayName: 'Alex Kim',
      password: PASSWORD,
    });
    if (!added.ok) throw new Error(added.error.message);
    return added.value;
  };

  it('adds users with a valid name and a long enough password, once', async () => {
    const alex = await addAlex();
    expect(alex).toMatchObject({ name: 'alex', role: 'supervisor', displayName: 'Alex Kim', disabled: false });
    expect((await users.addUser({ name: 'alex', role: 'staff' })).ok).toBe(false);
    expect(await users.addUser({ name: 'bo', role: 'staff', password: 'short' })).toMatchObject({
      ok: false,
      error: { code: 'weak-password' },
    });
    expect((await users.addUser({ name: 'no spaces', role: 'staff' })).ok).toBe(false);
    expect((await store.getUserByName('alex'))?.passwordHash).not.toContain(PASSWORD);
  });

  it('signs in with the right password only; the session is stored hashed and expires', async () => {
    await addAlex();
    expect(await users.login('alex', 'wrong password!!', '10.0.0.1', 'desk')).toEqual({ ok: false, reason: 'wrong' });
    expect(await users.login('nobody', PASSWORD, '10.0.0.1', 'desk')).toEqual({ ok: false, reason: 'wrong' });
    const session = await users.login(' ALEX ', PASSWORD, '10.0.0.1', 'desk 4');
    if (!session.ok) throw new Error('login failed');
    expect(session.secret).toMatch(/^ess_[\w-]{43}$/);
    const principal = await users.authenticate(session.secret);
    expect(principal?.user.name).toBe('alex');
    expect(principal?.credential).toMatchObject({ kind: 'session', label: 'desk 4' });
    expect(principal?.credential.hash).not.toContain(session.secret);
    now += SESSION_TTL_MS;
    expect(await users.authenticate(session.secret)).toBeNull();
  });

  it('throttles a brute force by name, even when the right password comes next', async () => {
    await addAlex();
    for (let i = 0; i < 5; i += 1) await users.login('alex', `guess number ${i}`, '10.0.0.9', 'desk');
    const locked = await users.login('alex', PASSWORD, '10.0.0.2', 'desk');
    expect(locked).toEqual({ ok: false, reason: 'throttled', retryAfterMs: 1000 });
    now += 1000;
    expect((await users.login('alex', PASSWORD, '10.0.0.2', 'desk')).ok).toBe(true);
  });

  it('revokes: logout, sign-out everywhere, a new password and disabling end sessions; tokens until revoked', async () => {
    await addAlex();
    const login = async () => {
      const s = await users.login('alex', PASSWORD, '10.0.0.1', 'desk');
      if (!s.ok) throw new Error('login failed');
      return s.secret;
    };
    const first = await login();
    await users.logout(first);
    expect(await users.authenticate(first)).toBeNull();
    const second = await login();
    const token = await users.createToken('alex', 'wall TV');
    if (!token.ok) throw new Error(token.error.message);
    expect(token.value.secret).toMatch(/^eat_/);
    expect(await users.revokeSessions('alex')).toEqual({ ok: true, value: 1 });
    expect(await users.authenticate(second)).toBeNull();
    expect((await users.authenticate(token.value.secret))?.credential.kind).toBe('token');
    const third = await login();
    await users.setPassword('alex', 'another long password');
    expect(await users.authenticate(third)).toBeNull();
    expect(await users.authenticate(token.value.secret)).not.toBeNull();
    await users.setDisabled('alex', true);
    expect(await users.authenticate(token.value.secret)).toBeNull();
    expect((await users.login('alex', 'another long password', '10.0.0.1', 'desk')).ok).toBe(false);
    await users.setDisabled('alex', false);
    expect(await users.authenticate(token.value.secret)).toBeNull(); // revoked for good, not just hidden
    expect(await users.authenticate('eat_madeup')).toBeNull();
    expect(await users.authenticate('the access token')).toBeNull();
  });
});
