import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import WebSocket from 'ws';
import { TEST_IDS } from '../../renderer/test-ids';
import { startHub, type HubProcess } from './hub-process';
import { byId, launchChromium } from '../helpers/chromium';

/** The control plane's authentication as a user and an attacker meet it: the built `earshot serve`, real Chromium. */

declare const document: {
  readonly documentElement: { readonly dataset: Readonly<Record<string, string | undefined>> };
};
const isReady = (): boolean => document.documentElement.dataset.earshotReady === 'true';

let hub: HubProcess;
let browser: Browser;

beforeAll(async () => {
  hub = await startHub({ speed: 60 });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

/** Opens /ws from node with these headers: 'open', or the refusal's message (it names the HTTP status). */
function upgrade(headers: Record<string, string>): Promise<string> {
  const ws = new WebSocket(`${hub.baseUrl.replace('http', 'ws')}ws`, { headers });
  return new Promise((resolve) => {
    ws.on('open', () => {
      ws.close();
      resolve('open');
    });
    ws.on('error', (e) => resolve(e.message));
  });
}

describe('earshot serve authentication', () => {
  it('prints a wall URL with a token that signs the browser in: HttpOnly SameSite=Strict cookie, token gone from the URL', async () => {
    expect(hub.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
    expect(hub.output().match(/\?token=/g)?.length).toBe(1); // printed once
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(hub.url);
    await page.waitForFunction(isReady);
    await expect.poll(() => page.locator(byId(TEST_IDS.connection)).getAttribute('data-status')).toBe('connected');
    expect(page.url()).toBe(hub.baseUrl);
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === `earshot_session_${new URL(hub.baseUrl).port}`);
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(session?.value).not.toContain(hub.token);
    expect(await page.evaluate(() => (globalThis as unknown as { document: { cookie: string } }).document.cookie)).toBe(
      '',
    );
    // The export link and any /api/* call from the page ride on the cookie.
    const status = await page.evaluate(async () => (await fetch('api/session')).status);
    expect(status).toBe(200);
    await context.close();
  });

  it('a page opened without the token gets no data and says how to sign in', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(hub.baseUrl);
    await page.locator(byId(TEST_IDS.errorBanner)).filter({ hasText: 'Not signed in' }).waitFor();
    expect(await page.locator(byId(TEST_IDS.connection)).getAttribute('data-status')).not.toBe('connected');
    const wrong = await page.goto(`${hub.baseUrl}?token=not-the-token`);
    expect(wrong?.status()).toBe(401);
    expect(await context.cookies()).toEqual([]);
    await context.close();
  });

  it('refuses WebSocket and /api/* without the bearer token or a session; GET /api/status stays public', async () => {
    expect(await upgrade({})).toContain('401');
    expect(await upgrade({ authorization: 'Bearer wrong' })).toContain('401');
    expect(await upgrade({ authorization: `Bearer ${hub.token}` })).toBe('open');
    expect(await upgrade({ authorization: `Bearer ${hub.token}`, origin: 'http://127.0.0.1:1' })).toContain('403');
    expect((await fetch(`${hub.baseUrl}api/session`)).status).toBe(401);
    expect((await hub.authorizedFetch('api/session')).status).toBe(200);
    expect((await fetch(`${hub.baseUrl}api/status`)).status).toBe(200);
  });

  it('sends Permissions-Policy, ships no source maps and serves none', async () => {
    const page = await fetch(hub.baseUrl);
    expect(page.headers.get('permissions-policy')).toContain('camera=()');
    const assets = await readdir('dist/renderer/assets');
    expect(assets.filter((f) => f.endsWith('.map'))).toEqual([]);
    const script = assets.find((f) => f.endsWith('.js'));
    expect((await fetch(`${hub.baseUrl}assets/${script}`)).status).toBe(200);
    expect((await fetch(`${hub.baseUrl}assets/${script}.map`)).status).toBe(404);
  });

  it('keeps its data private: data dir 0700, database 0600, access token 0600 holding the printed token', async () => {
    const mode = async (name: string): Promise<number> => (await stat(join(hub.dataDir, name))).mode & 0o777;
    expect(await mode('.')).toBe(0o700);
    expect(await mode('access-token')).toBe(0o600);
    expect((await readFile(join(hub.dataDir, 'access-token'), 'utf8')).trim()).toBe(hub.token);
    for (const file of ['earshot.db', 'earshot.db-wal', 'earshot.db-shm']) expect(await mode(file), file).toBe(0o600);
  });

  it('refuses to bind beyond loopback without server.publicHosts', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'earshot-bind-'));
    try {
      const child = spawn(
        process.execPath,
        ['bin/earshot.mjs', 'serve', '--host', '0.0.0.0', '--port', '0', '--data-dir', join(dir, 'data')],
        { env: { ...process.env, EARSHOT_LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let out = '';
      // It either exits, or (the bug) starts listening and prints its wall URL: then it is stopped here.
      const outcome = new Promise<string>((resolve) => {
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('Earshot wall:')) resolve('listening');
        });
        child.once('exit', (code) => resolve(`exit ${String(code)}`));
      });
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
      try {
        expect(await outcome).toBe('exit 1');
        expect(out).toContain('publicHosts');
      } finally {
        if (child.exitCode === null) {
          const exited = new Promise((resolve) => child.once('exit', resolve));
          child.kill('SIGKILL');
          await exited;
        }
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
