// The wall under load in Chromium: the executive display, then the staff floor, each driven with 200 mentions/s
// through the ingest webhook of the built hub (`serve --demo --speed 60`, whose scripted outage raises the P1 that
// takes the display over) for 60 s. Reports frame times (requestAnimationFrame deltas), the longest task
// (PerformanceObserver longtask) and the JS heap after a GC at start and end. Ends with one key=value line.
// Override with --seconds/WALL_SECONDS and --rate/WALL_RATE. Run `npm run build` first (bench:wall does).
import { parseArgs } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { TEST_IDS } from '../../renderer/test-ids';
import { startHub } from '../e2e/hub-process';
import { byId, launchChromium } from '../helpers/chromium';
import { createPoster } from './load/push';
import { baselinePool, BASELINE_WATCHLIST, type IngestItem } from './load/traffic';

const { values: flags } = parseArgs({ options: { seconds: { type: 'string' }, rate: { type: 'string' } } });
const SECONDS = Number(flags.seconds ?? process.env.WALL_SECONDS ?? 60);
const RATE = Number(flags.rate ?? process.env.WALL_RATE ?? 200);
const SPEED = 60;
/** Requests per second: 200/s goes as ten requests of 20. */
const TICKS_PER_S = 10;

const say = (line: string): void => void process.stdout.write(`${line}\n`);
const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits;
const percentile = (sorted: ReadonlyArray<number>, p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;

interface Probe {
  frames: number[];
  longest: number;
  longTasks: number;
}

/** The little of the page's globals the probes use (this file is type-checked without the DOM library). */
interface PageGlobals {
  earshotProbe: Probe;
  requestAnimationFrame(callback: (t: number) => void): number;
  PerformanceObserver: new (
    callback: (list: { getEntries(): ReadonlyArray<{ readonly duration: number }> }) => void,
  ) => { observe(options: { readonly type: string; readonly buffered?: boolean }): void };
  document: { readonly documentElement: { readonly dataset: Readonly<Record<string, string | undefined>> } };
}

/** What each run measured. */
interface Run {
  readonly layout: string;
  readonly frames: ReadonlyArray<number>;
  readonly longestTaskMs: number;
  readonly longTasks: number;
  readonly heapStartMb: number;
  readonly heapEndMb: number;
  readonly posted: number;
  readonly takeover: boolean;
}

/** Starts the frame and long-task probes in the page. */
async function startProbe(page: Page): Promise<void> {
  await page.evaluate(() => {
    const g = globalThis as unknown as PageGlobals;
    const probe: Probe = { frames: [], longest: 0, longTasks: 0 };
    g.earshotProbe = probe;
    let last = performance.now();
    const tick = (t: number): void => {
      probe.frames.push(t - last);
      last = t;
      g.requestAnimationFrame(tick);
    };
    g.requestAnimationFrame(tick);
    new g.PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        probe.longTasks += 1;
        probe.longest = Math.max(probe.longest, e.duration);
      }
    }).observe({ type: 'longtask', buffered: false });
  });
}

async function heapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize / 1024 / 1024;
}

/** Pushes RATE mentions/s for SECONDS, dated on the hub's (sped-up) clock. */
async function drive(post: ReturnType<typeof createPoster>, hubNow: () => number, tag: string): Promise<number> {
  const pool = baselinePool(2_000);
  const perTick = Math.round(RATE / TICKS_PER_S);
  const started = Date.now();
  let n = 0;
  for (let tick = 0; tick < SECONDS * TICKS_PER_S; tick += 1) {
    const items: IngestItem[] = Array.from({ length: perTick }, (_, i) => {
      const p = pool[(n + i) % pool.length] ?? { text: 'hello', author: 'a' };
      return {
        externalId: `${tag}-${n + i}`,
        text: p.text,
        author: p.author,
        createdAt: hubNow(),
        watchlist: BASELINE_WATCHLIST,
      };
    });
    n += items.length;
    void post(items);
    const due = started + ((tick + 1) * 1000) / TICKS_PER_S;
    await new Promise((r) => setTimeout(r, Math.max(0, due - Date.now())));
  }
  return n;
}

