import type { ZodError } from 'zod';
import { appError, err, ok } from '../../../shared/result';
import { resolveParams } from './params';
import type { IncidentParams } from './params';
import type { IncidentRecord, Signal } from './model';
import { EngineStateSchema, compactPost } from './model';
import { familyOrder, isTopic } from './family';
import type { ClosedMinute, MinuteCounts } from './series';
import { emptyCounts, groupByMinute } from './series';
import { createSeriesScorer, type SeriesScorer } from './scorer';
import { applySignal, isBenignVolume, leadOf } from './rules';
import { trackMinute } from './tracking';
import { createFeatureCache } from './evidence';
import { exportMemory, freshMemory, restoreMemory, type EngineMemory } from './engine-memory';
import type { IncidentEngine, IncidentEngineDeps } from './engine-types';
import { createEarlyWiring, type EarlyWiring } from './engine-early';
import { createOpenMinutes, type OpenMinutes } from './open-minute';
import { createIncidentBook, type IncidentBook } from './incident-book';
import { createEvidenceSampler, type EvidenceSampler } from './evidence-sampler';
import { createSignalRouter, type SignalRouter } from './signal-router';
import { MINUTE_MS } from '../../../shared/series';

export type { IncidentEngine, IncidentEngineDeps } from './engine-types';

/** Posts whose text features are remembered between card builds. */
const FEATURE_CACHE = 20_000;
/** Schema issues shown when a saved state is rejected: enough to say why, short enough for a health line. */
const MAX_ISSUES = 3;

/** A zod error as one readable line: "version: Invalid literal value…; seq: Required". */
function describeIssues(error: ZodError): string {
  const issues = error.issues.slice(0, MAX_ISSUES).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  const more = error.issues.length > MAX_ISSUES ? ` (+${error.issues.length - MAX_ISSUES} more)` : '';
  return `${issues.join('; ')}${more}`;
}

/** The engine's parts, wired once: the tick and the early path run over them. */
interface EngineParts {
  readonly params: IncidentParams;
  readonly scorer: SeriesScorer;
  readonly memory: EngineMemory;
  readonly tally: OpenMinutes;
  readonly book: IncidentBook;
  readonly sampler: EvidenceSampler;
  readonly router: SignalRouter;
  readonly early: EarlyWiring;
  readonly openedNow: Set<string>;
  readonly hubNow: (minute: number) => number;
}

/** Wires the early path into the book, the sampler and the router: the closed path's own rules. */
function wireEarly(parts: Omit<EngineParts, 'early'>): EarlyWiring {
  const { params, scorer, memory, tally, book, sampler, router } = parts;
  return createEarlyWiring({
    params,
    scorer,
    tally,
    records: () => memory.records,
    pending: () => memory.pending,
    cooldowns: () => memory.cooldowns,
    lastClosed: () => memory.builder.lastClosed(),
    minutesProcessed: () => memory.minutesProcessed,
    active: book.active,
    takes: router.takes,
    build: router.build,
    absorb: (rec, signals, minute) => {
      const fresh = signals.filter((signal) => !rec.families.includes(signal.family)).map((signal) => signal.family);
      for (const signal of signals) applySignal(rec, signal, params);
      for (const family of new Set(fresh)) sampler.addTo(rec, family, rec.startedAt, minute);
    },
    touch: book.touch,
    finalize: book.finalize,
    forget: book.forget,
    view: book.view,
  });
}

/** Builds the parts of an engine over fresh memory. */
function createParts<S>(deps: IncidentEngineDeps<S>, params: IncidentParams, tickTime: { now: number }): EngineParts {
  const scorer = createSeriesScorer(deps.detector, deps.explain, params);
  const memory = freshMemory(params);
  const openedNow = new Set<string>();
  /** Incidents open, update and resolve at the hub time of the tick that noticed, never before their minute ended. */
  const hubNow = (minute: number): number => Math.max(minute + MINUTE_MS, tickTime.now);
  const book = createIncidentBook({
    params,
    memory,
    features: createFeatureCache(FEATURE_CACHE),
    hubNow,
    release: scorer.release,
  });
  const sampler = createEvidenceSampler(memory, params);
  const router = createSignalRouter({ params, memory, book, sampler, scorer, hubNow, openedNow });
  const tally = createOpenMinutes();
  const parts = { params, scorer, memory, tally, book, sampler, router, openedNow, hubNow };
  return { ...parts, early: wireEarly(parts) };
}

/** Scores a watchlist's closed rows into signals, topic signals first. */
function scoreRows(parts: EngineParts, watchlist: string, rows: ReadonlyArray<ClosedMinute>, minute: number): Signal[] {
  const { params, scorer, memory, book } = parts;
  const current = book.active(watchlist);
  const young = current.filter((rec) => minute - rec.startedAt < params.freezeMinutes * MINUTE_MS);
  const frozen = new Set(young.flatMap((rec) => rec.families));
  const listening = current.some((rec) => !isBenignVolume(rec, params));
  const signals: Signal[] = [];
  for (const row of rows) {
    for (const family of scorer.familiesFor(row)) {
      const listens = listening && isTopic(family);
      const signal = scorer.score(row, family, frozen.has(family), memory.minutesProcessed, listens);
      if (signal) signals.push(signal);
    }
  }
  // The most specific story first, and within topics the largest: it becomes the lead of an incident it opens or joins.
  return signals.sort((a, b) => familyOrder(a.family) - familyOrder(b.family) || b.windowCount - a.windowCount);
}

