import type { HubTeamStatus } from '../../../../shared/contract';
import type { Cancel, Clock } from '../../runtime/clock';
import type { Logger } from '../../runtime/logger';

/** Why a leased task stops: handed back on purpose (flush, save, then release) or lost with the connection. */
export type StopReason = 'released' | 'lost';

/** Work that runs on exactly one hub of a team at a time: started when this hub gets its lease, stopped when not. */
export interface LeasedTask {
  /** Starts the work; a rejection gives the lease back, and the next round tries again. */
  start(): Promise<void>;
  /**
   * Stops the work. On `released` it flushes and saves what the next holder resumes from; on `lost` another hub
   * may already hold the lease, so it stops writing at once and saves nothing.
   */
  stop(reason: StopReason): Promise<void>;
}

/** One peer hub as its heartbeat row says. */
export type Peer = HubTeamStatus['peers'][number];

/** Where leases are kept: PostgreSQL advisory locks for a team, or this process alone (SQLite). */
export interface LockBackend {
  /** True when other hubs share the database (PostgreSQL): leases may be held elsewhere, or lost. */
  readonly shared: boolean;
  /** Takes lease `name` if no other hub holds it; true when this hub now holds it. */
  tryAcquire(name: string): Promise<boolean>;
  release(name: string): Promise<void>;
  /** Records that this hub is alive and what it holds; rejects when the lease connection is gone. */
  heartbeat(held: ReadonlyArray<string>): Promise<void>;
  /** The other hubs on the database, with when each was last seen. */
  peers(): Promise<Peer[]>;
  /** A `select 1` with a short timeout: its latency in ms, or null when the database does not answer. */
  ping(): Promise<number | null>;
  /** Called (once per loss) when the connection holding the leases dies: every lease is gone with it. */
  onLost(listener: () => void): void;
  /** Gives every lease back and closes the connections (after `release` of each, on a graceful stop). */
  close(): Promise<void>;
}

/** The hub's leases: which leased work runs here, retried every lease period. */
export interface LeaseManager {
  readonly hubId: string;
  /** False for a lone hub (SQLite): every lease is its own, always. */
  readonly shared: boolean;
  /** Registers a task run only while this hub holds `name`; `requires`: only tried while that lease is held here. */
  add(name: string, task: LeasedTask, options?: { readonly requires?: string }): void;
  /** Runs the first round (so a lone hub holds everything when this resolves), then one round every period. */
  start(): Promise<void>;
  /** Stops every held task (`released`, last registered first), gives the leases back, closes the backend. */
  stop(): Promise<void>;
  /** The leases this hub holds now. */
  held(): string[];
  /** This hub's id, leases, peers and database reachability, for `/api/status`. */
  status(): Promise<HubTeamStatus>;
}

/** What the manager is built from. */
export interface LeaseManagerDeps {
  readonly hubId: string;
  readonly backend: LockBackend;
  /** Real time: lease periods are wall-clock seconds, whatever speed hub time runs at. */
  readonly timer: Clock;
  /** How often a standby retries the leases it lacks (and a holder sends its heartbeat). */
  readonly periodMs: number;
  readonly logger: Logger;
}

interface Entry {
  readonly name: string;
  readonly task: LeasedTask;
  readonly requires: string | undefined;
}

/**
 * The lease loop. Every period (real time) it first takes the leases it lacks, in registration order, then sends
 * a heartbeat on the lease connection; a failed heartbeat or a dropped connection stops every held task as `lost`
 * and the next round starts over. Rounds never overlap, so a task is never started and stopped at once.
 */
export function createLeaseManager(deps: LeaseManagerDeps): LeaseManager {
  const log = deps.logger.child({ module: 'lease', hubId: deps.hubId });
  const entries: Entry[] = [];
  const held = new Set<string>();
  let queue: Promise<void> = Promise.resolve();
  let cancel: Cancel = () => undefined;
  let running = false;
  const serial = (work: () => Promise<void>): Promise<void> => {
    const run = queue.then(work);
    queue = run.catch((e: unknown) => log.error({ err: e }, 'lease round failed'));
    return run;
  };

  const loseAll = async (): Promise<void> => {
    if (held.size === 0) return;
    log.warn({ leases: [...held] }, 'lease connection lost: stopping leased work');
    for (const entry of [...entries].reverse()) {
      if (!held.delete(entry.name)) continue;
      await entry.task.stop('lost').catch((e: unknown) => log.error({ err: e, lease: entry.name }, 'stop failed'));
    }
  };
  const acquire = async (entry: Entry): Promise<void> => {
    if (held.has(entry.name) || (entry.requires !== undefined && !held.has(entry.requires))) return;
    if (!(await deps.backend.tryAcquire(entry.name))) return;
    held.add(entry.name);
    try {
      await entry.task.start();
      log.info({ lease: entry.name }, 'lease acquired');
    } catch (e) {
      held.delete(entry.name);
      log.error({ err: e, lease: entry.name }, 'leased work failed to start; lease given back');
      await deps.backend.release(entry.name).catch(() => undefined);
    }
  };
  const round = async (): Promise<void> => {
    if (!running) return;
    try {
      for (const entry of entries) await acquire(entry);
      await deps.backend.heartbeat([...held]);
    } catch (e) {
      log.warn({ err: e }, 'lease round failed; retrying next period');
      await loseAll();
    }
  };
  const arm = (): void => {
    cancel = deps.timer.setTimeout(() => {
      void serial(round).finally(() => running && arm());
    }, deps.periodMs);
  };
  deps.backend.onLost(() => void serial(loseAll));

  return {
    hubId: deps.hubId,
    shared: deps.backend.shared,
    add: (name, task, options = {}) => void entries.push({ name, task, requires: options.requires }),
    async start() {
      if (running) return;
      running = true;
      await serial(round);
      arm();
    },
    async stop() {
      running = false;
      cancel();
      await serial(async () => {
        for (const entry of [...entries].reverse()) {
          if (!held.has(entry.name)) continue;
          await entry.task
            .stop('released')
            .catch((e: unknown) => log.error({ err: e, lease: entry.name }, 'stop failed'));
          held.delete(entry.name);
          await deps.backend.release(entry.name).catch(() => undefined);
          log.info({ lease: entry.name }, 'lease released');
        }
      });
      await deps.backend.close();
    },
    held: () => [...held],
    async status() {
      // One health connection: the peers are read only once the database answered the ping.
      const latencyMs = await deps.backend.ping();
      const peers = latencyMs === null ? [] : await deps.backend.peers().catch(() => []);
      return {
        id: deps.hubId,
        leases: [...held],
        peers,
        database: { reachable: latencyMs !== null, latencyMs },
      };
    },
  };
}
