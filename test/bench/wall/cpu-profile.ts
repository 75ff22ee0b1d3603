// `bench:wall --profile`: a sampling CPU profile of the page over the DevTools protocol, read back as the
// main thread's busy stretches (runs of samples outside "(idle)"): the longest ones, and the functions that took
// the most self time inside stretches over a threshold. For finding what makes a long task; not a figure.
import type { CDPSession } from 'playwright-core';

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
  readonly columnNumber: number;
}
interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: ReadonlyArray<number>;
}
interface Profile {
  readonly nodes: ReadonlyArray<ProfileNode>;
  readonly samples?: ReadonlyArray<number>;
  readonly timeDeltas?: ReadonlyArray<number>;
}

/** Starts sampling every `intervalUs` microseconds. */
export async function startCpuProfile(cdp: CDPSession, intervalUs = 250): Promise<void> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: intervalUs });
  await cdp.send('Profiler.start');
}

const label = (f: CallFrame): string =>
  `${f.functionName || '(anonymous)'} ${f.url.split('/').at(-1) ?? ''}:${f.lineNumber + 1}:${f.columnNumber + 1}`;

/** Parent of each node, to walk a sample's stack. */
function parents(nodes: ReadonlyArray<ProfileNode>): Map<number, number> {
  const up = new Map<number, number>();
  for (const n of nodes) for (const c of n.children ?? []) up.set(c, n.id);
  return up;
}

/** Busy stretches (ms) with, for each, the sample node ids in it. */
function stretches(profile: Profile, idle: ReadonlySet<number>): Array<{ ms: number; ids: number[] }> {
  const out: Array<{ ms: number; ids: number[] }> = [];
  let current: { ms: number; ids: number[] } | null = null;
  const deltas = profile.timeDeltas ?? [];
  (profile.samples ?? []).forEach((id, i) => {
    const ms = (deltas[i + 1] ?? 0) / 1000;
    if (idle.has(id)) {
      if (current !== null) out.push(current);
      current = null;
      return;
    }
    current ??= { ms: 0, ids: [] };
    current.ms += ms;
    current.ids.push(id);
  });
  if (current !== null) out.push(current);
  return out;
}

/** Stops the profile and returns report lines: the longest busy stretches, hot functions and stacks in them. */
export async function stopCpuProfile(cdp: CDPSession, overMs = 30): Promise<string[]> {
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const up = parents(profile.nodes);
  const idle = new Set(profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id));
  const all = stretches(profile, idle).sort((a, b) => b.ms - a.ms);
  const long = all.filter((s) => s.ms >= overMs);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const sampleMs =
    long.reduce((t, s) => t + s.ms, 0) /
    Math.max(
      1,
      long.reduce((t, s) => t + s.ids.length, 0),
    );
  for (const s of long)
    for (const id of s.ids) {
      const node = byId.get(id);
      if (node === undefined) continue;
      self.set(label(node.callFrame), (self.get(label(node.callFrame)) ?? 0) + sampleMs);
      const seen = new Set<string>();
      for (let at: number | undefined = id; at !== undefined; at = up.get(at)) {
        const l = label(byId.get(at)?.callFrame ?? node.callFrame);
        if (!seen.has(l)) inclusive.set(l, (inclusive.get(l) ?? 0) + sampleMs);
        seen.add(l);
      }
    }
  const top = (m: Map<string, number>, n: number): string[] =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `  ${v.toFixed(1).padStart(8)} ms  ${k}`);
  return [
    `busy stretches: longest ${all
      .slice(0, 12)
      .map((s) => s.ms.toFixed(0))
      .join(', ')} ms; ${long.length} over ${overMs} ms`,
    `self time in stretches over ${overMs} ms:`,
    ...top(self, 25),
    `inclusive time in stretches over ${overMs} ms:`,
    ...top(inclusive, 30),
    `inclusive time of components (capitalised functions) in stretches over ${overMs} ms:`,
    ...top(new Map([...inclusive].filter(([k]) => /^[A-Z][A-Za-z]+ /.test(k))), 25),
  ];
}
