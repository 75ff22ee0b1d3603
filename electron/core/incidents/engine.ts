import type { ZodError } from 'zod';
import type { Incident } from '../../../shared/incident';
import { appError, err, ok } from '../../../shared/result';
import { resolveParams } from './params';
import type { CompactPost, IncidentRecord, Signal } from './model';
import { EngineStateSchema, compactPost } from './model';
import { familyOrder, isTopic, valueOf } from './family';
import type { ClosedMinute, MinuteCounts } from './series';
import { groupByMinute } from './series';
import { createSeriesScorer } from './scorer';
import {
  applySignal,
  canJoin,
  coTopicShare,
  isBenignVolume,
  moreSevere,
  newRecord,
  severityOf,
  shouldOpen,
} from './rules';
import { addPosts, mergeInto, shouldMerge, trackMinute } from './tracking';
import { createFeatureCache, incidentTerms, toIncident } from './evidence';
import { famKey, familiesOf, pushRing } from './samples';
import { exportMemory, freshMemory, restoreMemory } from './engine-memory';
import type { IncidentEngine, IncidentEngineDeps } from './engine-types';
import { createEarlyWiring } from './engine-early';
import { createOpenMinutes } from './open-minute';

export type { IncidentEngine, IncidentEngineDeps } from './engine-types';

const MINUTE = 60_000;
/** Schema issues shown when a saved state is rejected: enough to say why, short enough for a health line. */
const MAX_ISSUES = 3;

/** A zod error as one readable line: "version: Invalid literal value…; seq: Required". */
function describeIssues(error: ZodError): string {
  const issues = error.issues.slice(0, MAX_ISSUES).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  const more = error.issues.length > MAX_ISSUES ? ` (+${error.issues.length - MAX_ISSUES} more)` : '';
  return `${issues.join('; ')}${more}`;
}
/** Resolved incidents kept for `list()` before the oldest are forgotten (the store keeps them for good). */
const MAX_RESOLVED = 200;
/** An open incident's card is re-sent at most this often while it only accumulates evidence. */
const REFRESH_MINUTES = 5;
/** Posts whose text features are remembered between card builds. */
const FEATURE_CACHE = 20_000;

