import { join } from 'node:path';
import { POSTGRES_URL, type HubConfig } from '../config';
import type { Clock } from '../runtime/clock';
import type { Logger } from '../runtime/logger';
import { openPostgresStore } from '../store/postgres/postgres-store';
import { redactUrl, safeError } from '../store/postgres/connection';
import type { Store } from '../store/repository';
import { openSqliteStore } from '../store/sqlite/sqlite-store';
import { appError, err, errorMessage, ok, type Result } from '../../../shared/result';

/** Which store a hub runs on: the embedded SQLite file (the default) or a team database. */
export type StoreChoice =
  { readonly kind: 'sqlite'; readonly file: string } | { readonly kind: 'postgres'; readonly url: string };

/**
 * The store the environment and config ask for: DATABASE_URL if set (not empty), else the config's `store.url`,
 * else SQLite at DATA_DIR/earshot.db. A DATABASE_URL that is not a postgres:// URL is an error, not ignored; the
 * message never quotes it (it may hold a password).
 */
export function chooseStore(
  configured: HubConfig['store'],
  env: NodeJS.ProcessEnv,
  dataDir: string,
): Result<StoreChoice> {
  const fromEnv = env.DATABASE_URL?.trim();
  if (fromEnv) {
    return POSTGRES_URL.test(fromEnv)
      ? ok({ kind: 'postgres', url: fromEnv })
      : err(appError('invalid-config', 'DATABASE_URL must be a postgres:// or postgresql:// URL'));
  }
  if (configured.url !== undefined) return ok({ kind: 'postgres', url: configured.url });
  return ok({ kind: 'sqlite', file: join(dataDir, 'earshot.db') });
}

/** Where the store is, as it may be printed or logged (a URL's password replaced by `***`). */
export function describeStore(choice: StoreChoice): string {
  return choice.kind === 'sqlite' ? choice.file : redactUrl(choice.url);
}

/** What opening a store needs from the hub. */
export interface OpenStoreDeps {
  readonly clock: Pick<Clock, 'now'>;
  readonly logger?: Logger;
}

/**
 * The one store factory: opens (creating and migrating if needed) the chosen store. Bookkeeping timestamps use
 * hub time. Failure is a Result whose message names the store without a password.
 */
export async function openStore(choice: StoreChoice, deps: OpenStoreDeps): Promise<Result<Store>> {
  const now = (): number => deps.clock.now();
  try {
    if (choice.kind === 'sqlite') return ok(await openSqliteStore(choice.file, { now }));
    return ok(await openPostgresStore(choice.url, { now, ...(deps.logger ? { logger: deps.logger } : {}) }));
  } catch (error) {
    // openPostgresStore's own message already names the database (redacted); scrubbed again all the same.
    const message =
      choice.kind === 'postgres'
        ? safeError(choice.url, error).message
        : `Cannot open the database at ${choice.file}: ${errorMessage(error)}`;
    return err(appError('store-unavailable', message));
  }
}
