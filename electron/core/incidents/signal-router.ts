import type { EngineMemory } from './engine-memory';
import type { EvidenceSampler } from './evidence-sampler';
import { isTopic, valueOf, type FamilyKey } from './family';
import type { IncidentBook } from './incident-book';
import type { CompactPost, IncidentRecord, Signal } from './model';
import type { IncidentParams } from './params';
import {
  applySignal,
  canJoin,
  sameStory,
  isGeneric,
  leadOf,
  moreSevere,
  newRecord,
  severityOf,
  shouldOpen,
} from './rules';
import { watchlistFamilyKey } from './samples';
import type { SeriesScorer } from './scorer';
import { MINUTE_MS } from '../../../shared/series';

/** An open incident's card is re-sent at most this often while it only accumulates evidence. */
const REFRESH_MINUTES = 5;
/** Share of a volume or negative surge a failure incident's topics must account for to take it. */
const EXPLAINED_SHARE = 0.5;

/** What routing needs: the book it opens into, the sampler its posts come from, the scorer's series. */
export interface SignalRouterDeps {
  readonly params: IncidentParams;
  readonly memory: EngineMemory;
  readonly book: IncidentBook;
  readonly sampler: EvidenceSampler;
  readonly scorer: SeriesScorer;
  readonly hubNow: (minute: number) => number;
  /** Incidents the closed minute being processed opened: provisional ones are settled against them. */
  readonly openedNow: Set<string>;
}

/** Routes a closed minute's signals: into the open incident that takes them, else towards opening a new one. */
export interface SignalRouter {
  /**
   * Whether an open incident takes a signal of `family` at `minute`: its own story, a knock-on of it (a topic whose
   * posts name its lead), or a volume or negative surge its topics explain.
   */
  takes(rec: IncidentRecord, family: FamilyKey, minute: number): boolean;
  /** A new record for signals that qualified at `minute`, with its posts and the closed minutes' counts. */
  build(watchlist: string, signals: ReadonlyArray<Signal>, minute: number, at: number): IncidentRecord;
  /** Routes one watchlist's signals of one closed minute, openers first. */
  route(watchlist: string, signals: ReadonlyArray<Signal>, minute: number, changed: Set<string>): void;
}

