// The wall under load in Chromium: the executive display, then the staff floor, each driven with 200 mentions/s
// through the ingest webhook of the built hub (`serve --demo --speed 60`, whose scripted outage raises the P1 that
// takes the display over) for 60 s. Reports frame times (requestAnimationFrame deltas, on the 5 µs clock of the
// cross-origin isolated page: at the 100 µs clock of a plain page an idle page's p95 reads 16.8 ms), the longest
// task (a light timeline trace, and PerformanceObserver longtask for tasks of 50 ms and more) and the JS heap after
// a GC every 10 s. Ends with one key=value line.
// Override with --seconds/WALL_SECONDS and --rate/WALL_RATE. Run `npm run build` first (bench:wall does).
import { setPriority } from 'node:os';
import { parseArgs } from 'node:util';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { TEST_IDS } from '../../renderer/test-ids';
import { startHub } from '../e2e/hub-process';
import { byId, launchChromium } from '../helpers/chromium';
import { createPoster } from './load/push';
import { baselinePool, BASELINE_WATCHLIST, type IngestItem } from './load/traffic';
import { startCpuProfile, stopCpuProfile } from './wall/cpu-profile';
import { startTrace } from './wall/trace';
import { heapMb, readProbe, startProbe, type LongFrame, type PageGlobals, type Span } from './wall/page-probe';

const { values: flags } = parseArgs({
  options: {
    seconds: { type: 'string' },
    rate: { type: 'string' },
    layout: { type: 'string' },
    profile: { type: 'boolean' },
    trace: { type: 'boolean' },
  },
});
const SECONDS = Number(flags.seconds ?? process.env.WALL_SECONDS ?? 60);
const RATE = Number(flags.rate ?? process.env.WALL_RATE ?? 200);
/** Seconds between GC'ed heap samples. */
const HEAP_EVERY_S = 10;
type Layout = 'display' | 'floor';
const LAYOUTS: ReadonlyArray<Layout> =
  flags.layout === 'display' || flags.layout === 'floor' ? [flags.layout] : ['display', 'floor'];
const SPEED = 60;
/** Requests per second: 200/s goes as ten requests of 20. */
const TICKS_PER_S = 10;
/**
 * CPU priority (nice) of the hub and of this bench, the load generator: on a 2-core machine they share the cores with
 * the browser, and a wall task waiting for a core is no slower for its own work. The browser keeps its priority, as a
 * wall in front of its viewer would; the trace's CPU time shows the page's own cost either way.
 */
const LOAD_NICE = 10;

