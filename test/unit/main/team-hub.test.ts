import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubOrigin, isLoopbackHost, tokenProblem, verifyTeamHub } from '../../../electron/main/team-hub';
import { startTestHub, type TestHub } from '../../helpers/headless-hub';

let hub: TestHub;
let token = '';
let notAHub: Server;
const origin = (url: string): string => new URL(url).origin;
const listen = (server: Server): Promise<string> =>
  new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  );

beforeAll(async () => {
  hub = await startTestHub();
  await hub.users.addUser({ name: 'desk-4', role: 'staff' });
  const created = await hub.users.createToken('desk-4', 'desktop app');
  if (!created.ok) throw new Error(created.error.message);
  token = created.value.secret;
  notAHub = createServer((_req, res) => res.writeHead(404).end('nothing here'));
});
afterAll(async () => {
  await hub.close();
  await new Promise((resolve) => notAHub.close(resolve));
});

describe('the team hub address', () => {
  it('is https, or http on this computer only; no credentials, path, query or fragment', () => {
    expect(hubOrigin(' https://earshot.example.com/ ')).toEqual({ ok: true, value: 'https://earshot.example.com' });
    expect(hubOrigin('https://earshot.example.com:8443')).toEqual({
      ok: true,
      value: 'https://earshot.example.com:8443',
    });
    expect(hubOrigin('http://127.0.0.1:4870')).toEqual({ ok: true, value: 'http://127.0.0.1:4870' });
    expect(hubOrigin('http://localhost:4870/')).toMatchObject({ ok: true });
    expect(hubOrigin('http://[::1]:4870/')).toMatchObject({ ok: true });
    expect(hubOrigin('http://earshot.example.com')).toMatchObject({ ok: false, error: { code: 'not-https' } });
    expect(hubOrigin('http://192.168.1.20:4870')).toMatchObject({ ok: false, error: { code: 'not-https' } });
    for (const bad of [
      'earshot',
      'ftp://hub.example',
      'https://a:b@hub.example',
      'https://hub.example/wall',
      'https://hub.example/?x=1',
    ]) {
      expect(hubOrigin(bad)).toMatchObject({ ok: false, error: { code: 'invalid-url' } });
    }
    expect(isLoopbackHost('127.8.9.1')).toBe(true);
    expect(isLoopbackHost('128.0.0.1')).toBe(false);
  });

  it('takes only personal tokens, and never repeats one in its message', () => {
    expect(tokenProblem(`eat_${'a'.repeat(43)}`)).toBeNull();
    const problem = tokenProblem('ess_not-a-token');
    expect(problem).toContain('earshot users token');
    expect(problem).not.toContain('ess_not-a-token');
  });
});

describe('verifying a team hub (a real hub on loopback)', () => {
  it('accepts the hub and a live personal token, and says who it signs in as', async () => {
    expect(await verifyTeamHub(origin(hub.url), token, fetch)).toEqual({
      ok: true,
      value: { origin: origin(hub.url), user: { name: 'desk-4', role: 'staff' } },
    });
  });

  it('says the token was refused when it is unknown or revoked, without showing it', async () => {
    const other = `eat_${'b'.repeat(43)}`;
    const refused = await verifyTeamHub(origin(hub.url), other, fetch);
    expect(refused).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(JSON.stringify(refused)).not.toContain(other);
    const second = await hub.users.createToken('desk-4', 'revoke me');
    if (!second.ok) throw new Error(second.error.message);
    await hub.users.revoke(second.value.id);
    expect(await verifyTeamHub(origin(hub.url), second.value.secret, fetch)).toMatchObject({
      ok: false,
      error: { code: 'refused' },
    });
  });

  it('says the hub is unreachable, or is not an Earshot hub', async () => {
    const free = createServer();
    const freeUrl = await listen(free);
    await new Promise((resolve) => free.close(resolve));
    const unreachable = await verifyTeamHub(freeUrl, token, fetch);
    expect(unreachable).toMatchObject({ ok: false, error: { code: 'unreachable' } });
    if (unreachable.ok) throw new Error('reached');
    expect(unreachable.error.message).toContain('ECONNREFUSED');
    expect(unreachable.error.message).not.toContain(token);
    expect(await verifyTeamHub(await listen(notAHub), token, fetch)).toMatchObject({
      ok: false,
      error: { code: 'not-a-hub' },
    });
    expect(await verifyTeamHub(origin(hub.url), 'eat_short', fetch)).toMatchObject({
      ok: false,
      error: { code: 'bad-token' },
    });
  });

  it('gives up on a hub that does not answer in time (the request is aborted by its timeout signal)', async () => {
    let signal: AbortSignal | null = null;
    const hanging = (_url: string, init: { readonly signal: AbortSignal }) => {
      signal = init.signal;
      return Promise.reject(new DOMException('The operation timed out.', 'TimeoutError'));
    };
    expect(await verifyTeamHub('https://hub.example', token, hanging, 5_000)).toMatchObject({
      ok: false,
      error: { code: 'unreachable', message: 'Cannot reach https://hub.example: no answer in time.' },
    });
    expect(signal).toBeInstanceOf(AbortSignal);
  });
});
