import type { Incident } from '../../../shared/incident';
import type { EngineMemory } from './engine-memory';
import type { PostFeatures } from './evidence';
import { incidentTerms, toIncident } from './evidence';
import { watchlistFamilyKey } from './samples';
import type { IncidentRecord } from './model';
import type { IncidentParams } from './params';
import { isGeneric, leadOf, moreSevere, severityOf } from './rules';
import { mergeInto, mergedLead } from './tracking';
import { MINUTE_MS } from '../../../shared/series';

/** Resolved incidents kept for `list()` before the oldest are forgotten (the store keeps them for good). */
const MAX_RESOLVED = 200;

/** What the book keeps its incidents in, and how it dates what it does. */
export interface IncidentBookDeps {
  readonly params: IncidentParams;
  /** The engine's memory: read through on every call (a restore replaces its fields). */
  readonly memory: EngineMemory;
  readonly features: PostFeatures;
  /** The hub time at which something noticed in `minute` happens. */
  readonly hubNow: (minute: number) => number;
  /** Ends the detector's quiet periods after the alarms of a resolved incident's time (see `SeriesScorer.release`). */
  readonly release: (watchlist: string, since: number, keep: ReadonlySet<string>) => void;
}

/** The book of incidents: the records, their cached cards, and the open/resolve/merge bookkeeping. */
export interface IncidentBook {
  /** A watchlist's incidents that are not resolved. */
  active(watchlist: string): IncidentRecord[];
  /** An incident's card (the final one once resolved), cached until the record changes. */
  view(rec: IncidentRecord): Incident;
  /** A record changed at `at`: its severity may escalate, its card is rebuilt, it is reported as changed. */
  touch(rec: IncidentRecord, at: number, changed: Set<string>): void;
  /** Forgets an incident's cached card. */
  forget(id: string): void;
  /** Freezes a resolved incident's card and lets its posts go. */
  finalize(rec: IncidentRecord): void;
  /** Resolves a watchlist's incidents quiet for `resolveQuietMinutes`; their families cool down. */
  resolveQuiet(watchlist: string, minute: number, changed: Set<string>): void;
  /** Folds a watchlist's open incidents telling one story into the earliest of them. */
  mergeStories(watchlist: string, minute: number, changed: Set<string>): void;
  /** Forgets the oldest resolved incidents beyond `MAX_RESOLVED`. */
  forgetOld(): void;
  /** The cards of the changed incidents still in the book. */
  viewsOf(changed: Iterable<string>): Incident[];
  /** Forgets every cached card (the records were replaced). */
  clearViews(): void;
}

/** Creates the book over the engine's memory. */
export function createIncidentBook(deps: IncidentBookDeps): IncidentBook {
  const { params, memory, features, hubNow, release } = deps;
  const views = new Map<string, Incident>();

  const active = (watchlist: string): IncidentRecord[] =>
    [...memory.records.values()].filter((rec) => rec.watchlist === watchlist && rec.state !== 'resolved');

  const view = (rec: IncidentRecord): Incident => {
    if (rec.final) return rec.final;
    const cached = views.get(rec.id);
    if (cached) return cached;
    const built = toIncident(rec, memory.termStore.baseline(rec.watchlist), features, params.scoreThreshold);
    views.set(rec.id, built);
    return built;
  };

  const touch = (rec: IncidentRecord, at: number, changed: Set<string>): void => {
    rec.severity = moreSevere(rec.severity, severityOf(rec, params));
    rec.updatedAt = Math.max(rec.updatedAt, at);
    views.delete(rec.id);
    changed.add(rec.id);
  };

  const finalize = (rec: IncidentRecord): void => {
    rec.final = view(rec);
    rec.posts = [];
    views.delete(rec.id);
  };

  const resolveQuiet = (watchlist: string, minute: number, changed: Set<string>): void => {
    for (const rec of active(watchlist)) {
      if (minute - rec.lastHotMinute < params.resolveQuietMinutes * MINUTE_MS) continue;
      const at = hubNow(minute);
      rec.state = 'resolved';
      rec.resolvedAt = at;
      rec.updatedAt = at;
      // Its own story cools down (lead topic, volume, negative); a topic that only joined it may open its own at once.
      for (const family of rec.families.filter((f) => isGeneric(f) || f === leadOf(rec)))
        memory.cooldowns.set(watchlistFamilyKey(watchlist, family), minute + params.cooldownMinutes * MINUTE_MS);
      // The alarms of its time are dealt with (it took them, or they were its knock-ons): a fire then no longer damps
      // the next breakdown on the same series. Series of an incident still open keep theirs.
      const keep = new Set(active(watchlist).flatMap((other) => other.families));
      release(watchlist, rec.startedAt - params.openWindowMinutes * MINUTE_MS, keep);
      touch(rec, at, changed);
      finalize(rec);
    }
  };

  const mergeStories = (watchlist: string, minute: number, changed: Set<string>): void => {
    const open = active(watchlist).sort((a, b) => a.openedAt - b.openedAt);
    if (open.length < 2 || !open.some((rec) => changed.has(rec.id))) return;
    const termsOf = (rec: IncidentRecord): ReadonlySet<string> =>
      new Set(incidentTerms(rec, memory.termStore.baseline(watchlist), features).map((t) => t.term));
    open.forEach((earlier, index) => {
      for (const later of open.slice(index + 1)) {
        if (earlier.mergedInto !== null || later.mergedInto !== null) continue;
        const story = mergedLead(earlier, later, termsOf, minute, params);
        if (story === null) continue;
        mergeInto(earlier, later, hubNow(minute), params);
        if (story.lead !== null) earlier.lead = story.lead;
        touch(earlier, hubNow(minute), changed);
        touch(later, hubNow(minute), changed);
        finalize(later);
      }
    });
  };

  const forgetOld = (): void => {
    const done = [...memory.records.values()]
      .filter((rec) => rec.state === 'resolved')
      .sort((a, b) => a.updatedAt - b.updatedAt);
    for (const rec of done.slice(0, Math.max(0, done.length - MAX_RESOLVED))) {
      memory.records.delete(rec.id);
      views.delete(rec.id);
    }
  };

  return {
    active,
    view,
    touch,
    forget: (id) => void views.delete(id),
    finalize,
    resolveQuiet,
    mergeStories,
    forgetOld,
    viewsOf: (changed) =>
      [...changed].flatMap((id) => {
        const rec = memory.records.get(id);
        return rec ? [view(rec)] : [];
      }),
    clearViews: () => views.clear(),
  };
}
