/**
 * The executive display against the real `earshot serve --speed 60` with a loopback RSS feed: a source's past,
 * recovered outage is drawn as a gap on its channel (not zeros) and the all-sources timeline is partial there; the
 * kiosk's `scenes=` picks the rotation; the wall's own font is served and used; at 3840×2160 the controls scale.
 */
import { createServer, type Server } from 'node:http';
import { writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { TEST_IDS } from '../../renderer/test-ids';
import { byId, launchChromium, openDisplayPage, WALL_READY } from '../helpers/chromium';
import { createHubHome, startHubOn, type HubHome, type HubRun } from './hub-process';

/** What predicates running in the page use (this file is type-checked without the DOM library). */
interface PageElement {
  getAttribute(name: string): string | null;
  getBoundingClientRect(): { readonly height: number; readonly width: number };
}
declare const document: {
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
  readonly documentElement: { readonly dataset: Readonly<Record<string, string | undefined>> };
  readonly fonts: { load(font: string): Promise<ArrayLike<unknown>>; check(font: string): boolean };
};
declare function getComputedStyle(e: PageElement): { fontFamily: string; fontSize: string };

/** A feed that answers 503 while `down`, else one new undated item per request (the hub dates it at hub time). */
interface FakeFeed {
  readonly url: string;
  down: boolean;
  served: number;
  failed: number;
  close(): Promise<void>;
}

async function startFeed(): Promise<FakeFeed> {
  const state = { down: false, served: 0, failed: 0 };
  const server: Server = createServer((_req, res) => {
    if (state.down) {
      state.failed += 1;
      res.writeHead(503, { 'content-type': 'text/plain' }).end('maintenance');
      return;
    }
    state.served += 1;
    const n = state.served;
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    res.end(
      `<?xml version="1.0"?><rss version="2.0"><channel><title>Status</title><link>http://status.test/</link>` +
        `<description>status</description><item><title>Status update ${n}</title>` +
        `<description>Service note number ${n}</description><guid>note-${n}</guid></item></channel></rss>`,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}/feed.xml`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

let feed: FakeFeed;
let home: HubHome;
let hub: HubRun;
let browser: Browser;
const problems: string[] = [];

const openDisplay = (query: string, viewport?: { width: number; height: number }): Promise<Page> =>
  openDisplayPage(browser, hub.url, query, problems, viewport);

/** Waits until the display clock (hub time) has moved `minutes` past what it shows now. */
async function waitHubMinutes(page: Page, minutes: number): Promise<void> {
  const clock = byId(TEST_IDS.displayClock);
  const since = Date.parse((await page.locator(clock).getAttribute('datetime')) ?? '');
  await page.waitForFunction(
    ([sel, t]) => Date.parse(document.querySelector(sel)?.getAttribute('datetime') ?? '') >= t,
    [clock, since + minutes * 60_000] as const,
    { timeout: 60_000 },
  );
}

beforeAll(async () => {
  feed = await startFeed();
  home = await createHubHome();
  await writeFile(
    home.configPath,
    JSON.stringify({
      sources: [
        {
          type: 'rss',
          id: 'status',
          label: 'Status feed',
          url: feed.url,
          matchWatchlists: false,
          pollIntervalMs: 60_000,
        },
      ],
    }),
  );
  hub = await startHubOn(home, { speed: 60 });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await hub?.kill('SIGTERM');
  await home?.remove();
  await feed?.close();
});

describe("a source's recovered outage on the executive display", () => {
  it('draws the minutes the feed was down as a gap on its channel, not zeros, and the timeline as partial', async () => {
    const page = await openDisplay('rotate=0&scenes=channels,topics');
    await page.locator('.scene-dots button', { hasText: 'channels' }).click();
    const rowSel = `${byId(TEST_IDS.channelRow)}[data-channel="rss"]`;
    const row = page.locator(rowSel);
    await row.waitFor();
    // A few minutes of posts, then the feed fails (503) until the source is failing and stale …
    await waitHubMinutes(page, 3);
    expect(feed.served).toBeGreaterThanOrEqual(2);
    feed.down = true;
    await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('data-stale') === 'true', rowSel, {
      timeout: 60_000,
    });
    await waitHubMinutes(page, 6);
    // … then recovers: posts flow again, the tile is fresh, and the outage stays a gap.
    feed.down = false;
    await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('data-stale') === 'false', rowSel, {
      timeout: 60_000,
    });
    const gap = row.locator(byId(TEST_IDS.chartGap));
    await gap.first().waitFor();
    const label = (await row.locator('svg').getAttribute('aria-label')) ?? '';
    const minutes = Number(/(\d+) minutes with no data/.exec(label)?.[1] ?? 0);
    expect(minutes).toBeGreaterThanOrEqual(5);
    expect(feed.failed).toBeGreaterThanOrEqual(3);
    await page.screenshot({ path: 'test-results/display-source-gap.png' });

    await page.locator('.scene-dots button', { hasText: 'topics' }).click();
    await page.locator(byId(TEST_IDS.chartPartial)).first().waitFor();
    expect(problems).toEqual([]);
    await page.context().close();
  }, 150_000);
});

describe("the display's kiosk address, font and 4K layout", () => {
  it("rotates only through the kiosk's scenes= and notes the unknown ones", async () => {
    const page = await openDisplay('rotate=3&scenes=incidents,overview,weather');
    const dots = page.locator(`${byId(TEST_IDS.sceneDots)} button`);
    expect(await dots.allTextContents()).toEqual(['overview', 'incidents']);
    await page.locator(byId(TEST_IDS.displayScenesNote), { hasText: '"weather" ignored' }).waitFor();
    // The rotation moves between those two only: it reaches incidents, then overview again, never channels.
    const scene = byId(TEST_IDS.displayScene);
    const seen = new Set<string>();
    for (const want of ['incidents', 'overview']) {
      await page.waitForFunction(([sel, w]) => document.querySelector(sel)?.getAttribute('data-scene') === w, [
        scene,
        want,
      ] as const);
      seen.add(want);
    }
    expect([...seen]).toEqual(['incidents', 'overview']);
    await page.context().close();
  }, 60_000);

  it('serves the wall its own font (woff2, font-src self) and uses it, with tabular figures on the KPIs', async () => {
    const page = await openDisplay('rotate=0');
    const fontResponses: Array<{ url: string; type: string | null; status: number }> = [];
    page.on('response', (r) => {
      if (r.url().endsWith('.woff2'))
        fontResponses.push({ url: r.url(), type: r.headers()['content-type'] ?? null, status: r.status() });
    });
    await page.reload();
    await page.waitForFunction(WALL_READY);
    const loaded = await page.evaluate(async () => (await document.fonts.load('700 16px "Inter Variable"')).length);
    expect(loaded).toBeGreaterThan(0);
    expect(await page.evaluate(() => document.fonts.check('700 16px "Inter Variable"'))).toBe(true);
    expect(fontResponses.length).toBeGreaterThan(0);
    for (const r of fontResponses) {
      expect(r.status).toBe(200);
      expect(r.type).toBe('font/woff2');
      expect(new URL(r.url).origin).toBe(new URL(hub.origin).origin);
    }
    const csp = (await (await fetch(hub.url)).headers.get('content-security-policy')) ?? '';
    expect(csp).toContain("font-src 'self'");
    const figure = page.locator(byId(TEST_IDS.kpiFigure)).first();
    await figure.waitFor();
    expect(await figure.evaluate((e) => getComputedStyle(e as PageElement).fontFamily)).toContain('Inter Variable');
    await page.context().close();
  }, 60_000);

  it('scales header buttons and controls with the type scale at 3840×2160', async () => {
    const page = await openDisplay('rotate=0', { width: 3840, height: 2160 });
    await page.locator(byId(TEST_IDS.kpiFigure)).first().waitFor();
    const sizes = await page.evaluate(() =>
      Array.from(document.querySelectorAll('.status-bar button, .layout-tabs button, .scene-dots button'), (e) => ({
        height: e.getBoundingClientRect().height,
        font: Number.parseFloat(getComputedStyle(e).fontSize),
      })),
    );
    expect(sizes.length).toBeGreaterThanOrEqual(8);
    for (const s of sizes) {
      expect(s.height).toBeGreaterThanOrEqual(56);
      expect(s.font).toBeGreaterThanOrEqual(28);
    }
    await page.screenshot({ path: 'test-results/display-4k.png' });
    expect(problems).toEqual([]);
    await page.context().close();
  }, 60_000);
});
