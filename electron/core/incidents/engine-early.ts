import type { Incident } from '../../../shared/incident';
import { minuteOf } from '../../../shared/series';
import { createEarlyDetector, type EarlyPort, type Openable } from './early';
import type { IncidentRecord, Signal } from './model';
import type { OpenMinutes } from './open-minute';
import type { IncidentParams } from './params';
import { addOpenCounts, adopt, sharesFamily, supersede, withdraw, type Provisional } from './provisional';
import { isBenignVolume, isGeneric } from './rules';
import type { SeriesScorer } from './scorer';
import { watchlistFamilyKey } from './samples';
import { isTopic } from './family';

const MINUTE = 60_000;

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
  readonly active: (w: string) => IncidentRecord[];
  /** Whether an open incident takes a signal of `family` at `minute` (the closed path's routing rule). */
  readonly takes: (r: IncidentRecord, family: string, minute: number) => boolean;
  /** A new record for signals, with its posts and the closed minutes' counts, not registered anywhere. */
  readonly build: (w: string, signals: ReadonlyArray<Signal>, minute: number, at: number) => IncidentRecord;
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
  settle(w: string, minute: number, at: number, openedNow: Set<string>, changed: Set<string>): void;
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
  const provisionalOf = (w: string): IncidentRecord[] =>
    [...provisional.values()].filter((p) => p.rec.watchlist === w).map((p) => p.rec);

  const port: EarlyPort = {
    // A volume or negative surge joins an incident only while it is hot, which the closed minute itself may make it:
    // the early path assumes it will and leaves such surges to the closed path, so it never makes a second incident.
    // A family a provisional incident already carries waits for the closed minute too.
    taken: (w, family, minute) =>
      parts.active(w).some((r) => parts.takes(r, family, isGeneric(family) ? r.lastHotMinute : minute)) ||
      provisionalOf(w).some((r) => r.families.includes(family)),
    pending: (w, family) => parts.pending().get(watchlistFamilyKey(w, family)) ?? [],
    cooling: (w, family, minute) => (parts.cooldowns().get(watchlistFamilyKey(w, family)) ?? -Infinity) > minute,
    flags: (w, family, minute) => {
      const current = parts.active(w);
      const young = current.filter((r) => minute - r.startedAt < params.freezeMinutes * MINUTE);
      const listening = current.some((r) => !isBenignVolume(r, params)) && isTopic(family);
      return { frozen: young.some((r) => r.families.includes(family)), listening };
    },
  };
  const early = createEarlyDetector(params, parts.scorer, parts.tally, port);

  /** Opens a provisional incident, or folds the signals into one that takes them (as the closed path would). */
  const openProvisional = (o: Openable, now: number, changed: Set<string>): void => {
    const joins = provisionalOf(o.watchlist).find((r) => parts.takes(r, o.family, o.minute));
    if (joins) {
      parts.absorb(joins, o.signals, o.minute);
      parts.touch(joins, now, changed);
      return;
    }
    const rec = parts.build(o.watchlist, o.signals, o.minute, now);
    rec.provisional = true;
    for (let m = (parts.lastClosed() ?? o.minute) + MINUTE; m <= o.minute; m += MINUTE)
      addOpenCounts(rec, parts.tally.counts(o.watchlist, m));
    provisional.set(rec.id, { rec, minute: o.minute });
    parts.touch(rec, now, changed);
  };

  /** The closed path opened an incident telling the provisional one's story: it takes the provisional id. */
  const confirm = (
    fresh: IncidentRecord,
    p: Provisional,
    at: number,
    opened: Set<string>,
    changed: Set<string>,
  ): void => {
    const records = parts.records();
    opened.delete(fresh.id);
    changed.delete(fresh.id);
    records.delete(fresh.id);
    parts.forget(fresh.id);
    adopt(fresh, p);
    records.set(fresh.id, fresh);
    provisional.delete(p.rec.id);
    parts.touch(fresh, at, changed);
  };

  return {
    evaluateOpen(now) {
      const lastClosed = parts.lastClosed();
      if (lastClosed === null) return [];
      const changed = new Set<string>();
      early.evaluate(lastClosed, minuteOf(now), parts.minutesProcessed(), (o) => openProvisional(o, now, changed));
      return [...changed].flatMap((id) => {
        const p = provisional.get(id);
        return p ? [parts.view(p.rec)] : [];
      });
    },
    settle(w, minute, at, openedNow, changed) {
      const adopted = new Set<string>();
      const mine = [...provisional.values()].filter((p) => p.rec.watchlist === w);
      for (const p of mine.sort((a, b) => a.rec.openedAt - b.rec.openedAt)) {
        const fresh = [...openedNow]
          .map((id) => parts.records().get(id))
          .find((r) => r !== undefined && !adopted.has(r.id) && r.state !== 'resolved' && sharesFamily(r, p));
        if (fresh) {
          confirm(fresh, p, at, openedNow, changed);
          adopted.add(fresh.id);
          continue;
        }
        if (p.minute > minute) continue;
        // The incident the closed minute's signal went to was hot at this minute; else the latest one to be hot.
        const target = parts
          .active(w)
          .filter((r) => sharesFamily(r, p))
          .sort((a, b) => b.lastHotMinute - a.lastHotMinute)[0];
        if (target) supersede(p, target.id, at);
        else withdraw(p, at);
        if (!target) early.withdrawn(w, minute);
        provisional.delete(p.rec.id);
        parts.records().set(p.rec.id, p.rec);
        parts.touch(p.rec, at, changed);
        parts.finalize(p.rec);
      }
    },
    closed: (lastClosed) => early.closed(lastClosed),
    records: () => [...provisional.values()].map((p) => p.rec),
    exportState: () => [...provisional.values()].map((p) => [p.rec, p.minute]),
    importState(rows) {
      provisional = new Map(rows.map(([rec, minute]) => [rec.id, { rec, minute }]));
    },
  };
}
