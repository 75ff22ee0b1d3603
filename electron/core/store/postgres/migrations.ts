import type { MigrationBodies } from '../migrations';

/**
 * The PostgreSQL bodies of the numbered migrations (ids in `../migrations.ts`), the same tables as SQLite's.
 * Times are epoch ms in BIGINT; text keys use the "C" collation so ties order byte-wise, as in SQLite; the
 * outbox's `position` stands in for SQLite's rowid (insertion order). Each runs once, in order, in a transaction;
 * `schema_migrations` records the ids applied. Never edit a shipped migration.
 */
export const POSTGRES_MIGRATIONS: MigrationBodies = {
  // 1: mentions, cursors, incidents, runtime state
  1: `CREATE TABLE mentions (
     id TEXT COLLATE "C" PRIMARY KEY,
     source_id TEXT COLLATE "C" NOT NULL,
     external_id TEXT COLLATE "C" NOT NULL,
     channel TEXT NOT NULL,
     watchlist TEXT COLLATE "C" NOT NULL,
     created_at BIGINT NOT NULL,
     received_at BIGINT NOT NULL,
     sentiment TEXT NOT NULL,
     body TEXT NOT NULL,
     UNIQUE (source_id, external_id)
   );
   CREATE INDEX mentions_created_at ON mentions (created_at);
   CREATE TABLE cursors (source_id TEXT COLLATE "C" PRIMARY KEY, cursor TEXT, updated_at BIGINT NOT NULL);
   CREATE TABLE incidents (
     id TEXT COLLATE "C" PRIMARY KEY,
     opened_at BIGINT NOT NULL,
     state TEXT NOT NULL,
     body TEXT NOT NULL
   );
   CREATE INDEX incidents_opened_at ON incidents (opened_at);
   CREATE TABLE state (key TEXT COLLATE "C" PRIMARY KEY, body TEXT NOT NULL);`,
  // 2: what people did to each incident (its workflow), apart from detection's record so neither overwrites the other
  2: `CREATE TABLE incident_workflow (
     incident_id TEXT COLLATE "C" PRIMARY KEY,
     state TEXT NOT NULL,
     updated_at BIGINT NOT NULL,
     body TEXT NOT NULL
   );
   CREATE INDEX incident_workflow_state ON incident_workflow (state);`,
  // 3: escalation outbox: one row per (incident, target, transition, reminder number), never sent twice
  3: `CREATE TABLE escalation_outbox (
     position BIGINT GENERATED ALWAYS AS IDENTITY,
     id TEXT COLLATE "C" PRIMARY KEY,
     incident_id TEXT COLLATE "C" NOT NULL,
     target_id TEXT COLLATE "C" NOT NULL,
     target_kind TEXT NOT NULL,
     transition TEXT NOT NULL,
     seq INTEGER NOT NULL DEFAULT 0,
     status TEXT NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0,
     created_at BIGINT NOT NULL,
     next_attempt_at BIGINT NOT NULL,
     last_attempt_at BIGINT,
     last_error TEXT,
     card TEXT NOT NULL,
     UNIQUE (incident_id, target_id, transition, seq)
   );
   CREATE INDEX escalation_outbox_due ON escalation_outbox (status, next_attempt_at);
   CREATE INDEX escalation_outbox_target ON escalation_outbox (target_id, created_at);
   CREATE INDEX escalation_outbox_incident ON escalation_outbox (incident_id, created_at, position);`,
};
