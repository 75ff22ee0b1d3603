import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { TEST_IDS } from '../../renderer/test-ids';
import { withCsp } from '../../electron/main/security';
import { isOnHubOrigin } from '../../electron/main/team-window';
import { startHub, type HubProcess } from './hub-process';
import { byId, launchChromium } from '../helpers/chromium';

/**
 * The desktop app's team hub window, as far as it can run without Electron: the built `earshot serve`'s own page
 * in real Chromium, with what the main process does to that window's session: the desktop CSP on every
 * response (hardenSession) and `Authorization: Bearer <personal token>` on the hub origin's requests
 * (attachHubToken), no cookie, no token in the URL. The wall must go live on that alone.
 */

declare const document: {
  readonly documentElement: { readonly dataset: Readonly<Record<string, string | undefined>>; outerHTML: string };
  readonly cookie: string;
};

const run = promisify(execFile);
let hub: HubProcess;
let browser: Browser;
let token = '';

beforeAll(async () => {
  hub = await startHub({ speed: 60 });
  const cli = (...args: string[]) =>
    run(process.execPath, ['bin/earshot.mjs', 'users', ...args, '--data-dir', hub.dataDir], {
      env: { ...process.env, EARSHOT_LOG_LEVEL: 'silent' },
    });
  await cli('add', 'desk-4', '--role', 'staff');
  token = /eat_[\w-]{43}/.exec((await cli('token', 'desk-4', '--label', 'desktop app')).stdout)?.[0] ?? '';
  // A response fulfilled by the test's route has no network address, so Chromium's Local Network Access checks
  // would treat the page as public and block its WebSocket to loopback; Electron's real hook rewrites headers
  // in place and has no such issue.
  browser = await launchChromium(['--disable-features=LocalNetworkAccessChecks']);
});

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

describe('the desktop app connected to a team hub', () => {
  it('shows the hub’s live wall with only the bearer header the main process adds, under the desktop CSP', async () => {
    expect(token).toMatch(/^eat_/);
    const origin = new URL(hub.baseUrl).origin;
    const context = await browser.newContext();
    // The WebSocket handshake carries it too (Chromium applies these headers to every request of the context).
    await context.setExtraHTTPHeaders({ authorization: `Bearer ${token}` });
    const foreign: string[] = [];
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      if (!isOnHubOrigin(url, origin)) {
        foreign.push(url);
        await route.abort();
        return;
      }
      const response = await route.fetch();
      await route.fulfill({ response, headers: flatten(withCsp(response.headers())) });
    });
    const page = await context.newPage();
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => document.documentElement.dataset.earshotReady === 'true');
    await expect.poll(() => page.locator(byId(TEST_IDS.connection)).getAttribute('data-status')).toBe('connected');
    expect(await page.evaluate(() => document.cookie)).toBe('');
    expect(await page.evaluate(() => document.documentElement.outerHTML)).not.toContain(token);
    expect(page.url()).toBe(`${origin}/`);
    expect(foreign).toEqual([]);
    await context.close();
  });
});

/** Playwright takes one value per header name. */
function flatten(headers: Record<string, string[]>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, values]) => [name, values.join(', ')]));
}
