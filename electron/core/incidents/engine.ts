import type { Incident } from '../../../shared/incident';
import { appError, err, ok } from '../../../shared/result';
import { resolveParams } from './params';
import type { CompactPost, IncidentRecord, Signal } from './model';
import { EngineStateSchema, compactPost, isTopicFamily } from './model';
import type { ClosedMinute, MinuteCounts } from './series';
import { createSeriesBuilder, groupByMinute } from './series';
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
import { addPosts, mergeInto, shouldMerge, trackMinute, valueOf } from './tracking';
import { createFeatureCache, incidentTerms, toIncident } from './evidence';
import { createTermStore } from './term-store';
import { exportSamples, famKey, familiesOf, importSamples, pushRing } from './samples';
import type { IncidentEngine, IncidentEngineDeps } from './engine-types';

export type { IncidentEngine, IncidentEngineDeps } from './engine-types';

const MINUTE = 60_000;
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
  let builder = createSeriesBuilder(params);
  const scorer = createSeriesScorer(deps.detector, deps.explain, params);
  let records = new Map<string, IncidentRecord>();
  let pending = new Map<string, Signal[]>();
  let cooldowns = new Map<string, number>();
  let samples = new Map<string, CompactPost[]>();
  let termStore = createTermStore();
  let shares = new Map<string, { negative: number; total: number }>();
  let seq = 0;
  let lastMinute: number | null = null;
  let minutesProcessed = 0;
  /** Hub time of the tick in progress: incidents open, update and resolve at the time the hub noticed. */
  let tickNow = 0;
  const hubNow = (minute: number): number => Math.max(minute + MINUTE, tickNow);
  const views = new Map<string, Incident>();
  const alpha = 1 - 2 ** (-1 / params.baselineHalfLifeMinutes);
  const levelOf = (w: string) => (family: string) => scorer.baselineOf(w, family);
  const windowOf = (w: string) => (family: string) => scorer.windowOf(w, family);

  const active = (w: string): IncidentRecord[] =>
    [...records.values()].filter((r) => r.watchlist === w && r.state !== 'resolved');

  const view = (rec: IncidentRecord): Incident => {
    if (rec.final) return rec.final;
    const cached = views.get(rec.id);
    if (cached) return cached;
    const built = toIncident(rec, termStore.baseline(rec.watchlist), features);
    views.set(rec.id, built);
    return built;
  };

  const sampleOf = (w: string, family: string, from: number, to: number): CompactPost[] =>
    (samples.get(famKey(w, family)) ?? []).filter((p) => p.createdAt >= from && p.createdAt < to + MINUTE);

  const baselineShare = (w: string): number => {
    const s = shares.get(w);
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
      for (const point of builder.history(w, channel, rec.startedAt)) {
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

  const open = (w: string, family: string, signals: Signal[], minute: number, changed: Set<string>): void => {
    const rec = newRecord(
      `inc_${minute.toString(36)}_${(seq++).toString(36)}`,
      w,
      signals,
      hubNow(minute),
      baselineShare(w),
      params,
    );
    for (const f of rec.families) addPosts(rec, sampleOf(w, f, rec.startedAt, minute), params.postsPerIncident);
    seedCounts(rec);
    records.set(rec.id, rec);
    pending.delete(famKey(w, family));
    touch(rec, hubNow(minute), changed);
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
      const recent = (): CompactPost[] => sampleOf(w, signal.family, minute - params.windowMinutes * MINUTE, minute);
      const knockOn = (r: IncidentRecord): boolean =>
        isTopicFamily(signal.family) &&
        !isBenignVolume(r, params) &&
        coTopicShare(r, recent()) >= params.joinCoTopicShare;
      const candidates = active(w).filter((r) => canJoin(r, signal.family, minute, params) || knockOn(r));
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
      if (signal.windowCount < params.minCountToOpen || (cooldowns.get(famKey(w, signal.family)) ?? -Infinity) > minute)
        continue;
      const key = famKey(w, signal.family);
      const list = (pending.get(key) ?? []).filter((s) => s.minute > minute - params.openWindowMinutes * MINUTE);
      list.push(signal);
      pending.set(key, list);
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
      for (const f of rec.families) cooldowns.set(famKey(w, f), minute + params.cooldownMinutes * MINUTE);
      touch(rec, hubNow(minute), changed);
      finalize(rec);
    }
  };

  const merge = (w: string, minute: number, changed: Set<string>): void => {
    const open = active(w).sort((a, b) => a.openedAt - b.openedAt);
    if (open.length < 2 || !open.some((r) => changed.has(r.id))) return;
    const termsOf = (rec: IncidentRecord) =>
      new Set(incidentTerms(rec, termStore.baseline(w), features).map((t) => t.term));
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
          minutesProcessed,
          listening && isTopicFamily(family),
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
    route(w, signals, minute, changed);
    if (active(w).length === 0) updateShare(w, star);
    resolveQuiet(w, minute, changed);
    merge(w, minute, changed);
  };

  const updateShare = (w: string, star: MinuteCounts): void => {
    const s = shares.get(w) ?? { negative: 0, total: 0 };
    shares.set(w, {
      negative: s.negative + alpha * (star.negative - s.negative),
      total: s.total + alpha * (star.total - s.total),
    });
  };

  const forgetOld = (): void => {
    const done = [...records.values()].filter((r) => r.state === 'resolved').sort((a, b) => a.updatedAt - b.updatedAt);
    for (const rec of done.slice(0, Math.max(0, done.length - MAX_RESOLVED))) {
      records.delete(rec.id);
      views.delete(rec.id);
    }
  };

  const processMinute = (minute: number, rows: ReadonlyArray<ClosedMinute>, changed: Set<string>): void => {
    const byWatchlist = new Map<string, ClosedMinute[]>();
    for (const row of rows) byWatchlist.set(row.watchlist, [...(byWatchlist.get(row.watchlist) ?? []), row]);
    for (const [w, list] of byWatchlist) processWatchlist(w, list, minute, changed);
    if (minute % (60 * MINUTE) === 0) termStore.decayHour();
    lastMinute = minute;
    minutesProcessed += 1;
  };

  return {
    params,
    ingest(mentions) {
      for (const mention of mentions) {
        builder.add(mention);
        const post = compactPost(mention);
        for (const family of familiesOf(post))
          pushRing(samples, famKey(mention.watchlist, family), post, params.samplePerSeries);
        if (active(mention.watchlist).length === 0) termStore.add(mention.watchlist, post.text);
      }
    },
    tick(now) {
      tickNow = now;
      const changed = new Set<string>();
      for (const [minute, rows] of groupByMinute(builder.close(now))) processMinute(minute, rows, changed);
      const out = [...changed].flatMap((id) => {
        const rec = records.get(id);
        return rec ? [view(rec)] : [];
      });
      forgetOld();
      return out;
    },
    list() {
      return [...records.values()]
        .filter((r) => r.mergedInto === null)
        .sort((a, b) => b.openedAt - a.openedAt || b.id.localeCompare(a.id))
        .map(view);
    },
    exportState() {
      return {
        version: 1,
        seq,
        lastMinute,
        minutesProcessed,
        builder: builder.exportState(),
        series: scorer.exportState(),
        incidents: [...records.values()],
        pending: [...pending],
        cooldowns: [...cooldowns],
        samples: exportSamples(samples),
        terms: termStore.exportState(),
        shares: [...shares],
      };
    },
    importState(state) {
      const parsed = EngineStateSchema.safeParse(state);
      if (!parsed.success) return err(appError('incidents.state.invalid', parsed.error.message));
      const s = parsed.data;
      if (!scorer.importState(s.series)) return err(appError('incidents.state.invalid', 'bad series key'));
      const nextBuilder = createSeriesBuilder(params);
      nextBuilder.importState(s.builder);
      builder = nextBuilder;
      seq = s.seq;
      lastMinute = s.lastMinute;
      minutesProcessed = s.minutesProcessed;
      records = new Map(s.incidents.map((r) => [r.id, r]));
      pending = new Map(s.pending);
      cooldowns = new Map(s.cooldowns);
      samples = importSamples(s.samples);
      termStore = createTermStore();
      termStore.importState(s.terms);
      shares = new Map(s.shares);
      views.clear();
      return ok(undefined);
    },
  };
}

/** Topic signals first, then negative, then volume: the most specific story claims an incident first. */
const familyOrder = (family: string): number => (family.startsWith('topic:') ? 0 : family === 'negative' ? 1 : 2);
