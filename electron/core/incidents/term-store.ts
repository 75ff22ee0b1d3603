import { z } from 'zod';
import { TermTableSchema } from './model';
import type { TermBaseline } from './text';
import { terms } from './text';

/** Terms kept per table; the rarest go first when it overflows. */
const MAX_TERMS = 5_000;
/** Daily half-life of baseline term frequencies, applied once per hub hour. */
const HOURLY_DECAY = 0.5 ** (1 / 24);
/** A watchlist with fewer baseline posts than this borrows the all-watchlists table. */
const MIN_DOCS = 200;
const ALL = '*';

/** Decayed document frequencies of terms per watchlist (and across all), outside incidents: the baseline period. */
export interface TermStore {
  add(watchlist: string, text: string): void;
  decayHour(): void;
  baseline(watchlist: string): TermBaseline;
  exportState(): Array<[string, z.infer<typeof TermTableSchema>]>;
  importState(state: ReadonlyArray<readonly [string, z.infer<typeof TermTableSchema>]>): void;
}

interface Table {
  docs: number;
  counts: Map<string, number>;
}

/** Creates an empty term store. */
export function createTermStore(): TermStore {
  const tables = new Map<string, Table>();
  const table = (key: string): Table => {
    const t = tables.get(key) ?? { docs: 0, counts: new Map<string, number>() };
    tables.set(key, t);
    return t;
  };
  const addTo = (t: Table, set: ReadonlySet<string>): void => {
    t.docs += 1;
    for (const term of set) t.counts.set(term, (t.counts.get(term) ?? 0) + 1);
    if (t.counts.size > MAX_TERMS * 1.2) prune(t);
  };
  return {
    add(watchlist, text) {
      const set = terms(text);
      addTo(table(watchlist), set);
      addTo(table(ALL), set);
    },
    decayHour() {
      for (const t of tables.values()) {
        t.docs *= HOURLY_DECAY;
        for (const [term, n] of t.counts) t.counts.set(term, n * HOURLY_DECAY);
      }
    },
    baseline(watchlist) {
      const own = tables.get(watchlist);
      const chosen = own && own.docs >= MIN_DOCS ? own : (tables.get(ALL) ?? own);
      return chosen ? { docs: chosen.docs, counts: chosen.counts } : { docs: 0, counts: new Map() };
    },
    exportState() {
      return [...tables].map(([k, t]) => [k, { docs: t.docs, counts: Object.fromEntries(t.counts) }]);
    },
    importState(state) {
      tables.clear();
      for (const [k, t] of state) tables.set(k, { docs: t.docs, counts: new Map(Object.entries(t.counts)) });
    },
  };
}

function prune(t: Table): void {
  const keep = [...t.counts].sort((a, b) => b[1] - a[1]).slice(0, MAX_TERMS);
  t.counts = new Map(keep);
}