/** Follows the watchlist's open incidents through the closed minute: counts, hot minutes, new posts. */
function trackActive(parts: EngineParts, watchlist: string, rows: ReadonlyArray<ClosedMinute>, minute: number) {
  const { params, scorer, book, sampler } = parts;
  const star = rows.find((row) => row.channel === '*')?.counts ?? emptyCounts();
  const minuteView = {
    minute,
    star,
    channels: rows.map((row) => [row.channel, row.counts] as const),
    levelOf: (family: string) => scorer.baselineOf(watchlist, family),
    windowOf: (family: string) => scorer.windowOf(watchlist, family),
    exposureOf: (family: string) => scorer.exposureOf(watchlist, family),
    carries: (rec: IncidentRecord, family: string) => family === leadOf(rec),
  };
  for (const rec of book.active(watchlist)) {
    trackMinute(rec, minuteView, params);
    for (const family of rec.families) sampler.addTo(rec, family, minute, minute);
  }
  return star;
}

/** Moves a watchlist's usual negative share towards a minute outside incidents. */
function updateShare(parts: EngineParts, watchlist: string, star: MinuteCounts): void {
  const alpha = 1 - 2 ** (-1 / parts.params.baselineHalfLifeMinutes);
  const share = parts.memory.shares.get(watchlist) ?? { negative: 0, total: 0 };
  parts.memory.shares.set(watchlist, {
    negative: share.negative + alpha * (star.negative - share.negative),
    total: share.total + alpha * (star.total - share.total),
  });
}

/** One closed minute of one watchlist: score, track, route, settle early openings, resolve, merge. */
function processWatchlist(
  parts: EngineParts,
  watchlist: string,
  rows: ReadonlyArray<ClosedMinute>,
  minute: number,
  changed: Set<string>,
): void {
  const { book, router, early, openedNow, hubNow } = parts;
  const signals = scoreRows(parts, watchlist, rows, minute);
  const star = trackActive(parts, watchlist, rows, minute);
  openedNow.clear();
  router.route(watchlist, signals, minute, changed);
  early.settle(watchlist, minute, hubNow(minute), openedNow, changed);
  if (book.active(watchlist).length === 0) updateShare(parts, watchlist, star);
  book.resolveQuiet(watchlist, minute, changed);
  book.mergeStories(watchlist, minute, changed);
}

/** One closed minute of every watchlist. */
function processMinute(parts: EngineParts, minute: number, rows: ReadonlyArray<ClosedMinute>, changed: Set<string>) {
  const byWatchlist = new Map<string, ClosedMinute[]>();
  for (const row of rows) byWatchlist.set(row.watchlist, [...(byWatchlist.get(row.watchlist) ?? []), row]);
  for (const [watchlist, list] of byWatchlist) processWatchlist(parts, watchlist, list, minute, changed);
  if (minute % (60 * MINUTE_MS) === 0) parts.memory.termStore.decayHour();
  parts.memory.lastMinute = minute;
  parts.memory.minutesProcessed += 1;
}

/** Creates an incident engine. Throws only on invalid parameters (a configuration bug). */
export function createIncidentEngine<S>(deps: IncidentEngineDeps<S>): IncidentEngine {
  const resolved = resolveParams(deps.params);
  if (!resolved.ok) throw new Error(resolved.error.message);
  const params = resolved.value;
  /** Hub time of the tick in progress. */
  const tickTime = { now: 0 };
  const parts = createParts(deps, params, tickTime);
  const { memory, tally, book, sampler, early, scorer } = parts;

  return {
    params,
    ingest(mentions) {
      for (const mention of mentions) {
        if (memory.builder.add(mention)) tally.add(mention);
        const post = compactPost(mention);
        sampler.record(mention.watchlist, post);
        if (book.active(mention.watchlist).length === 0) memory.termStore.add(mention.watchlist, post.text);
      }
    },
    tick(now) {
      tickTime.now = now;
      const changed = new Set<string>();
      for (const [minute, rows] of groupByMinute(memory.builder.close(now)))
        processMinute(parts, minute, rows, changed);
      const closedThrough = memory.builder.lastClosed();
      if (closedThrough !== null) {
        tally.closeThrough(closedThrough);
        early.closed(closedThrough);
      }
      scorer.forgetPrimed();
      const out = book.viewsOf(changed);
      book.forgetOld();
      return out;
    },
    evaluateOpen: (now) => early.evaluateOpen(now),
    list() {
      return [...memory.records.values(), ...early.records()]
        .filter((rec) => rec.mergedInto === null)
        .sort((a, b) => b.openedAt - a.openedAt || b.id.localeCompare(a.id))
        .map(book.view);
    },
    exportState: () => exportMemory(memory, scorer.exportState(), early.exportState()),
    importState(state) {
      const parsed = EngineStateSchema.safeParse(state);
      if (!parsed.success) return err(appError('incidents.state.invalid', describeIssues(parsed.error)));
      const saved = parsed.data;
      const series = scorer.importState(saved.series);
      if (!series.ok) return series;
      Object.assign(memory, restoreMemory(saved, params));
      early.importState(saved.provisional ?? []);
      book.clearViews();
      return ok(undefined);
    },
  };
}
