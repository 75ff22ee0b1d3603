import { z } from 'zod';
import { assertNever } from '../../../shared/assert-never';
import type { MinuteCounts } from './series';

/**
 * What a series measures, independent of channel: every post (volume), the negative ones, or the non-positive
 * posts tagged with one failure topic. Decisions switch over this union; strings (`FamilyKey`) appear only where
 * one is needed: map keys, persisted state and the evidence card's `series` field.
 */
export type SeriesFamily = { readonly kind: 'volume' } | { readonly kind: 'negative' } | TopicFamily;
/** A failure topic's family. */
export interface TopicFamily {
  readonly kind: 'topic';
  readonly topic: string;
}

/** A family as a string: "volume", "negative" or "topic:<id>" (the persisted format, unchanged). */
export type FamilyKey = string;

const TOPIC_PREFIX = 'topic:';
/** The volume family's key. */
export const VOLUME: FamilyKey = 'volume';
/** The negative family's key. */
export const NEGATIVE: FamilyKey = 'negative';

/** The string form of a family. */
export function familyKey(family: SeriesFamily): FamilyKey {
  switch (family.kind) {
    case 'volume':
      return VOLUME;
    case 'negative':
      return NEGATIVE;
    case 'topic':
      return `${TOPIC_PREFIX}${family.topic}`;
    default:
      return assertNever(family, 'series family');
  }
}

/** The key of a failure topic's family. */
export const topicKey = (topic: string): FamilyKey => familyKey({ kind: 'topic', topic });

const VOLUME_FAMILY: SeriesFamily = { kind: 'volume' };
const NEGATIVE_FAMILY: SeriesFamily = { kind: 'negative' };

/** Parses a family key; null when it is not one. */
export function parseFamilyKey(key: string): SeriesFamily | null {
  if (key === VOLUME) return VOLUME_FAMILY;
  if (key === NEGATIVE) return NEGATIVE_FAMILY;
  if (key.startsWith(TOPIC_PREFIX)) return { kind: 'topic', topic: key.slice(TOPIC_PREFIX.length) };
  return null;
}

/** A family key validated in persisted state. */
export const FamilyKeySchema = z.string().refine((key) => parseFamilyKey(key) !== null, 'not a series family');

/** The family of a key the engine made (or validated): a malformed one is a bug. */
export function familyOf(key: FamilyKey): SeriesFamily {
  const family = parseFamilyKey(key);
  if (family === null) throw new Error(`Not a series family: ${JSON.stringify(key)}`);
  return family;
}

/** The failure topic of a family key, or null for volume and negative. */
export function topicOf(key: FamilyKey): string | null {
  const family = familyOf(key);
  return family.kind === 'topic' ? family.topic : null;
}

/** Whether a family key is a failure topic's. */
export const isTopic = (key: FamilyKey): boolean => familyOf(key).kind === 'topic';

/** The value of a family in a minute's counts. */
export function valueOf(counts: MinuteCounts, key: FamilyKey): number {
  const family = familyOf(key);
  switch (family.kind) {
    case 'volume':
      return counts.total;
    case 'negative':
      return counts.negative;
    case 'topic':
      return counts.topics[family.topic] ?? 0;
    default:
      return assertNever(family, 'series family');
  }
}

/** The families a post counts in, as the series count them: volume, negative, its topics unless it is positive. */
export function familiesOfPost(sentiment: string, topics: Iterable<string>): FamilyKey[] {
  const out = [VOLUME];
  if (sentiment === 'negative') out.push(NEGATIVE);
  if (sentiment !== 'positive') for (const topic of topics) out.push(topicKey(topic));
  return out;
}

/** The families of a minute's counts: volume, negative and every topic counted in it. */
export const familiesOfCounts = (counts: MinuteCounts): FamilyKey[] => [
  VOLUME,
  NEGATIVE,
  ...Object.keys(counts.topics).map(topicKey),
];

/** Topic signals first, then negative, then volume: the most specific story claims an incident first. */
export function familyOrder(key: FamilyKey): number {
  const family = familyOf(key);
  switch (family.kind) {
    case 'topic':
      return 0;
    case 'negative':
      return 1;
    case 'volume':
      return 2;
    default:
      return assertNever(family, 'series family');
  }
}

/** The card's `series` field: "total" for volume, else the family key ("negative", "topic:<id>"). */
export const seriesLabel = (key: FamilyKey): string => (familyOf(key).kind === 'volume' ? 'total' : key);