/** Creates an incident engine. Throws only on invalid parameters (a configuration bug). */
export function createIncidentEngine<S>(deps: IncidentEngineDeps<S>): IncidentEngine {
  const resolved = resolveParams(deps.params);
  if (!resolved.ok) throw new Error(resolved.error.message);
  const params = resolved.value;
  const scorer = createSeriesScorer(deps.detector, deps.explain, params);
  const mem = freshMemory(params);
  /** Incidents the closed minute being processed opened: provisional ones are settled against them. */
  const openedNow = new Set<string>();
  const tally = createOpenMinutes();
  /** Hub time of the tick in progress: incidents open, update and resolve at the time the hub noticed. */
  let tickNow = 0;
  const hubNow = (minute: number): number => Math.max(minute + MINUTE, tickNow);
  const views = new Map<string, Incident>();
  const alpha = 1 - 2 ** (-1 / params.baselineHalfLifeMinutes);
  const levelOf = (w: string) => (family: string) => scorer.baselineOf(w, family);
  const windowOf = (w: string) => (family: string) => scorer.windowOf(w, family);

  const active = (w: string): IncidentRecord[] =>
    [...mem.records.values()].filter((r) => r.watchlist === w && r.state !== 'resolved');

  const view = (rec: IncidentRecord): Incident => {
    if (rec.final) return rec.final;
    const cached = views.get(rec.id);
    if (cached) return cached;
    const built = toIncident(rec, mem.termStore.baseline(rec.watchlist), features);
    views.set(rec.id, built);
    return built;
  };

  const sampleOf = (w: string, family: string, from: number, to: number): CompactPost[] =>
    (mem.samples.get(famKey(w, family)) ?? []).filter((p) => p.createdAt >= from && p.createdAt < to + MINUTE);

  const baselineShare = (w: string): number => {
    const s = mem.shares.get(w);
    return s === undefined || s.total <= 0 ? 0 : s.negative / s.total;
  };

  const touch = (rec: IncidentRecord, at: number, changed: Set<string>): void => {
    rec.severity = moreSevere(rec.severity, severityOf(rec, params));
    rec.updatedAt = Math.max(rec.updatedAt, at);
    views.delete(rec.id);
    changed.add(rec.id);
  };

  const features = createFeatureCache(FEATURE_CACHE);

  /** Counts the minutes from the incident's start up to its opening, which tracking has not seen. */
  const seedCounts = (rec: IncidentRecord): void => {
    for (const [w, channel] of scorer.pairs()) {
      if (w !== rec.watchlist) continue;
      for (const point of mem.builder.history(w, channel, rec.startedAt)) {
        if (channel === '*') {
          rec.negativeObserved += point.counts.negative;
          rec.totalObserved += point.counts.total;
          continue;
        }
        const n = valueOf(point.counts, rec.peak.family);
        if (n > 0) rec.sourceCounts[channel] = (rec.sourceCounts[channel] ?? 0) + n;
      }
    }
  };

  /** A new record for signals that qualified at `minute`, with its posts and the closed minutes' counts. */
  const build = (w: string, signals: ReadonlyArray<Signal>, minute: number, at: number): IncidentRecord => {
    const id = `inc_${minute.toString(36)}_${(mem.seq++).toString(36)}`;
    const rec = newRecord(id, w, signals, at, baselineShare(w), params);
    for (const f of rec.families) addPosts(rec, sampleOf(w, f, rec.startedAt, minute), params.postsPerIncident);
    seedCounts(rec);
    return rec;
  };

  const open = (w: string, family: string, signals: Signal[], minute: number, changed: Set<string>): void => {
    const rec = build(w, signals, minute, hubNow(minute));
    mem.records.set(rec.id, rec);
    openedNow.add(rec.id);
    mem.pending.delete(famKey(w, family));
    touch(rec, hubNow(minute), changed);
  };

  /** Whether an open incident takes a signal of `family` at `minute`: its own story, or a knock-on of it. */
  const takes = (r: IncidentRecord, family: string, minute: number): boolean => {
    if (canJoin(r, family, minute, params)) return true;
    if (!isTopic(family) || isBenignVolume(r, params)) return false;
    const recent = sampleOf(r.watchlist, family, minute - params.windowMinutes * MINUTE, minute);
    return coTopicShare(r, recent) >= params.joinCoTopicShare;
  };

  const route = (w: string, signals: ReadonlyArray<Signal>, minute: number, changed: Set<string>): void => {
    // Signals that may open incidents go first, so a second source agreeing in the same minute corroborates at once.
    const ordered = [...signals.filter((x) => !x.corroborationOnly), ...signals.filter((x) => x.corroborationOnly)];
    for (const signal of ordered) {
      if (signal.corroborationOnly) {
        const target = active(w).find((r) => r.families.includes(signal.family));
        if (target) corroborate(target, signal, minute, changed);
        continue;
      }
      const candidates = active(w).filter((r) => takes(r, signal.family, minute));
      const target = candidates.find((r) => r.families.includes(signal.family)) ?? candidates[0];
      if (target) {
        const isNew = !target.families.includes(signal.family);
        const channels = target.topicChannels.length;
        applySignal(target, signal, params);
        views.delete(target.id);
        if (isNew) addPosts(target, sampleOf(w, signal.family, target.startedAt, minute), params.postsPerIncident);
        const escalates = moreSevere(target.severity, severityOf(target, params)) !== target.severity;
        const due = signal.channel === '*' && hubNow(minute) - target.updatedAt >= REFRESH_MINUTES * MINUTE;
        if (isNew || escalates || due || target.topicChannels.length !== channels)
          touch(target, hubNow(minute), changed);
        continue;
      }
      if (
        signal.windowCount < params.minCountToOpen ||
        (mem.cooldowns.get(famKey(w, signal.family)) ?? -Infinity) > minute
      )
        continue;
      const key = famKey(w, signal.family);
      const list = (mem.pending.get(key) ?? []).filter((s) => s.minute > minute - params.openWindowMinutes * MINUTE);
      list.push(signal);
      mem.pending.set(key, list);
      if (shouldOpen(list, params)) open(w, signal.family, list, minute, changed);
    }
  };

  const corroborate = (target: IncidentRecord, signal: Signal, minute: number, changed: Set<string>): void => {
    const channels = target.topicChannels.length;
    applySignal(target, signal, params);
    views.delete(target.id);
    if (target.topicChannels.length !== channels) touch(target, hubNow(minute), changed);
  };

  const finalize = (rec: IncidentRecord): void => {
    rec.final = view(rec);
    rec.posts = [];
    views.delete(rec.id);
  };

  const resolveQuiet = (w: string, minute: number, changed: Set<string>): void => {
    for (const rec of active(w)) {
      if (minute - rec.lastHotMinute < params.resolveQuietMinutes * MINUTE) continue;
      rec.state = 'resolved';
      rec.resolvedAt = hubNow(minute);
      rec.updatedAt = hubNow(minute);
      for (const f of rec.families) mem.cooldowns.set(famKey(w, f), minute + params.cooldownMinutes * MINUTE);
      touch(rec, hubNow(minute), changed);
      finalize(rec);
    }
  };

  const merge = (w: string, minute: number, changed: Set<string>): void => {
    const open = active(w).sort((a, b) => a.openedAt - b.openedAt);
    if (open.length < 2 || !open.some((r) => changed.has(r.id))) return;
    const termsOf = (rec: IncidentRecord) =>
      new Set(incidentTerms(rec, mem.termStore.baseline(w), features).map((t) => t.term));
    for (let i = 0; i < open.length; i++) {
      for (let j = i + 1; j < open.length; j++) {
        const a = open[i];
        const b = open[j];
        if (!a || !b || b.mergedInto !== null || a.mergedInto !== null || !shouldMerge(a, b, termsOf, params)) continue;
        mergeInto(a, b, hubNow(minute), params);
        touch(a, hubNow(minute), changed);
        touch(b, hubNow(minute), changed);
        finalize(b);
      }
    }
  };

  const processWatchlist = (
    w: string,
    rows: ReadonlyArray<ClosedMinute>,
    minute: number,
    changed: Set<string>,
  ): void => {
    const current = active(w);
    const young = current.filter((r) => minute - r.startedAt < params.freezeMinutes * MINUTE);
    const frozen = new Set(young.flatMap((r) => r.families));
    const listening = current.some((r) => !isBenignVolume(r, params));
    const signals: Signal[] = [];
    for (const row of rows) {
      for (const family of scorer.familiesFor(row)) {
        const signal = scorer.score(
          row,
          family,
          frozen.has(family),
          mem.minutesProcessed,
          listening && isTopic(family),
        );
        if (signal) signals.push(signal);
      }
    }
    const star = rows.find((r) => r.channel === '*')?.counts ?? { total: 0, negative: 0, positive: 0, topics: {} };
    const channels = rows.map((r) => [r.channel, r.counts] as const);
    const minuteView = { minute, star, channels, levelOf: levelOf(w), windowOf: windowOf(w) };
    for (const rec of current) {
      trackMinute(rec, minuteView, params);
      for (const f of rec.families) addPosts(rec, sampleOf(w, f, minute, minute), params.postsPerIncident);
    }
    signals.sort((a, b) => familyOrder(a.family) - familyOrder(b.family));
    openedNow.clear();
    route(w, signals, minute, changed);
    early.settle(w, minute, hubNow(minute), openedNow, changed);
    if (active(w).length === 0) updateShare(w, star);
    resolveQuiet(w, minute, changed);
    merge(w, minute, changed);
  };

  const early = createEarlyWiring({
    params,
    scorer,
    tally,
    records: () => mem.records,
    pending: () => mem.pending,
    cooldowns: () => mem.cooldowns,
    lastClosed: () => mem.builder.lastClosed(),
    minutesProcessed: () => mem.minutesProcessed,
    active,
    takes,
    build,
    absorb: (rec, signals, minute) => {
      const fresh = signals.filter((x) => !rec.families.includes(x.family)).map((x) => x.family);
      for (const signal of signals) applySignal(rec, signal, params);
      for (const f of new Set(fresh))
        addPosts(rec, sampleOf(rec.watchlist, f, rec.startedAt, minute), params.postsPerIncident);
    },
    touch,
    finalize,
    forget: (id) => views.delete(id),
    view,
  });

  const updateShare = (w: string, star: MinuteCounts): void => {
    const s = mem.shares.get(w) ?? { negative: 0, total: 0 };
    mem.shares.set(w, {
      negative: s.negative + alpha * (star.negative - s.negative),
      total: s.total + alpha * (star.total - s.total),
    });
  };

  const forgetOld = (): void => {
    const done = [...mem.records.values()]
      .filter((r) => r.state === 'resolved')
      .sort((a, b) => a.updatedAt - b.updatedAt);
    for (const rec of done.slice(0, Math.max(0, done.length - MAX_RESOLVED))) {
      mem.records.delete(rec.id);
      views.delete(rec.id);
    }
  };

  const processMinute = (minute: number, rows: ReadonlyArray<ClosedMinute>, changed: Set<string>): void => {
    const byWatchlist = new Map<string, ClosedMinute[]>();
    for (const row of rows) byWatchlist.set(row.watchlist, [...(byWatchlist.get(row.watchlist) ?? []), row]);
    for (const [w, list] of byWatchlist) processWatchlist(w, list, minute, changed);
    if (minute % (60 * MINUTE) === 0) mem.termStore.decayHour();
    mem.lastMinute = minute;
    mem.minutesProcessed += 1;
  };

  return {
    params,
    ingest(mentions) {
      for (const mention of mentions) {
        if (mem.builder.add(mention)) tally.add(mention);
        const post = compactPost(mention);
        for (const family of familiesOf(post))
          pushRing(mem.samples, famKey(mention.watchlist, family), post, params.samplePerSeries);
        if (active(mention.watchlist).length === 0) mem.termStore.add(mention.watchlist, post.text);
      }
    },
    tick(now) {
      tickNow = now;
      const changed = new Set<string>();
      for (const [minute, rows] of groupByMinute(mem.builder.close(now))) processMinute(minute, rows, changed);
      const closedThrough = mem.builder.lastClosed();
      if (closedThrough !== null) {
        tally.closeThrough(closedThrough);
        early.closed(closedThrough);
      }
      scorer.forgetPrimed();
      const out = [...changed].flatMap((id) => {
        const rec = mem.records.get(id);
        return rec ? [view(rec)] : [];
      });
      forgetOld();
      return out;
    },
    evaluateOpen: (now) => early.evaluateOpen(now),
    list() {
      return [...mem.records.values(), ...early.records()]
        .filter((r) => r.mergedInto === null)
        .sort((a, b) => b.openedAt - a.openedAt || b.id.localeCompare(a.id))
        .map(view);
    },
    exportState: () => exportMemory(mem, scorer.exportState(), early.exportState()),
    importState(state) {
      const parsed = EngineStateSchema.safeParse(state);
      if (!parsed.success) return err(appError('incidents.state.invalid', describeIssues(parsed.error)));
      const s = parsed.data;
      const series = scorer.importState(s.series);
      if (!series.ok) return series;
      Object.assign(mem, restoreMemory(s, params));
      early.importState(s.provisional ?? []);
      views.clear();
      return ok(undefined);
    },
  };
}
