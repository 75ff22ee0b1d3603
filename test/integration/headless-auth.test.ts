import { request } from 'node:http';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startHeadlessServer, type HeadlessServer } from '../../electron/headless/server';
import { silentLogger } from '../../electron/core/runtime/logger';
import type { Core } from '../../electron/core/core-types';
import { bareCore } from '../helpers/core';

/** The control plane's authentication (issue 13 §3) against a real headless host on loopback. */

const TOKEN = 'auth-test-token-0123456789abcdef0123456789abcdef';
let server: HeadlessServer;
let core: Core;
let staticDir: string;

beforeAll(async () => {
  staticDir = await mkdtemp(join(tmpdir(), 'earshot-auth-static-'));
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>wall</title>');
  await mkdir(join(staticDir, 'assets'));
  await writeFile(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(staticDir, 'assets', 'app.js.map'), '{"version":3,"sources":["secret.ts"]}');
  ({ core } = await bareCore());
  server = await startHeadlessServer({
    core,
    host: '127.0.0.1',
    port: 0,
    staticDir,
    logger: silentLogger(),
    accessToken: TOKEN,
    ingest: Object.assign(async () => ({ status: 202, body: { accepted: 0 } }), { authorize: async () => null }),
  });
});

afterAll(async () => {
  await server.close();
  await core.stop();
  await rm(staticDir, { recursive: true, force: true });
});

const wsUrl = (): string => `${server.url.replace('http', 'ws')}ws`;

/** Opens /ws with these headers: 'open', or the refusal's message (it names the HTTP status). */
function upgrade(headers: Record<string, string>): Promise<string> {
  const ws = new WebSocket(wsUrl(), { headers });
  return new Promise((resolve) => {
    ws.on('open', () => {
      ws.close();
      resolve('open');
    });
    ws.on('error', (e) => resolve(e.message));
  });
}

/** GET with a raw Host/Origin (fetch would not let a test set Host). */
function rawGet(path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    request(`${server.url}${path.replace(/^\//, '')}`, { headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    })
      .on('error', reject)
      .end();
  });
}

/** Opens the token link and returns the session cookie it set. */
async function signIn(): Promise<{ cookie: string; setCookie: string; location: string | null }> {
  const res = await fetch(`${server.url}?token=${TOKEN}`, { redirect: 'manual' });
  expect(res.status).toBe(302);
  const setCookie = res.headers.get('set-cookie') ?? '';
  return { cookie: setCookie.split(';')[0] ?? '', setCookie, location: res.headers.get('location') };
}

