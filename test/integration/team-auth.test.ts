import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { commandRoles, type CommandName, type WireFromHub } from '../../shared/contract';
import { ROLES, roleAllows, type Role } from '../../shared/workflow';
import { startTestHub, type TestHub } from '../helpers/headless-hub';

const PASSWORD = 'a long enough password';
let hub: TestHub;
const tokens = new Map<Role, string>();

beforeAll(async () => {
  hub = await startTestHub();
  for (const role of ROLES) {
    await hub.users.addUser({ name: `${role}-user`, role, password: PASSWORD });
    const token = await hub.users.createToken(`${role}-user`, 'test');
    if (!token.ok) throw new Error(token.error.message);
    tokens.set(role, token.value.secret);
  }
});
afterAll(() => hub.close());

/** One WebSocket client: sends commands one at a time and collects the answers. */
async function client(headers: Record<string, string>) {
  const ws = new WebSocket(hub.wsUrl, { headers });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let next = 1;
  const call = (name: string, payload: unknown = {}) =>
    new Promise<{ ok: boolean; code?: string; message?: string }>((resolve, reject) => {
      const id = next++;
      const onClose = (code: number): void => reject(new Error(`closed ${code}`));
      const onMessage = (data: WebSocket.RawData): void => {
        const frame = JSON.parse(String(data)) as WireFromHub;
        if (frame.type !== 'response' || frame.id !== id) return;
        ws.off('message', onMessage);
        ws.off('close', onClose);
        resolve(frame.result.ok ? { ok: true } : { ok: false, ...frame.result.error });
      };
      ws.on('message', onMessage);
      ws.once('close', onClose);
      ws.send(JSON.stringify({ type: 'request', id, name, payload }));
    });
  return { call, close: () => ws.close() };
}

const post = (path: string, body: string, type: string, headers: Record<string, string> = {}) =>
  fetch(new URL(path, hub.url), {
    method: 'POST',
    body,
    headers: { 'content-type': type, ...headers },
    redirect: 'manual',
  });

