import type { Incident } from '../../../shared/incident';
import { MINUTE_MS, minuteOf } from '../../../shared/series';
import { createEarlyDetector, type EarlyPort, type Openable } from './early';
import type { IncidentRecord, Signal } from './model';
import type { OpenMinutes } from './open-minute';
import type { IncidentParams } from './params';
import { addOpenCounts, adopt, sharesFamily, supersede, withdraw, type Provisional } from './provisional';
import { isBenignVolume, isGeneric } from './rules';
import type { SeriesScorer } from './scorer';
import { watchlistFamilyKey } from './samples';
import { isTopic } from './family';

/** What the early path needs of the engine: its records and the closed path's own rules and helpers. */
export interface EngineParts {
  readonly params: IncidentParams;
  readonly scorer: SeriesScorer;
  readonly tally: OpenMinutes;
  readonly records: () => Map<string, IncidentRecord>;
  readonly pending: () => ReadonlyMap<string, ReadonlyArray<Signal>>;
  readonly cooldowns: () => ReadonlyMap<string, number>;
  readonly lastClosed: () => number | null;
  readonly minutesProcessed: () => number;
  readonly active: (watchlist: string) => IncidentRecord[];
  /** Whether an open incident takes a signal of `family` at `minute` (the closed path's routing rule). */
  readonly takes: (candidate: IncidentRecord, family: string, minute: number) => boolean;
  /** A new record for signals, with its posts and the closed minutes' counts, not registered anywhere. */
  readonly build: (watchlist: string, signals: ReadonlyArray<Signal>, minute: number, at: number) => IncidentRecord;
  /** Folds signals of a new family into a record, with that family's recent posts. */
  readonly absorb: (rec: IncidentRecord, signals: ReadonlyArray<Signal>, minute: number) => void;
  readonly touch: (rec: IncidentRecord, at: number, changed: Set<string>) => void;
  readonly finalize: (rec: IncidentRecord) => void;
  /** Forgets a record's cached card. */
  readonly forget: (id: string) => void;
  readonly view: (rec: IncidentRecord) => Incident;
}

/** The engine's early path: provisional incidents from open minutes, settled by the closed ones. */
export interface EarlyWiring {
  /** Scores the open minutes so far; returns the provisional incidents it opened. */
  evaluateOpen(now: number): ReadonlyArray<Incident>;
  /** After the closed path routed a watchlist's minute: confirms, folds or withdraws its provisional incidents. */
  settle(watchlist: string, minute: number, at: number, openedNow: Set<string>, changed: Set<string>): void;
  /** Minutes closed through `lastClosed`. */
  closed(lastClosed: number): void;
  /** The provisional incidents, for `list()`. */
  records(): IncidentRecord[];
  exportState(): Array<[IncidentRecord, number]>;
  importState(rows: ReadonlyArray<readonly [IncidentRecord, number]>): void;
}

