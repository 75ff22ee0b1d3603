import { z } from 'zod';

/** Persisted spend for one UTC day (kept in the source's cursor so a restart does not reset the cap). */
export const SpendStateSchema = z.object({
  /** UTC day, YYYY-MM-DD. */
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  reads: z.number().int().nonnegative(),
});
export type SpendState = z.infer<typeof SpendStateSchema>;

/** What `SourceView.spend` shows (shared/contract.ts). */
export interface SpendView {
  readonly readsToday: number;
  readonly estimatedUsdToday: number;
  readonly capUsdPerDay: number | null;
}

/** Counts billable reads per UTC day, estimates their cost and enforces a daily cap. */
export interface SpendGuard {
  /** Epoch ms of the next UTC midnight when today's cap is reached, else null. */
  blockedUntil(now: number): number | null;
  /** Reads still allowed today (Infinity without a cap). */
  remainingReads(now: number): number;
  record(reads: number, now: number): void;
  view(now: number): SpendView;
  snapshot(now: number): SpendState;
  /** Merges persisted state: the same day keeps the larger count; another day is ignored. */
  restore(state: SpendState, now: number): void;
}

/** Options for `createSpendGuard`. */
export interface SpendOptions {
  /** Estimated USD per post read. */
  readonly costPerReadUsd: number;
  /** Stop polling for the rest of the UTC day at this estimated spend; null for no cap. */
  readonly capUsdPerDay: number | null;
}

/** The UTC day of an epoch-ms time, YYYY-MM-DD. */
export const utcDay = (t: number): string => new Date(t).toISOString().slice(0, 10);

/** Epoch ms of the UTC midnight after `t`. */
export const nextUtcMidnight = (t: number): number => {
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
};

/** Creates an in-memory spend guard; persist `snapshot()` and feed it back with `restore()`. */
export function createSpendGuard(opts: SpendOptions): SpendGuard {
  let state: SpendState = { day: '1970-01-01', reads: 0 };
  const today = (now: number): SpendState => {
    const day = utcDay(now);
    if (state.day !== day) state = { day, reads: 0 };
    return state;
  };
  const capReads = (): number =>
    opts.capUsdPerDay === null
      ? Infinity
      : opts.costPerReadUsd <= 0
        ? Infinity
        : Math.floor(opts.capUsdPerDay / opts.costPerReadUsd + 1e-9);
  const remainingReads = (now: number): number => Math.max(0, capReads() - today(now).reads);
  return {
    remainingReads,
    blockedUntil: (now) => (remainingReads(now) <= 0 ? nextUtcMidnight(now) : null),
    record(reads, now) {
      const s = today(now);
      state = { day: s.day, reads: s.reads + Math.max(0, Math.round(reads)) };
    },
    view(now) {
      const reads = today(now).reads;
      return {
        readsToday: reads,
        estimatedUsdToday: roundUsd(reads * opts.costPerReadUsd),
        capUsdPerDay: opts.capUsdPerDay,
      };
    },
    snapshot: (now) => ({ ...today(now) }),
    restore(persisted, now) {
      const s = today(now);
      if (persisted.day === s.day && persisted.reads > s.reads) state = { day: s.day, reads: persisted.reads };
    },
  };
}

function roundUsd(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}
