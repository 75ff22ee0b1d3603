import pg from 'pg';
import type { Logger } from '../../runtime/logger';

/** How the PostgreSQL store connects. */
export interface PostgresConnectOptions {
  /** Most connections the pool opens (default 10). */
  readonly poolSize?: number;
  /** Giving up on connecting after this many ms (default 10 s). */
  readonly connectTimeoutMs?: number;
  /** The server cancels a statement running longer than this (default 30 s). */
  readonly statementTimeoutMs?: number;
  /** Where a dropped idle connection is reported (it would otherwise crash the process). */
  readonly logger?: Logger;
}

/** A query runner: the pool, or one client inside a transaction. */
export type Queryable = Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>;

const INT8_OID = 20;
/**
 * BIGINT (epoch ms, COUNT) as a JS number, for this pool only (not pg's global parsers): every value the store
 * keeps in one is below 2^53.
 */
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary'
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format ?? 'text')) as pg.CustomTypesConfig['getTypeParser'],
};

/** The URL as it may be shown or logged: its password (if any) replaced by `***`. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(a database URL that does not parse)';
  }
}

/** The URL's password as written and percent-decoded (as the driver sends it); none when it has none. */
function passwordsOf(url: string): string[] {
  try {
    const raw = new URL(url).password;
    return raw === '' ? [] : [raw, decodeURIComponent(raw)];
  } catch {
    return [];
  }
}

/**
 * An error about this database that never echoes its password: the driver's message (or a URL parser's, which
 * may quote the input) and stack with every occurrence of the raw URL and of its password replaced by `***`;
 * the driver's `code` (SQLSTATE or errno) kept, its other fields and cause dropped.
 */
export function safeError(url: string, error: unknown): Error {
  const secrets = [url, ...passwordsOf(url)].filter((s) => s.length > 0);
  const scrub = (text: string): string => secrets.reduce((out, secret) => out.split(secret).join('***'), text);
  const message = error instanceof Error ? error.message : String(error);
  const safe = new Error(scrub(message) || 'database error');
  if (error instanceof Error && error.stack !== undefined) safe.stack = scrub(error.stack);
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') Object.assign(safe, { code });
  return safe;
}

/** A pool on `url`, BIGINTs as numbers, timeouts set, idle-connection errors logged instead of thrown. */
export function createPool(url: string, options: PostgresConnectOptions = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    idleTimeoutMillis: 30_000,
    statement_timeout: options.statementTimeoutMs ?? 30_000,
    application_name: 'earshot',
    types,
  });
  const log = options.logger?.child({ module: 'postgres' });
  pool.on('error', (error) => log?.warn({ err: safeError(url, error) }, 'an idle database connection failed'));
  return pool;
}

/**
 * Runs `work` in one transaction on one pooled client: COMMIT when it resolves, ROLLBACK when it throws (and the
 * error is rethrown). A client that broke meanwhile (its connection died, or the rollback failed) is destroyed,
 * not returned to the pool; its late `error` event is caught here, where pg would otherwise crash the process.
 */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  const onError = (error: Error): void => {
    broken = error;
  };
  client.on('error', onError);
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollback: unknown) => {
      broken ??= rollback instanceof Error ? rollback : new Error(String(rollback));
    });
    throw error;
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}
