import type { Severity } from '../../../shared/incident';
import type { IncidentParams } from './params';
import type { CompactPost, IncidentRecord, Signal } from './model';
import { assertNever } from '../../../shared/assert-never';
import { USUAL_FLOOR_PER_MINUTE } from './evidence-statistic';
import { NEGATIVE, VOLUME, familyOf, isTopic, topicOf, type FamilyKey } from './family';

/**
 * The pure rules of incident detection: when a point is hot, which incident a signal joins, what severity
 * an incident has. The engine applies them minute by minute.
 */

const RANK: Readonly<Record<Severity, number>> = { P1: 1, P2: 2, P3: 3, P4: 4 };

/** The more severe of two severities: incidents only escalate while open. */
export const moreSevere = (a: Severity, b: Severity): Severity => (RANK[a] <= RANK[b] ? a : b);

/** The count a window must reach to be above normal when `expected` posts are usual: a lift and a Poisson margin (~3σ). */
export const hotThreshold = (expected: number, params: IncidentParams): number =>
  Math.max(expected * params.minLift, expected + 3 * Math.sqrt(expected) + 1);

/**
 * Whether a window of `count` posts is above normal for a series whose per-minute level is `level`. A window
 * needs at least `minCountToCorroborate` posts: for a topic that is usually silent, one stray post is not a surge.
 */
export const isHot = (count: number, level: number, params: IncidentParams): boolean =>
  count >= Math.max(1, params.minCountToCorroborate) && count >= hotThreshold(level * params.windowMinutes, params);

/** Observed / baseline with a floor, so a sparse series' lift stays finite. */
export const liftOf = (value: number, baseline: number): number => value / Math.max(baseline, USUAL_FLOOR_PER_MINUTE);

/** Posts an incident must have seen before its negative share counts (a share of 3 posts is noise). */
export const MIN_SHARE_POSTS = 20;

/** Negative share observed during the incident minus the watchlist's usual share (0 until enough posts). */
export const negativeShift = (rec: IncidentRecord): number =>
  rec.totalObserved < MIN_SHARE_POSTS ? 0 : rec.negativeObserved / rec.totalObserved - rec.baselineNegativeShare;

/** True when a failure topic has been above normal for `sustainMinutes` with enough hot minutes in between. */
export function isSustained(rec: IncidentRecord, params: IncidentParams): boolean {
  if (rec.topicFirstHot === null || rec.topicLastHot === null) return false;
  const span = (rec.topicLastHot - rec.topicFirstHot) / 60_000 + 1;
  return span >= params.sustainMinutes && rec.topicHotMinutes >= Math.ceil(params.sustainMinutes / 3);
}

/**
 * Severity from the evidence so far (PRODUCT.md): P1 a failure-topic surge far above baseline corroborated
 * by two channels or sustained; P2 a strong single-source surge or a sharp negative shift; P3 an unusual
 * negative shift; P4 notable but not negative. Only failure-topic surges of non-positive posts reach P1.
 */
export function severityOf(rec: IncidentRecord, params: IncidentParams): Severity {
  const shift = negativeShift(rec);
  const farAbove = rec.maxTopicLift >= params.p1Lift;
  if (farAbove && (rec.topicChannels.length >= 2 || isSustained(rec, params))) return 'P1';
  if (rec.maxTopicLift >= params.p2Lift) return 'P2';
  if (rec.negativeSignal && shift >= params.sharpNegativeShift) return 'P2';
  const hasTopic = rec.families.some(isTopic);
  if (hasTopic || rec.negativeSignal || shift >= params.unusualNegativeShift) return 'P3';
  return 'P4';
}

/** True when the incident is only about volume and, over enough posts, they are not more negative than usual. */
export const isBenignVolume = (rec: IncidentRecord, params: IncidentParams): boolean =>
  rec.families.every((f) => f === VOLUME) &&
  rec.totalObserved >= MIN_SHARE_POSTS &&
  negativeShift(rec) < params.unusualNegativeShift;

