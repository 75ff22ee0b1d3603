import { z } from 'zod';
import { ChannelSchema } from './mention';
import { SeveritySchema } from './severity';
import { WorkflowSchema } from './workflow';

export { SEVERITIES, SeveritySchema, type Severity } from './severity';

/** Detection's own view: it opens an incident and resolves it when the series go quiet. People's state is `workflow`. */
export const INCIDENT_STATES = ['open', 'acknowledged', 'resolved'] as const;
export const IncidentStateSchema = z.enum(INCIDENT_STATES);
export type IncidentState = z.infer<typeof IncidentStateSchema>;

/** A post quoted as evidence: enough to read it and open it at its source. */
export const MentionRefSchema = z.object({
  id: z.string(),
  channel: ChannelSchema,
  url: z.string().optional(),
  author: z.string(),
  text: z.string(),
  createdAt: z.number().int(),
  /** How many near-duplicates this post stands for. */
  duplicates: z.number().int().nonnegative(),
});
export type MentionRef = z.infer<typeof MentionRefSchema>;

/** Why Earshot believes this is a breakdown. */
export const EvidenceCardSchema = z.object({
  /** The series that carried the strongest signal, e.g. "topic:login" or "negative". */
  series: z.string(),
  /** Usual per-minute rate for this time of day/week, and what was observed. */
  baselinePerMinute: z.number().nonnegative(),
  observedPerMinute: z.number().nonnegative(),
  /** How the detector judged it, e.g. "score 0.998, 11.7× baseline". */
  statistic: z.string(),
  startedAt: z.number().int(),
  risingTerms: z.array(z.object({ term: z.string(), lift: z.number(), count: z.number().int() })),
  firstPost: MentionRefSchema.nullable(),
  representativePosts: z.array(MentionRefSchema),
  sourceMix: z.array(z.object({ channel: ChannelSchema, count: z.number().int() })),
  sentimentShift: z.object({ baselineNegativeShare: z.number(), observedNegativeShare: z.number() }),
  topics: z.array(z.object({ topic: z.string(), count: z.number().int() })),
  /** Per-minute observed vs baseline of `series` across sources, oldest first (optional: older cards lack it). */
  timeline: z
    .array(
      z.object({ minute: z.number().int(), observed: z.number().nonnegative(), baseline: z.number().nonnegative() }),
    )
    .optional(),
});
export type EvidenceCard = z.infer<typeof EvidenceCardSchema>;

/** One breakdown, however many series it shows up in. */
export const IncidentSchema = z.object({
  id: z.string(),
  title: z.string(),
  severity: SeveritySchema,
  state: IncidentStateSchema,
  watchlist: z.string(),
  topics: z.array(z.string()),
  channels: z.array(ChannelSchema),
  openedAt: z.number().int(),
  updatedAt: z.number().int(),
  resolvedAt: z.number().int().nullable(),
  evidence: EvidenceCardSchema,
  /** Set when detection folded this incident into another one (the same breakdown seen in other series). */
  mergedInto: z.string().nullable().optional(),
  /** Set when an alert raised on an open minute was withdrawn: its closed minute did not confirm it (resolved at once). */
  withdrawn: z.boolean().optional(),
  /** What people did (state, owner, notes, audit, SLA, deliveries): the hub merges it in before sending. */
  workflow: WorkflowSchema.optional(),
});
export type Incident = z.infer<typeof IncidentSchema>;
