import pg from 'pg';
import { backoffDelay, type BackoffPolicy } from '../../../../shared/backoff';
import { safeError } from '../../store/postgres/connection';
import type { Cancel, Clock } from '../../runtime/clock';
import type { Logger } from '../../runtime/logger';
import { EVENTS_CHANNEL } from './pg-events';

/** Reconnecting after a lost LISTEN connection: within half a second at first, doubling, never above 10 s. */
export const LISTEN_BACKOFF: BackoffPolicy = { baseMs: 500, capMs: 10_000, floorRatio: 0.5 };

/** What the listener is built from. */
export interface ListenerDeps {
  readonly url: string;
  /** Names the connection in pg_stat_activity (`application_name`). */
  readonly name: string;
  /** Real time: the reconnect backoff's timer. */
  readonly timer: Clock;
  readonly logger: Logger;
  /** A notification arrived on the channel. */
  readonly onNotify: () => void;
  /** The connection is (again) listening: whatever was missed meanwhile must be read. */
  readonly onListening: () => void;
  readonly random?: () => number;
}

/** The LISTEN side of the fan-out, on its own connection. */
export interface Listener {
  /** Connects and listens; on failure keeps retrying in the background (resolves either way). */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Whether the connection is listening now. */
  readonly listening: boolean;
  /** How many times it connected after losing its connection. */
  readonly reconnects: number;
}

/**
 * Listens on `earshot_events` on a dedicated connection: a pooled one would be handed to other queries and lose
 * its LISTEN. A dropped connection (server restart, terminated backend, network) is replaced after a jittered
 * backoff, and each (re)connection calls `onListening`, so the hub catches up by seq on what it missed.
 */
export function createListener(deps: ListenerDeps): Listener {
  const log = deps.logger.child({ module: 'fanout-listen' });
  const random = deps.random ?? Math.random;
  const state = { running: false, listening: false, attempt: 0, connections: 0 };
  let client: pg.Client | null = null;
  let retry: Cancel | null = null;

  const lost = (from: pg.Client, error?: unknown): void => {
    if (client !== from) return;
    client = null;
    state.listening = false;
    from.end().catch(() => undefined);
    if (!state.running) return;
    const delay = backoffDelay(state.attempt++, random, LISTEN_BACKOFF);
    log.warn({ err: error === undefined ? undefined : safeError(deps.url, error), delay }, 'LISTEN connection lost');
    retry = deps.timer.setTimeout(() => {
      retry = null;
      void connect();
    }, delay);
  };

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: deps.url, application_name: deps.name.slice(0, 63) });
    client = next;
    next.on('error', (error) => lost(next, error));
    next.on('end', () => lost(next));
    next.on('notification', (n) => {
      if (n.channel === EVENTS_CHANNEL) deps.onNotify();
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${EVENTS_CHANNEL}`);
    } catch (error) {
      lost(next, error);
      return;
    }
    if (client !== next || !state.running) {
      // Stopped (or replaced) while connecting: this connection is nobody's.
      await next.end().catch(() => undefined);
      return;
    }
    state.listening = true;
    state.attempt = 0;
    state.connections += 1;
    deps.onListening();
  };

  return {
    async start() {
      if (state.running) return;
      state.running = true;
      await connect();
    },
    async stop() {
      state.running = false;
      retry?.();
      retry = null;
      const current = client;
      client = null;
      state.listening = false;
      await current?.end().catch(() => undefined);
    },
    get listening() {
      return state.listening;
    },
    get reconnects() {
      return Math.max(0, state.connections - 1);
    },
  };
}
