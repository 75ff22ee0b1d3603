import type pg from 'pg';
import { IncidentSchema } from '../../../../shared/incident';
import type { CommitResult, IncidentQuery, Store } from '../repository';
import { zeroFill } from '../zero-fill';
import { createPool, inTransaction, redactUrl, safeError, type PostgresConnectOptions } from './connection';
import { insertMentions, mentionsBetween, recentMentions, saveCursor, volumeRows } from './pg-mentions';
import { handledMarks, setHandled } from './pg-handled';
import { postgresOutbox } from './pg-outbox';
import { postgresUsers } from './pg-users';
import { postgresThrottle } from './pg-throttle';
import { postgresBreakdown } from './pg-breakdown';
import { searchMentions } from './pg-search';
import { migratePostgres } from './pg-migrate';
import { getWorkflow, getWorkflows, openWorkflows, putWorkflows } from './pg-workflow';

/** How the PostgreSQL store is opened. */
export interface PostgresStoreOptions extends PostgresConnectOptions {
  /** Hub time, for the bookkeeping timestamps the store writes itself (a cursor's `updated_at`); default: the system clock. */
  readonly now?: () => number;
}

/** The store could not be opened: the message names the database without its password. */
export class PostgresOpenError extends Error {
  override readonly name = 'PostgresOpenError';
}

/**
 * Opens the team store on the PostgreSQL database at `url` (postgres://user:password@host:port/db): a pool of
 * connections, the schema migrated (hubs starting together migrate one at a time). Every query is parameterised;
 * no error it raises echoes the URL's password.
 */
export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<Store> {
  const now = options.now ?? (() => Date.now());
  const fail = (error: unknown): PostgresOpenError =>
    new PostgresOpenError(`Cannot open the database at ${redactUrl(url)}: ${safeError(url, error).message}`);
  let pool: pg.Pool;
  try {
    pool = createPool(url, options);
  } catch (error) {
    throw fail(error);
  }
  try {
    await migratePostgres(pool, now);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw fail(error);
  }
  let closing: Promise<void> | undefined;
  const store: Store = {
    kind: 'postgres',
    ...postgresOutbox(pool),
    ...postgresUsers(pool),
    ...postgresThrottle(pool),
    ...postgresBreakdown(pool),
    ...mentionMethods(pool, now),
    ...incidentMethods(pool),
    ...stateMethods(pool),
    setHandled: (change) => setHandled(pool, change),
    handledMarks: (mentionIds) => handledMarks(pool, mentionIds),
    close: () => (closing ??= pool.end()),
  };
  return guardAll(url, store);
}

type MentionMethods = Pick<
  Store,
  | 'commitBatch'
  | 'getCursor'
  | 'countMentions'
  | 'recentMentions'
  | 'mentionsBetween'
  | 'volumeSeries'
  | 'searchMentions'
  | 'prune'
>;

/** PostgreSQL's codes for a transaction it aborted to break a deadlock or a serialization conflict. */
const RETRYABLE = new Set(['40P01', '40001']);
const ATTEMPTS = 3;

/**
 * Runs a transaction again when PostgreSQL aborted it to break a deadlock: two hubs committing overlapping
 * batches in different orders can each wait on the other's keys; the one aborted rolled back whole, so running
 * it again is safe, and the second time the other's rows are there (duplicates, skipped).
 */
async function retryDeadlock<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await run();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (attempt >= ATTEMPTS || typeof code !== 'string' || !RETRYABLE.has(code)) throw error;
    }
  }
}

