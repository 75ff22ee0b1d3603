import type { ChangeKind } from './port';

/** One row of the team events table, as read back. */
export interface TeamEvent {
  readonly seq: number;
  readonly hubId: string;
  readonly kind: ChangeKind;
  readonly ids: ReadonlyArray<string>;
}

/** A run of consecutive events of one kind from other hubs, merged: applied as one change. */
export interface EventRun {
  readonly kind: ChangeKind;
  readonly ids: ReadonlyArray<string>;
  /** The last seq the run covers: passed once the run is applied. */
  readonly throughSeq: number;
}

/**
 * Where a hub is in the team's event sequence. It starts at the sequence's end when the hub starts (what came
 * before is in the store it reads at start) and only moves forward: a row at or below it is never applied twice
 * (a notification and a safety poll may read the same rows), its own rows are passed over, and the seq moves past
 * a run only once the run was applied, so a failure means reading it again, not losing it.
 */
export class SeqTracker {
  private seq: number;

  constructor(
    private readonly hubId: string,
    start: number,
  ) {
    this.seq = start;
  }

  /** The last seq applied (or passed over). */
  get last(): number {
    return this.seq;
  }

  /**
   * The rows after the last seq, in seq order, as runs to apply: consecutive rows of one kind from other hubs
   * merged (ids each once), own rows skipped. Does not move the seq: call `passed` after each run.
   */
  runs(rows: ReadonlyArray<TeamEvent>): EventRun[] {
    const fresh = rows.filter((r) => r.seq > this.seq).sort((a, b) => a.seq - b.seq);
    const runs: Array<{ kind: ChangeKind; ids: Set<string>; throughSeq: number }> = [];
    for (const row of fresh) {
      const tail = runs.at(-1);
      if (row.hubId === this.hubId) {
        // Our own row: nothing to apply, but the seq must pass it (a run ending at it, or an empty one).
        if (tail) tail.throughSeq = row.seq;
        else runs.push({ kind: row.kind, ids: new Set(), throughSeq: row.seq });
        continue;
      }
      if (tail && tail.kind === row.kind) {
        for (const id of row.ids) tail.ids.add(id);
        tail.throughSeq = row.seq;
      } else runs.push({ kind: row.kind, ids: new Set(row.ids), throughSeq: row.seq });
    }
    return runs.map((r) => ({ kind: r.kind, ids: [...r.ids], throughSeq: r.throughSeq }));
  }

  /** Moves past `seq` (never backwards). */
  passed(seq: number): void {
    if (seq > this.seq) this.seq = seq;
  }
}
