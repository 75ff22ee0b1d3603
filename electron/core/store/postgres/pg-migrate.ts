import type pg from 'pg';
import { MIGRATIONS, type MigrationId } from '../migrations';
import { POSTGRES_MIGRATIONS } from './migrations';

/** Any fixed number: the advisory lock key under which hubs sharing a database migrate one at a time. */
const MIGRATION_LOCK = 0x6561_7273; // "ears"

/**
 * Applies every migration id not yet in `schema_migrations`, each in its own transaction with its record. A
 * transaction-level advisory lock serializes hubs that start together on one database: the second waits, then
 * finds the work done. Returns the ids it applied.
 */
export async function migratePostgres(pool: pg.Pool, now: () => number): Promise<MigrationId[]> {
  const client = await pool.connect();
  const applied: MigrationId[] = [];
  let broken: Error | undefined;
  // A connection that dies mid-migration reports here (pg would otherwise throw it from an event).
  const onError = (error: Error): void => {
    broken = error;
  };
  client.on('error', onError);
  try {
    for (const { id } of MIGRATIONS) {
      await client.query('BEGIN');
      try {
        // A migration rewrites whole tables (4 indexes all history): the pool's statement timeout does not apply.
        await client.query('SET LOCAL statement_timeout = 0');
        await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
        await client.query(
          'CREATE TABLE IF NOT EXISTS schema_migrations (id INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)',
        );
        const done = await client.query('SELECT 1 FROM schema_migrations WHERE id = $1', [id]);
        if (done.rowCount === 0) {
          await client.query(POSTGRES_MIGRATIONS[id]);
          await client.query('INSERT INTO schema_migrations (id, applied_at) VALUES ($1, $2)', [id, now()]);
          applied.push(id);
        }
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    }
    return applied;
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}
