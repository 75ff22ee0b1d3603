import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium: the browser the end-to-end tests and the docs screenshots drive. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Headless flags for this machine: no sandbox (root), no GPU, nothing fetched from the network. */
export const CHROMIUM_ARGS: ReadonlyArray<string> = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Launches headless Chromium with the house flags (and any extra ones a test needs). */
export function launchChromium(extraArgs: ReadonlyArray<string> = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...extraArgs] });
}

/** The CSS selector of a test id (renderer/test-ids.ts). */
export const byId = (id: string): string => `[data-testid="${id}"]`;

/** The little of the page's globals WALL_READY reads (this file is type-checked without the DOM library). */
interface ReadyPage {
  readonly document: { readonly documentElement: { readonly dataset: Readonly<Record<string, string | undefined>> } };
}

/** Runs in the page: true once the wall has taken its first snapshot (a function: the wall's CSP forbids eval). */
export const WALL_READY = (): boolean =>
  (globalThis as unknown as ReadyPage).document.documentElement.dataset.earshotReady === 'true';

/**
 * Opens the executive display of the wall at `url` (its access-token URL) with `query` (`rotate=0`, `scenes=…`) in a
 * fresh dark context, and waits until the wall is ready; the page's uncaught errors go to `problems`.
 */
export async function openDisplayPage(
  browser: Browser,
  url: string,
  query: string,
  problems: string[],
  viewport = { width: 1920, height: 1080 },
): Promise<Page> {
  const context = await browser.newContext({ viewport, colorScheme: 'dark' });
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.goto(`${url}${url.includes('?') ? '&' : '?'}wall=1&${query}`);
  await page.waitForFunction(WALL_READY);
  return page;
}
