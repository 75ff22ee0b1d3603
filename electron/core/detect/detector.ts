/**
 * The online anomaly detector's contract: one global parameter set, O(1) time and memory per point.
 * `update` takes a series' state (created by `newState`), the point's timestamp (epoch ms) and value,
 * mutates the state, and returns an anomaly score in [0, 1].
 */
export interface Detector<S = unknown> {
  newState(): S;
  update(state: S, timestamp: number, value: number): number;
  /**
   * Ends a series' quiet period after an alarm early (optional): the caller has deduplicated that alarm itself,
   * e.g. the incident it raised has resolved, so the next breakdown on the series is scored at full strength.
   */
  release?(state: S): void;
}
