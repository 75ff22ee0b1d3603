import type { MigrationBodies } from '../migrations';

/**
 * The embedded store's bodies of the numbered migrations (ids in `../migrations.ts`). Each runs once, in order,
 * inside a transaction; `PRAGMA user_version` records the last id applied. Never edit a shipped migration.
 */
export const SQLITE_MIGRATIONS: MigrationBodies = {
  // 1: mentions, cursors, incidents, runtime state
  1: `CREATE TABLE mentions (
     id TEXT PRIMARY KEY,
     source_id TEXT NOT NULL,
     external_id TEXT NOT NULL,
     channel TEXT NOT NULL,
     watchlist TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     received_at INTEGER NOT NULL,
     sentiment TEXT NOT NULL,
     body TEXT NOT NULL,
     UNIQUE (source_id, external_id)
   );
   CREATE INDEX mentions_created_at ON mentions (created_at);
   CREATE TABLE cursors (source_id TEXT PRIMARY KEY, cursor TEXT, updated_at INTEGER NOT NULL);
   CREATE TABLE incidents (id TEXT PRIMARY KEY, opened_at INTEGER NOT NULL, state TEXT NOT NULL, body TEXT NOT NULL);
   CREATE INDEX incidents_opened_at ON incidents (opened_at);
   CREATE TABLE state (key TEXT PRIMARY KEY, body TEXT NOT NULL);`,
  // 2: what people did to each incident (its workflow), apart from detection's record so neither overwrites the other
  2: `CREATE TABLE incident_workflow (
     incident_id TEXT PRIMARY KEY,
     state TEXT NOT NULL,
     updated_at INTEGER NOT NULL,
     body TEXT NOT NULL
   );
   CREATE INDEX incident_workflow_state ON incident_workflow (state);`,
  // 3: escalation outbox: one row per (incident, target, transition, reminder number), never sent twice
  3: `CREATE TABLE escalation_outbox (
     id TEXT PRIMARY KEY,
     incident_id TEXT NOT NULL,
     target_id TEXT NOT NULL,
     target_kind TEXT NOT NULL,
     transition TEXT NOT NULL,
     seq INTEGER NOT NULL DEFAULT 0,
     status TEXT NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0,
     created_at INTEGER NOT NULL,
     next_attempt_at INTEGER NOT NULL,
     last_attempt_at INTEGER,
     last_error TEXT,
     card TEXT NOT NULL,
     UNIQUE (incident_id, target_id, transition, seq)
   );
   CREATE INDEX escalation_outbox_due ON escalation_outbox (status, next_attempt_at);
   CREATE INDEX escalation_outbox_target ON escalation_outbox (target_id, created_at);`,
};
