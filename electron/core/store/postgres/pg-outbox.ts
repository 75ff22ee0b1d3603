import type pg from 'pg';
import type { OutboxEntry, OutboxStore } from '../outbox';
import { inTransaction } from './connection';
import { toOutboxEntry, type OutboxRow } from '../outbox-rows';

const COLUMNS = `id, incident_id, target_id, target_kind, transition, seq, status, attempts, created_at,
  next_attempt_at, last_attempt_at, last_error, card`;

const values = (e: OutboxEntry): unknown[] => [
  e.id,
  e.incidentId,
  e.targetId,
  e.targetKind,
  e.transition,
  e.seq,
  e.status,
  e.attempts,
  e.createdAt,
  e.nextAttemptAt,
  e.lastAttemptAt,
  e.lastError,
  e.card,
];

/**
 * The escalation outbox on PostgreSQL (table `escalation_outbox`, migration 3). Queuing is idempotent under
 * concurrency: a row whose id or (incident, target, transition, seq) is already there is skipped by
 * ON CONFLICT DO NOTHING, so two hubs queuing the same transition page once.
 */
export function postgresOutbox(pool: pg.Pool): OutboxStore {
  const rows = async (sql: string, params: unknown[]): Promise<OutboxEntry[]> =>
    (await pool.query<OutboxRow>(sql, params)).rows.map(toOutboxEntry);
  return {
    enqueueOutbox: (entries) =>
      inTransaction(pool, async (client) => {
        let added = 0;
        for (const e of entries) {
          const result = await client.query(
            `INSERT INTO escalation_outbox (${COLUMNS})
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT DO NOTHING`,
            values(e),
          );
          added += result.rowCount ?? 0;
        }
        return added;
      }),
    dueOutbox: (now, limit) =>
      rows(
        `SELECT ${COLUMNS} FROM escalation_outbox WHERE status = 'pending' AND next_attempt_at <= $1
         ORDER BY next_attempt_at, created_at, position LIMIT $2`,
        [now, limit],
      ),
    async nextOutboxAt() {
      const { rows: found } = await pool.query<{ next: number | null }>(
        "SELECT MIN(next_attempt_at) AS next FROM escalation_outbox WHERE status = 'pending'",
      );
      return found[0]?.next ?? null;
    },
    async updateOutbox(id, u) {
      await pool.query(
        `UPDATE escalation_outbox SET status = $2, attempts = $3, next_attempt_at = $4, last_attempt_at = $5,
           last_error = $6 WHERE id = $1`,
        [id, u.status, u.attempts, u.nextAttemptAt, u.lastAttemptAt, u.lastError],
      );
    },
    outboxFor: (incidentId) =>
      rows(`SELECT ${COLUMNS} FROM escalation_outbox WHERE incident_id = $1 ORDER BY created_at, position`, [
        incidentId,
      ]),
    async countOutboxSince(targetId, since) {
      const { rows: found } = await pool.query<{ n: number }>(
        `SELECT COUNT(*) AS n FROM escalation_outbox WHERE target_id = $1 AND created_at >= $2
         AND status IN ('pending', 'sent')`,
        [targetId, since],
      );
      return found[0]?.n ?? 0;
    },
    async outboxIncidentsSince(since) {
      const { rows: found } = await pool.query<{ incident_id: string }>(
        `SELECT DISTINCT incident_id FROM escalation_outbox WHERE created_at >= $1 AND status IN ('pending', 'sent')
         AND transition IN ('opened', 'escalated', 'repeat') ORDER BY incident_id`,
        [since],
      );
      return found.map((r) => r.incident_id);
    },
  };
}
