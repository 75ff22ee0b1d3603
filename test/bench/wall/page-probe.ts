// In-page probes of the wall bench: frame times (requestAnimationFrame deltas), long tasks (PerformanceObserver
// 'longtask') and long animation frames (where the time went: scripts, style and layout), plus the JS heap read
// after a forced GC over the DevTools protocol.
import type { CDPSession, Page } from 'playwright-core';

/** One long animation frame as the page saw it: its parts in ms, the scripts that ran in it. */
export interface LongFrame {
  readonly start: number;
  readonly duration: number;
  readonly styleAndLayout: number;
  readonly scripts: ReadonlyArray<{ readonly name: string; readonly duration: number; readonly forcedLayout: number }>;
}

/** What the probes hold in the page: frames in preallocated typed arrays, so probing adds nothing to the heap. */
interface PageProbe {
  /** Page time at the end of each frame... */
  ends: Float64Array;
  /** ...and its length. */
  lengths: Float64Array;
  count: number;
  tasks: Array<readonly [number, number]>;
  longFrames: LongFrame[];
}

/** What the probes collected. */
export interface Probe {
  /** Page time at the end of each frame, and the frame's length. */
  frames: Array<readonly [number, number]>;
  /** Each long task's start (page time) and length. */
  tasks: Array<readonly [number, number]>;
  longFrames: LongFrame[];
}

interface PerfEntry {
  readonly duration: number;
  readonly styleAndLayoutStart?: number;
  readonly renderStart?: number;
  readonly startTime: number;
  readonly scripts?: ReadonlyArray<{
    readonly invoker: string;
    readonly sourceFunctionName: string;
    readonly duration: number;
    readonly forcedStyleAndLayoutDuration: number;
  }>;
}

/** The little of the page's globals the probes use (this file is type-checked without the DOM library). */
export interface PageGlobals {
  earshotProbe: PageProbe;
  requestAnimationFrame(callback: (t: number) => void): number;
  PerformanceObserver: new (callback: (list: { getEntries(): ReadonlyArray<PerfEntry> }) => void) => {
    observe(options: { readonly type: string; readonly buffered?: boolean }): void;
  };
  document: { readonly documentElement: { readonly dataset: Readonly<Record<string, string | undefined>> } };
}

/** Frames at least this long are kept with their parts (the worst ones explain the longest task). */
const KEEP_FRAME_MS = 40;

/**
 * Starts the frame, long-task and long-animation-frame probes in the page, with room for `seconds` of frames at up
 * to 120 per second (frames past that are not recorded).
 */
export async function startProbe(page: Page, seconds: number): Promise<void> {
  const room = Math.ceil(seconds * 120) + 1000;
  await page.evaluate(
    ({ keepMs, room }) => {
      const g = globalThis as unknown as PageGlobals;
      const probe: PageProbe = {
        ends: new Float64Array(room),
        lengths: new Float64Array(room),
        count: 0,
        tasks: [],
        longFrames: [],
      };
      g.earshotProbe = probe;
      let last = performance.now();
      const tick = (t: number): void => {
        if (probe.count < room) {
          probe.ends[probe.count] = t;
          probe.lengths[probe.count] = t - last;
          probe.count += 1;
        }
        last = t;
        g.requestAnimationFrame(tick);
      };
      g.requestAnimationFrame(tick);
      new g.PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          probe.tasks.push([e.startTime, e.duration]);
        }
      }).observe({ type: 'longtask', buffered: false });
      new g.PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          if (e.duration < keepMs) continue;
          const layoutStart = e.styleAndLayoutStart ?? e.startTime + e.duration;
          probe.longFrames.push({
            start: e.startTime,
            duration: e.duration,
            styleAndLayout: e.startTime + e.duration - layoutStart,
            scripts: (e.scripts ?? []).map((s) => ({
              name: `${s.invoker} ${s.sourceFunctionName}`.trim(),
              duration: s.duration,
              forcedLayout: s.forcedStyleAndLayoutDuration,
            })),
          });
        }
      }).observe({ type: 'long-animation-frame', buffered: false });
    },
    { keepMs: KEEP_FRAME_MS, room },
  );
}

/** A span of page time the bench itself caused (a forced GC): frames and tasks in it are not the wall's. */
export type Span = readonly [number, number];

const pageNow = (page: Page): Promise<number> => page.evaluate(() => performance.now());

/** Reads what the probes collected, leaving out frames and tasks that overlap the bench's own spans. */
export async function readProbe(page: Page, own: ReadonlyArray<Span>): Promise<Probe> {
  const probe = await page.evaluate(() => {
    const p = (globalThis as unknown as PageGlobals).earshotProbe;
    const frames = Array.from(p.ends.subarray(0, p.count), (t, i): readonly [number, number] => [t, p.lengths[i] ?? 0]);
    return { frames, tasks: p.tasks, longFrames: p.longFrames };
  });
  const overlaps = (start: number, end: number): boolean => own.some(([a, b]) => start <= b && end >= a);
  return {
    frames: probe.frames.slice(1).filter(([t, d]) => !overlaps(t - d, t)),
    tasks: probe.tasks.filter(([s, d]) => !overlaps(s, s + d)),
    longFrames: probe.longFrames.filter((f) => !overlaps(f.start, f.start + f.duration)),
  };
}

/**
 * The JS heap in MB after a full GC (HeapProfiler.collectGarbage), over an open DevTools session; `span` is the
 * page time the GC took (to leave out of the frame and task figures).
 */
export async function heapMb(page: Page, cdp: CDPSession): Promise<{ readonly mb: number; readonly span: Span }> {
  const before = await pageNow(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const after = await pageNow(page);
  // The frame that ends just after the GC spans it too: widen by one frame.
  return { mb: usedSize / 1024 / 1024, span: [before, after + 20] };
}
