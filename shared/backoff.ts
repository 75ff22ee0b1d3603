/**
 * Exponential backoff with jitter, one pure implementation for the hub (poll retries) and the wall
 * (reconnects). Attempt n's ceiling is min(cap, base · 2^n); the delay is uniform in [floor, ceiling), the
 * floor a share of the ceiling. A share of 0 is "full jitter" (AWS Architecture Blog, Exponential Backoff
 * and Jitter); 0.5 keeps every retry at least half its ceiling away. `random` is injected, in [0, 1).
 */
export interface BackoffPolicy {
  /** The ceiling of the first delay (attempt 0). */
  readonly baseMs: number;
  /** The ceiling stops doubling here: no delay reaches it. */
  readonly capMs: number;
  /** The least delay as a share of the attempt's ceiling, in [0, 1); default 0 (full jitter). */
  readonly floorRatio?: number;
}

/** The ceiling of attempt `attempt` (0 for the first retry). */
export function backoffCeiling(attempt: number, policy: BackoffPolicy): number {
  return Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(Math.max(attempt, 0), 30));
}

/** The delay before attempt `attempt` (0 for the first retry): uniform in [floor, ceiling), whole milliseconds. */
export function backoffDelay(attempt: number, random: () => number, policy: BackoffPolicy): number {
  const ceiling = backoffCeiling(attempt, policy);
  const floor = ceiling * Math.min(Math.max(policy.floorRatio ?? 0, 0), 1);
  return Math.floor(floor + random() * (ceiling - floor));
}
