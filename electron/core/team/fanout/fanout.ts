import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { createPool } from '../../store/postgres/connection';
import { systemClock, type Cancel, type Clock } from '../../runtime/clock';
import type { Logger } from '../../runtime/logger';
import type { SourceHealth } from '../../../../shared/source-health';
import { ChangeBatcher } from './change-batcher';
import { createListener } from './listener';
import { appendEvents, eventsAfter, lastSeq, mentionsByIds, pruneEvents } from './pg-events';
import { healthOf, saveHealth } from './pg-health';
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
}

/** The fan-out as the hub's status may show it. */
export interface FanoutInfo {
  readonly hubId: string;
  readonly lastSeq: number;
  readonly listening: boolean;
  readonly reconnects: number;
}

/** What a running fan-out holds: its own small pool, the core's port, and where it is in the sequence. */
interface Running {
  readonly pool: pg.Pool;
  readonly port: RemotePort;
  readonly tracker: SeqTracker;
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
  let running: Running | null = null;
  let appending: Promise<void> = Promise.resolve();
  /** The newest health of each source this hub polls, not yet saved: saved with the flush that announces it. */
  const health = new Map<string, SourceHealth>();
  const batcher = new ChangeBatcher(timer, (changes) => {
    const db = running?.pool;
    if (db === undefined) return;
    const sources = [...health.values()];
    health.clear();
    appending = appending
      .then(async () => {
        await saveHealth(db, hubId, sources, timer.now());
        await appendEvents(db, hubId, changes, timer.now());
      })
      .catch((e: unknown) => log.error({ err: e }, 'appending team events failed'));
  });
  const pull = serialPull(
    () => drain(() => running),
    (e) => log.error({ err: e }, 'reading team events failed'),
  );
  const listener = createListener({
    url: options.url,
    name: `earshot-listen ${hubId}`,
    timer,
    logger: options.logger,
    onNotify: pull,
    onListening: pull,
  });
  const timers: Cancel[] = [];
  const every = (ms: number, task: () => Promise<unknown>): void =>
    void timers.push(repeat(timer, ms, task, () => running !== null, log));

  return {
    record: (change) => batcher.add(change),
    recordHealth(source) {
      health.set(source.sourceId, source);
      batcher.add({ kind: 'health', ids: [source.sourceId] });
    },
    async start(port) {
      if (running !== null) return;
      const pool = createPool(options.url, { poolSize: 3, logger: options.logger });
      // Listening first, then the sequence's end: a row appended in between is at or below it, so nothing is
      // missed, and the first connection needs no catch-up read (the reconnections do).
      await listener.start();
      running = { pool, port, tracker: new SeqTracker(hubId, await lastSeq(pool)) };
      // Then the sources as their pollers last saw them (later changes come as events after that seq).
      port.health(await healthOf(pool, null));
      every(options.safetyPollMs ?? SAFETY_POLL_MS, async () => pull());
      every(PRUNE_EVERY_MS, () => pruneEvents(pool, timer.now() - EVENTS_KEPT_MS));
      log.info({ lastSeq: running.tracker.last }, 'team fan-out started');
    },
    async stop() {
      const was = running;
      if (was === null) return;
      batcher.flush();
      batcher.stop();
      await appending;
      running = null;
      for (const cancel of timers.splice(0)) cancel();
      await listener.stop();
      await pull.idle();
      await was.pool.end();
    },
    info: () => ({
      hubId,
      lastSeq: running?.tracker.last ?? 0,
      listening: listener.listening,
      reconnects: listener.reconnects,
    }),
  };
}

/** Reads the rows after the last seq, page by page, and applies them run by run (the seq moves after each). */
async function drain(current: () => Running | null): Promise<void> {
  for (;;) {
    const at = current();
    if (at === null) return;
    const rows = await eventsAfter(at.pool, at.tracker.last, READ_LIMIT);
    for (const run of at.tracker.runs(rows)) {
      if (current() !== at) return;
      await apply(at, run);
      at.tracker.passed(run.throughSeq);
    }
    if (rows.length < READ_LIMIT) return;
  }
}

/** One run of another hub's changes, its entities loaded by id, to the core. */
async function apply({ pool, port }: Running, run: EventRun): Promise<void> {
  if (run.ids.length === 0) return;
  if (run.kind === 'mentions') await port.mentions(await mentionsByIds(pool, run.ids));
  else if (run.kind === 'incidents') await port.incidents(run.ids);
  else if (run.kind === 'health') port.health(await healthOf(pool, run.ids));
  else await port.handled(run.ids);
}

/** Runs `task` every `ms` while `alive()`, the next run armed when the last one settled; returns its cancel. */
function repeat(timer: Clock, ms: number, task: () => Promise<unknown>, alive: () => boolean, log: Logger): Cancel {
  let cancel: Cancel = () => undefined;
  let stopped = false;
  const arm = (): void => {
    cancel = timer.setTimeout(() => {
      void task()
        .catch((e: unknown) => log.warn({ err: e }, 'team events task failed'))
        .finally(() => !stopped && alive() && arm());
    }, ms);
  };
  arm();
  return () => {
    stopped = true;
    cancel();
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
