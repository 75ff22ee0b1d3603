import { z } from 'zod';
import { ChannelSchema, SentimentLabelSchema } from '../../../shared/mention';
import type { Mention } from '../../../shared/mention';
import { IncidentSchema, IncidentStateSchema, SeveritySchema } from '../../../shared/incident';
import { SeriesBuilderStateSchema, SeriesChannelSchema } from './series';
import { FamilyKeySchema } from './family';

/**
 * The engine's internal, JSON-serialisable records. Everything here is persisted by `exportState` and
 * validated by `importState`, so an incident survives a hub restart with its evidence.
 */

/** A post kept as evidence: what the card needs, nothing more. */
export const CompactPostSchema = z.object({
  id: z.string(),
  channel: ChannelSchema,
  url: z.string().optional(),
  author: z.string(),
  text: z.string(),
  createdAt: z.number().int(),
  sentiment: SentimentLabelSchema,
  topics: z.array(z.string()),
  weight: z.number().nonnegative(),
});
export type CompactPost = z.infer<typeof CompactPostSchema>;

const MAX_TEXT = 1_000;

/** Shrinks a mention to the evidence it can give. */
export const compactPost = (m: Mention): CompactPost => ({
  id: m.id,
  channel: m.channel,
  ...(m.url === undefined ? {} : { url: m.url }),
  author: m.author.handle,
  text: m.text.length > MAX_TEXT ? m.text.slice(0, MAX_TEXT) : m.text,
  createdAt: m.createdAt,
  sentiment: m.enrichment.sentiment.label,
  topics: [...new Set(m.enrichment.topics.map((t) => t.topic))],
  weight: m.enrichment.authorWeight,
});

/** An anomalous point of one series. */
export const SignalSchema = z.object({
  family: FamilyKeySchema,
  channel: SeriesChannelSchema,
  minute: z.number().int(),
  value: z.number().nonnegative(),
  /** Mean per minute over the rolling window ending at this minute. */
  rate: z.number().nonnegative(),
  /** Posts in that window. */
  windowCount: z.number().nonnegative(),
  baseline: z.number().nonnegative(),
  score: z.number(),
  /**
   * A channel's series above normal without a detector fire of its own: it may corroborate an incident
   * that already carries its family (a second source agreeing), never open one.
   */
  corroborationOnly: z.boolean().optional(),
  /**
   * Above normal but passed without a detector fire of its own, only because an open incident holds or listens for
   * its family: it may join an incident that takes it, never wait towards opening one.
   */
  joinOnly: z.boolean().optional(),
});
export type Signal = z.infer<typeof SignalSchema>;

/** Per-series detector state plus the engine's own frozen baseline level. */
export const SeriesStateSchema = z.object({
  det: z.unknown(),
  level: z.number().nonnegative(),
  seen: z.number().int().nonnegative(),
  recent: z.array(z.number().nonnegative()),
  lastTrigger: z.number().int().nullable(),
  baseline: z.number().nonnegative(),
  /** A topic's channel outside the topic, per minute, learned with `level` (absent in older states and for volume). */
  othersLevel: z.number().nonnegative().optional(),
});
/** Per-series state in memory: the detector's own state is opaque to the engine. */
export interface SeriesState<S> {
  det: S;
  level: number;
  seen: number;
  /** The last `windowMinutes` values, oldest first. */
  recent: number[];
  /** Minute the detector last fired on this series (score at or above the threshold), or null. */
  lastTrigger: number | null;
  /** The baseline (expected per-minute value) used for the last point. */
  baseline: number;
  /** A topic's channel outside the topic, per minute, learned (and frozen) with `level`: its exposure's usual. */
  othersLevel?: number;
}

/** The strongest point an incident has seen, and which series carried it. */
export const PeakSchema = z.object({
  family: FamilyKeySchema,
  value: z.number().nonnegative(),
  rate: z.number().nonnegative(),
  baseline: z.number().nonnegative(),
  score: z.number(),
  minute: z.number().int(),
});
export type Peak = z.infer<typeof PeakSchema>;

/** An incident as the engine tracks it. */
export const IncidentRecordSchema = z.object({
  id: z.string(),
  watchlist: z.string(),
  state: IncidentStateSchema,
  severity: SeveritySchema,
  startedAt: z.number().int(),
  openedAt: z.number().int(),
  updatedAt: z.number().int(),
  resolvedAt: z.number().int().nullable(),
  mergedInto: z.string().nullable(),
  families: z.array(FamilyKeySchema),
  /**
   * The failure topic the incident is about (the first topic it opened or gained): it keeps the incident alive, and
   * other topics count only while their posts name it (knock-ons). Absent in older states: the peak's family.
   */
  lead: FamilyKeySchema.nullable().optional(),
  peak: PeakSchema,
  topicChannels: z.array(ChannelSchema),
  maxTopicLift: z.number().nonnegative(),
  /** The detector's strongest score over the incident's signals (absent in older states). */
  maxScore: z.number().optional(),
  negativeSignal: z.boolean(),
  topicFirstHot: z.number().int().nullable(),
  topicLastHot: z.number().int().nullable(),
  topicHotMinutes: z.number().int().nonnegative(),
  lastHotMinute: z.number().int(),
  /** [minute, observed, baseline] of the peak family across sources. */
  timeline: z.array(z.tuple([z.number().int(), z.number(), z.number()])),
  negativeObserved: z.number().nonnegative(),
  totalObserved: z.number().nonnegative(),
  baselineNegativeShare: z.number().min(0).max(1),
  sourceCounts: z.record(z.string(), z.number().int().nonnegative()),
  posts: z.array(CompactPostSchema),
  /** Once resolved, the final card is kept and the posts let go: the evidence no longer changes. */
  final: IncidentSchema.nullable().optional(),
  /** Opened from an open minute's count so far (see provisional.ts); `withdrawn` once its minute did not confirm it. */
  provisional: z.boolean().optional(),
  withdrawn: z.boolean().optional(),
});
export type IncidentRecord = z.infer<typeof IncidentRecordSchema>;

/** Decayed document frequencies of terms in a watchlist's posts outside incidents. */
export const TermTableSchema = z.object({ docs: z.number().nonnegative(), counts: z.record(z.string(), z.number()) });

/** Decayed negative and total volume of a watchlist outside incidents: its usual negative share. */
export const ShareBaselineSchema = z.object({ negative: z.number().nonnegative(), total: z.number().nonnegative() });

/** The whole engine state, as persisted. */
export const EngineStateSchema = z.object({
  version: z.literal(1),
  seq: z.number().int().nonnegative(),
  lastMinute: z.number().int().nullable(),
  minutesProcessed: z.number().int().nonnegative(),
  builder: SeriesBuilderStateSchema,
  series: z.array(z.tuple([z.string(), SeriesStateSchema])),
  incidents: z.array(IncidentRecordSchema),
  pending: z.array(z.tuple([z.string(), z.array(SignalSchema)])),
  cooldowns: z.array(z.tuple([z.string(), z.number().int()])),
  /** Recent posts once each, and per series family the ids of its ring, oldest first. */
  samples: z.object({ posts: z.array(CompactPostSchema), rings: z.array(z.tuple([z.string(), z.array(z.string())])) }),
  terms: z.array(z.tuple([z.string(), TermTableSchema])),
  shares: z.array(z.tuple([z.string(), ShareBaselineSchema])),
  /** Provisional incidents waiting for their open minute to close, with that minute (absent in older states). */
  provisional: z.array(z.tuple([IncidentRecordSchema, z.number().int()])).optional(),
});
export type EngineState = z.infer<typeof EngineStateSchema>;
