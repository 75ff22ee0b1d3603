import type { Incident } from '../../../shared/incident';
import type { Mention } from '../../../shared/mention';
import type { Result } from '../../../shared/result';
import type { Detector } from '../detect/detector';
import type { IncidentParams } from './params';

/** What the engine needs: a detector (one state per series) and optional parameter overrides. */
export interface IncidentEngineDeps<S> {
  readonly detector: Detector<S>;
  /**
   * The detector's expected value for a point (its seasonal baseline), read before `update`. Without it the
   * engine's own slow level is the baseline, which knows no daily rhythm.
   */
  readonly explain?: (state: S, timestamp: number, value: number) => { readonly baseline: number };
  readonly params?: Partial<IncidentParams>;
}

/** The incident state machine: pure and synchronous; time comes in through `tick(now)`. */
export interface IncidentEngine {
  /** Counts mentions into their (open) minutes and keeps a bounded sample of posts for evidence. */
  ingest(mentions: ReadonlyArray<Mention>): void;
  /** Closes finished minutes, scores every series, opens/updates/resolves incidents; returns those that changed. */
  tick(now: number): ReadonlyArray<Incident>;
  /**
   * Scores the open minutes' counts so far (cheap; call it as posts arrive): a partial minute that already opens
   * an incident by the closed path's rules opens a provisional one at once. `tick` settles it when the minute
   * closes (confirmed under the same id, folded into another incident, or withdrawn). Returns the new ones.
   */
  evaluateOpen(now: number): ReadonlyArray<Incident>;
  /** Open and recently resolved incidents (merged-away ones excluded), newest first. */
  list(): ReadonlyArray<Incident>;
  /** The full state as plain JSON, for persisting across restarts. */
  exportState(): unknown;
  /** Restores a state from `exportState`, validated; on error the engine is left unchanged. */
  importState(state: unknown): Result<void>;
  /** The parameters in force. */
  readonly params: IncidentParams;
}
