// A DevTools timeline trace of the page's main thread. Every bench:wall run takes a light one for the longest task
// (the longtask API sees only tasks of 50 ms and more); `--trace` takes a detailed one and prints it summed by event
// name (style, layout, paint, scripts, GC...) with the longest top-level tasks and what was in them.
import type { CDPSession } from 'playwright-core';

interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly ts: number;
  readonly dur?: number;
  /** Thread (CPU) time: what the task cost when the box is busy and the thread waits for a core. */
  readonly tdur?: number;
  readonly pid: number;
  readonly tid: number;
  readonly args?: {
    readonly name?: string;
    readonly elementCount?: number;
    readonly beginData?: { readonly dirtyObjects?: number; readonly totalObjects?: number };
  };
}

/** What a trace tells: the longest task of the page's own (wall and CPU ms), and with `--trace` a printed summary. */
export interface TraceResult {
  readonly longestTaskMs: number;
  readonly longestTaskCpuMs: number;
  readonly summary: ReadonlyArray<string>;
}

/** Trace categories: the timeline's tasks and V8's (whose low-memory GC marks the bench's own forced GCs)... */
const LIGHT = 'disabled-by-default-devtools.timeline,v8';
/** ...and with `--trace` the timeline's layout and paint detail too. */
const DETAILED = `devtools.timeline,${LIGHT}`;

/**
 * Starts a timeline trace; `detailed` adds layout and paint detail (heavier) and returns a printed summary. The
 * trace stays in the browser until the end (ReturnAsStream): streaming it to the bench during the run would take
 * CPU from the page it measures.
 */
export async function startTrace(cdp: CDPSession, detailed: boolean): Promise<() => Promise<TraceResult>> {
  await cdp.send('Tracing.start', { categories: detailed ? DETAILED : LIGHT, transferMode: 'ReturnAsStream' });
  return async () => {
    const done = new Promise<string | undefined>((resolve) =>
      cdp.once('Tracing.tracingComplete', (e) => resolve(e.stream)),
    );
    await cdp.send('Tracing.end');
    const stream = await done;
    const events = stream === undefined ? [] : await readStream(cdp, stream);
    const main = mainThread(events);
    const tasks = main === null ? [] : pageTasks(events, main);
    return {
      longestTaskMs: Math.max(0, ...tasks.map((t) => (t.dur ?? 0) / 1000)),
      longestTaskCpuMs: Math.max(0, ...tasks.map((t) => (t.tdur ?? 0) / 1000)),
      summary: detailed ? summarize(events) : [],
    };
  };
}

/** Reads a finished trace's stream (IO.read) and parses its events. */
async function readStream(cdp: CDPSession, handle: string): Promise<TraceEvent[]> {
  const chunks: string[] = [];
  for (;;) {
    const { data, eof, base64Encoded } = await cdp.send('IO.read', { handle });
    chunks.push(base64Encoded === true ? Buffer.from(data, 'base64').toString('utf8') : data);
    if (eof) break;
  }
  await cdp.send('IO.close', { handle });
  const parsed = JSON.parse(chunks.join('')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  return Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
}

/** The bench's own forced GC (HeapProfiler.collectGarbage runs as a low-memory notification). */
const FORCED_GC = 'V8.GCLowMemoryNotification';

/** The main thread's top-level tasks, less those that are the bench's forced GCs. */
function pageTasks(events: ReadonlyArray<TraceEvent>, main: { pid: number; tid: number }): TraceEvent[] {
  const mine = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined);
  const gcs = mine.filter((e) => e.name === FORCED_GC);
  const forced = (task: TraceEvent): boolean => gcs.some((g) => g.ts >= task.ts && g.ts < task.ts + (task.dur ?? 0));
  return mine.filter((e) => e.name === 'RunTask' && !forced(e));
}

/** The renderer main thread: the thread named CrRendererMain with the most events. */
function mainThread(events: ReadonlyArray<TraceEvent>): { pid: number; tid: number } | null {
  const named = events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  let best: { pid: number; tid: number; n: number } | null = null;
  for (const t of named) {
    const n = events.filter((e) => e.pid === t.pid && e.tid === t.tid).length;
    if (best === null || n > best.n) best = { pid: t.pid, tid: t.tid, n };
  }
  return best;
}

function summarize(events: ReadonlyArray<TraceEvent>): string[] {
  const main = mainThread(events);
  if (main === null) return ['trace: no renderer main thread'];
  const mine = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined);
  const tasks = pageTasks(events, main).sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0));
  const byName = new Map<string, number>();
  for (const e of mine) if (e.name !== 'RunTask') byName.set(e.name, (byName.get(e.name) ?? 0) + (e.dur ?? 0) / 1000);
  const busy = tasks.reduce((t, e) => t + (e.dur ?? 0) / 1000, 0);
  const cpu = tasks.reduce((t, e) => t + (e.tdur ?? 0) / 1000, 0);
  const byCpu = [...tasks].sort((a, b) => (b.tdur ?? 0) - (a.tdur ?? 0));
  const ms = (us: number | undefined): string => ((us ?? 0) / 1000).toFixed(1);
  const inside = (task: TraceEvent): string => {
    const end = task.ts + (task.dur ?? 0);
    const parts = new Map<string, number>();
    for (const e of mine)
      if (e !== task && e.ts >= task.ts && e.ts < end && e.name !== 'RunTask')
        parts.set(e.name, (parts.get(e.name) ?? 0) + (e.dur ?? 0) / 1000);
    const sizes = mine
      .filter((e) => e.ts >= task.ts && e.ts < end && (e.name === 'UpdateLayoutTree' || e.name === 'Layout'))
      .map((e) =>
        e.name === 'Layout'
          ? `layout ${e.args?.beginData?.dirtyObjects ?? '?'}/${e.args?.beginData?.totalObjects ?? '?'} objects`
          : `style ${e.args?.elementCount ?? '?'} elements`,
      );
    return [...parts]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6)
      .map(([k, v]) => `${k} ${v.toFixed(1)}`)
      .join(', ')
      .concat(sizes.length > 0 ? ` [${sizes.join(', ')}]` : '');
  };
  return [
    `trace: main thread busy ${busy.toFixed(0)} ms (CPU ${cpu.toFixed(0)} ms) in ${tasks.length} tasks; ` +
      `longest tasks by CPU time: ${byCpu
        .slice(0, 10)
        .map((t) => `${ms(t.tdur)} (wall ${ms(t.dur)})`)
        .join(', ')} ms`,
    'by event (ms, nested events overlap):',
    ...[...byName]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 22)
      .map(([k, v]) => `  ${v.toFixed(1).padStart(8)}  ${k}`),
    'longest tasks:',
    ...tasks.slice(0, 6).map((t) => `  ${ms(t.dur)} ms (CPU ${ms(t.tdur)}): ${inside(t)}`),
    'longest tasks by CPU time:',
    ...byCpu.slice(0, 6).map((t) => `  CPU ${ms(t.tdur)} ms (wall ${ms(t.dur)}): ${inside(t)}`),
  ];
}
