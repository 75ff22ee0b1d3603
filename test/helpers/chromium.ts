import { chromium, type Browser } from 'playwright-core';

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
