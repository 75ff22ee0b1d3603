import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { systemClock, type Clock } from '../../runtime/clock';
import type { Logger } from '../../runtime/logger';
import type { Store } from '../../store/repository';
import { advisoryLocks } from './advisory-locks';
import { createLeaseManager, type LeaseManager } from './lease-manager';
import { localLocks } from './local-locks';

/** How often a standby hub retries the leases it lacks, by default (`team.leasePeriodMs`). */
export const DEFAULT_LEASE_PERIOD_MS = 5_000;

/** What a hub's leases are opened with. */
export interface OpenLeasesOptions {
  /** The team database's URL, or null for a lone hub on SQLite. */
  readonly url: string | null;
  /** The store: a lone hub's database probe. */
  readonly store: Pick<Store, 'getState'>;
  readonly logger: Logger;
  /** `team.hubId`; default the host name, the process id and a random suffix (unique per start). */
  readonly hubId?: string;
  readonly periodMs?: number;
  /** Real time (default the system clock). */
  readonly timer?: Clock;
}

/** A hub's id when the config names none: readable in `/api/status`, unique per start. */
export function defaultHubId(): string {
  return `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
}

/**
 * The hub's lease manager: PostgreSQL advisory locks for a team database, else the local backend that grants
 * every lease at once (a lone hub behaves exactly as before leases existed).
 */
export function openLeases(options: OpenLeasesOptions): LeaseManager {
  const hubId = options.hubId ?? defaultHubId();
  const periodMs = options.periodMs ?? DEFAULT_LEASE_PERIOD_MS;
  const timer = options.timer ?? systemClock();
  const backend =
    options.url === null
      ? localLocks(() => options.store.getState('hub:probe'))
      : advisoryLocks({
          url: options.url,
          hubId,
          host: hostname(),
          startedAt: Date.now(),
          periodMs,
          logger: options.logger,
        });
  return createLeaseManager({ hubId, backend, timer, periodMs, logger: options.logger });
}
