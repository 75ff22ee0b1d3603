import pg from 'pg';
import { z } from 'zod';
import type { Logger } from '../../runtime/logger';
import { safeError } from '../../store/postgres/connection';
import type { LockBackend, Peer } from './lease-manager';

/** What the advisory-lock backend needs. */
export interface AdvisoryLocksOptions {
  readonly url: string;
  readonly hubId: string;
  /** This machine's name, shown to peers. */
  readonly host: string;
  /** Epoch ms (real time) this hub started. */
  readonly startedAt: number;
  /** The lease period: the lease connection's query and connect timeout, and the peers' liveness window. */
  readonly periodMs: number;
  readonly logger: Logger;
  /** Real time (epoch ms), for heartbeats. */
  readonly now?: () => number;
}

/** The first key of every lease lock ("leas"): the two-int key space is apart from the migration lock's bigint. */
const LEASE_NAMESPACE = 0x6c65_6173;
/** Heartbeat rows in the `state` table: `hub:<id>` → {host, startedAt, lastSeen, leases}. */
const PEER_PREFIX = 'hub:';
/** Peers not seen for a day are forgotten (a SIGKILLed hub never deletes its own row). */
const FORGET_AFTER_MS = 24 * 60 * 60_000;
const PING_TIMEOUT_MS = 2_000;
/**
 * The lease connection's floor for connect and query timeouts: a busy hub's event loop can stall for a second or
 * two (a demo catching up), and a timeout that fires then would drop every lease for nothing.
 */
const MIN_TIMEOUT_MS = 5_000;

const PeerRowSchema = z.object({
  host: z.string(),
  startedAt: z.number(),
  lastSeen: z.number(),
  leases: z.array(z.string()),
});

/** FNV-1a: a lease name's stable 32-bit lock key (the same on every hub and every PostgreSQL version). */
export function leaseKey(name: string): number {
  let hash = 0x811c_9dc5;
  for (const byte of Buffer.from(name, 'utf8')) hash = Math.imul(hash ^ byte, 0x0100_0193);
  return hash | 0;
}

/**
 * Leases as PostgreSQL session advisory locks (`pg_try_advisory_lock`) held on one dedicated connection, outside
 * the store's pool. Chosen over a lease row with an expiry because the lock lives exactly as long as the session:
 * a SIGKILLed hub's socket closes, the server ends its session and every lease it held is free at once, with no
 * expiry to wait out, no clock to trust between machines, and no row a dead hub leaves claimed. A hub cut off
 * without a close (a network partition) is noticed by TCP keepalives the session asks the server for (a few
 * seconds), while the hub itself drops its work when a heartbeat on that connection fails (query timeout: one
 * period, at least 5 s). Heartbeats go in the `state` table (`hub:<id>`), so peers need no table of their own.
 */
export function advisoryLocks(options: AdvisoryLocksOptions): LockBackend {
  const now = options.now ?? (() => Date.now());
  const log = options.logger.child({ module: 'lease-pg' });
  const listeners: Array<() => void> = [];
  let client: pg.Client | null = null;
  let connecting: Promise<pg.Client> | null = null;
  const ping = new pg.Pool({
    connectionString: options.url,
    max: 1,
    idleTimeoutMillis: 10_000,
    connectionTimeoutMillis: PING_TIMEOUT_MS,
    query_timeout: PING_TIMEOUT_MS,
    application_name: 'earshot-health',
  });
  ping.on('error', (e) => log.debug({ err: safeError(options.url, e) }, 'health connection failed'));

  const lost = (which: pg.Client, error?: Error): void => {
    if (client !== which) return;
    client = null;
    log.warn({ err: error ? safeError(options.url, error) : undefined }, 'lease connection closed');
    for (const listener of listeners) listener();
  };
  const open = async (): Promise<pg.Client> => {
    const c = new pg.Client({
      connectionString: options.url,
      application_name: 'earshot-lease',
      keepAlive: true,
      connectionTimeoutMillis: Math.max(options.periodMs, MIN_TIMEOUT_MS),
      query_timeout: Math.max(options.periodMs, MIN_TIMEOUT_MS),
    });
    c.on('error', (e) => lost(c, e));
    c.on('end', () => lost(c));
    try {
      await c.connect();
      // The server notices a vanished hub within seconds, not the OS default of two hours: its leases free then.
      await c.query('SET tcp_keepalives_idle = 5; SET tcp_keepalives_interval = 2; SET tcp_keepalives_count = 2');
    } catch (error) {
      await c.end().catch(() => undefined);
      throw safeError(options.url, error);
    }
    client = c;
    return c;
  };
  const connection = (): Promise<pg.Client> => {
    if (client) return Promise.resolve(client);
    connecting ??= open().finally(() => (connecting = null));
    return connecting;
  };
  /**
   * One query on the lease connection. A failure (a timeout, a broken socket) ends that connection, so its locks
   * are really gone when the hub stops the work they guarded, and a peer may take them; the next round reconnects.
   */
  const query = async <R extends pg.QueryResultRow>(sql: string, params: unknown[]): Promise<pg.QueryResult<R>> => {
    const c = await connection();
    try {
      return await c.query<R>(sql, params);
    } catch (error) {
      if (client === c) client = null;
      await c.end().catch(() => undefined);
      throw safeError(options.url, error);
    }
  };

  return {
    shared: true,
    async tryAcquire(name) {
      const sql = 'SELECT pg_try_advisory_lock($1, $2) AS ok';
      return (await query<{ ok: boolean }>(sql, [LEASE_NAMESPACE, leaseKey(name)])).rows[0]?.ok === true;
    },
    async release(name) {
      await client?.query('SELECT pg_advisory_unlock($1, $2)', [LEASE_NAMESPACE, leaseKey(name)]);
    },
    async heartbeat(held) {
      const at = now();
      const body = JSON.stringify({ host: options.host, startedAt: options.startedAt, lastSeen: at, leases: held });
      await query(
        'INSERT INTO state (key, body) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET body = excluded.body',
        [PEER_PREFIX + options.hubId, body],
      );
      await query(`DELETE FROM state WHERE key LIKE 'hub:%' AND key != $1 AND (body::json->>'lastSeen')::bigint < $2`, [
        PEER_PREFIX + options.hubId,
        at - FORGET_AFTER_MS,
      ]);
    },
    async peers() {
      const { rows } = await ping.query<{ key: string; body: string }>(
        "SELECT key, body FROM state WHERE key LIKE 'hub:%' AND key != $1 ORDER BY key",
        [PEER_PREFIX + options.hubId],
      );
      return rows.flatMap((row) => peerOf(row, now() - 3 * options.periodMs));
    },
    async ping() {
      const started = performance.now();
      try {
        await ping.query('SELECT 1');
        return Math.round((performance.now() - started) * 10) / 10;
      } catch {
        return null;
      }
    },
    onLost: (listener) => void listeners.push(listener),
    async close() {
      const c = client;
      client = null;
      if (c) {
        await c.query('DELETE FROM state WHERE key = $1', [PEER_PREFIX + options.hubId]).catch(() => undefined);
        await c.end().catch(() => undefined);
      }
      await ping.end().catch(() => undefined);
    },
  };
}

function peerOf(row: { key: string; body: string }, aliveSince: number): Peer[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(row.body);
  } catch {
    return [];
  }
  const peer = PeerRowSchema.safeParse(parsed);
  if (!peer.success) return [];
  return [{ id: row.key.slice(PEER_PREFIX.length), ...peer.data, alive: peer.data.lastSeen >= aliveSince }];
}
