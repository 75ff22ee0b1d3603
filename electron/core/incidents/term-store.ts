import type { z } from 'zod';
import type { TermTableSchema } from './model';
import type { TermBaseline } from './text';
import { terms } from './text';

/** Terms kept per table; the rarest go first when it overflows. */
const MAX_TERMS = 5_000;
/** Daily half-life of baseline term frequencies, applied once per hub hour. */
const HOURLY_DECAY = 0.5 ** (1 / 24);
/** A watchlist with fewer baseline posts than this borrows the all-watchlists table. */
const MIN_DOCS = 200;
const ALL = '*';

type TermTable = z.infer<typeof TermTableSchema>;

/** Decayed document frequencies of terms per watchlist (and across all), outside incidents: the baseline period. */
export interface TermStore {
  add(watchlist: string, text: string): void;
  decayHour(): void;
  baseline(watchlist: string): TermBaseline;
  exportState(): Array<[string, TermTable]>;
  importState(state: ReadonlyArray<readonly [string, TermTable]>): void;
}

/**
 * Counts are stored inflated by `unit` (which grows as time decays), so decay is O(1) per hour:
 * a stored count divided by `unit` is the decayed count.
 */
interface Table {
  docs: number;
  counts: Map<string, number>;
}

/** Creates an empty term store. */
export function createTermStore(): TermStore {
  const tables = new Map<string, Table>();
  let unit = 1;
  const table = (key: string): Table => {
    const t = tables.get(key) ?? { docs: 0, counts: new Map<string, number>() };
    tables.set(key, t);
    return t;
  };
  const addTo = (t: Table, set: ReadonlySet<string>): void => {
    t.docs += unit;
    for (const term of set) t.counts.set(term, (t.counts.get(term) ?? 0) + unit);
    if (t.counts.size > MAX_TERMS * 1.2) prune(t);
  };
  const rescale = (): void => {
    for (const t of tables.values()) {
      t.docs /= unit;
      for (const [term, n] of t.counts) t.counts.set(term, n / unit);
    }
    unit = 1;
  };
  return {
    add(watchlist, text) {
      const set = terms(text);
      addTo(table(watchlist), set);
      addTo(table(ALL), set);
    },
    decayHour() {
      unit /= HOURLY_DECAY;
      if (unit > 1e6) rescale();
    },
    baseline(watchlist) {
      const own = tables.get(watchlist);
      const chosen = own && own.docs / unit >= MIN_DOCS ? own : (tables.get(ALL) ?? own);
      if (!chosen) return { docs: 0, countOf: () => 0 };
      const scale = unit;
      return { docs: chosen.docs / scale, countOf: (term) => (chosen.counts.get(term) ?? 0) / scale };
    },
    exportState() {
      const r = (n: number): number => Math.round((n / unit) * 1000) / 1000;
      return [...tables].map(([k, t]) => [
        k,
        { docs: r(t.docs), counts: Object.fromEntries([...t.counts].map(([w, n]) => [w, r(n)])) },
      ]);
    },
    importState(state) {
      tables.clear();
      unit = 1;
      for (const [k, t] of state) tables.set(k, { docs: t.docs, counts: new Map(Object.entries(t.counts)) });
    },
  };
}

function prune(t: Table): void {
  const keep = [...t.counts].sort((a, b) => b[1] - a[1]).slice(0, MAX_TERMS);
  t.counts = new Map(keep);
}
