import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { openPostgresStore } from '../../../electron/core/store/postgres/postgres-store';
import type { Store } from '../../../electron/core/store/repository';
import { openSqliteStore } from '../../../electron/core/store/sqlite/sqlite-store';
import { startTestPostgres, type TestPostgres } from '../../helpers/postgres';

/** The two dialects every store test runs against. */
export const DIALECTS = ['sqlite', 'postgres'] as const;
export type Dialect = (typeof DIALECTS)[number];

/** One dialect's stores for a describe block: fresh databases, opened stores closed after each test. */
export interface StoreHarness {
  readonly dialect: Dialect;
  /** A new, empty database: a file path (SQLite) or a URL (PostgreSQL). */
  location(): Promise<string>;
  /** Opens a store on `location` (a fresh one when omitted); closed after the test. */
  open(location?: string, options?: { now?: () => number }): Promise<Store>;
  /** Raw rows, for checks below the interface (SQL without parameters, valid in both dialects). */
  rows(location: string, sql: string): Promise<Array<Record<string, unknown>>>;
  /** Runs raw SQL on `location` (test setup below the interface: triggers, faults). */
  exec(location: string, sql: string): Promise<void>;
  /** The PostgreSQL server (postgres dialect only). */
  server(): TestPostgres;
}

/**
 * Registers the hooks of one dialect in the calling describe block: PostgreSQL starts a real server of the
 * tests' own (test/helpers/postgres.ts) once for the block; SQLite uses temp files (so a second store can open
 * the same database, as a restarted hub would).
 */
export function storeHarness(dialect: Dialect): StoreHarness {
  let pgServer: TestPostgres | null = null;
  const stores: Store[] = [];
  const dirs: string[] = [];
  beforeAll(async () => {
    if (dialect === 'postgres') pgServer = await startTestPostgres();
  }, 60_000);
  afterEach(async () => {
    for (const s of stores.splice(0)) await s.close().catch(() => undefined);
  });
  afterAll(async () => {
    for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
    await pgServer?.stop();
  });
  const server = (): TestPostgres => {
    if (pgServer === null) throw new Error('no PostgreSQL server in a sqlite block');
    return pgServer;
  };
  const location = async (): Promise<string> => {
    if (dialect === 'postgres') return server().createDatabase();
    const dir = await mkdtemp(join(tmpdir(), 'earshot-store-'));
    dirs.push(dir);
    return join(dir, 'earshot.db');
  };
  return {
    dialect,
    location,
    server,
    async open(where, options = {}) {
      const at = where ?? (await location());
      const store = dialect === 'postgres' ? await openPostgresStore(at, options) : await openSqliteStore(at, options);
      stores.push(store);
      return store;
    },
    rows: (where, sql) => (dialect === 'postgres' ? pgRows(where, sql) : Promise.resolve(sqliteRows(where, sql))),
    async exec(where, sql) {
      if (dialect === 'postgres') await pgRows(where, sql);
      else sqliteExec(where, sql);
    },
  };
}

function sqliteRows(file: string, sql: string): Array<Record<string, unknown>> {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).all() as Array<Record<string, unknown>>;
  } finally {
    db.close();
  }
}

function sqliteExec(file: string, sql: string): void {
  const db = new Database(file);
  try {
    db.exec(sql);
  } finally {
    db.close();
  }
}

async function pgRows(url: string, sql: string): Promise<Array<Record<string, unknown>>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Record<string, unknown>>(sql)).rows;
  } finally {
    await client.end();
  }
}
