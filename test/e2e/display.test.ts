/**
 * The executive display against the real `earshot serve --demo --speed 60` and `earshot replay --serve`: the P1
 * takeover holds the rotation until someone acknowledges, KPI figures and titles are readable at three meters on
 * 1920×1080, a source that stops turns its tile stale and its silence a gap, the drill-down opens the posts behind a
 * chart bar, and after a replay the wall shows the replayed day with its date on the clock.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { TEST_IDS } from '../../renderer/test-ids';
import { byId, launchChromium, openDisplayPage, WALL_READY } from '../helpers/chromium';
import { stopChild, waitForOutput } from '../helpers/child-process';
import { startHub, type HubProcess } from './hub-process';

/** What predicates running in the page use (this file is type-checked without the DOM library). */
interface PageElement {
  getAttribute(name: string): string | null;
  getBoundingClientRect(): { readonly height: number };
}
declare const document: {
  readonly documentElement: { readonly dataset: Readonly<Record<string, string | undefined>> };
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
};

let hub: HubProcess;
let browser: Browser;
const problems: string[] = [];

const openDisplay = (query: string, viewport?: { width: number; height: number }): Promise<Page> =>
  openDisplayPage(browser, hub.url, query, problems, viewport);

/** Hub time the display clock shows (its datetime attribute). */
const displayTime = async (page: Page): Promise<number> =>
  Date.parse((await page.locator(byId(TEST_IDS.displayClock)).getAttribute('datetime')) ?? '');

const heights = (page: Page, id: string): Promise<number[]> =>
  page.evaluate((sel) => Array.from(document.querySelectorAll(sel), (e) => e.getBoundingClientRect().height), byId(id));

