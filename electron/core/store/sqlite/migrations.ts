/**
 * Numbered migrations for the embedded store. Each runs once, in order, inside a transaction;
 * `PRAGMA user_version` records the last one applied. Never edit a shipped migration: add a new one.
 */
export const SQLITE_MIGRATIONS: ReadonlyArray<string> = [
  // 1: mentions, cursors, incidents, runtime state
  `CREATE TABLE mentions (
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
  `CREATE TABLE incident_workflow (
     incident_id TEXT PRIMARY KEY,
     state TEXT NOT NULL,
     updated_at INTEGER NOT NULL,
     body TEXT NOT NULL
   );
   CREATE INDEX incident_workflow_state ON incident_workflow (state);`,
];
