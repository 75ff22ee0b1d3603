import type { SourceHealth } from '../../../shared/source-health';

/** The hub's view of its sources' health: its own pollers', and in a team the other hubs' for the rest. */
export interface SourceHealthView {
  /** Takes other hubs' health of their sources (the newest per source wins). */
  remote(sources: ReadonlyArray<SourceHealth>): void;
  /** Every source, in the configured order (others after, by id): this hub's own poller wins over a remote view. */
  all(own: ReadonlyArray<SourceHealth>): SourceHealth[];
}

/**
 * A team hub polls only the sources whose lease it holds; its walls still show every source, as the hub polling it
 * last saw it (a source whose poller died shows its last state, and turns stale by its data age until another hub
 * takes its lease and reports it).
 */
export function sourceHealthView(configured: ReadonlyArray<string>): SourceHealthView {
  const remote = new Map<string, SourceHealth>();
  const rank = (id: string): number => {
    const i = configured.indexOf(id);
    return i < 0 ? configured.length : i;
  };
  return {
    remote(sources) {
      for (const s of sources) remote.set(s.sourceId, s);
    },
    all(own) {
      const mine = new Set(own.map((s) => s.sourceId));
      const others = [...remote.values()].filter((s) => !mine.has(s.sourceId));
      return [...own, ...others].sort(
        (a, b) => rank(a.sourceId) - rank(b.sourceId) || a.sourceId.localeCompare(b.sourceId),
      );
    },
  };
}