describe('control-plane authentication', () => {
  it('refuses a WebSocket upgrade without a session or bearer token (401), or with a wrong token', async () => {
    expect(await upgrade({})).toContain('401');
    expect(await upgrade({ authorization: 'Bearer wrong-token' })).toContain('401');
    expect(await upgrade({ authorization: `Bearer ${TOKEN}x` })).toContain('401');
    expect(await upgrade({ cookie: `earshot_session_${server.port}=v1.abc.def.ghi` })).toContain('401');
    expect(await upgrade({ authorization: `Bearer ${TOKEN}` })).toBe('open');
  });

  it('refuses /api/* without credentials (401) except GET /api/status; the bearer token opens them', async () => {
    const status = await fetch(`${server.url}api/status`);
    expect(status.status).toBe(200);
    for (const path of ['api/session', 'api/incidents/x.json', 'api/nope']) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.status, path).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer realm="earshot"');
      expect(((await res.json()) as { error: string }).error).toContain('Authorization: Bearer');
    }
    const wrong = await fetch(`${server.url}api/session`, { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    const right = await fetch(`${server.url}api/session`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(right.status).toBe(200);
    expect(await right.json()).toEqual({ authenticated: true, owner: true });
    const incident = await fetch(`${server.url}api/incidents/x.json`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(incident.status).toBe(404);
  });

  it('the ingest webhook keeps its own per-source token: no session asked', async () => {
    const res = await fetch(`${server.url}api/ingest/tickets`, {
      method: 'POST',
      headers: { authorization: 'Bearer the-source-token', 'content-type': 'application/json' },
      body: '{"mentions":[]}',
    });
    expect(res.status).toBe(202);
  });

  it('exchanges the token link for an HttpOnly SameSite=Strict session cookie and redirects without the token', async () => {
    const { cookie, setCookie, location } = await signIn();
    expect(location).toBe('/');
    expect(setCookie).toMatch(new RegExp(`^earshot_session_${server.port}=v1\\.`));
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).toContain('Path=/');
    expect(setCookie).not.toContain(TOKEN);
    const session = await fetch(`${server.url}api/session`, { headers: { cookie } });
    expect(session.status).toBe(200);
    expect(await upgrade({ cookie, origin: server.url.replace(/\/$/, '') })).toBe('open');

    const deep = await fetch(`${server.url}incidents?token=${TOKEN}&view=compact`, { redirect: 'manual' });
    expect(deep.headers.get('location')).toBe('/incidents?view=compact');
    const sneaky = await fetch(`${server.url}/evil.example/?token=${TOKEN}`, { redirect: 'manual' });
    expect(sneaky.headers.get('location')).toBe('/');
  });

  it('refuses a wrong token link: 401, no cookie', async () => {
    const res = await fetch(`${server.url}?token=not-the-token`, { redirect: 'manual' });
    expect(res.status).toBe(401);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(await res.text()).not.toContain('not-the-token');
  });

  it('refuses an Origin with another port or scheme, even with valid credentials', async () => {
    const { cookie } = await signIn();
    const own = new URL(server.url);
    const otherPort = `http://127.0.0.1:${server.port === 8080 ? 8081 : 8080}`;
    const otherScheme = `https://127.0.0.1:${own.port}`;
    for (const origin of [otherPort, otherScheme, 'http://evil.example']) {
      expect(await upgrade({ cookie, origin }), origin).toContain('403');
      expect(await upgrade({ authorization: `Bearer ${TOKEN}`, origin }), origin).toContain('403');
      expect(await rawGet('/api/session', { cookie, origin }), origin).toBe(403);
    }
    // A node client sends no Origin: its bearer token decides.
    expect(await upgrade({ authorization: `Bearer ${TOKEN}` })).toBe('open');
  });

  it('sends Permissions-Policy and never serves a source map, even one left in the build', async () => {
    const page = await fetch(server.url);
    expect(page.headers.get('permissions-policy')).toContain('camera=()');
    expect(page.headers.get('permissions-policy')).toContain('microphone=()');
    expect(page.headers.get('permissions-policy')).toContain('geolocation=()');
    expect((await fetch(`${server.url}assets/app.js`)).status).toBe(200);
    const map = await fetch(`${server.url}assets/app.js.map`);
    expect(map.status).toBe(404);
    expect(await map.text()).not.toContain('secret.ts');
    expect((await fetch(`${server.url}assets/missing.js.map`)).status).toBe(404);
  });
});

describe('binding beyond loopback', () => {
  it('refuses to start without server.publicHosts', async () => {
    const failure = await startHeadlessServer({
      core,
      host: '0.0.0.0',
      port: 0,
      staticDir,
      logger: silentLogger(),
      accessToken: TOKEN,
    }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toContain('publicHosts');
  });

  it('with publicHosts, answers only those names (and loopback)', async () => {
    const lan = await startHeadlessServer({
      core,
      host: '0.0.0.0',
      port: 0,
      staticDir,
      logger: silentLogger(),
      accessToken: TOKEN,
      publicHosts: ['wall.test'],
    });
    try {
      const get = (host: string): Promise<number> =>
        new Promise((resolve, reject) => {
          request(`http://127.0.0.1:${lan.port}/api/status`, { headers: { host } }, (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          })
            .on('error', reject)
            .end();
        });
      expect(await get(`wall.test:${lan.port}`)).toBe(200);
      expect(await get(`127.0.0.1:${lan.port}`)).toBe(200);
      expect(await get(`attacker.example:${lan.port}`)).toBe(421);
      expect(lan.url).toBe(`http://127.0.0.1:${lan.port}/`);
    } finally {
      await lan.close();
    }
  });
});