/** Waits for the P1 takeover, lets it stand 10 s, then acknowledges it so the scenes rotate for the rest. */
async function acknowledgeLater(page: Page): Promise<boolean> {
  const takeover = page.locator(byId(TEST_IDS.p1Takeover));
  const shown = await takeover.waitFor({ timeout: (SECONDS * 1000) / 2 }).then(
    () => true,
    () => false,
  );
  if (!shown) return false;
  await new Promise((r) => setTimeout(r, 10_000));
  await takeover.getByRole('button', { name: 'Acknowledge' }).click();
  return true;
}

async function measure(
  browser: Browser,
  url: string,
  layout: 'display' | 'floor',
  post: ReturnType<typeof createPoster>,
): Promise<Run> {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, colorScheme: 'dark' });
  // Workaround: tsx (esbuild, keepNames) wraps the functions passed to page.evaluate in a `__name` helper that
  // exists only in Node; the page gets a no-op one.
  await context.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
  const page = await context.newPage();
  await page.goto(`${url}&${layout === 'display' ? 'wall=1&rotate=5' : 'view=floor'}`);
  await page.waitForFunction(
    () => (globalThis as unknown as PageGlobals).document.documentElement.dataset.earshotReady === 'true',
  );
  // Hub time from the display's clock (the floor opens the display for a moment to read it).
  await page.keyboard.press('3');
  const hubStart = Date.parse((await page.locator(byId(TEST_IDS.displayClock)).getAttribute('datetime')) ?? '');
  const realStart = Date.now();
  if (layout === 'floor') await page.keyboard.press('1');
  const heapStartMb = await heapMb(page);
  await startProbe(page);
  const takeover = layout === 'display' ? acknowledgeLater(page) : Promise.resolve(false);
  const posted = await drive(post, () => hubStart + (Date.now() - realStart) * SPEED, `${layout}-${realStart}`);
  const probe = await page.evaluate(() => (globalThis as unknown as PageGlobals).earshotProbe);
  const heapEndMb = await heapMb(page);
  await context.close();
  return {
    layout,
    frames: probe.frames.slice(1),
    longestTaskMs: probe.longest,
    longTasks: probe.longTasks,
    heapStartMb,
    heapEndMb,
    posted,
    takeover: await takeover,
  };
}

function report(run: Run): void {
  const sorted = [...run.frames].sort((a, b) => a - b);
  say(
    `${run.layout}: ${run.posted} mentions in ${SECONDS}s, ${sorted.length} frames: p50 ${round(percentile(sorted, 50))} ms, ` +
      `p95 ${round(percentile(sorted, 95))} ms, p99 ${round(percentile(sorted, 99))} ms; ${run.longTasks} long tasks, ` +
      `longest ${round(run.longestTaskMs)} ms; heap ${round(run.heapStartMb)} → ${round(run.heapEndMb)} MB` +
      (run.layout === 'display'
        ? `; P1 takeover ${run.takeover ? 'shown, acknowledged after 10 s' : 'not shown'}`
        : ''),
  );
}

async function main(): Promise<void> {
  const hub = await startHub({ speed: SPEED });
  const browser = await launchChromium();
  try {
    const post = createPoster(`${hub.baseUrl}api/ingest/e2e`, hub.ingestToken);
    say(`wall bench: ${RATE} mentions/s for ${SECONDS}s per layout, hub at speed ${SPEED}, Chromium 1920×1080`);
    const runs = [await measure(browser, hub.url, 'display', post), await measure(browser, hub.url, 'floor', post)];
    runs.forEach(report);
    const frames = runs.flatMap((r) => r.frames).sort((a, b) => a - b);
    const longest = Math.max(...runs.map((r) => r.longestTaskMs));
    const heapStart = Math.max(...runs.map((r) => r.heapStartMb));
    const heapEnd = Math.max(...runs.map((r) => r.heapEndMb));
    say(
      `frame_p50_ms=${round(percentile(frames, 50))} frame_p95_ms=${round(percentile(frames, 95))} ` +
        `frame_p99_ms=${round(percentile(frames, 99))} longest_task_ms=${round(longest)} ` +
        `heap_start_mb=${round(heapStart)} heap_end_mb=${round(heapEnd)}`,
    );
  } finally {
    await browser.close();
    await hub.stop();
  }
}

void main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
