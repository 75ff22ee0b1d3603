import type { Result } from '../../../../shared/result';
import type { StoreChoice } from '../../boot/open-store';
import type { Logger } from '../../runtime/logger';
import { createFanout, type FanoutOptions } from './fanout';
import type { TeamLink } from './port';

/** What a host or test may set on the fan-out; the database and logger come from the hub. */
export type FanoutTuning = Omit<FanoutOptions, 'url' | 'logger'>;

/**
 * The core's `team` option for the chosen store: a fan-out on a PostgreSQL store (any number of hubs may share
 * it), none on SQLite (an embedded hub is alone on its file; its `team_events` table stays empty).
 */
export function teamFanout(
  choice: Result<StoreChoice>,
  logger: Logger,
  tuning: FanoutTuning = {},
): { team?: TeamLink } {
  if (!choice.ok || choice.value.kind !== 'postgres') return {};
  return { team: createFanout({ ...tuning, url: choice.value.url, logger }) };
}
