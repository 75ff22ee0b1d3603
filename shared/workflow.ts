import { z } from 'zod';
import { SeveritySchema } from './severity';

/**
 * The incident workflow's contract: who may act (roles), what people did to an incident (its workflow record,
 * audit log, notes, SLA timers, deliveries), and the measures of how well the team responds. Detection owns an
 * incident's evidence, severity and channels; people own everything here. The hub keeps the two apart and
 * merges them when it sends an incident, so detection can never overwrite what people did.
 */

/** Roles, least to most: staff triage, supervisors own and escalate, executives read, admins also run the hub. */
export const ROLES = ['executive', 'staff', 'supervisor', 'admin'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

/** Whether `role` may do what `needed` may: each role can do everything the roles before it in ROLES can. */
export const roleAllows = (role: Role, needed: Role): boolean => ROLES.indexOf(role) >= ROLES.indexOf(needed);

/** Who did something, from which desk. */
export const ActorSchema = z.object({
  id: z.string().min(1).max(100),
  name: z.string().min(1).max(200),
  role: RoleSchema,
  /** The desk or display the command came from (a connection's label), for the audit log. */
  desk: z.string().max(200),
});
export type Actor = z.infer<typeof ActorSchema>;

/** new → acknowledged → escalated → resolved; reopen goes back to acknowledged; snooze is a timer on top. */
export const WORKFLOW_STATES = ['new', 'acknowledged', 'escalated', 'resolved'] as const;
export const WorkflowStateSchema = z.enum(WORKFLOW_STATES);
export type WorkflowState = z.infer<typeof WorkflowStateSchema>;

/** How an incident ended: a real breakdown fixed, a false alarm (counted against its detection rule), or detection going quiet on an incident nobody touched. */
export const ResolutionKindSchema = z.enum(['fixed', 'false-alarm', 'auto']);
export type ResolutionKind = z.infer<typeof ResolutionKindSchema>;

export const NoteSchema = z.object({
  id: z.string(),
  at: z.number().int(),
  author: z.string(),
  text: z.string().max(4000),
});
export type Note = z.infer<typeof NoteSchema>;

/** One line of an incident's audit log: who did what, when, from which desk. */
export const AuditEntrySchema = z.object({
  at: z.number().int(),
  actor: ActorSchema,
  /** The command name (`incident:acknowledge`, …) or a hub event (`sla:breach`, `detection:quiet`). */
  action: z.string(),
  detail: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/** A notification of one transition to one target, as the outbox tracks it. */
export const DeliverySchema = z.object({
  targetId: z.string(),
  targetKind: z.enum(['slack', 'teams', 'pagerduty', 'webhook', 'email']),
  transition: z.enum(['opened', 'escalated', 'acknowledged', 'resolved', 'repeat']),
  status: z.enum(['pending', 'sent', 'failed']),
  attempts: z.number().int().nonnegative(),
  createdAt: z.number().int(),
  lastAttemptAt: z.number().int().nullable(),
  /** Readable reason of the last failure (never a secret or a target URL). */
  lastError: z.string().nullable(),
});
export type Delivery = z.infer<typeof DeliverySchema>;

/** What people did to one incident. */
export const WorkflowSchema = z.object({
  state: WorkflowStateSchema,
  owner: z.string().nullable(),
  acknowledgedAt: z.number().int().nullable(),
  escalatedAt: z.number().int().nullable(),
  resolvedAt: z.number().int().nullable(),
  resolution: z.object({ kind: ResolutionKindSchema, by: z.string(), note: z.string().max(4000) }).nullable(),
  snooze: z.object({ until: z.number().int(), reason: z.string().max(500) }).nullable(),
  /** The agreed words staff use while the incident is open, pinned on it. */
  holdingReply: z.string().max(2000).nullable(),
  notes: z.array(NoteSchema),
  /** Mention ids staff flagged to this incident. */
  flaggedPosts: z.array(z.string()),
  /** Set when a supervisor merged this incident into another (the survivor). */
  mergedInto: z.string().nullable(),
  /** SLA deadlines for this severity and when they were breached (null: not breached, or no SLA). */
  sla: z.object({
    acknowledgeBy: z.number().int().nullable(),
    resolveBy: z.number().int().nullable(),
    acknowledgeBreachedAt: z.number().int().nullable(),
    resolveBreachedAt: z.number().int().nullable(),
  }),
  audit: z.array(AuditEntrySchema),
  deliveries: z.array(DeliverySchema),
});
export type Workflow = z.infer<typeof WorkflowSchema>;

const Id = z.string().min(1).max(100);
const Text = (max: number) => z.string().trim().min(1).max(max);

/** Request payloads of the workflow commands (see `commandSchemas` in contract.ts). */
export const WorkflowRequests = {
  acknowledge: z.object({ id: Id }).strict(),
  escalate: z.object({ id: Id, note: z.string().max(2000).optional() }).strict(),
  resolve: z.object({ id: Id, falseAlarm: z.boolean().optional(), note: z.string().max(4000).optional() }).strict(),
  reopen: z.object({ id: Id, reason: Text(500) }).strict(),
  snooze: z.object({ id: Id, until: z.number().int(), reason: Text(500) }).strict(),
  merge: z.object({ id: Id, into: Id }).strict(),
  assign: z.object({ id: Id, owner: Text(200) }).strict(),
  note: z.object({ id: Id, text: Text(4000) }).strict(),
  holdingReply: z.object({ id: Id, text: z.string().max(2000) }).strict(),
  flagPost: z.object({ id: Id, mentionId: z.string().min(1).max(300) }).strict(),
} as const;

/** Response-time measures for a period (hub time). */
export const MeasuresSchema = z.object({
  from: z.number().int(),
  to: z.number().int(),
  bySeverity: z.array(
    z.object({
      severity: SeveritySchema,
      opened: z.number().int().nonnegative(),
      /** Mean time to acknowledge / resolve in ms, null when none in the period. */
      mttaMs: z.number().nonnegative().nullable(),
      mttrMs: z.number().nonnegative().nullable(),
      slaBreaches: z.number().int().nonnegative(),
    }),
  ),
  /** Open incidents, oldest first, with their age in ms at `to`. */
  openByAge: z.array(z.object({ id: z.string(), severity: SeveritySchema, ageMs: z.number().nonnegative() })),
  /** Per detection rule (the evidence card's `series`), how many resolved incidents were false alarms. */
  falseAlarmsByRule: z.array(
    z.object({
      rule: z.string(),
      resolved: z.number().int().nonnegative(),
      falseAlarms: z.number().int().nonnegative(),
    }),
  ),
});
export type Measures = z.infer<typeof MeasuresSchema>;