const say = (line: string): void => void process.stdout.write(`${line}\n`);
const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits;
const percentile = (sorted: ReadonlyArray<number>, p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;

/** What each run measured. */
interface Run {
  readonly layout: string;
  readonly frames: ReadonlyArray<number>;
  /** The longest task of the page's own, wall time (the trace, and the longtask API for 50 ms and more)... */
  readonly longestTaskMs: number;
  /** ...and the most CPU time one task took (wall time includes waiting for a core on a busy box). */
  readonly longestTaskCpuMs: number;
  /** Tasks of 50 ms and more (the longtask API). */
  readonly longTasks: number;
  readonly longFrames: ReadonlyArray<LongFrame>;
  /** Seconds into the run and MB after a forced GC; the first is taken before the load starts. */
  readonly heap: ReadonlyArray<readonly [number, number]>;
  readonly posted: number;
  readonly takeover: boolean;
  readonly profile: ReadonlyArray<string>;
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

/**
 * Takes a GC'ed heap sample every HEAP_EVERY_S seconds before the run's end (the caller takes the last one) or until
 * `done` settles; returns the GC spans to leave out.
 */
async function sampleHeap(
  page: Page,
  cdp: CDPSession,
  heap: Array<readonly [number, number]>,
  done: Promise<unknown>,
): Promise<Span[]> {
  const spans: Span[] = [];
  const started = Date.now();
  let finished = false;
  void done.finally(() => (finished = true));
  for (let i = 1; i * HEAP_EVERY_S < SECONDS; i += 1) {
    const due = started + i * HEAP_EVERY_S * 1000;
    while (!finished && Date.now() < due) await new Promise((r) => setTimeout(r, Math.min(250, due - Date.now())));
    if (finished) return spans;
    const { mb, span } = await heapMb(page, cdp);
    heap.push([(Date.now() - started) / 1000, mb]);
    spans.push(span);
  }
  return spans;
}

/** Opens a layout, reads the hub's time off the display clock, then drives it for SECONDS with the probes on. */
async function measure(
  browser: Browser,
  url: string,
  layout: Layout,
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
  const cdp = await context.newCDPSession(page);
  const first = await heapMb(page, cdp);
  const heap: Array<readonly [number, number]> = [[0, first.mb]];
  await startProbe(page, SECONDS);
  if (flags.profile === true) await startCpuProfile(cdp);
  const stopTrace = await startTrace(await context.newCDPSession(page), flags.trace === true);
  const takeover = layout === 'display' ? acknowledgeLater(page) : Promise.resolve(false);
  const driving = drive(post, () => hubStart + (Date.now() - realStart) * SPEED, `${layout}-${realStart}`);
  const spans = await sampleHeap(page, cdp, heap, driving);
  const posted = await driving;
  const traced = await stopTrace();
  const profile = [...(flags.profile === true ? await stopCpuProfile(cdp, 0) : []), ...traced.summary];
  // The last sample before reading the probes (reading builds their arrays in the page).
  const last = await heapMb(page, cdp);
  heap.push([SECONDS, last.mb]);
  const probe = await readProbe(page, [first.span, ...spans, last.span]);
  await context.close();
  return {
    layout,
    frames: probe.frames.map(([, d]) => d),
    longestTaskMs: Math.max(traced.longestTaskMs, ...probe.tasks.map(([, d]) => d)),
    longestTaskCpuMs: traced.longestTaskCpuMs,
    longTasks: probe.tasks.length,
    longFrames: probe.longFrames,
    heap,
    posted,
    takeover: await takeover,
    profile,
  };
}

/** Least-squares slope of the heap samples in the last half of the run, in MB per minute. */
function heapSlope(heap: ReadonlyArray<readonly [number, number]>): number {
  const half = heap.filter(([t]) => t >= SECONDS / 2);
  if (half.length < 2) return NaN;
  const mt = half.reduce((a, [t]) => a + t, 0) / half.length;
  const mm = half.reduce((a, [, m]) => a + m, 0) / half.length;
  const num = half.reduce((a, [t, m]) => a + (t - mt) * (m - mm), 0);
  const den = half.reduce((a, [t]) => a + (t - mt) ** 2, 0);
  return (num / den) * 60;
}

/** The longest animation frames of a run: where their time went. */
function worstFrames(run: Run): string[] {
  return [...run.longFrames]
    .sort((a, b) => b.duration - a.duration)
    .slice(0, 3)
    .map((f) => {
      const scripts = [...f.scripts]
        .sort((a, b) => b.duration - a.duration)
        .slice(0, 3)
        .map((x) => `${x.name} ${round(x.duration)} ms (forced layout ${round(x.forcedLayout)})`);
      return `  long frame ${round(f.duration)} ms: style+layout ${round(f.styleAndLayout)} ms; ${scripts.join('; ')}`;
    });
}

function report(run: Run): void {
  const sorted = [...run.frames].sort((a, b) => a - b);
  const heapStart = run.heap[0]?.[1] ?? NaN;
  const heapEnd = run.heap.at(-1)?.[1] ?? NaN;
  say(
    `${run.layout}: ${run.posted} mentions in ${SECONDS}s, ${sorted.length} frames: p50 ${round(percentile(sorted, 50))} ms, ` +
      `p95 ${round(percentile(sorted, 95))} ms, p99 ${round(percentile(sorted, 99))} ms; ${run.longTasks} long tasks (≥ 50 ms), ` +
      `longest ${round(run.longestTaskMs)} ms (CPU ${round(run.longestTaskCpuMs)} ms); heap ${round(heapStart)} → ${round(heapEnd)} MB, ` +
      `last-half slope ${round(heapSlope(run.heap), 2)} MB/min` +
      (run.layout === 'display'
        ? `; P1 takeover ${run.takeover ? 'shown, acknowledged after 10 s' : 'not shown'}`
        : ''),
  );
  say(`  heap after GC (s: MB): ${run.heap.map(([t, m]) => `${Math.round(t)}: ${round(m, 2)}`).join(', ')}`);
  worstFrames(run).forEach(say);
  run.profile.forEach(say);
}

async function main(): Promise<void> {
  const hub = await startHub({ speed: SPEED });
  const browser = await launchChromium();
  // After the browser's launch, which would inherit this process's priority.
  if (hub.pid !== undefined) setPriority(hub.pid, LOAD_NICE);
  setPriority(LOAD_NICE);
  try {
    const post = createPoster(`${hub.baseUrl}api/ingest/e2e`, hub.ingestToken);
    say(
      `wall bench: ${RATE} mentions/s for ${SECONDS}s per layout, hub at speed ${SPEED}, Chromium 1920×1080, ` +
        `heap after a forced GC every ${HEAP_EVERY_S}s (frames and tasks overlapping those GCs left out); ` +
        `hub and bench at nice ${LOAD_NICE}, the browser at its own priority`,
    );
    const runs: Run[] = [];
    for (const layout of LAYOUTS) runs.push(await measure(browser, hub.url, layout, post));
    runs.forEach(report);
    const frames = runs.flatMap((r) => r.frames).sort((a, b) => a - b);
    const longest = Math.max(...runs.map((r) => r.longestTaskMs));
    const longestCpu = Math.max(...runs.map((r) => r.longestTaskCpuMs));
    const heapStart = Math.max(...runs.map((r) => r.heap[0]?.[1] ?? NaN));
    const heapEnd = Math.max(...runs.map((r) => r.heap.at(-1)?.[1] ?? NaN));
    const slope = Math.max(...runs.map((r) => heapSlope(r.heap)));
    say(
      `frame_p50_ms=${round(percentile(frames, 50))} frame_p95_ms=${round(percentile(frames, 95))} ` +
        `frame_p99_ms=${round(percentile(frames, 99))} longest_task_ms=${round(longest)} ` +
        `longest_task_cpu_ms=${round(longestCpu)} long_tasks=${runs.reduce((n, r) => n + r.longTasks, 0)} ` +
        `heap_start_mb=${round(heapStart)} heap_end_mb=${round(heapEnd)} heap_slope_mb_per_min=${round(slope, 2)}`,
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
