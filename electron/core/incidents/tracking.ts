import type { IncidentParams } from './params';
import type { CompactPost, IncidentRecord } from './model';
import { NEGATIVE, isTopic, valueOf } from './family';
import type { MinuteCounts, SeriesChannel } from './series';
import { coTopicShare, isBenignVolume, isHot, leadOf, moreSevere } from './rules';
import type { FamilyKey } from './family';
import { MINUTE_MS } from '../../../shared/series';
import { jaccard } from './text';

/** Minutes of timeline an incident keeps for its card. */
const TIMELINE_MINUTES = 240;
/** The earliest posts always stay in an incident (its first post); the rest is a rolling window. */
const KEEP_FIRST_POSTS = 20;

/** Adds posts not yet in the incident, bounded: the first few stay, then the most recent. */
export function addPosts(rec: IncidentRecord, posts: ReadonlyArray<CompactPost>, cap: number): void {
  const have = new Set(rec.posts.map((p) => p.id));
  for (const post of posts) {
    if (have.has(post.id)) continue;
    have.add(post.id);
    rec.posts.push(post);
    if (rec.posts.length > cap) rec.posts.splice(Math.min(KEEP_FIRST_POSTS, cap - 1), 1);
  }
}

/** What an active incident sees of one closed minute of its watchlist. */
export interface MinuteView {
  readonly minute: number;
  readonly star: MinuteCounts;
  readonly channels: ReadonlyArray<readonly [SeriesChannel, MinuteCounts]>;
  /** The baseline (expected per minute) of a family's series across sources at this minute. */
  readonly levelOf: (family: string) => number;
  /** Posts of a family across sources in the rolling window ending at this minute. */
  readonly windowOf: (family: string) => number;
  /** How much busier than usual the rest of the watchlist is, for a topic (1 otherwise): see `exposureScale`. */
  readonly exposureOf: (family: string) => number;
  /** Whether a hot topic of the incident keeps it alive: its lead (knock-ons follow the lead, they do not prolong it). */
  readonly carries: (rec: IncidentRecord, family: string) => boolean;
}

/** Follows an open incident through one closed minute: hot minutes, timeline, source mix, negative share. */
export function trackMinute(rec: IncidentRecord, view: MinuteView, params: IncidentParams): void {
  rec.negativeObserved += view.star.negative;
  rec.totalObserved += view.star.total;
  for (const [channel, counts] of view.channels) {
    if (channel === '*') continue;
    const n = valueOf(counts, rec.peak.family);
    if (n > 0) rec.sourceCounts[channel] = (rec.sourceCounts[channel] ?? 0) + n;
  }
  let topicHot = false;
  // A failure-topic incident lives while its lead topic is hot: overall volume (a campaign starting), a knock-on, or a
  // topic that joined it once and now surges on its own (a later glitch) does not prolong it.
  // It stays open only while it surges as much as it took to open (a hot window of `minCountToOpen` posts): a
  // sparse topic's stray three or four posts in five minutes after the breakdown are its tail, not the breakdown.
  const hasTopic = rec.families.some(isTopic);
  const hot = (family: string): boolean =>
    isHot(view.windowOf(family), view.levelOf(family) * view.exposureOf(family), params);
  const surging = (family: string): boolean => hot(family) && view.windowOf(family) >= params.minCountToOpen;
  for (const family of rec.families) {
    const lead = isTopic(family) && view.carries(rec, family);
    if (hasTopic ? lead && surging(family) : surging(family))
      rec.lastHotMinute = Math.max(rec.lastHotMinute, view.minute);
    if (lead && hot(family)) topicHot = true;
  }
  if (topicHot) {
    rec.topicFirstHot = rec.topicFirstHot ?? view.minute;
    rec.topicLastHot = view.minute;
    rec.topicHotMinutes += 1;
  }
  rec.timeline.push([view.minute, valueOf(view.star, rec.peak.family), view.levelOf(rec.peak.family)]);
  if (rec.timeline.length > TIMELINE_MINUTES) rec.timeline.shift();
}

