import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { LATEST_MIGRATION, MIGRATIONS } from '../../../electron/core/store/migrations';
import { POSTGRES_MIGRATIONS } from '../../../electron/core/store/postgres/migrations';
import { SQLITE_MIGRATIONS } from '../../../electron/core/store/sqlite/migrations';
import { migrate } from '../../../electron/core/store/sqlite/sqlite-store';
import { openPostgresStore } from '../../../electron/core/store/postgres/postgres-store';
import type { MentionSearch } from '../../../shared/search';
import { mention, NEUTRAL_ENRICHMENT } from '../../helpers/mentions';
import { storeHarness, type StoreHarness } from './harness';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

const ids = MIGRATIONS.map((m) => m.id);

describe('the numbered migrations', () => {
  it('have one body per id in each dialect, the same ids in the same order', () => {
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(ids).toEqual(ids.map((_, index) => index + 1));
    expect(Object.keys(SQLITE_MIGRATIONS).map(Number)).toEqual(ids);
    expect(Object.keys(POSTGRES_MIGRATIONS).map(Number)).toEqual(ids);
    expect(LATEST_MIGRATION).toBe(ids.at(-1));
  });

  it('migrate an SQLite database to the latest id, once', () => {
    const db = new Database(':memory:');
    migrate(db);
    migrate(db);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_MIGRATION);
    db.close();
  });
});

/** Table name -> its column names, sorted, as the database reports them. */
async function schemaOf(h: StoreHarness, where: string): Promise<Record<string, string[]>> {
  const sql =
    h.dialect === 'sqlite'
      ? `SELECT m.name AS t, p.name AS c FROM sqlite_master m, pragma_table_info(m.name) p
         WHERE m.type = 'table' ORDER BY t, c`
      : `SELECT table_name AS t, column_name AS c FROM information_schema.columns
         WHERE table_schema = 'public' AND table_name != 'schema_migrations' ORDER BY t, c`;
  const out: Record<string, string[]> = {};
  for (const row of await h.rows(where, sql)) (out[String(row.t)] ??= []).push(String(row.c));
  for (const columns of Object.values(out)) columns.sort();
  return out;
}

describe('both dialects migrated', () => {
  const sqlite = storeHarness('sqlite');
  const postgres = storeHarness('postgres');

  it('have the same tables and columns, but for each dialect’s own way of indexing and ordering', async () => {
    const [a, b] = [await sqlite.location(), await postgres.location()];
    await sqlite.open(a);
    await postgres.open(b);
    // PostgreSQL: the outbox's `position` stands in for rowid; the mentions' `search_text` and `search` (tsvector)
    // for SQLite's FTS5 table `mention_fts` and its shadow tables.
    const fromPostgres = await schemaOf(postgres, b);
    fromPostgres.escalation_outbox = fromPostgres.escalation_outbox?.filter((c) => c !== 'position') ?? [];
    fromPostgres.mentions = fromPostgres.mentions?.filter((c) => c !== 'search' && c !== 'search_text') ?? [];
    const fromSqlite = await schemaOf(sqlite, a);
    for (const table of Object.keys(fromSqlite)) if (table.startsWith('mention_fts')) delete fromSqlite[table];
    expect(fromPostgres).toEqual(fromSqlite);
    expect(Object.keys(fromPostgres)).toEqual(
      expect.arrayContaining(['mentions', 'cursors', 'incidents', 'state', 'incident_workflow', 'escalation_outbox']),
    );
  });

  it('records each PostgreSQL migration once, even when hubs start together on a fresh database', async () => {
    const where = await postgres.location();
    await Promise.all([postgres.open(where), postgres.open(where), postgres.open(where)]);
    await postgres.open(where);
    const rows = await postgres.rows(where, 'SELECT id FROM schema_migrations ORDER BY id');
    expect(rows.map((r) => r.id)).toEqual(ids);
  });

  it('gives a PostgreSQL database made before search its search columns from the stored bodies', async () => {
    const where = await postgres.location();
    const v3 = ([1, 2, 3] as const).map((id) => POSTGRES_MIGRATIONS[id]).join(';\n');
    const login = { ...NEUTRAL_ENRICHMENT, topics: [{ topic: 'login', terms: ['log in'] }], language: 'de', vip: true };
    const rows = [
      mention(1, T0, { text: 'Cannot LOG in since noon', enrichment: { ...login, authorWeight: 3 } }),
      mention(2, T0 + 1, { text: 'fine', author: { handle: 'zero\u0000byte' } }),
    ];
    const values = rows
      .map(
        (m) => `('${m.id}', 'src', '${m.externalId}', 'x', 'nimbus', ${m.createdAt}, ${m.receivedAt}, 'neutral',
        '${JSON.stringify(m).replaceAll("'", "''")}')`,
      )
      .join(', ');
    await postgres.exec(
      where,
      `${v3};
       CREATE TABLE schema_migrations (id INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL);
       INSERT INTO schema_migrations VALUES (1, 0), (2, 0), (3, 0);
       INSERT INTO mentions (id, source_id, external_id, channel, watchlist, created_at, received_at, sentiment, body)
       VALUES ${values};`,
    );
    const store = await postgres.open(where);
    const hit = await store.searchMentions({ text: 'log in', limit: 10 });
    expect(hit.items).toEqual([rows[0]]);
    const find = async (q: Omit<MentionSearch, 'limit'>): Promise<string[]> =>
      (await store.searchMentions({ ...q, limit: 10 })).items.map((m) => m.externalId);
    expect(await find({ topic: 'login', language: 'de', vipOnly: true, minAuthorWeight: 3 })).toEqual(['ext-1']);
    // A body JSON cannot hold in PostgreSQL's jsonb (a NUL) keeps the defaults; it is still listed and readable.
    expect(await find({ language: 'und' })).toEqual(['ext-2']);
    await store.commitBatch('src', [mention(3, T0 + 2, { text: 'log in broken' })], null);
    expect(await find({ text: 'log' })).toEqual(['ext-3', 'ext-1']);
  });

  it('migrates a large history whatever the pool’s statement timeout', async () => {
    const where = await postgres.location();
    const v3 = ([1, 2, 3] as const).map((id) => POSTGRES_MIGRATIONS[id]).join(';\n');
    const body = JSON.stringify(mention(0, T0)).replaceAll("'", "''");
    await postgres.exec(
      where,
      `${v3};
       CREATE TABLE schema_migrations (id INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL);
       INSERT INTO schema_migrations VALUES (1, 0), (2, 0), (3, 0);
       INSERT INTO mentions (id, source_id, external_id, channel, watchlist, created_at, received_at, sentiment, body)
       SELECT 'src:e' || n, 'src', 'e' || n, 'x', 'nimbus', n, n, 'neutral', '${body}' FROM generate_series(1, 30000) AS n;`,
    );
    const store = await openPostgresStore(where, { statementTimeoutMs: 5 });
    await store.close();
    expect((await postgres.rows(where, 'SELECT max(id) AS id FROM schema_migrations'))[0]?.id).toBe(LATEST_MIGRATION);
  });
});
