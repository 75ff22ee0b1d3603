import type { OutboxEntry } from './outbox';

/** An `escalation_outbox` row as both dialects return it. */
export interface OutboxRow {
  id: string;
  incident_id: string;
  target_id: string;
  target_kind: OutboxEntry['targetKind'];
  transition: OutboxEntry['transition'];
  seq: number;
  status: OutboxEntry['status'];
  attempts: number;
  created_at: number;
  next_attempt_at: number;
  last_attempt_at: number | null;
  last_error: string | null;
  card: string;
}

/** An outbox entry from its row. */
export const toOutboxEntry = (r: OutboxRow): OutboxEntry => ({
  id: r.id,
  incidentId: r.incident_id,
  targetId: r.target_id,
  targetKind: r.target_kind,
  transition: r.transition,
  seq: r.seq,
  status: r.status,
  attempts: r.attempts,
  createdAt: r.created_at,
  nextAttemptAt: r.next_attempt_at,
  lastAttemptAt: r.last_attempt_at,
  lastError: r.last_error,
  card: r.card,
});
