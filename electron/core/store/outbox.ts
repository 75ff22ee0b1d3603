/**
 * The escalation outbox as the store keeps it: one row per notification of one transition of one incident to
 * one target (plus a reminder number), inserted before anything is sent and marked sent only after the target
 * accepted it. The UNIQUE (incident, target, transition, seq) key makes queuing idempotent.
 */
export interface OutboxEntry {
  /** Stable across retries and restarts: the webhook's X-Earshot-Delivery. */
  readonly id: string;
  readonly incidentId: string;
  readonly targetId: string;
  readonly targetKind: 'slack' | 'teams' | 'pagerduty' | 'webhook' | 'email';
  readonly transition: 'opened' | 'escalated' | 'acknowledged' | 'resolved' | 'repeat';
  /** 0 for a workflow transition; 1, 2, … for reminders. */
  readonly seq: number;
  readonly status: 'pending' | 'sent' | 'failed';
  readonly attempts: number;
  readonly createdAt: number;
  /** A pending row is not sent before this (group wait, quiet hours, backoff). */
  readonly nextAttemptAt: number;
  readonly lastAttemptAt: number | null;
  readonly lastError: string | null;
  /** The notification card as JSON (no secrets). */
  readonly card: string;
}

/** The fields a delivery attempt changes. */
export type OutboxUpdate = Pick<OutboxEntry, 'status' | 'attempts' | 'nextAttemptAt' | 'lastAttemptAt' | 'lastError'>;

/** The outbox methods of the store. */
export interface OutboxStore {
  /** Inserts rows, ignoring any whose (incident, target, transition, seq) is already queued; returns how many were new. */
  enqueueOutbox(entries: ReadonlyArray<OutboxEntry>): Promise<number>;
  /** Pending rows due at `now`, soonest first. */
  dueOutbox(now: number, limit: number): Promise<OutboxEntry[]>;
  /** The earliest `nextAttemptAt` of a pending row, or null when nothing is pending. */
  nextOutboxAt(): Promise<number | null>;
  /** Records an attempt's outcome (before sending: the attempt count; after: sent, failed, or the next try). */
  updateOutbox(id: string, update: OutboxUpdate): Promise<void>;
  /** One incident's rows, oldest first. */
  outboxFor(incidentId: string): Promise<OutboxEntry[]>;
  /** Rows to a target created at or after `since` that were or will be sent (pending or sent). */
  countOutboxSince(targetId: string, since: number): Promise<number>;
  /** Incident ids with a reminder-eligible row (pending or sent opened/escalated/repeat) created at or after `since`. */
  outboxIncidentsSince(since: number): Promise<string[]>;
}