describe('team hub: users and roles over the network API', () => {
  it('authorizes every command by the caller’s role: allowed ones pass the role check, others are refused', async () => {
    const names = Object.keys(commandRoles) as CommandName[];
    for (const role of ROLES) {
      const c = await client({ authorization: `Bearer ${tokens.get(role) ?? ''}` });
      const whoami = await c.call('session:whoami');
      expect(whoami.ok).toBe(true);
      for (const name of names) {
        const answer = await c.call(name, {});
        const refused = !answer.ok && answer.code === 'forbidden';
        expect({ role, name, refused }).toEqual({ role, name, refused: !roleAllows(role, commandRoles[name]) });
      }
      c.close();
    }
  });

  it('a connection acts as its user, and a revoked token stops it within the recheck period', async () => {
    let monotonic = 0;
    const own = await startTestHub(undefined, { ws: { now: () => monotonic } });
    onTestFinished(() => own.close());
    const token = await own.users
      .addUser({ name: 'desk-user', role: 'staff' })
      .then(() => own.users.createToken('desk-user', 'revoke me'));
    if (!token.ok) throw new Error(token.error.message);
    const ownHeaders = { authorization: `Bearer ${token.value.secret}` };
    const ws = new WebSocket(own.wsUrl, { headers: ownHeaders });
    const frames: WireFromHub[] = [];
    ws.on('message', (data) => frames.push(JSON.parse(String(data)) as WireFromHub));
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(JSON.stringify({ type: 'request', id: 1, name: 'session:whoami', payload: {} }));
    await vi.waitFor(() => expect(frames.some((f) => f.type === 'response')).toBe(true));
    expect(frames.find((f) => f.type === 'response')).toMatchObject({
      result: { ok: true, value: { name: 'desk-user', role: 'staff' } },
    });
    expect(await own.users.revoke(token.value.id)).toBe(true);
    const refused = new WebSocket(own.wsUrl, { headers: ownHeaders });
    expect(await new Promise((r) => refused.on('unexpected-response', (_q, res) => r(res.statusCode)))).toBe(401);
    ws.send(JSON.stringify({ type: 'request', id: 2, name: 'session:whoami', payload: {} }));
    await vi.waitFor(() => expect(frames.filter((f) => f.type === 'response')).toHaveLength(2));
    const closed = new Promise<number>((resolve) => ws.once('close', resolve));
    monotonic += 10_000; // the recheck period passes: the next command checks the token again
    ws.send(JSON.stringify({ type: 'request', id: 3, name: 'session:whoami', payload: {} }));
    expect(await closed).toBe(4401);
  });

  it('refuses unauthenticated and wrongly authenticated requests', async () => {
    const attempts: Array<Record<string, string>> = [
      {},
      { authorization: 'Bearer eat_forged' },
      { cookie: `earshot_user_${new URL(hub.url).port}=ess_forged` },
    ];
    for (const headers of attempts) {
      const res = await fetch(new URL('api/session', hub.url), { headers });
      expect(res.status).toBe(401);
      const ws = new WebSocket(hub.wsUrl, { headers });
      const status = await new Promise<number>((resolve) => {
        ws.on('unexpected-response', (_req, response) => resolve(response.statusCode ?? 0));
        ws.on('open', () => resolve(101));
      });
      expect(status).toBe(401);
    }
  });

  it('signs in with a password (JSON or the /login form), and signs out', async () => {
    const page = await fetch(new URL('login', hub.url));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await page.text()).toContain('<form method="post" action="/api/login">');
    const form = await post(
      'api/login',
      `name=supervisor-user&password=${encodeURIComponent(PASSWORD)}`,
      'application/x-www-form-urlencoded',
    );
    expect(form.status).toBe(303);
    const login = await post(
      'api/login',
      JSON.stringify({ name: 'supervisor-user', password: PASSWORD }),
      'application/json',
    );
    expect(login.status).toBe(200);
    expect(await login.json()).toMatchObject({ user: { name: 'supervisor-user', role: 'supervisor' } });
    const cookie = login.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^earshot_user_\d+=ess_[\w-]+; HttpOnly; SameSite=Strict; Path=\/; Max-Age=\d+$/);
    const session = cookie.split(';')[0] ?? '';
    const me = await fetch(new URL('api/session', hub.url), { headers: { cookie: session } });
    expect(await me.json()).toEqual({ authenticated: true, user: { name: 'supervisor-user', role: 'supervisor' } });
    const c = await client({ cookie: session });
    expect(await c.call('incident:resolve', {})).not.toMatchObject({ code: 'forbidden' });
    c.close();
    const out = await post('api/logout', '', 'application/json', { cookie: session });
    expect(out.status).toBe(200);
    expect((await fetch(new URL('api/session', hub.url), { headers: { cookie: session } })).status).toBe(401);
  });

  it('answers a wrong password and an unknown name alike, and throttles a brute force with 429 + Retry-After', async () => {
    await hub.users.addUser({ name: 'target', role: 'admin', password: PASSWORD });
    const wrong = await post(
      'api/login',
      JSON.stringify({ name: 'target', password: 'not it at all' }),
      'application/json',
    );
    const unknown = await post(
      'api/login',
      JSON.stringify({ name: 'ghost', password: 'not it at all' }),
      'application/json',
    );
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(await wrong.text()).toBe(await unknown.text());
    for (let i = 0; i < 4; i += 1) {
      await post('api/login', JSON.stringify({ name: 'target', password: `guess ${i} guess` }), 'application/json');
    }
    const locked = await post('api/login', JSON.stringify({ name: 'target', password: PASSWORD }), 'application/json');
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const bad = await post('api/login', 'x'.repeat(9000), 'application/json');
    expect(bad.status).toBe(400);
  });
});
