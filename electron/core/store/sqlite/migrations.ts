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
  // 4: search. The mentions table is rebuilt with an explicit `seq` (a rowid VACUUM cannot renumber, the key of the
  // full-text index and the search cursor's tie-break) and the filter columns (language, author weight, VIP, topics
  // as " login refund "), taken from each stored body. A contentless FTS5 index over text and author is kept in step
  // by triggers, and filled with all history here.
  4: `CREATE TABLE mentions_v4 (
     seq INTEGER PRIMARY KEY,
     id TEXT NOT NULL UNIQUE,
     source_id TEXT NOT NULL,
     external_id TEXT NOT NULL,
     channel TEXT NOT NULL,
     watchlist TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     received_at INTEGER NOT NULL,
     sentiment TEXT NOT NULL,
     language TEXT NOT NULL,
     author_weight REAL NOT NULL,
     vip INTEGER NOT NULL,
     topics TEXT NOT NULL,
     body TEXT NOT NULL,
     UNIQUE (source_id, external_id)
   );
   INSERT INTO mentions_v4 (seq, id, source_id, external_id, channel, watchlist, created_at, received_at, sentiment,
                            language, author_weight, vip, topics, body)
     SELECT rowid, id, source_id, external_id, channel, watchlist, created_at, received_at, sentiment,
            COALESCE(json_extract(body, '$.enrichment.language'), 'und'),
            COALESCE(json_extract(body, '$.enrichment.authorWeight'), 1),
            COALESCE(json_extract(body, '$.enrichment.vip'), 0),
            ' ' || COALESCE((SELECT group_concat(json_extract(t.value, '$.topic'), ' ')
                             FROM json_each(body, '$.enrichment.topics') AS t), '') || ' ',
            body
     FROM mentions ORDER BY rowid;
   DROP TABLE mentions;
   ALTER TABLE mentions_v4 RENAME TO mentions;
   CREATE INDEX mentions_created_at ON mentions (created_at);
   CREATE INDEX mentions_weight ON mentions (author_weight, created_at);
   CREATE VIRTUAL TABLE mention_fts USING fts5(
     text, author, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
   );
   CREATE TRIGGER mentions_fts_insert AFTER INSERT ON mentions BEGIN
     INSERT INTO mention_fts (rowid, text, author) VALUES (new.seq, json_extract(new.body, '$.text'),
       COALESCE(json_extract(new.body, '$.author.handle'), '') || ' ' || COALESCE(json_extract(new.body, '$.author.name'), ''));
   END;
   CREATE TRIGGER mentions_fts_delete AFTER DELETE ON mentions BEGIN
     DELETE FROM mention_fts WHERE rowid = old.seq;
   END;
   CREATE TRIGGER mentions_fts_update AFTER UPDATE OF body ON mentions BEGIN
     DELETE FROM mention_fts WHERE rowid = old.seq;
     INSERT INTO mention_fts (rowid, text, author) VALUES (new.seq, json_extract(new.body, '$.text'),
       COALESCE(json_extract(new.body, '$.author.handle'), '') || ' ' || COALESCE(json_extract(new.body, '$.author.name'), ''));
   END;
   INSERT INTO mention_fts (rowid, text, author)
     SELECT seq, json_extract(body, '$.text'),
            COALESCE(json_extract(body, '$.author.handle'), '') || ' ' || COALESCE(json_extract(body, '$.author.name'), '')
     FROM mentions;`,
  // 5: handled marks on the staff floor, one per post, gone with the post when it is pruned
  5: `CREATE TABLE mention_handled (
     mention_id TEXT PRIMARY KEY,
     handled INTEGER NOT NULL,
     at INTEGER NOT NULL,
     body TEXT NOT NULL
   );
   CREATE TRIGGER mentions_handled_delete AFTER DELETE ON mentions BEGIN
     DELETE FROM mention_handled WHERE mention_id = old.id;
   END;`,
  // 6: people who sign in to a team hub, and their sessions and personal tokens (hashes only)
  6: `CREATE TABLE users (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL UNIQUE,
     display_name TEXT NOT NULL,
     role TEXT NOT NULL,
     password_hash TEXT,
     disabled INTEGER NOT NULL DEFAULT 0,
     created_at INTEGER NOT NULL
   );
   CREATE TABLE credentials (
     id TEXT PRIMARY KEY,
     user_id TEXT NOT NULL REFERENCES users (id),
     kind TEXT NOT NULL,
     hash TEXT NOT NULL UNIQUE,
     label TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     expires_at INTEGER,
     last_used_at INTEGER,
     revoked_at INTEGER
   );
   CREATE INDEX credentials_user ON credentials (user_id, kind);`,
  // 7: team fan-out's events (PostgreSQL's team_events). An embedded hub is alone on its file, so nothing writes
  // here: the table exists so both dialects keep one schema and one list of ids.
  7: `CREATE TABLE team_events (
     seq INTEGER PRIMARY KEY,
     hub_id TEXT NOT NULL,
     kind TEXT NOT NULL,
     ids TEXT NOT NULL,
     at INTEGER NOT NULL
   );
   CREATE INDEX team_events_at ON team_events (at);`,
  // 8: login throttle counters by key ("name:alex", "addr:10.0.0.9"), so every hub on one database throttles together
  8: `CREATE TABLE login_throttle (
     key TEXT PRIMARY KEY,
     failures INTEGER NOT NULL,
     last_at INTEGER NOT NULL
   );
   CREATE INDEX login_throttle_last ON login_throttle (last_at);`,
  // 9: team fan-out's source health (PostgreSQL's source_health); nothing writes it on an embedded hub, as for 7
  9: `CREATE TABLE source_health (
     source_id TEXT PRIMARY KEY,
     hub_id TEXT NOT NULL,
     body TEXT NOT NULL,
     at INTEGER NOT NULL
   );`,
};