beforeAll(async () => {
  hub = await startHub({ speed: 60 });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

describe('the executive display against the built hub', () => {
  it("lets the demo's P1 take the display over, holding the rotation until it is acknowledged", async () => {
    const page = await openDisplay('rotate=3');
    const takeover = page.locator(byId(TEST_IDS.p1Takeover));
    await takeover.waitFor({ timeout: 90_000 });
    expect(await page.locator(byId(TEST_IDS.displayScene)).getAttribute('data-scene')).toBe('takeover');
    // Proof the rotation had its chance: four hub minutes at speed 60 are four real seconds (the interval is 3).
    const since = await displayTime(page);
    await page.waitForFunction(
      ([sel, t]) => Date.parse(document.querySelector(sel)?.getAttribute('datetime') ?? '') >= t,
      [byId(TEST_IDS.displayClock), since + 4 * 60_000] as const,
    );
    expect(await takeover.isVisible()).toBe(true);
    await takeover.getByRole('button', { name: 'Acknowledge' }).click();
    await takeover.waitFor({ state: 'detached' });
    // Rotation resumes: the scene moves on from the overview.
    await page.waitForFunction(
      (sel) => document.querySelector(sel)?.getAttribute('data-scene') === 'channels',
      byId(TEST_IDS.displayScene),
      { timeout: 15_000 },
    );
    await page.context().close();
  }, 120_000);

  it('is readable at three meters on 1920×1080 (KPI figures ≥ 120 px, titles ≥ 48 px), with no developer text', async () => {
    for (const theme of ['dark', 'light'] as const) {
      const page = await openDisplay('rotate=0');
      if (theme === 'light') await page.keyboard.press('t');
      await page.locator(byId(TEST_IDS.kpiFigure)).first().waitFor();
      const figures = await heights(page, TEST_IDS.kpiFigure);
      expect(figures).toHaveLength(4);
      for (const h of figures) expect(h).toBeGreaterThanOrEqual(120);
      for (const h of await heights(page, TEST_IDS.kpiTitle)) expect(h).toBeGreaterThanOrEqual(48);
      const sceneTitle = await page.locator('.scene-title').boundingBox();
      expect(sceneTitle?.height ?? 0).toBeGreaterThanOrEqual(48);
      expect(await page.locator(byId(TEST_IDS.hubVersion)).count()).toBe(0);
      expect(await page.locator('body').textContent()).not.toMatch(/hub \d+\.\d+\.\d+/);
      await page.screenshot({ path: `test-results/display-${theme}.png` });
      await page.context().close();
    }
  }, 60_000);

  it('turns a source that stops stale, draws its silence as a gap, and drills from a chart bar to its posts', async () => {
    const page = await openDisplay('rotate=0');
    const now = await displayTime(page);
    const res = await fetch(`${hub.baseUrl}api/ingest/e2e`, {
      method: 'POST',
      headers: { authorization: `Bearer ${hub.ingestToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        mentions: [1, 2, 3].map((n) => ({
          externalId: `stop-${n}`,
          text: `ingest post ${n}`,
          createdAt: now,
          author: 'e2e',
        })),
      }),
    });
    expect(res.status).toBeLessThan(300);
    await page.locator('.scene-dots button', { hasText: 'channels' }).click();
    const row = page.locator(`${byId(TEST_IDS.channelRow)}[data-channel="ingest"]`);
    await row.waitFor();
    // Fifteen hub minutes without a post (fifteen real seconds at speed 60): the tile says STALE, the silence is a gap.
    await page.waitForFunction(
      (sel) => document.querySelector(sel)?.getAttribute('data-stale') === 'true',
      `${byId(TEST_IDS.channelRow)}[data-channel="ingest"]`,
      { timeout: 60_000 },
    );
    expect(await row.textContent()).toContain('STALE');
    await row.locator(byId(TEST_IDS.chartGap)).first().waitFor();
    await page.screenshot({ path: 'test-results/display-stale.png' });

    await page.locator('.scene-dots button', { hasText: 'topics' }).click();
    const hit = page.locator(byId(TEST_IDS.chartHit));
    const box = await hit.boundingBox();
    if (box === null) throw new Error('no timeline');
    await hit.hover({ position: { x: box.width - 6, y: box.height / 2 } });
    await page.locator(byId(TEST_IDS.chartTooltip)).waitFor();
    await hit.click({ position: { x: box.width - 6, y: box.height / 2 } });
    const panel = page.locator(byId(TEST_IDS.drillPanel));
    await panel.waitFor();
    // The bar's posts, from the hub's search over the store.
    await panel.locator(byId(TEST_IDS.drillRow)).first().waitFor();
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    expect(problems).toEqual([]);
    await page.context().close();
  }, 120_000);
});

describe('after earshot replay --serve', () => {
  it('shows the replayed day, with its date on the clock, not an empty now', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'earshot-e2e-replay-'));
    const args = ['bin/earshot.mjs', 'replay', 'test/fixtures/airline/synthetic-tweets.csv', '--serve'];
    const child = spawn(
      process.execPath,
      [...args, '--port', '0', '--speed', '3600', '--data-dir', join(dir, 'data')],
      {
        env: { ...process.env, EARSHOT_LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    try {
      const [, url = ''] = await waitForOutput(
        child,
        () => out,
        /Earshot wall: (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/,
      );
      await waitForOutput(child, () => out, /Replay finished/);
      const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
      const page = await context.newPage();
      await page.goto(`${url}&wall=1&rotate=0`);
      await page.waitForFunction(WALL_READY);
      const clock = page.locator(byId(TEST_IDS.displayClock));
      // The file's posts are from February 2015: the clock says so, and the figures are that day's.
      await clock.locator('.clock-date', { hasText: '2015' }).waitFor();
      // The file's storm raises a P1 still open at its end: it takes the display over until someone acknowledges.
      const takeover = page.locator(byId(TEST_IDS.p1Takeover));
      await takeover.waitFor();
      await takeover.getByRole('button', { name: 'Acknowledge' }).click();
      await takeover.waitFor({ state: 'detached' });
      const volume = `${byId(TEST_IDS.kpiTile)}[data-kpi="volume"] ${byId(TEST_IDS.kpiFigure)}`;
      await page.waitForFunction(
        (sel) =>
          Number(
            (document.querySelector(sel) as unknown as { textContent: string } | null)?.textContent?.replace(
              /\D/g,
              '',
            ) ?? 0,
          ) > 0,
        volume,
      );
      // Hub time stopped at the file's last post: the figures are fresh for the day shown, not hours "old".
      const tile = page.locator(`${byId(TEST_IDS.kpiTile)}[data-kpi="volume"]`);
      expect(await tile.getAttribute('data-stale')).toBe('false');
      expect(await tile.locator(byId(TEST_IDS.tileAge)).textContent()).toMatch(/data \d+s old|data [0-9]m old/);
      // The staff floor's clock says which day it is too.
      await page.keyboard.press('1');
      await page.locator(byId(TEST_IDS.hubClock), { hasText: '2015' }).waitFor();
      await context.close();
    } finally {
      await stopChild(child);
      await rm(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
