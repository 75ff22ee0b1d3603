import { access } from 'node:fs/promises';
import { appError, err, errorMessage, ok, type Result } from '../../../shared/result';
import type { Logger } from './logger';

/** Renders a self-contained HTML document to PDF bytes; a readable error when this host cannot. */
export type PdfRenderer = (html: string, signal?: AbortSignal) => Promise<Result<Uint8Array>>;

/** Where Chromium is looked for when EARSHOT_CHROMIUM does not name it. */
export const CHROMIUM_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
] as const;

/** How long one PDF may take before it is given up. */
export const PDF_TIMEOUT_MS = 30_000;
/**
 * Post-mortems a hub prints at once (each one a headless Chromium), and how many may wait for their turn; past that a
 * print is refused as busy. This, not a client's command budget, is what keeps many clients from starting many browsers.
 */
export const PDF_AT_ONCE = 1;
export const PDF_MAX_WAITING = 4;

/** The slice of playwright-core's API this renderer uses (loaded at run time: it is not a hub dependency). */
interface PlaywrightLike {
  readonly chromium: {
    launch(options: { executablePath: string; args: string[]; timeout: number }): Promise<BrowserLike>;
  };
}
interface BrowserLike {
  newContext(options: { javaScriptEnabled: boolean; offline: boolean }): Promise<{
    newPage(): Promise<{
      setContent(html: string, options: { waitUntil: 'load'; timeout: number }): Promise<void>;
      pdf(options: { format: string; printBackground: boolean; margin: Record<string, string> }): Promise<Uint8Array>;
    }>;
  }>;
  close(): Promise<void>;
}

async function findChromium(env: Readonly<Record<string, string | undefined>>): Promise<string | null> {
  const candidates = env.EARSHOT_CHROMIUM ? [env.EARSHOT_CHROMIUM] : CHROMIUM_PATHS;
  for (const path of candidates) {
    try {
      await access(path);
      return path;
    } catch {
      // Not there: try the next one.
    }
  }
  return null;
}

const unavailable = (why: string): Result<Uint8Array> =>
  err(
    appError(
      'unavailable',
      `PDF export is not available on this hub: ${why}. The HTML post-mortem works without it (print it from a browser).`,
    ),
  );

/**
 * The headless hub's PDF route: the same HTML the desktop app prints with `webContents.printToPDF`, printed by
 * a headless Chromium through playwright-core, both found at run time (EARSHOT_CHROMIUM or a usual install
 * path). The page runs with JavaScript off and offline, one browser per document, closed afterwards.
 */
export function chromiumPdfRenderer(deps: {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly logger: Logger;
  readonly load?: () => Promise<PlaywrightLike>;
}): PdfRenderer {
  const load = deps.load ?? (async () => (await import('playwright-core')) as unknown as PlaywrightLike);
  const slots = createSlots(PDF_AT_ONCE, PDF_MAX_WAITING);
  const busy = err(
    appError(
      'rate-limited',
      `PDF export is busy: ${PDF_MAX_WAITING} post-mortems are waiting to print. Try again in a moment, or export the HTML.`,
    ),
  );
  const print = async (html: string): Promise<Result<Uint8Array>> => {
    const executablePath = await findChromium(deps.env);
    if (executablePath === null) return unavailable('no Chromium found (install chromium or set EARSHOT_CHROMIUM)');
    let playwright: PlaywrightLike;
    try {
      playwright = await load();
    } catch {
      return unavailable('playwright-core is not installed');
    }
    let browser: BrowserLike | null = null;
    try {
      browser = await playwright.chromium.launch({
        executablePath,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
        ],
        timeout: PDF_TIMEOUT_MS,
      });
      const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
      const page = await context.newPage();
      await page.setContent(html, { waitUntil: 'load', timeout: PDF_TIMEOUT_MS });
      const margin = { top: '16mm', bottom: '16mm', left: '14mm', right: '14mm' };
      return ok(await page.pdf({ format: 'A4', printBackground: true, margin }));
    } catch (error) {
      deps.logger.warn({ error: errorMessage(error) }, 'PDF rendering failed');
      return err(appError('internal', `PDF rendering failed: ${errorMessage(error)}`));
    } finally {
      await browser?.close().catch(() => undefined);
    }
  };
  return async (html) => {
    if (!(await slots.acquire())) return busy;
    try {
      return await print(html);
    } finally {
      slots.release();
    }
  };
}

/** A counting semaphore with a bounded wait list: `acquire` is false when the list is full. */
function createSlots(size: number, maxWaiting: number) {
  let free = size;
  const waiting: Array<() => void> = [];
  return {
    async acquire(): Promise<boolean> {
      if (free > 0) {
        free -= 1;
        return true;
      }
      if (waiting.length >= maxWaiting) return false;
      await new Promise<void>((resolve) => waiting.push(resolve));
      return true;
    },
    /** Hands the slot to the next in line, or frees it. */
    release(): void {
      const next = waiting.shift();
      if (next) next();
      else free += 1;
    },
  };
}
