/**
 * Refreshes the README's screenshots under docs/ from the built hub. It starts `earshot serve --demo --speed 60` on a
 * free port with a throwaway data dir, opens the wall it prints in Debian's Chromium and waits for the demo's scripted
 * outage to open its incident. Then it shoots, at 1920×1080 in the dark theme and again in the light one (the wall's
 * own `t` key): the supervisor board with that incident focused and its evidence timeline drawn, the staff floor,
 * the executive display's P1 takeover (once), and, after acknowledging it there, the display's KPI scene, also at
 * 3840×2160. Run: `npm run docs:screenshots` (builds first). Tests never write docs/.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { TEST_IDS } from '../renderer/test-ids';
import { stopChild, waitForOutput } from '../test/helpers/child-process';
import { byId, launchChromium } from '../test/helpers/chromium';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FULL_HD = { width: 1920, height: 1080 };
const UHD = { width: 3840, height: 2160 };
/** The line `earshot serve` prints once it listens; the URL carries the access token, so take all of it. */
const WALL_LINE = /Earshot wall: (\S+)\r?\n/;
/** The outage opens its incident some ten real seconds after start at speed 60; allow for a slow, busy machine. */
const INCIDENT_TIMEOUT_MS = 120_000;

/** The page's document, for predicates run in the browser (this file is type-checked without the DOM library). */
declare const document: {
  readonly documentElement: { readonly dataset: Readonly<Record<string, string | undefined>> };
  querySelector(selector: string): { getAttribute(name: string): string | null } | null;
};
const isReady = (): boolean => document.documentElement.dataset.earshotReady === 'true';
const isLight = (): boolean => document.documentElement.dataset.theme === 'light';

interface Hub {
  readonly url: string;
  stop(): Promise<void>;
}

/** Starts the built hub's demo (no extra sources, so the pictures show what a user sees) and reads its wall URL. */
async function startHub(dataDir: string): Promise<Hub> {
  const args = ['bin/earshot.mjs', 'serve', '--demo', '--speed', '60', '--port', '0', '--data-dir', dataDir];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, EARSHOT_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const [, url = ''] = await waitForOutput(child, () => output, WALL_LINE);
  return { url, stop: () => stopChild(child) };
}

/** Opens `query` on the wall in a fresh dark-theme context of `viewport` (device scale 1) and waits until it is live. */
async function open(browser: Browser, hub: Hub, query: string, viewport = FULL_HD): Promise<Page> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, colorScheme: 'dark' });
  const page = await context.newPage();
  await page.goto(`${hub.url}&${query}`);
  await page.waitForFunction(isReady);
  return page;
}

/** Shoots `docs/NAME.png`; returns its path. */
async function shot(page: Page, name: string): Promise<string> {
  const path = join(ROOT, 'docs', `${name}.png`);
  await page.mouse.move(0, 0); // no hover tooltip in the picture
  await page.screenshot({ path });
  return path;
}

/** Shoots `docs/NAME-dark.png`, switches to light with the wall's own shortcut, shoots `docs/NAME-light.png`. */
async function shootBoth(page: Page, name: string): Promise<string[]> {
  const dark = await shot(page, `${name}-dark`);
  await page.keyboard.press('t');
  await page.waitForFunction(isLight);
  const light = await shot(page, `${name}-light`);
  await page.context().close();
  return [dark, light];
}

/** The board once the outage's incident has its timeline drawn, with that incident focused. */
async function board(browser: Browser, hub: Hub): Promise<string[]> {
  const page = await open(browser, hub, 'view=board');
  // An incident opened early is provisional until its minute closes: wait for a detail pane that draws a timeline.
  const drawn = page.locator(`${byId(TEST_IDS.boardDetail)}[data-incident-id]`, {
    has: page.locator(byId(TEST_IDS.timelineObserved)),
  });
  await drawn.waitFor({ timeout: INCIDENT_TIMEOUT_MS });
  const id = (await drawn.getAttribute('data-incident-id')) ?? '';
  const title = page.locator(`${byId(TEST_IDS.incidentTile)}[data-incident-id="${id}"] .incident-title`);
  await title.click();
  const detail = page.locator(`${byId(TEST_IDS.boardDetail)}[data-incident-id="${id}"]`);
  // The card grows a point a minute (a hub second at speed 60): wait for a few minutes' shape, not the first two.
  await page.waitForFunction(
    ([sel, n]) => (document.querySelector(sel)?.getAttribute('d')?.split('L').length ?? 0) >= n,
    [`${byId(TEST_IDS.boardDetail)}[data-incident-id="${id}"] ${byId(TEST_IDS.timelineObserved)}`, 5] as const,
    { timeout: INCIDENT_TIMEOUT_MS },
  );
  await detail.locator(byId(TEST_IDS.deliveryLog)).waitFor();
  await title.blur(); // no focus ring in the picture
  return shootBoth(page, 'board');
}

/** The staff floor: the live feed with its volume chart drawn. */
async function floor(browser: Browser, hub: Hub): Promise<string[]> {
  const page = await open(browser, hub, 'view=floor');
  await page.locator(byId(TEST_IDS.mentionRow)).first().waitFor();
  await page.locator(`${byId(TEST_IDS.volumeChart)} path.chart-total[d^="M"]`).waitFor();
  return shootBoth(page, 'floor');
}

/** Waits for the display's overview scene with its four KPI figures. */
async function overviewDrawn(page: Page): Promise<void> {
  await page.locator(`${byId(TEST_IDS.displayScene)}[data-scene="overview"]`).waitFor();
  await page.locator(byId(TEST_IDS.kpiFigure)).nth(3).waitFor();
}

/** The display: the P1 takeover (shot once), then acknowledged there, the KPI scene in both themes and at 4K. */
async function display(browser: Browser, hub: Hub): Promise<string[]> {
  const page = await open(browser, hub, 'wall=1&rotate=0');
  const takeover = page.locator(byId(TEST_IDS.p1Takeover));
  await takeover.waitFor({ timeout: INCIDENT_TIMEOUT_MS });
  const paths = [await shot(page, 'display-takeover')];
  await takeover.getByRole('button', { name: 'Acknowledge' }).click();
  await takeover.waitFor({ state: 'detached' });
  await overviewDrawn(page);
  // Today's MTTA counts the acknowledgement once the hub's measures arrive: show it, not the dash before.
  const response = page.locator(`${byId(TEST_IDS.kpiTile)}[data-kpi="response"] ${byId(TEST_IDS.kpiFigure)}`);
  await response.filter({ hasText: /^\d/ }).waitFor();
  paths.push(...(await shootBoth(page, 'display')));
  const uhd = await open(browser, hub, 'wall=1&rotate=0', UHD);
  await overviewDrawn(uhd);
  paths.push(await shot(uhd, 'display-4k-dark'));
  await uhd.context().close();
  return paths;
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'earshot-screenshots-'));
  const hub = await startHub(join(dir, 'data'));
  const browser = await launchChromium();
  try {
    // Board and floor before the display: acknowledging the takeover changes the incident's state on the board.
    for (const step of [board, floor, display]) {
      for (const path of await step(browser, hub)) process.stdout.write(`wrote ${path}\n`);
    }
  } finally {
    await browser.close();
    await hub.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
