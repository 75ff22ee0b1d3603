import type { EvidenceCard, Incident, MentionRef } from '../../../shared/incident';
import { IncidentSchema } from '../../../shared/incident';
import type { Channel } from '../../../shared/mention';
import { ChannelSchema } from '../../../shared/mention';
import type { CompactPost, IncidentRecord } from './model';
import { assertNever } from '../../../shared/assert-never';
import { familyOf, seriesLabel, topicOf, type FamilyKey, type SeriesFamily } from './family';
import type { TermBaseline, TermLift } from './text';
import { clusterNearDuplicates, minHash, risingTerms, terms } from './text';
import { DEFAULT_INCIDENT_PARAMS } from './params';
import { observedRate, surgeStatistic, usualRate } from './evidence-statistic';

/** How many representative posts a card shows, and how many rising terms. */
export const REPRESENTATIVE_POSTS = 5;
export const RISING_TERMS = 10;

const round = (x: number, digits = 2): number => Math.round(x * 10 ** digits) / 10 ** digits;

const toRef = (post: CompactPost, duplicates: number): MentionRef => ({
  id: post.id,
  channel: post.channel,
  ...(post.url === undefined ? {} : { url: post.url }),
  author: post.author,
  text: post.text,
  createdAt: post.createdAt,
  duplicates,
});

/** A readable name for a signal family. */
export function familyLabel(key: FamilyKey): string {
  const family = familyOf(key);
  switch (family.kind) {
    case 'topic':
      return `${family.topic} complaints`;
    case 'negative':
      return 'negative posts';
    case 'volume':
      return 'volume';
    default:
      return assertNever(family, 'series family');
  }
}

/** The incident's title: watchlist, what surged, and how it reads. */
export function titleOf(rec: IncidentRecord): string {
  return `${rec.watchlist}: ${surgeOf(rec)}`;
}

/** What surged, for the title: the peak family (and a second topic, if any). */
function surgeOf(rec: IncidentRecord): string {
  const peak = familyOf(rec.peak.family);
  switch (peak.kind) {
    case 'topic': {
      const others = rec.families.filter((f) => f !== rec.peak.family).flatMap((f) => topicOf(f) ?? []);
      return `${[peak.topic, ...others.slice(0, 1)].join(' + ')} complaints surging`;
    }
    case 'negative':
      return 'negative posts surging';
    case 'volume':
      return 'volume burst';
    default:
      return assertNever(peak, 'series family');
  }
}

/** Rising terms of the incident's posts against the watchlist's baseline period. */
export function incidentTerms(
  rec: IncidentRecord,
  baseline: TermBaseline,
  features: PostFeatures = DIRECT_FEATURES,
): ReadonlyArray<TermLift> {
  return risingTerms(rec.posts.map(features.termsOf), baseline, { limit: RISING_TERMS });
}

/** Per-post text features, so a caller can cache them between card builds. */
export interface PostFeatures {
  termsOf(post: CompactPost): ReadonlySet<string>;
  signatureOf(post: CompactPost): Uint32Array;
}

/** Features remembered per post id (up to `size` posts, then forgotten wholesale). */
export function createFeatureCache(size: number): PostFeatures {
  const cache = new Map<string, { terms: ReadonlySet<string>; sig: Uint32Array }>();
  const of = (post: CompactPost): { terms: ReadonlySet<string>; sig: Uint32Array } => {
    const cached = cache.get(post.id);
    if (cached) return cached;
    if (cache.size >= size) cache.clear();
    const made = { terms: terms(post.text), sig: minHash(post.text) };
    cache.set(post.id, made);
    return made;
  };
  return { termsOf: (p) => of(p).terms, signatureOf: (p) => of(p).sig };
}

/** Features computed afresh each time. */
export const DIRECT_FEATURES: PostFeatures = { termsOf: (p) => terms(p.text), signatureOf: (p) => minHash(p.text) };

/** Near-duplicates collapsed; the biggest clusters first, heavier authors breaking ties. */
function representatives(posts: ReadonlyArray<CompactPost>, features: PostFeatures): MentionRef[] {
  const sorted = [...posts].sort((a, b) => a.createdAt - b.createdAt);
  const clusters = clusterNearDuplicates(sorted, (p) => p.text, 0.5, features.signatureOf);
  return clusters
    .map((members) => ({ lead: members[0], size: members.length }))
    .filter((c): c is { lead: CompactPost; size: number } => c.lead !== undefined)
    .sort((a, b) => b.size - a.size || b.lead.weight - a.lead.weight || a.lead.createdAt - b.lead.createdAt)
    .slice(0, REPRESENTATIVE_POSTS)
    .map((c) => toRef(c.lead, c.size - 1));
}

