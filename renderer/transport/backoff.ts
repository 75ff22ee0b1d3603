import { backoffDelay } from '../../shared/backoff';

/** The wall's reconnect schedule: the ceiling doubles from `baseMs` up to `maxMs`. */
export interface ReconnectPolicy {
  readonly baseMs: number;
  readonly maxMs: number;
}

/** The wall's default: within 0.5–1 s, then 1–2 s, 2–4 s... up to 15–30 s. */
export const DEFAULT_RECONNECT: ReconnectPolicy = { baseMs: 1_000, maxMs: 30_000 };

/**
 * Delay before reconnect attempt `attempt` (1-based): the shared backoff with its floor at half the ceiling,
 * so a wall never reconnects in a hot loop however the random draw falls. `random` in [0, 1) is injected.
 */
export function reconnectDelay(attempt: number, policy: ReconnectPolicy, random: number): number {
  return backoffDelay(attempt - 1, () => random, { baseMs: policy.baseMs, capMs: policy.maxMs, floorRatio: 0.5 });
}
