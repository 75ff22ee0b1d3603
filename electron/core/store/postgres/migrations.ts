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
  // 4: search. An insertion `seq` (the search cursor's tie-break), the filter columns (language, author weight, VIP,
  // topics as " login refund ", as in SQLite), and `search_text`: the words of text + author, lower-cased and
  // accent-folded by the hub (pg-search.ts), which the generated tsvector indexes with the 'simple' config.
  // Rows stored before it get their columns from their bodies here (words lower-cased, accents kept).
  4: `ALTER TABLE mentions
     ADD COLUMN seq BIGINT GENERATED ALWAYS AS IDENTITY,
     ADD COLUMN language TEXT NOT NULL DEFAULT 'und',
     ADD COLUMN author_weight DOUBLE PRECISION NOT NULL DEFAULT 1,
     ADD COLUMN vip BOOLEAN NOT NULL DEFAULT false,
     ADD COLUMN topics TEXT NOT NULL DEFAULT '  ',
     ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
   UPDATE mentions SET
     language = COALESCE(j.doc #>> '{enrichment,language}', 'und'),
     author_weight = COALESCE((j.doc #>> '{enrichment,authorWeight}')::double precision, 1),
     vip = COALESCE((j.doc #>> '{enrichment,vip}')::boolean, false),
     topics = ' ' || COALESCE((SELECT string_agg(t ->> 'topic', ' ') FROM jsonb_array_elements(j.doc #> '{enrichment,topics}') AS t), '') || ' ',
     search_text = lower(concat_ws(' ', j.doc ->> 'text', j.doc #>> '{author,handle}', j.doc #>> '{author,name}'))
   FROM (SELECT id AS jid, body::jsonb AS doc FROM mentions WHERE strpos(body, '\\u0000') = 0) AS j
   WHERE mentions.id = j.jid;
   ALTER TABLE mentions ADD COLUMN search tsvector GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED;
   CREATE UNIQUE INDEX mentions_seq ON mentions (seq);
   CREATE INDEX mentions_time_seq ON mentions (created_at, seq);
   CREATE INDEX mentions_weight ON mentions (author_weight, created_at, seq);
   CREATE INDEX mentions_search ON mentions USING GIN (search);`,
  // 5: handled marks on the staff floor, one per post, gone with the post when it is pruned (the foreign key
  // cascades, where SQLite uses a trigger)
  5: `CREATE TABLE mention_handled (
     mention_id TEXT COLLATE "C" PRIMARY KEY REFERENCES mentions (id) ON DELETE CASCADE,
     handled BOOLEAN NOT NULL,
     at BIGINT NOT NULL,
     body TEXT NOT NULL
   );`,
  // 6: people who sign in to a team hub, and their sessions and personal tokens (hashes only)
  6: `CREATE TABLE users (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL UNIQUE,
     display_name TEXT NOT NULL,
     role TEXT NOT NULL,
     password_hash TEXT,
     disabled BOOLEAN NOT NULL DEFAULT false,
     created_at BIGINT NOT NULL
   );
   CREATE TABLE credentials (
     id TEXT PRIMARY KEY,
     user_id TEXT NOT NULL REFERENCES users (id),
     kind TEXT NOT NULL,
     hash TEXT NOT NULL UNIQUE,
     label TEXT NOT NULL,
     created_at BIGINT NOT NULL,
     expires_at BIGINT,
     last_used_at BIGINT,
     revoked_at BIGINT
   );
   CREATE INDEX credentials_user ON credentials (user_id, kind);`,
  // 7: team fan-out. One small row per flush of committed changes (kind + ids, never the entities): hubs read the
  // rows after the last seq they saw, on NOTIFY earshot_events or a safety poll, and load the entities by id. `at`
  // (real time) lets old rows be pruned.
  7: `CREATE TABLE team_events (
     seq BIGSERIAL PRIMARY KEY,
     hub_id TEXT NOT NULL,
     kind TEXT NOT NULL,
     ids TEXT NOT NULL,
     at BIGINT NOT NULL
   );
   CREATE INDEX team_events_at ON team_events (at);`,
  // 8: login throttle counters by key ("name:alex", "addr:10.0.0.9"), so every hub on one database throttles together
  8: `CREATE TABLE login_throttle (
     key TEXT COLLATE "C" PRIMARY KEY,
     failures INTEGER NOT NULL,
     last_at BIGINT NOT NULL
   );
   CREATE INDEX login_throttle_last ON login_throttle (last_at);`,
  // 9: each source's health as the hub polling it last saw it, so the walls of every other hub of the team show it
  // (the team event of kind "health" names the source; the row is what the other hubs read)
  9: `CREATE TABLE source_health (
     source_id TEXT COLLATE "C" PRIMARY KEY,
     hub_id TEXT NOT NULL,
     body TEXT NOT NULL,
     at BIGINT NOT NULL
   );`,
};
