import type { Cancel, Clock } from '../../runtime/clock';
import { CHANGE_KINDS, type ChangeKind, type LocalChange } from './port';

/** The least time between two flushes: at most one team event per kind per interval, however busy the hub is. */
export const FLUSH_INTERVAL_MS = 100;
/** Most ids one event row carries; a bigger burst is split over several rows of the same flush. */
export const MAX_IDS_PER_EVENT = 2_000;

/**
 * Collects this hub's committed changes and hands them on in flushes: each flush carries one change per kind
 * (ids in commit order, each once), and flushes are at least `intervalMs` apart, so 500 mentions a second cost
 * about ten small event rows a second, not 500. A quiet hub's first change goes out on the next turn of the
 * timer (delay 0), not a whole interval later.
 */
export class ChangeBatcher {
  private readonly pending = new Map<ChangeKind, Set<string>>();
  private cancel: Cancel | null = null;
  private lastFlush = -Infinity;

  constructor(
    private readonly timer: Clock,
    private readonly onFlush: (changes: ReadonlyArray<LocalChange>) => void,
    private readonly intervalMs = FLUSH_INTERVAL_MS,
  ) {}

  /** Adds a change; schedules a flush if none is pending. */
  add(change: LocalChange): void {
    if (change.ids.length === 0) return;
    const ids = this.pending.get(change.kind) ?? new Set<string>();
    for (const id of change.ids) ids.add(id);
    this.pending.set(change.kind, ids);
    if (this.cancel !== null) return;
    const wait = Math.max(0, this.lastFlush + this.intervalMs - this.timer.now());
    this.cancel = this.timer.setTimeout(() => {
      this.cancel = null;
      this.flush();
    }, wait);
  }

  /** Hands on what is pending now (shutdown, tests). */
  flush(): void {
    this.cancel?.();
    this.cancel = null;
    if (this.pending.size === 0) return;
    this.lastFlush = this.timer.now();
    const changes: LocalChange[] = [];
    for (const kind of CHANGE_KINDS) {
      const ids = [...(this.pending.get(kind) ?? [])];
      for (let at = 0; at < ids.length; at += MAX_IDS_PER_EVENT)
        changes.push({ kind, ids: ids.slice(at, at + MAX_IDS_PER_EVENT) });
    }
    this.pending.clear();
    this.onFlush(changes);
  }

  /** Drops the pending timer (what is pending stays until `flush`). */
  stop(): void {
    this.cancel?.();
    this.cancel = null;
  }
}