/** Wires the early detector into an engine's parts. */
export function createEarlyWiring(parts: EngineParts): EarlyWiring {
  const { params } = parts;
  let provisional = new Map<string, Provisional>();
  const provisionalOf = (watchlist: string): IncidentRecord[] =>
    [...provisional.values()].filter((held) => held.rec.watchlist === watchlist).map((held) => held.rec);

  const port: EarlyPort = {
    // Whether an open incident takes a volume or negative surge depends on the closed minute (is it still hot, do its
    // topics explain the surge): the early path leaves such surges to the closed path, so it never makes a second one.
    // A family a provisional incident already carries waits for the closed minute too.
    taken: (watchlist, family, minute) =>
      (isGeneric(family) && parts.active(watchlist).length > 0) ||
      parts.active(watchlist).some((candidate) => parts.takes(candidate, family, minute)) ||
      provisionalOf(watchlist).some((candidate) => candidate.families.includes(family)),
    pending: (watchlist, family) => parts.pending().get(watchlistFamilyKey(watchlist, family)) ?? [],
    cooling: (watchlist, family, minute) =>
      (parts.cooldowns().get(watchlistFamilyKey(watchlist, family)) ?? -Infinity) > minute,
    flags: (watchlist, family, minute) => {
      const current = parts.active(watchlist);
      const young = current.filter((candidate) => minute - candidate.startedAt < params.freezeMinutes * MINUTE_MS);
      const listening = current.some((candidate) => !isBenignVolume(candidate, params)) && isTopic(family);
      return { frozen: young.some((candidate) => candidate.families.includes(family)), listening };
    },
  };
  const early = createEarlyDetector(params, parts.scorer, parts.tally, port);

  /** Opens a provisional incident, or folds the signals into one that takes them (as the closed path would). */
  const openProvisional = (openable: Openable, now: number, changed: Set<string>): void => {
    const joins = provisionalOf(openable.watchlist).find((candidate) =>
      parts.takes(candidate, openable.family, openable.minute),
    );
    if (joins) {
      parts.absorb(joins, openable.signals, openable.minute);
      parts.touch(joins, now, changed);
      return;
    }
    const rec = parts.build(openable.watchlist, openable.signals, openable.minute, now);
    rec.provisional = true;
    for (
      let minute = (parts.lastClosed() ?? openable.minute) + MINUTE_MS;
      minute <= openable.minute;
      minute += MINUTE_MS
    )
      addOpenCounts(rec, parts.tally.counts(openable.watchlist, minute));
    provisional.set(rec.id, { rec, minute: openable.minute });
    parts.touch(rec, now, changed);
  };

  /** The closed path opened an incident telling the provisional one's story: it takes the provisional id. */
  const confirm = (
    fresh: IncidentRecord,
    held: Provisional,
    at: number,
    opened: Set<string>,
    changed: Set<string>,
  ): void => {
    const records = parts.records();
    opened.delete(fresh.id);
    changed.delete(fresh.id);
    records.delete(fresh.id);
    parts.forget(fresh.id);
    adopt(fresh, held);
    records.set(fresh.id, fresh);
    provisional.delete(held.rec.id);
    parts.touch(fresh, at, changed);
  };

  return {
    evaluateOpen(now) {
      const lastClosed = parts.lastClosed();
      if (lastClosed === null) return [];
      const changed = new Set<string>();
      early.evaluate(lastClosed, minuteOf(now), parts.minutesProcessed(), (openable) =>
        openProvisional(openable, now, changed),
      );
      return [...changed].flatMap((id) => {
        const held = provisional.get(id);
        return held ? [parts.view(held.rec)] : [];
      });
    },
    settle(watchlist, minute, at, openedNow, changed) {
      const adopted = new Set<string>();
      const mine = [...provisional.values()].filter((held) => held.rec.watchlist === watchlist);
      for (const held of mine.sort((a, b) => a.rec.openedAt - b.rec.openedAt)) {
        const fresh = [...openedNow]
          .map((id) => parts.records().get(id))
          .find(
            (candidate) =>
              candidate !== undefined &&
              !adopted.has(candidate.id) &&
              candidate.state !== 'resolved' &&
              sharesFamily(candidate, held),
          );
        if (fresh) {
          confirm(fresh, held, at, openedNow, changed);
          adopted.add(fresh.id);
          continue;
        }
        if (held.minute > minute) continue;
        // The incident the closed minute's signal went to was hot at this minute; else the latest one to be hot.
        const target = parts
          .active(watchlist)
          .filter((candidate) => sharesFamily(candidate, held))
          .sort((a, b) => b.lastHotMinute - a.lastHotMinute)[0];
        if (target) supersede(held, target.id, at);
        else withdraw(held, at);
        if (!target) early.withdrawn(watchlist, minute);
        provisional.delete(held.rec.id);
        parts.records().set(held.rec.id, held.rec);
        parts.touch(held.rec, at, changed);
        parts.finalize(held.rec);
      }
    },
    closed: (lastClosed) => early.closed(lastClosed),
    records: () => [...provisional.values()].map((held) => held.rec),
    exportState: () => [...provisional.values()].map((held) => [held.rec, held.minute]),
    importState(rows) {
      provisional = new Map(rows.map(([rec, minute]) => [rec.id, { rec, minute }]));
    },
  };
}
