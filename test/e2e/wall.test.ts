import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { MAX_FEED_MENTIONS } from '../../renderer/stores/mentions-slice';
import { TEST_IDS } from '../../renderer/test-ids';
import { startHub, type HubProcess } from './hub-process';
import { byId, launchChromium } from '../helpers/chromium';

let hub: HubProcess;
let browser: Browser;
let page: Page;
const problems: string[] = [];

interface StatusJson {
  readonly version: unknown;
  readonly uptime: unknown;
  readonly mentions: unknown;
  readonly sources: unknown;
}

async function status(): Promise<StatusJson> {
  const res = await fetch(`${hub.baseUrl}api/status`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('application/json');
  return (await res.json()) as StatusJson;
}

/**
 * The page's document, for predicates Playwright runs in the browser. This file is type-checked without the DOM
 * library, so it declares the little it uses. (Predicates are functions, not strings: the wall's CSP forbids eval.)
 */
interface PageElement {
  getAttribute(name: string): string | null;
  readonly textContent: string | null;
}
declare const document: {
  readonly documentElement: { readonly dataset: Readonly<Record<string, string | undefined>> };
  querySelector(selector: string): PageElement | null;
};

declare function requestAnimationFrame(callback: (time: number) => void): number;
interface FrameLog {
  frames: number[];
  stop: boolean;
}

const isReady = (): boolean => document.documentElement.dataset.earshotReady === 'true';
const isLight = (): boolean => document.documentElement.dataset.theme === 'light';

const readInt = async (selector: string, attr?: string): Promise<number> => {
  const el = page.locator(selector);
  const raw = attr === undefined ? await el.textContent() : await el.getAttribute(attr);
  return Number((raw ?? '').replace(/[^\d]/g, ''));
};

beforeAll(async () => {
  hub = await startHub({ speed: 60 });
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, colorScheme: 'dark' });
  page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
});

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

