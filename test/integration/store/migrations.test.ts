import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { LATEST_MIGRATION, MIGRATIONS } from '../../../electron/core/store/migrations';
import { POSTGRES_MIGRATIONS } from '../../../electron/core/store/postgres/migrations';
import { SQLITE_MIGRATIONS } from '../../../electron/core/store/sqlite/migrations';
import { migrate } from '../../../electron/core/store/sqlite/sqlite-store';
import { storeHarness, type StoreHarness } from './harness';

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

  it('have the same tables and columns (PostgreSQL’s outbox adds `position`, its stand-in for rowid)', async () => {
    const [a, b] = [await sqlite.location(), await postgres.location()];
    await sqlite.open(a);
    await postgres.open(b);
    const fromPostgres = await schemaOf(postgres, b);
    fromPostgres.escalation_outbox = fromPostgres.escalation_outbox?.filter((c) => c !== 'position') ?? [];
    expect(fromPostgres).toEqual(await schemaOf(sqlite, a));
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
});
