/**
 * The core's recurring work, apart from its wiring (create-core.ts): publishing deltas, the detection tick, the
 * SLA timer, and saving and restoring what the detector learned.
 */
import type { Incident } from '../../../shared/incident';
import type { DetectionPort } from '../core-types';
import type { Cancel, Clock } from '../runtime/clock';
import type { PendingDelta } from '../runtime/event-batcher';
import type { EventBus } from '../runtime/event-bus';
import type { Logger } from '../runtime/logger';
import type { Store } from '../store/repository';
import type { MinuteAggregator } from '../pipeline/minute-aggregator';
import type { WorkflowService } from '../workflow/service';
import type { CoreDeps } from './create-core';

const DETECTION_STATE_KEY = 'detection';
/** How often (hub time) the detector's learned state is persisted while running. */
const DETECTION_SAVE_EVERY_MS = 5 * 60_000;

/** Persists what the detector learned (megabytes on a busy hub). */
export async function saveDetection(store: Store, detection: DetectionPort): Promise<void> {
  await store.setState(DETECTION_STATE_KEY, detection.exportState());
}

/**
 * Restores detection's saved state. A corrupt or incompatible one is not fatal — the core starts and detection
 * learns again from scratch — but it is logged and kept as a health warning, so nobody mistakes it for learned.
 */
export async function restoreDetection(deps: CoreDeps, log: Logger, warnings: string[]): Promise<void> {
  if (!deps.detection) return;
  const saved = await deps.store.getState<unknown>(DETECTION_STATE_KEY);
  if (saved === null) return;
  const restored = deps.detection.importState(saved);
  if (restored.ok) return;
  log.warn({ code: restored.error.code, reason: restored.error.message }, 'detection state could not be restored');
  warnings.push(
    `Detection state could not be restored (${restored.error.message}); detection is learning again from scratch`,
  );
}

/** The SLA timer: one pending hub-clock timer at the earliest running deadline, re-armed whenever they change. */
export function slaTimer(clock: Clock, running: () => boolean, log: Logger) {
  let cancel: Cancel = () => undefined;
  let workflow: WorkflowService | null = null;
  const arm = (): void => {
    cancel();
    const due = workflow?.nextDeadline() ?? null;
    if (!workflow || !running() || due === null) return;
    const service = workflow;
    const fire = (): void =>
      void service
        .checkSla()
        .catch((e: unknown) => log.error({ err: e, task: 'sla' }, 'scheduled task failed'))
        .finally(arm);
    cancel = clock.setTimeout(fire, Math.max(0, due - clock.now()));
  };
  return {
    arm,
    bind: (service: WorkflowService): void => void (workflow = service),
    cancel: (): void => cancel(),
  };
}

/** Sends one batched delta: new mentions, the series minutes they touched (also by channel and topic), hub time. */
export async function publish(
  deps: CoreDeps,
  events: EventBus,
  minutes: Pick<MinuteAggregator, 'points' | 'keyed'>,
  delta: PendingDelta,
  mentions: number,
): Promise<void> {
  if (delta.mentions.length > 0) events.emit({ name: 'mentions:batch', payload: { mentions: [...delta.mentions] } });
  if (delta.minutes.length > 0) {
    const [points, keyed] = await Promise.all([minutes.points(delta.minutes), minutes.keyed(delta.minutes)]);
    events.emit({ name: 'series:update', payload: { points, ...keyed } });
  }
  events.emit({ name: 'clock:tick', payload: { now: deps.clock.now(), mentions } });
}

/**
 * Every half-minute of hub time: the aggregator closes the minutes every source's data has passed (settling early
 * openings), detection looks at the open minutes again (not on a replay-only hub: that would depend on when this
 * timer fired), incidents change, state is persisted.
 */
export async function detectTick(
  deps: CoreDeps,
  minutes: Pick<MinuteAggregator, 'close' | 'dataTimeOnly'>,
  announce: (changed: ReadonlyArray<Incident>) => Promise<void>,
  saved: { at: number },
): Promise<void> {
  const detection = deps.detection;
  if (!detection) return;
  const now = deps.clock.now();
  const early = minutes.dataTimeOnly ? [] : (detection.evaluateOpen?.(now) ?? []);
  const changed = [...minutes.close(now), ...early];
  if (changed.length > 0) await announce(changed);
  // The learned state is megabytes on a busy hub: saved every few minutes (and at stop); incidents are saved above.
  if (now - saved.at >= DETECTION_SAVE_EVERY_MS) {
    saved.at = now;
    await saveDetection(deps.store, detection);
  }
}