/** Mentions and cursors: a batch and its cursor commit in one transaction. */
function mentionMethods(pool: pg.Pool, now: () => number): MentionMethods {
  return {
    commitBatch: (sourceId, mentions, cursor) =>
      retryDeadlock(() =>
        inTransaction(pool, async (client): Promise<CommitResult> => {
          const inserted = await insertMentions(client, mentions);
          if (cursor !== null) await saveCursor(client, sourceId, cursor, now());
          return { inserted, duplicates: mentions.length - inserted.length };
        }),
      ),
    async getCursor(sourceId) {
      const sql = 'SELECT cursor FROM cursors WHERE source_id = $1';
      return (await pool.query<{ cursor: string | null }>(sql, [sourceId])).rows[0]?.cursor ?? null;
    },
    countMentions: async () => (await pool.query<{ n: number }>('SELECT COUNT(*) AS n FROM mentions')).rows[0]?.n ?? 0,
    recentMentions: (limit) => recentMentions(pool, limit),
    mentionsBetween: (query) => mentionsBetween(pool, query),
    volumeSeries: async (fromMinute, toMinute) =>
      zeroFill(await volumeRows(pool, fromMinute, toMinute + 60_000), fromMinute, toMinute),
    searchMentions: (query) => searchMentions(pool, query),
    prune: async (before) => (await pool.query('DELETE FROM mentions WHERE created_at < $1', [before])).rowCount ?? 0,
  };
}

type IncidentMethods = Pick<
  Store,
  'saveIncident' | 'getIncident' | 'listIncidents' | 'getWorkflow' | 'getWorkflows' | 'saveWorkflows' | 'openWorkflows'
>;

/** Detection's incidents and people's workflows, apart; an incident and its workflow land in one transaction. */
function incidentMethods(pool: pg.Pool): IncidentMethods {
  return {
    saveIncident: (incident, workflow) =>
      inTransaction(pool, async (client) => {
        const { workflow: _people, ...detected } = incident;
        await client.query(
          `INSERT INTO incidents (id, opened_at, state, body) VALUES ($1, $2, $3, $4)
           ON CONFLICT (id) DO UPDATE SET state = excluded.state, body = excluded.body`,
          [detected.id, detected.openedAt, detected.state, JSON.stringify(detected)],
        );
        if (workflow) await putWorkflows(client, [{ incidentId: incident.id, workflow }]);
      }),
    async getIncident(id) {
      const { rows } = await pool.query<{ body: string }>('SELECT body FROM incidents WHERE id = $1', [id]);
      return rows[0] ? IncidentSchema.parse(JSON.parse(rows[0].body)) : null;
    },
    async listIncidents(options: IncidentQuery = {}) {
      const { rows } = await pool.query<{ body: string }>(
        `SELECT body FROM incidents WHERE (NOT $1::boolean OR state != 'resolved')
         AND opened_at >= $2 AND opened_at < $3 ORDER BY opened_at DESC, id DESC LIMIT $4`,
        [
          options.openOnly === true,
          options.openedFrom ?? Number.MIN_SAFE_INTEGER,
          options.openedBefore ?? Number.MAX_SAFE_INTEGER,
          options.limit ?? 500,
        ],
      );
      return rows.map((r) => IncidentSchema.parse(JSON.parse(r.body)));
    },
    getWorkflow: (incidentId) => getWorkflow(pool, incidentId),
    getWorkflows: (incidentIds) => getWorkflows(pool, incidentIds),
    saveWorkflows: (entries) => inTransaction(pool, (client) => putWorkflows(client, entries)),
    openWorkflows: () => openWorkflows(pool),
  };
}

/** The JSON key/value area for runtime state. */
function stateMethods(pool: pg.Pool): Pick<Store, 'getState' | 'setState'> {
  return {
    async getState<T>(key: string) {
      const { rows } = await pool.query<{ body: string }>('SELECT body FROM state WHERE key = $1', [key]);
      return rows[0] ? (JSON.parse(rows[0].body) as T) : null;
    },
    async setState(key, value) {
      await pool.query(
        'INSERT INTO state (key, body) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET body = excluded.body',
        [key, JSON.stringify(value)],
      );
    },
  };
}

/**
 * The store with every method's rejection replaced by one that never quotes the URL or its password: the
 * driver's messages do not today, and this keeps it so whatever a future driver or URL parser says.
 */
function guardAll(url: string, store: Store): Store {
  const guarded: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(store)) {
    if (typeof value !== 'function') {
      guarded[key] = value;
      continue;
    }
    const method = value as (...args: unknown[]) => Promise<unknown>;
    guarded[key] = (...args: unknown[]) =>
      method(...args).catch((error: unknown) => {
        throw safeError(url, error);
      });
  }
  // Same keys, same signatures: each method is wrapped, its arguments and result untouched.
  return guarded as unknown as Store;
}
