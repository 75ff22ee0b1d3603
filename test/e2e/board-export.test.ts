/**
 * Issue 10 §2 and §8 against the real `earshot serve --demo --speed 60` in Chromium: the supervisor board draws the
 * scripted outage's evidence timeline and lists its deliveries; its post-mortem (HTML from the hub, and PDF printed
 * by the hub's headless Chromium) holds that incident's timeline; a CSV export of the feed's filter holds exactly
 * the stored posts that match; the wall's PNG is a PNG.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Download, Page } from 'playwright-core';
import type { Incident } from '../../shared/incident';
import { TEST_IDS } from '../../renderer/test-ids';
import { byId, launchChromium } from '../helpers/chromium';
import { startHub, type HubProcess } from './hub-process';

/** The page's document, as the readiness check in the browser reads it (this file has Node's types, not the DOM's). */
declare const document: {
  readonly documentElement: { readonly dataset: Record<string, string | undefined> };
  querySelector(selector: string): { readonly scrollHeight: number; readonly clientHeight: number } | null;
};
const isReady = (): boolean => document.documentElement.dataset.earshotReady === 'true';
const WORD = 'zebracornish';

let hub: HubProcess;
let browser: Browser;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  hub = await startHub({ speed: 60 });
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, acceptDownloads: true });
  page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
});

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

/** Clicks `selector` and resolves to the text of the download it starts. */
async function downloadOf(selector: string): Promise<{ name: string; body: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator(selector).click()]);
  return { name: download.suggestedFilename(), body: await readFile(await pathOf(download)) };
}

async function pathOf(download: Download): Promise<string> {
  const path = await download.path();
  if (path === null) throw new Error(`download failed: ${await download.failure()}`);
  return path;
}

/** Posts `n` mentions through the ingest webhook; `word` in the text of the first `matching`. */
async function ingest(n: number, matching: number): Promise<void> {
  const now = Date.now();
  const mentions = Array.from({ length: n }, (_, i) => ({
    externalId: `export-${i}`,
    text: i < matching ? `Nimbus ${WORD} card declined, refund "please", now ${i}` : `Nimbus app is fine today ${i}`,
    createdAt: now - i * 1000,
    author: { handle: `exporter_${i}` },
  }));
  const res = await fetch(`${hub.baseUrl}api/ingest/e2e`, {
    method: 'POST',
    headers: { authorization: `Bearer ${hub.ingestToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ mentions }),
  });
  expect(res.status).toBe(200);
}

describe('the supervisor board and its exports', () => {
  it('exports the feed filter as CSV: exactly the matching stored posts, one row each', async () => {
    await ingest(9, 4);
    await page.goto(hub.url);
    await page.waitForFunction(isReady);
    await page.locator(byId(TEST_IDS.feedSearch)).fill(WORD);
    const csv = await downloadOf(byId(TEST_IDS.exportCsv));
    expect(csv.name).toMatch(/^earshot-mentions-\d{12}\.csv$/);
    const lines = csv.body.toString('utf8').trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^id,created_at,channel,/);
    const rows = lines.slice(1);
    expect(rows).toHaveLength(4);
    for (const row of rows) expect(row).toContain(WORD);
    expect(rows.map((r) => r.split(',')[0]).sort()).toEqual([0, 1, 2, 3].map((i) => `e2e:export-${i}`).sort());
    expect(await page.locator(byId(TEST_IDS.exportNotice)).textContent()).toBe('Exported 4 matching mentions.');
  });

  it('draws the outage on the board and puts its timeline in the post-mortem (HTML and PDF)', async () => {
    await page.keyboard.press('Escape');
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('2');
    await page.locator(byId(TEST_IDS.layoutBoard)).waitFor();
    // The scripted outage opens an incident about 10 s (real time) after start.
    // Wait for a detail pane whose card carries its timeline (an incident opened early is provisional until its
    // minute closes), then pin that incident as the board's focus so the rest of the test reads the same one.
    const drawn = page.locator(`${byId(TEST_IDS.boardDetail)}[data-incident-id]`, {
      has: page.locator(byId(TEST_IDS.timelineObserved)),
    });
    await drawn.waitFor({ timeout: 50_000 });
    const id = (await drawn.getAttribute('data-incident-id')) ?? '';
    await page.locator(`${byId(TEST_IDS.incidentTile)}[data-incident-id="${id}"] .incident-title`).click();
    const detail = page.locator(`${byId(TEST_IDS.boardDetail)}[data-incident-id="${id}"]`);
    await detail.locator(byId(TEST_IDS.timelineObserved)).waitFor();
    expect(await detail.locator(byId(TEST_IDS.timelineObserved)).getAttribute('d')).toMatch(/^M/);
    await detail.locator(byId(TEST_IDS.deliveryLog)).waitFor();
    // The long detail pane scrolls inside; the panel under it keeps its height (its list never spills onto the next).
    const spill = await page.evaluate((sel) => {
      const panel = document.querySelector(sel);
      return panel === null ? null : panel.scrollHeight - panel.clientHeight;
    }, byId(TEST_IDS.measures));
    expect(spill).toBe(0);
    expect(await page.locator(`${byId(TEST_IDS.boardSummary)} [data-zero="false"]`).count()).toBeGreaterThan(0);

    const res = await hub.authorizedFetch(`api/incidents/${encodeURIComponent(id)}.json`);
    const incident = (await res.json()) as Incident;
    const timeline = incident.evidence.timeline ?? [];
    expect(timeline.length).toBeGreaterThan(0);

    const html = await downloadOf(`${byId(TEST_IDS.boardDetail)} ${byId(TEST_IDS.postmortemHtml)}`);
    expect(html.name).toBe(`earshot-postmortem-${id.replace(/[^A-Za-z0-9._-]/g, '_')}.html`);
    const doc = html.body.toString('utf8').replace(/\s+</g, '<');
    expect(doc).toContain('<section id="timeline">');
    // Every minute of the card's timeline as it stood is in the document (the card may have grown since).
    for (const p of timeline) {
      expect(doc).toContain(`<td>${new Date(p.minute).toISOString().slice(0, 16).replace('T', ' ')}</td>`);
    }
    expect(doc).toContain('<dd id="mtta">');

    const pdf = await downloadOf(`${byId(TEST_IDS.boardDetail)} ${byId(TEST_IDS.postmortemPdf)}`);
    expect(pdf.name).toMatch(/\.pdf$/);
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('saves a PNG of the wall as it is on screen', async () => {
    const png = await downloadOf(byId(TEST_IDS.exportPng));
    expect(png.name).toMatch(/^earshot-wall-\d{12}\.png$/);
    expect(png.body.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(png.body.length).toBeGreaterThan(10_000);
    expect(problems).toEqual([]);
  });
});
