import type Database from 'better-sqlite3';
import type { OutboxEntry, OutboxStore } from '../outbox';
import { toOutboxEntry, type OutboxRow } from '../outbox-rows';

/** The escalation outbox on the embedded SQLite database (table `escalation_outbox`, migration 2). */
export function sqliteOutbox(db: Database.Database): OutboxStore {
  const s = {
    insert: db.prepare(
      `INSERT OR IGNORE INTO escalation_outbox (id, incident_id, target_id, target_kind, transition, seq, status,
         attempts, created_at, next_attempt_at, last_attempt_at, last_error, card)
       VALUES (@id, @incidentId, @targetId, @targetKind, @transition, @seq, @status, @attempts, @createdAt,
         @nextAttemptAt, @lastAttemptAt, @lastError, @card)`,
    ),
    due: db.prepare(
      `SELECT * FROM escalation_outbox WHERE status = 'pending' AND next_attempt_at <= ?
       ORDER BY next_attempt_at, created_at, rowid LIMIT ?`,
    ),
    next: db.prepare("SELECT MIN(next_attempt_at) FROM escalation_outbox WHERE status = 'pending'").pluck(),
    update: db.prepare(
      `UPDATE escalation_outbox SET status = @status, attempts = @attempts, next_attempt_at = @nextAttemptAt,
         last_attempt_at = @lastAttemptAt, last_error = @lastError WHERE id = @id`,
    ),
    forIncident: db.prepare('SELECT * FROM escalation_outbox WHERE incident_id = ? ORDER BY created_at, rowid'),
    count: db
      .prepare(
        `SELECT COUNT(*) FROM escalation_outbox WHERE target_id = ? AND created_at >= ?
         AND status IN ('pending', 'sent')`,
      )
      .pluck(),
    incidents: db
      .prepare(
        `SELECT DISTINCT incident_id FROM escalation_outbox WHERE created_at >= ? AND status IN ('pending', 'sent')
         AND transition IN ('opened', 'escalated', 'repeat') ORDER BY incident_id`,
      )
      .pluck(),
  };
  const insertAll = db.transaction((entries: ReadonlyArray<OutboxEntry>) =>
    entries.reduce((n, e) => n + s.insert.run(e).changes, 0),
  );
  return {
    enqueueOutbox: async (entries) => insertAll(entries),
    dueOutbox: async (now, limit) => (s.due.all(now, limit) as OutboxRow[]).map(toOutboxEntry),
    nextOutboxAt: async () => (s.next.get() as number | null | undefined) ?? null,
    async updateOutbox(id, update) {
      s.update.run({ id, ...update });
    },
    outboxFor: async (incidentId) => (s.forIncident.all(incidentId) as OutboxRow[]).map(toOutboxEntry),
    countOutboxSince: async (targetId, since) => s.count.get(targetId, since) as number,
    outboxIncidentsSince: async (since) => s.incidents.all(since) as string[],
  };
}