/**
 * Whether two open incidents tell one story: same watchlist, the later one starting while the earlier was still hot,
 * and the same lead topic, enough shared rising terms, or one's recent posts naming the other's lead (a knock-on that
 * opened on its own: a chance flicker of "payment" just before an outage, then fed by "can't log in to pay" posts);
 * a negative surge joins a failure incident it overlaps. Volume alone never merges into a failure incident (the
 * router gave it its own because the failure did not explain it: a campaign), and benign volume never merges with
 * anything that is not. Returns the lead of the merged story, or null when they stay apart.
 */
export function mergedLead(
  a: IncidentRecord,
  b: IncidentRecord,
  termsOf: (rec: IncidentRecord) => ReadonlySet<string>,
  minute: number,
  params: IncidentParams,
): { readonly lead: FamilyKey | null } | null {
  if (a.watchlist !== b.watchlist || a.id === b.id) return null;
  if (isBenignVolume(a, params) !== isBenignVolume(b, params)) return null;
  const [first, second] = a.startedAt <= b.startedAt ? [a, b] : [b, a];
  if (second.startedAt - first.lastHotMinute > params.windowMinutes * MINUTE_MS) return null;
  const leadA = leadOf(a);
  const leadB = leadOf(b);
  if (leadA === null && leadB === null) return { lead: null };
  if (leadA === null || leadB === null)
    return (leadA === null ? a : b).families.includes(NEGATIVE) ? { lead: leadA ?? leadB } : null;
  if (leadA === leadB || jaccard(termsOf(a), termsOf(b)) >= params.mergeTermJaccard) return { lead: leadA };
  const from = minute - params.windowMinutes * MINUTE_MS;
  const recent = (rec: IncidentRecord): CompactPost[] => rec.posts.filter((p) => p.createdAt >= from);
  const aInB = coTopicShare(a, recent(b));
  const bInA = coTopicShare(b, recent(a));
  if (Math.max(aInB, bInA) < params.joinCoTopicShare) return null;
  return { lead: aInB >= bInA ? leadA : leadB };
}

/** Folds `from` into `into` (the earlier incident keeps its id); `from` ends as resolved, merged. */
export function mergeInto(into: IncidentRecord, from: IncidentRecord, at: number, params: IncidentParams): void {
  const lead = leadOf(into) ?? leadOf(from);
  if (lead !== null) into.lead = lead;
  for (const f of from.families) if (!into.families.includes(f)) into.families.push(f);
  for (const c of from.topicChannels) if (!into.topicChannels.includes(c)) into.topicChannels.push(c);
  into.maxTopicLift = Math.max(into.maxTopicLift, from.maxTopicLift);
  into.negativeSignal ||= from.negativeSignal;
  into.startedAt = Math.min(into.startedAt, from.startedAt);
  into.lastHotMinute = Math.max(into.lastHotMinute, from.lastHotMinute);
  into.topicFirstHot = minOf(into.topicFirstHot, from.topicFirstHot);
  into.topicLastHot =
    from.topicLastHot === null ? into.topicLastHot : Math.max(into.topicLastHot ?? 0, from.topicLastHot);
  into.topicHotMinutes = Math.max(into.topicHotMinutes, from.topicHotMinutes);
  for (const [c, n] of Object.entries(from.sourceCounts)) into.sourceCounts[c] = (into.sourceCounts[c] ?? 0) + n;
  addPosts(
    into,
    [...from.posts].sort((x, y) => x.createdAt - y.createdAt),
    params.postsPerIncident,
  );
  into.posts.sort((x, y) => x.createdAt - y.createdAt);
  into.severity = moreSevere(into.severity, from.severity);
  into.updatedAt = at;
  from.state = 'resolved';
  from.resolvedAt = at;
  from.updatedAt = at;
  from.mergedInto = into.id;
}

const minOf = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : Math.min(a, b));
