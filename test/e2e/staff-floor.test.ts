import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { TEST_IDS } from '../../renderer/test-ids';
import { startHub, type HubProcess } from './hub-process';
import { byId, launchChromium } from '../helpers/chromium';

let hub: HubProcess;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const problems: string[] = [];

const OLD_TEXT =
  'quokka refund never arrived, awful service, I am furious. Write to jane.doe@example.com or call +44 20 7946 0958, @janedoe';

/** Posts `mentions` to the hub's `e2e` ingest webhook. */
async function ingest(mentions: ReadonlyArray<Record<string, unknown>>): Promise<void> {
  const res = await fetch(`${hub.baseUrl}api/ingest/e2e`, {
    method: 'POST',
    headers: { authorization: `Bearer ${hub.ingestToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ mentions }),
  });
  expect(res.status).toBe(200);
}

declare const document: {
  readonly documentElement: { readonly dataset: Readonly<Record<string, string | undefined>> };
};
const isReady = (): boolean => document.documentElement.dataset.earshotReady === 'true';

/** Opens the wall at `path` (after the token was traded for a session) and waits for its first snapshot. */
async function openWall(at: Page, path = ''): Promise<void> {
  await at.goto(path === '' ? hub.url : `${hub.baseUrl}${path}`);
  await at.waitForFunction(isReady);
}

const rowsText = (at: Page): Promise<string[]> => at.locator(byId(TEST_IDS.mentionText)).allTextContents();

beforeAll(async () => {
  hub = await startHub({ speed: 60 });
  // One post three days old, then 600 newer ones: the snapshot's 500 (and the wall's buffer) never hold the old one.
  const now = Date.now();
  await ingest([{ externalId: 'old-1', text: OLD_TEXT, createdAt: now - 3 * 86_400_000, author: 'jane' }]);
  const filler = Array.from({ length: 600 }, (_, i) => ({
    externalId: `new-${i}`,
    text: `filler post ${i} about the app`,
    createdAt: now - 60_000 + i,
    author: `filler${i}`,
  }));
  await ingest(filler);
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, colorScheme: 'dark' });
  page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await openWall(page);
});

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

describe('the staff floor against the built hub', () => {
  it('finds, by full-text search on the hub, a post older than the snapshot', async () => {
    const rows = await rowsText(page);
    expect(rows.some((t) => t.includes('quokka'))).toBe(false);
    await page.keyboard.press('/');
    await page.keyboard.type('Quokka refu');
    await page.locator(byId(TEST_IDS.mentionText), { hasText: 'quokka refund never arrived' }).waitFor();
    expect(await rowsText(page)).toEqual([OLD_TEXT]);
    await page.locator(`${byId(TEST_IDS.historyStatus)}[data-state="end"]`).waitFor();
  });

  it('shows the post in full and marks it handled, which a second desk sees', async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('j');
    const detail = page.locator(byId(TEST_IDS.postDetail));
    await detail.getByText('Ingest', { exact: false }).first().waitFor();
    expect(await detail.textContent()).toContain('confidence');
    await page.keyboard.press('h');
    await page.locator(byId(TEST_IDS.handledBadge)).waitFor();
    const desk = await context.newPage();
    await openWall(desk);
    await desk.locator(byId(TEST_IDS.feedSearch)).fill('quokka');
    await desk.locator(byId(TEST_IDS.handledBadge)).waitFor();
    await desk.close();
  });

  it('masks personal data on a public screen (p) and hides posts in charts-only mode', async () => {
    await page.keyboard.press('p');
    await page.locator(byId(TEST_IDS.mentionText), { hasText: '[email]' }).waitFor();
    const [masked = ''] = await rowsText(page);
    expect(masked).toContain('[phone]');
    expect(masked).toContain('@…');
    expect(masked).not.toContain('jane.doe@example.com');
    expect(masked).not.toContain('7946');
    await page.keyboard.press('p');
    await page.locator(byId(TEST_IDS.postsHidden)).waitFor();
    expect(await page.locator(byId(TEST_IDS.mentionRow)).count()).toBe(0);
    await page.keyboard.press('p');
    await page.locator(byId(TEST_IDS.mentionRow)).first().waitFor();
  });

  it('filters by source and sentiment, and opens masked from the address (?public=1)', async () => {
    await page.locator(byId(TEST_IDS.feedSearch)).fill('');
    const filters = page.locator(byId(TEST_IDS.floorFilters));
    await filters.getByLabel('Source').selectOption('reddit');
    await page.locator(byId(TEST_IDS.mentionRow)).first().waitFor();
    const channels = await page.locator(`${byId(TEST_IDS.mentionRow)} .channel`).allTextContents();
    expect(channels.length).toBeGreaterThan(0);
    expect(new Set(channels)).toEqual(new Set(['RD']));
    await filters.getByLabel('Source').selectOption('ingest');
    await filters.getByLabel('Sentiment').selectOption('negative');
    await page.locator(byId(TEST_IDS.mentionText), { hasText: 'quokka' }).waitFor();
    await filters.getByRole('button', { name: 'Clear filters' }).click();

    const lobby = await context.newPage();
    await openWall(lobby, '?public=1&view=floor');
    await lobby.locator(byId(TEST_IDS.feedSearch)).fill('quokka');
    await lobby.locator(byId(TEST_IDS.mentionText), { hasText: '[email]' }).waitFor();
    expect(await lobby.locator(byId(TEST_IDS.publicToggle)).getAttribute('data-public-mode')).toBe('masked');
    await lobby.close();
    expect(problems).toEqual([]);
  });
});
