/**
 * The store's numbered migrations, one list for both dialects. Each id has a SQLite body
 * (`sqlite/migrations.ts`) and a PostgreSQL body (`postgres/migrations.ts`); the `MigrationBodies` type makes a
 * dialect that misses an id, or has one more, fail to compile. Ids run once, in order. Never edit a shipped
 * migration: add the next id, with both bodies.
 */
export const MIGRATIONS = [
  { id: 1, name: 'mentions, cursors, incidents, runtime state' },
  { id: 2, name: 'incident workflow (what people did), apart from detection' },
  { id: 3, name: 'escalation outbox' },
  { id: 4, name: 'search: insertion seq, filter columns, full-text index' },
  { id: 5, name: 'handled marks on posts' },
  { id: 6, name: 'users, their sessions and personal tokens (hashes only)' },
  { id: 7, name: 'team events: what each hub committed, in sequence, for the others (fan-out)' },
  { id: 8, name: 'login throttle counters, shared by every hub of a team' },
  { id: 9, name: 'source health as the polling hub saw it, for the walls of the others (fan-out)' },
] as const;

/** A migration's number. */
export type MigrationId = (typeof MIGRATIONS)[number]['id'];

/** One dialect's SQL, by migration id. */
export type MigrationBodies = Readonly<Record<MigrationId, string>>;

/** The newest migration id: the schema version a migrated store is at. */
export const LATEST_MIGRATION: MigrationId = MIGRATIONS[MIGRATIONS.length - 1]?.id ?? 1;