/** Observed vs usual at the peak (the rolling-window rate against the expected rate, floored), and the timeline. */
function surgeWindow(rec: IncidentRecord): { observed: number; baseline: number; timeline: EvidenceCard['timeline'] } {
  const timeline = rec.timeline.map(([minute, o, b]) => ({ minute, observed: o, baseline: round(b, 3) }));
  return { observed: observedRate(rec.peak.rate), baseline: usualRate(rec.peak.baseline), timeline };
}

function countBy<T extends string>(values: Iterable<T>): Array<{ key: T; count: number }> {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

function sourceMix(rec: IncidentRecord): Array<{ channel: Channel; count: number }> {
  return Object.entries(rec.sourceCounts)
    .flatMap(([key, count]) => {
      const channel = ChannelSchema.safeParse(key);
      return channel.success && count > 0 ? [{ channel: channel.data, count }] : [];
    })
    .sort((a, b) => b.count - a.count);
}

/** The posts that show the peak family (a topic's complaints, the negative posts), when there are enough. */
function focusPosts(rec: IncidentRecord): ReadonlyArray<CompactPost> {
  const family = familyOf(rec.peak.family);
  const focused = rec.posts.filter((post) => showsFamily(post, family));
  return focused.length >= 3 ? focused : rec.posts;
}

/** Whether a post shows a family: carries its topic (and is not positive), is negative, or any post for volume. */
function showsFamily(post: CompactPost, family: SeriesFamily): boolean {
  switch (family.kind) {
    case 'topic':
      return post.topics.includes(family.topic) && post.sentiment !== 'positive';
    case 'negative':
      return post.sentiment === 'negative';
    case 'volume':
      return true;
    default:
      return assertNever(family, 'series family');
  }
}

/** How a card says it was opened before its minute closed, or withdrawn once it closed. */
function provisionalNote(rec: IncidentRecord): string {
  if (rec.withdrawn) return '; withdrawn: the closed minute did not confirm it';
  return rec.provisional ? '; provisional: scored on the open minute so far' : '';
}

/** Builds the evidence card of an incident record. */
export function buildEvidence(
  rec: IncidentRecord,
  baseline: TermBaseline,
  features: PostFeatures = DIRECT_FEATURES,
  alarmAt: number = DEFAULT_INCIDENT_PARAMS.scoreThreshold,
): EvidenceCard {
  const window = surgeWindow(rec);
  const posts = focusPosts(rec);
  const first = posts.reduce<CompactPost | null>((a, p) => (a === null || p.createdAt < a.createdAt ? p : a), null);
  const facts = {
    observedPerMinute: rec.peak.rate,
    usualPerMinute: rec.peak.baseline,
    score: Math.max(rec.maxScore ?? 0, rec.peak.score),
    alarmAt,
    peakMinute: rec.peak.minute,
  };
  return {
    series: seriesLabel(rec.peak.family),
    baselinePerMinute: window.baseline,
    observedPerMinute: window.observed,
    statistic: `${surgeStatistic(facts)}${provisionalNote(rec)}`,
    startedAt: rec.startedAt,
    risingTerms: risingTerms(posts.map(features.termsOf), baseline, { limit: RISING_TERMS }).map((t) => ({
      term: t.term,
      lift: round(t.lift),
      count: t.count,
    })),
    firstPost: first === null ? null : toRef(first, 0),
    representativePosts: representatives(posts, features),
    sourceMix: sourceMix(rec),
    sentimentShift: {
      baselineNegativeShare: round(rec.baselineNegativeShare, 3),
      observedNegativeShare: round(rec.totalObserved === 0 ? 0 : rec.negativeObserved / rec.totalObserved, 3),
    },
    topics: countBy(rec.posts.flatMap((p) => p.topics)).map(({ key, count }) => ({ topic: key, count })),
    timeline: window.timeline,
  };
}

/** The incident as the contract carries it. */
export function toIncident(
  rec: IncidentRecord,
  baseline: TermBaseline,
  features: PostFeatures = DIRECT_FEATURES,
  alarmAt?: number,
): Incident {
  const evidence = buildEvidence(rec, baseline, features, alarmAt);
  return {
    id: rec.id,
    title: rec.withdrawn ? `Withdrawn: ${titleOf(rec)}` : titleOf(rec),
    severity: rec.severity,
    state: rec.state,
    watchlist: rec.watchlist,
    topics: rec.families.flatMap((f) => topicOf(f) ?? []).sort(),
    channels: evidence.sourceMix.map((s) => s.channel),
    openedAt: rec.openedAt,
    updatedAt: rec.updatedAt,
    resolvedAt: rec.resolvedAt,
    evidence,
    mergedInto: rec.mergedInto,
    ...(rec.withdrawn === true ? { withdrawn: true } : {}),
  };
}

/** An incident as schema-valid, pretty JSON: the post-mortem export. */
export function exportIncident(incident: Incident): string {
  return JSON.stringify(IncidentSchema.parse(incident), null, 2);
}
