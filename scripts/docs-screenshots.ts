/**
 * Refreshes the README's screenshots (docs/wall.png, docs/wall-light.png) from the built hub. It starts
 * `earshot serve --demo --speed 60` on a free port with a throwaway data dir, opens the wall it prints in Debian's
 * Chromium, waits for the demo's scripted outage to open its incident, shows that incident's evidence, and shoots
 * the dark theme, then the light one. Run: `npm run docs:screenshots` (builds first). Tests never write docs/.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { TEST_IDS } from '../renderer/test-ids';
import { stopChild } from '../test/helpers/child-process';
import { byId, launchChromium } from '../test/helpers/chromium';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const VIEWPORT = { width: 1600, height: 1000 };
/** The line `earshot serve` prints once it listens; the URL may carry an access token, so take all of it. */
const WALL_LINE = /Earshot wall: (\S+)/;
const START_TIMEOUT_MS = 60_000;
const INCIDENT_TIMEOUT_MS = 120_000;

/** The page's document, for predicates run in the browser (this file is type-checked without the DOM library). */
declare const document: {
  readonly documentElement: { readonly dataset: Readonly<Record<string, string | undefined>> };
};
const isReady = (): boolean => document.documentElement.dataset.earshotReady === 'true';
const isLight = (): boolean => document.documentElement.dataset.theme === 'light';

interface Hub {
  readonly url: string;
  stop(): Promise<void>;
}

/** Starts the built hub's demo on a free port; resolves with the whole wall URL it prints. */
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
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no wall URL after ${START_TIMEOUT_MS} ms:\n${output}`)),
      START_TIMEOUT_MS,
    );
    child.stdout.on('data', () => {
      const match = WALL_LINE.exec(output);
      if (match?.[1] === undefined) return;
      clearTimeout(timer);
      resolve(match[1]);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the hub exited (${String(code)}) before listening:\n${output}`));
    });
  });
  return { url, stop: () => stopChild(child) };
}

/** Waits for the wall to be live with the outage's incident open and its evidence shown. */
async function stage(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForFunction(isReady);
  const tile = page.locator(byId(TEST_IDS.incidentTile)).first();
  await tile.waitFor({ timeout: INCIDENT_TIMEOUT_MS });
  const evidence = tile.getByRole('button', { name: 'Evidence' });
  await evidence.click();
  await tile.locator(byId(TEST_IDS.evidenceCard)).waitFor();
  await page.locator(`${byId(TEST_IDS.volumeChart)} path.chart-total[d^="M"]`).waitFor();
  await evidence.blur(); // now "Hide evidence": no focus ring in the picture
}

/** Shoots the dark theme, switches to light with the wall's own shortcut, shoots again; returns the paths. */
async function shoot(page: Page): Promise<string[]> {
  const dark = join(ROOT, 'docs', 'wall.png');
  const light = join(ROOT, 'docs', 'wall-light.png');
  await page.screenshot({ path: dark });
  await page.keyboard.press('t');
  await page.waitForFunction(isLight);
  await page.screenshot({ path: light });
  return [dark, light];
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'earshot-screenshots-'));
  const hub = await startHub(join(dir, 'data'));
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: VIEWPORT, colorScheme: 'dark' });
    const page = await context.newPage();
    await stage(page, hub.url);
    for (const path of await shoot(page)) process.stdout.write(`wrote ${path}\n`);
  } finally {
    await browser.close();
    await hub.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