/** Volume and negative are generic families: every breakdown shows in them. */
export const isGeneric = (family: FamilyKey): boolean => !isTopic(family);

/**
 * The failure topic an incident is about: the first topic it opened with or gained (older states: the peak's
 * family, else its first topic); null for an incident of volume or negative posts only.
 */
export function leadOf(rec: IncidentRecord): FamilyKey | null {
  if (rec.lead !== undefined) return rec.lead;
  if (isTopic(rec.peak.family)) return rec.peak.family;
  return rec.families.find(isTopic) ?? null;
}

/**
 * Whether a signal of `family` at `minute` plainly belongs to this open incident. A failure incident takes its
 * own lead topic; other topics (knock-ons) and volume or negative surges (only when its topics explain them) are
 * judged by the router, which sees the posts and series. An incident without a topic takes volume, negative
 * (unless it is benign volume) and a first topic. Volume and negative surges join only while the incident is itself
 * hot: a campaign starting as an outage fades out is a new story, and must not keep the outage open.
 */
export function canJoin(rec: IncidentRecord, family: FamilyKey, minute: number, params: IncidentParams): boolean {
  if (isGeneric(family) && minute - rec.lastHotMinute > params.windowMinutes * 60_000) return false;
  const lead = leadOf(rec);
  if (lead !== null) return family === lead;
  if (rec.families.includes(family) || family === VOLUME) return true;
  return !isBenignVolume(rec, params);
}

/**
 * Share of `posts` (another topic's recent posts) that also name the incident's lead topic. A topic whose posts
 * mostly speak of the breakdown ("can't log in, so my transfer is stuck") is a knock-on of it, not a new one;
 * measured against the lead alone, so topics that joined as knock-ons cannot pull in further topics.
 */
export function coTopicShare(rec: IncidentRecord, posts: ReadonlyArray<CompactPost>): number {
  const lead = leadOf(rec);
  const topic = lead === null ? null : topicOf(lead);
  if (topic === null || posts.length === 0) return 0;
  return posts.filter((p) => p.topics.includes(topic)).length / posts.length;
}

/**
 * Whether a failure topic is the same story as an incident: its recent posts mostly name the incident's lead ("can't
 * log in, so my transfer is stuck"), or the lead's recent posts mostly name it (a glitch that crossed first on
 * "refund", a third of its posts, and whose every refund request names the failed payment).
 */
export function sameStory(
  rec: IncidentRecord,
  family: FamilyKey,
  topicPosts: ReadonlyArray<CompactPost>,
  leadPosts: ReadonlyArray<CompactPost>,
  params: IncidentParams,
): boolean {
  const topic = topicOf(family);
  const names =
    topic === null || leadPosts.length === 0
      ? 0
      : leadPosts.filter((p) => p.topics.includes(topic)).length / leadPosts.length;
  return Math.max(coTopicShare(rec, topicPosts), names) >= params.joinCoTopicShare;
}

/**
 * Posts a channel's window needs to corroborate a surge: as many as open an incident, and clear of the channel's
 * usual count by `corroborationSigmas` (5 posts where a Reddit topic usually has 1 is a flicker, not a second source).
 */
export const corroborationCount = (signal: Signal, params: IncidentParams): number => {
  const expected = signal.baseline * params.windowMinutes;
  return Math.max(
    params.minCountToCorroborate,
    params.minCountToOpen,
    expected + params.corroborationSigmas * Math.sqrt(expected) + 1,
  );
};