describe('the wall against the built hub', () => {
  it('serves /api/status with version, uptime, sources and a growing mention count', async () => {
    const first = await status();
    expect(typeof first.version).toBe('string');
    expect(typeof first.uptime).toBe('number');
    expect(Array.isArray(first.sources)).toBe(true);
    expect((first.sources as ReadonlyArray<unknown>).length).toBeGreaterThan(0);
    const before = first.mentions as number;
    expect(Number.isInteger(before)).toBe(true);
    await vi.waitFor(async () => expect((await status()).mentions as number).toBeGreaterThan(before), {
      timeout: 30_000,
      interval: 250,
    });
  });

  it('becomes ready after the first snapshot and shows mentions arriving live', async () => {
    await page.goto(hub.url);
    await page.waitForFunction(isReady);
    await expect.poll(() => page.locator(byId(TEST_IDS.connection)).textContent()).toContain('connected');
    expect(await page.locator(byId(TEST_IDS.hubVersion)).textContent()).toMatch(/\d+\.\d+/);
    const feedCount = (sel: string): number => Number(document.querySelector(sel)?.getAttribute('data-mention-count'));
    await page.waitForFunction(feedCount, byId(TEST_IDS.feed));
    const shown = await readInt(byId(TEST_IDS.feed), 'data-mention-count');
    const stored = await readInt(byId(TEST_IDS.mentionCount));
    await page.waitForFunction(
      ([sel, n]) => Number((document.querySelector(sel)?.textContent ?? '').replace(/[^0-9]/g, '')) > n,
      [byId(TEST_IDS.mentionCount), stored] as const,
    );
    await page.waitForFunction(
      ([sel, n, max]) => {
        const count = Number(document.querySelector(sel)?.getAttribute('data-mention-count'));
        return count > n || count >= max;
      },
      [byId(TEST_IDS.feed), shown, MAX_FEED_MENTIONS] as const,
    );
    expect(await page.locator(byId(TEST_IDS.mentionRow)).count()).toBeGreaterThan(0);
    expect(await page.locator(byId(TEST_IDS.sourceChip)).count()).toBeGreaterThan(0);
  });

  it('renders post text strictly as text', async () => {
    const marker = `e2e-${Date.now()}`;
    // The hub may run a sped-up clock: date the post just after the newest one shown, so it sorts first.
    const newest = await page
      .locator(`${byId(TEST_IDS.mentionRow)} time`)
      .first()
      .getAttribute('datetime');
    const createdAt = Date.parse(newest ?? '') + 1000;
    expect(Number.isFinite(createdAt)).toBe(true);
    const text = `<b>${marker}</b> <img src=x onerror="document.title='pwned'"> <script>window.pwned=1</script>`;
    const res = await fetch(`${hub.baseUrl}api/ingest/e2e`, {
      method: 'POST',
      headers: { authorization: `Bearer ${hub.ingestToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ mentions: [{ externalId: marker, text, createdAt, author: 'e2e-tester' }] }),
    });
    expect(res.status).toBeLessThan(300);
    const post = page.locator(byId(TEST_IDS.mentionText), { hasText: marker });
    await post.first().waitFor({ state: 'visible' });
    expect(await post.first().textContent()).toBe(text);
    expect(await post.first().locator('b, img, script').count()).toBe(0);
    expect(await page.title()).toBe('Earshot');
  });

  it('opens settings with the configured sources and the keyboard help', async () => {
    await page.keyboard.press('s');
    await page.locator(byId(TEST_IDS.settingsView)).waitFor();
    await page.locator(byId(TEST_IDS.sourceSettings)).first().waitFor();
    const inputs = page.locator(`${byId(TEST_IDS.sourceSettings)} input`);
    for (const input of await inputs.all()) {
      expect(await input.getAttribute('type')).toBe('password');
      expect(await input.inputValue()).toBe('');
    }
    const card = page.locator(byId(TEST_IDS.sourceSettings)).filter({ hasText: 'E2E ingest' });
    await card.getByRole('button', { name: 'Test connection' }).click();
    await card.locator(byId(TEST_IDS.sourceTestResult)).filter({ hasNotText: 'Testing…' }).waitFor();
    await page.keyboard.press('Escape');
    await page.locator(byId(TEST_IDS.feed)).waitFor();
    await page.keyboard.press('?');
    await page.locator(byId(TEST_IDS.helpOverlay)).waitFor();
    await page.keyboard.press('Escape');
    await page.locator(byId(TEST_IDS.helpOverlay)).waitFor({ state: 'detached' });
  });

  it("shows the incident the demo's scripted outage opens, with its evidence card", async () => {
    const tile = page.locator(byId(TEST_IDS.incidentTile)).first();
    await tile.waitFor({ timeout: 50_000 });
    expect(await tile.locator('.sev').textContent()).toMatch(/P[1-4]/);
    await tile.getByRole('button', { name: 'Evidence' }).click();
    const card = tile.locator(byId(TEST_IDS.evidenceCard));
    await card.waitFor();
    expect(await card.textContent()).toContain('Observed vs usual');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      tile.locator(byId(TEST_IDS.incidentExport)).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^earshot-.+\.json$/);
    const exported = JSON.parse(await readFile(await download.path(), 'utf8')) as { id: string; evidence: unknown };
    expect(exported.evidence).toBeDefined();
    expect(download.suggestedFilename()).toBe(`earshot-${exported.id}.json`);
  }, 60_000);

  it('toggles dark and light themes, remembers the choice, and saves screenshots', async () => {
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    await page.locator(`${byId(TEST_IDS.volumeChart)} path.chart-total[d^="M"]`).waitFor();
    await page.screenshot({ path: 'test-results/wall.png' });
    await page.keyboard.press('t');
    await page.waitForFunction(isLight);
    await page.screenshot({ path: 'test-results/wall-light.png' });
    await page.reload();
    await page.waitForFunction(isReady);
    expect(await page.locator('html').getAttribute('data-theme')).toBe('light');
    expect(problems).toEqual([]);
  });

  it('keeps painting under a burst of 3,000 mentions (figures printed, not asserted)', async () => {
    const before = await readInt(byId(TEST_IDS.mentionCount));
    await page.evaluate(() => {
      (globalThis as unknown as { earshotFrames: FrameLog }).earshotFrames = { frames: [], stop: false };
      let last = performance.now();
      const tick = (t: number): void => {
        const log = (globalThis as unknown as { earshotFrames: FrameLog }).earshotFrames;
        log.frames.push(t - last);
        last = t;
        if (!log.stop) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    const started = performance.now();
    const burst = Array.from({ length: 3 }, (_, b) =>
      fetch(`${hub.baseUrl}api/ingest/e2e`, {
        method: 'POST',
        headers: { authorization: `Bearer ${hub.ingestToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          mentions: Array.from({ length: 1000 }, (_, i) => ({
            externalId: `burst-${b}-${i}`,
            text: `burst post ${b}-${i}: the app keeps logging me out`,
            createdAt: Date.now(),
            author: `burst${i}`,
          })),
        }),
      }),
    );
    for (const res of await Promise.all(burst)) expect(res.status).toBeLessThan(300);
    await page.waitForFunction(
      ([sel, n]) => Number((document.querySelector(sel)?.textContent ?? '').replace(/[^0-9]/g, '')) >= n,
      [byId(TEST_IDS.mentionCount), before + 3000] as const,
    );
    const elapsed = performance.now() - started;
    const frames = await page.evaluate(() => {
      const log = (globalThis as unknown as { earshotFrames: FrameLog }).earshotFrames;
      log.stop = true;
      return log.frames.slice(1);
    });
    expect(frames.length).toBeGreaterThan(0);
    const sorted = [...frames].sort((a, b) => a - b);
    const total = frames.reduce((a, b) => a + b, 0);
    const figures = {
      burst_mentions: 3000,
      burst_to_wall_ms: Math.round(elapsed),
      frames: frames.length,
      avg_fps: Math.round((frames.length / total) * 1000 * 10) / 10,
      p95_frame_ms: Math.round(sorted[Math.floor(sorted.length * 0.95)] ?? 0),
      max_frame_ms: Math.round(sorted[sorted.length - 1] ?? 0),
      frames_over_50ms: frames.filter((f) => f > 50).length,
      feed_dom_rows: await page.locator(byId(TEST_IDS.mentionRow)).count(),
    };
    process.stdout.write(
      `${Object.entries(figures)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')}\n`,
    );
  });

  it('shows the lost connection, reconnects to a restarted hub and takes its fresh snapshot', async () => {
    const port = Number(new URL(hub.baseUrl).port);
    const oldCount = await readInt(byId(TEST_IDS.mentionCount));
    await hub.stop();
    await page.locator(byId(TEST_IDS.errorBanner)).waitFor();
    await expect.poll(() => page.locator(byId(TEST_IDS.connection)).getAttribute('data-status')).not.toBe('connected');
    hub = await startHub({ speed: 60, port, accessToken: hub.token }); // the restarted hub keeps its token
    await expect
      .poll(() => page.locator(byId(TEST_IDS.connection)).getAttribute('data-status'), { timeout: 40_000 })
      .toBe('connected');
    await page.locator(byId(TEST_IDS.errorBanner)).waitFor({ state: 'detached' });
    // A fresh hub has a fresh store (no burst): the count comes from its snapshot, not from the old hub's.
    await expect.poll(() => readInt(byId(TEST_IDS.mentionCount))).toBeLessThan(oldCount);
    await page.waitForFunction(isReady);
    expect(problems.filter((p) => !p.includes('WebSocket') && !p.includes('ERR_CONNECTION_REFUSED'))).toEqual([]);
  }, 60_000);
});
