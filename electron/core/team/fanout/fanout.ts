import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { createPool } from '../../store/postgres/connection';
import { systemClock, type Cancel, type Clock } from '../../runtime/clock';
import type { Logger } from '../../runtime/logger';
import { ChangeBatcher } from './change-batcher';
import { createListener } from './listener';
import { appendEvents, eventsAfter, lastSeq, mentionsByIds, pruneEvents } from './pg-events';
import type { RemotePort, TeamLink } from './port';
import { SeqTracker, type EventRun } from './seq-tracker';

/** The safety poll: a notification lost between a connection's death and its replacement is read within this. */
export const SAFETY_POLL_MS = 3_000;
/** Events are kept a day: a hub offline longer starts again from its store (it reads it at start anyway). */
export const EVENTS_KEPT_MS = 24 * 60 * 60_000;
const PRUNE_EVERY_MS = 10 * 60_000;
const READ_LIMIT = 500;

/** What the fan-out is built from; all but the URL and logger have defaults. */
export interface FanoutOptions {
  /** The team database (the store's). */
  readonly url: string;
  readonly logger: Logger;
  /** This hub's id in the events it writes (default: a fresh random one per start). */
  readonly hubId?: string;
  /** Real time: flushes, the safety poll, reconnects, pruning (default: the system clock). */
  readonly timer?: Clock;
  readonly safetyPollMs?: number;
  /**
   * Whether another hub's mentions go to this hub's detector too (default never: each hub detects on what it
   * committed). The detector's lease answers true on the one hub that runs detection for the team.
   */
  readonly detectRemote?: () => boolean;
}

/** The fan-out as the hub's status may show it. */
export interface FanoutInfo {
  readonly hubId: string;
  readonly lastSeq: number;
  readonly listening: boolean;
  readonly reconnects: number;
}

/**
 * Team mode's live fan-out between hubs on one PostgreSQL database. What this hub commits is appended to the
 * events table (one row per kind per ~100 ms) and announced with NOTIFY; what the other hubs append is read by
 * seq — on a notification, on (re)connecting the LISTEN connection, and every few seconds for safety — and its
 * entities, loaded from the store by id, go to the core's `RemotePort`, which publishes them to this hub's clients.
 */
export function createFanout(options: FanoutOptions): TeamLink & { info(): FanoutInfo } {
  const hubId = options.hubId ?? randomUUID();
  const timer = options.timer ?? systemClock();
  const log = options.logger.child({ module: 'fanout', hubId });
  const detectRemote = options.detectRemote ?? (() => false);
  let pool: pg.Pool | null = null;
  let port: RemotePort | null = null;
  let tracker = new SeqTracker(hubId, 0);
  const timers = new Map<string, Cancel>();
  const state = { running: false };
  let appending: Promise<void> = Promise.resolve();
  const batcher = new ChangeBatcher(timer, (changes) => {
    const db = pool;
    if (db === null) return;
    appending = appending
      .then(async () => void (await appendEvents(db, hubId, changes, timer.now())))
      .catch((e: unknown) => log.error({ err: e }, 'appending team events failed'));
  });

  const apply = async (db: pg.Pool, to: RemotePort, run: EventRun): Promise<void> => {
    if (run.ids.length === 0) return;
    if (run.kind === 'mentions') await to.mentions(await mentionsByIds(db, run.ids), detectRemote());
    else if (run.kind === 'incidents') await to.incidents(run.ids);
    else await to.handled(run.ids);
  };
  const drain = async (): Promise<void> => {
    for (;;) {
      const db = pool;
      const to = port;
      if (db === null || to === null || !state.running) return;
      const rows = await eventsAfter(db, tracker.last, READ_LIMIT);
      for (const run of tracker.runs(rows)) {
        await apply(db, to, run);
        tracker.passed(run.throughSeq);
      }
      if (rows.length < READ_LIMIT) return;
    }
  };
  const pull = serialPull(drain, (e) => log.error({ err: e }, 'reading team events failed'));
  const listener = createListener({
    url: options.url,
    name: `earshot-listen ${hubId}`,
    timer,
    logger: options.logger,
    onNotify: pull,
    onListening: pull,
  });
  const every = (name: string, ms: number, task: () => Promise<unknown>): void => {
    const arm = (): void => {
      timers.set(
        name,
        timer.setTimeout(() => {
          void task()
            .catch((e: unknown) => log.warn({ err: e, task: name }, 'team events task failed'))
            .finally(() => state.running && arm());
        }, ms),
      );
    };
    arm();
  };

  return {
    record: (change) => batcher.add(change),
    async start(to) {
      if (state.running) return;
      pool = createPool(options.url, { poolSize: 3, logger: options.logger });
      tracker = new SeqTracker(hubId, await lastSeq(pool));
      port = to;
      state.running = true;
      await listener.start();
      every('poll', options.safetyPollMs ?? SAFETY_POLL_MS, async () => pull());
      every('prune', PRUNE_EVERY_MS, async () => pool && pruneEvents(pool, timer.now() - EVENTS_KEPT_MS));
      log.info({ lastSeq: tracker.last }, 'team fan-out started');
    },
    async stop() {
      if (!state.running) return;
      batcher.flush();
      batcher.stop();
      await appending;
      state.running = false;
      for (const cancel of timers.values()) cancel();
      timers.clear();
      await listener.stop();
      await pull.idle();
      await pool?.end();
      pool = null;
      port = null;
    },
    info: () => ({ hubId, lastSeq: tracker.last, listening: listener.listening, reconnects: listener.reconnects }),
  };
}

/**
 * One reader at a time: a call while a read runs asks for one more read after it (a notification arriving
 * mid-read may be for a row the read already missed), never for a second concurrent one.
 */
function serialPull(
  read: () => Promise<void>,
  onError: (e: unknown) => void,
): (() => void) & { idle(): Promise<void> } {
  let running: Promise<void> | null = null;
  let again = false;
  const pull = (): void => {
    if (running !== null) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        await read().catch(onError);
      } while (again);
    })().finally(() => {
      running = null;
    });
  };
  return Object.assign(pull, { idle: async () => void (await running) });
}