/** Folds an anomalous point into an incident's evidence. */
export function applySignal(rec: IncidentRecord, signal: Signal, params: IncidentParams): void {
  if (!rec.families.includes(signal.family)) rec.families.push(signal.family);
  // Only the across-sources series of what the incident is about says the breakdown goes on: a channel's signal
  // corroborates, and a knock-on or a surge it explains follows it; neither prolongs it (else each would keep the
  // incident hot for the next to join).
  const lead = leadOf(rec);
  const surging = signal.windowCount >= params.minCountToOpen;
  if (signal.channel === '*' && surging && (lead === null || lead === signal.family))
    rec.lastHotMinute = Math.max(rec.lastHotMinute, signal.minute);
  if (signal.family === NEGATIVE) rec.negativeSignal = true;
  if (signal.channel === '*') rec.maxScore = Math.max(rec.maxScore ?? 0, signal.score);
  if (isTopic(signal.family)) {
    // A topic passed only because the incident listened for it (no detector fire) never becomes what it is about.
    if (leadOf(rec) === null && !signal.joinOnly) rec.lead = signal.family;
    rec.maxTopicLift = Math.max(rec.maxTopicLift, liftOf(signal.rate, signal.baseline));
    const channel = signal.channel;
    // A second source agrees when it shows a surge of its own, as many posts as open an incident: a sparse
    // channel's three stray posts in five minutes would otherwise make any one-channel glitch a P1.
    // It corroborates the story while it goes on (the lead surging this minute or the last): a channel's flicker
    // half an hour, or four minutes, after a one-channel glitch is not a second source of it.
    const current = signal.minute - rec.lastHotMinute <= 60_000;
    const corroborates = channel !== '*' && current && signal.windowCount >= corroborationCount(signal, params);
    if (corroborates && !rec.topicChannels.includes(channel)) rec.topicChannels.push(channel);
  }
  if (signal.channel === '*' && peakRank(signal) > peakRank(rec.peak)) {
    rec.peak = peakOf(signal);
  }
}

/** Topic evidence outranks negative, which outranks volume; within a family the larger lift wins. */
function peakRank(p: { readonly family: FamilyKey; readonly rate: number; readonly baseline: number }): number {
  return peakTier(p.family) * 1e6 + Math.min(liftOf(p.rate, p.baseline), 1e6 - 1);
}

function peakTier(key: FamilyKey): number {
  const family = familyOf(key);
  switch (family.kind) {
    case 'topic':
      return 2;
    case 'negative':
      return 1;
    case 'volume':
      return 0;
    default:
      return assertNever(family, 'series family');
  }
}

const peakOf = (s: Signal): IncidentRecord['peak'] => ({
  family: s.family,
  value: s.value,
  rate: s.rate,
  baseline: s.baseline,
  score: s.score,
  minute: s.minute,
});

/** Whether pending anomalous minutes of one family justify opening an incident. */
export function shouldOpen(pending: ReadonlyArray<Signal>, params: IncidentParams): boolean {
  const minutes = new Set(pending.map((s) => s.minute));
  if (minutes.size >= params.openAfterMinutes) return true;
  return pending.some((s) => s.windowCount >= params.burstFactor * params.minCountToOpen);
}

/** A fresh record for signals that just qualified. */
export function newRecord(
  id: string,
  watchlist: string,
  signals: ReadonlyArray<Signal>,
  now: number,
  baselineNegativeShare: number,
  params: IncidentParams,
): IncidentRecord {
  const first = signals.reduce((a, b) => (b.minute < a.minute ? b : a));
  const rec: IncidentRecord = {
    id,
    watchlist,
    state: 'open',
    severity: 'P4',
    startedAt: first.minute,
    openedAt: now,
    updatedAt: now,
    resolvedAt: null,
    mergedInto: null,
    families: [],
    lead: null,
    peak: peakOf(first),
    topicChannels: [],
    maxTopicLift: 0,
    negativeSignal: false,
    topicFirstHot: null,
    topicLastHot: null,
    topicHotMinutes: 0,
    lastHotMinute: first.minute,
    timeline: [],
    negativeObserved: 0,
    totalObserved: 0,
    baselineNegativeShare,
    sourceCounts: {},
    posts: [],
    final: null,
  };
  for (const s of signals) applySignal(rec, s, params);
  rec.updatedAt = now;
  return rec;
}