/** Creates the router. */
export function createSignalRouter(deps: SignalRouterDeps): SignalRouter {
  const { params, memory, book, sampler, scorer, hubNow } = deps;

  const baselineShare = (watchlist: string): number => {
    const share = memory.shares.get(watchlist);
    return share === undefined || share.total <= 0 ? 0 : share.negative / share.total;
  };

  /** Counts the minutes from the incident's start up to its opening, which tracking has not seen. */
  const seedCounts = (rec: IncidentRecord): void => {
    for (const [watchlist, channel] of scorer.pairs()) {
      if (watchlist !== rec.watchlist) continue;
      for (const point of memory.builder.history(watchlist, channel, rec.startedAt)) {
        if (channel === '*') {
          rec.negativeObserved += point.counts.negative;
          rec.totalObserved += point.counts.total;
          continue;
        }
        const count = valueOf(point.counts, rec.peak.family);
        if (count > 0) rec.sourceCounts[channel] = (rec.sourceCounts[channel] ?? 0) + count;
      }
    }
  };

  const build = (watchlist: string, signals: ReadonlyArray<Signal>, minute: number, at: number): IncidentRecord => {
    const id = `inc_${minute.toString(36)}_${(memory.seq++).toString(36)}`;
    const rec = newRecord(id, watchlist, signals, at, baselineShare(watchlist), params);
    for (const family of rec.families) sampler.addTo(rec, family, rec.startedAt, minute);
    seedCounts(rec);
    return rec;
  };

  const recentOf = (rec: IncidentRecord, family: FamilyKey, minute: number): CompactPost[] =>
    sampler.recent(rec.watchlist, family, minute - params.windowMinutes * MINUTE_MS, minute);

  /** Whether a topic is the same story as the incident: its posts name the lead, or the lead's posts name it. */
  const knockOn = (rec: IncidentRecord, family: FamilyKey, minute: number): boolean => {
    const lead = leadOf(rec);
    const leadPosts = lead === null ? [] : recentOf(rec, lead, minute);
    return sameStory(rec, family, recentOf(rec, family, minute), leadPosts, params);
  };

  /**
   * Whether the incident's failure topics account for at least half of a volume or negative surge (posts over the
   * usual in the rolling window): an outage's complaints are its volume surge; a campaign's praise is not.
   */
  const explains = (rec: IncidentRecord, family: FamilyKey): boolean => {
    const excess = (f: FamilyKey): number =>
      Math.max(0, scorer.windowOf(rec.watchlist, f) - scorer.baselineOf(rec.watchlist, f) * params.windowMinutes);
    const topics = rec.families.filter(isTopic).reduce((sum, f) => sum + excess(f), 0);
    return topics >= EXPLAINED_SHARE * excess(family);
  };

  const takes = (rec: IncidentRecord, family: FamilyKey, minute: number): boolean => {
    if (canJoin(rec, family, minute, params)) return true;
    if (leadOf(rec) === null) return false;
    if (isGeneric(family))
      return minute - rec.lastHotMinute <= params.windowMinutes * MINUTE_MS && explains(rec, family);
    return knockOn(rec, family, minute);
  };

  const open = (watchlist: string, signals: Signal[], minute: number, changed: Set<string>): void => {
    const rec = build(watchlist, signals, minute, hubNow(minute));
    memory.records.set(rec.id, rec);
    deps.openedNow.add(rec.id);
    book.touch(rec, hubNow(minute), changed);
  };

  /** A channel's series agreeing with an incident that already carries its family: a second source. */
  const corroborate = (target: IncidentRecord, signal: Signal, minute: number, changed: Set<string>): void => {
    const channels = target.topicChannels.length;
    applySignal(target, signal, params);
    book.forget(target.id);
    if (target.topicChannels.length !== channels) book.touch(target, hubNow(minute), changed);
  };

  /** Folds a signal into the incident that takes it; re-sends the card when it says something new. */
  const join = (target: IncidentRecord, signal: Signal, minute: number, changed: Set<string>): void => {
    const isNew = !target.families.includes(signal.family);
    const channels = target.topicChannels.length;
    applySignal(target, signal, params);
    book.forget(target.id);
    if (isNew) sampler.addTo(target, signal.family, target.startedAt, minute);
    const escalates = moreSevere(target.severity, severityOf(target, params)) !== target.severity;
    const due = signal.channel === '*' && hubNow(minute) - target.updatedAt >= REFRESH_MINUTES * MINUTE_MS;
    if (isNew || escalates || due || target.topicChannels.length !== channels)
      book.touch(target, hubNow(minute), changed);
  };

  /** A signal no incident takes waits with its family's pending ones; together they may open an incident. */
  const hold = (watchlist: string, signal: Signal, minute: number, changed: Set<string>): void => {
    const key = watchlistFamilyKey(watchlist, signal.family);
    if (signal.windowCount < params.minCountToOpen || (memory.cooldowns.get(key) ?? -Infinity) > minute) return;
    const pending = (memory.pending.get(key) ?? []).filter(
      (held) => held.minute > minute - params.openWindowMinutes * MINUTE_MS,
    );
    pending.push(signal);
    memory.pending.set(key, pending);
    if (!shouldOpen(pending, params)) return;
    memory.pending.delete(key);
    open(watchlist, pending, minute, changed);
  };

  const route = (watchlist: string, signals: ReadonlyArray<Signal>, minute: number, changed: Set<string>): void => {
    // Signals that may open incidents go first, so a second source agreeing in the same minute corroborates at once.
    const openers = signals.filter((signal) => !signal.corroborationOnly);
    const corroborating = signals.filter((signal) => signal.corroborationOnly);
    for (const signal of [...openers, ...corroborating]) {
      if (signal.corroborationOnly) {
        const target = book.active(watchlist).find((rec) => rec.families.includes(signal.family));
        if (target) corroborate(target, signal, minute, changed);
        continue;
      }
      const candidates = book.active(watchlist).filter((rec) => takes(rec, signal.family, minute));
      const target = candidates.find((rec) => rec.families.includes(signal.family)) ?? candidates[0];
      if (target) join(target, signal, minute, changed);
      else if (!signal.joinOnly) hold(watchlist, signal, minute, changed);
    }
  };

  return { takes, build, route };
}
