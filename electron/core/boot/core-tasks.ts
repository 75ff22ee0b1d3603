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
import type { DataTimeReader, MinuteAggregator } from '../pipeline/minute-aggregator';
import type { WorkflowService } from '../workflow/service';
import type { EscalationPort } from '../escalation/port';
import type { LeaseManager } from '../team/lease/lease-manager';
import type { CoreDeps, SourceBinding } from './create-core';

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

/**
 * In a team, the detector's state is also saved as soon as detection opens an incident this hub had not seen:
 * a hub killed before its next periodic save leaves its successor a state that already knows the incident (and
 * its id sequence), so the successor neither opens it again nor reuses its id. Alone, it does nothing.
 */
export function saveOnNewIncident(deps: CoreDeps, shared: boolean) {
  const known = new Set<string>();
  return async (changed: ReadonlyArray<Incident>): Promise<void> => {
    const fresh = changed.filter((i) => !known.has(i.id));
    if (!shared || !deps.detection || fresh.length === 0) return;
    for (const incident of fresh) known.add(incident.id);
    await saveDetection(deps.store, deps.detection);
  };
}

/** The core's parts the leased work starts and stops. */
export interface LeaseWorkContext {
  readonly deps: CoreDeps;
  readonly log: Logger;
  readonly warnings: string[];
  /** Whether detection runs here (read by the commit path's gate). */
  readonly detector: { held: boolean };
  readonly escalation: Pick<EscalationPort, 'start' | 'stop'>;
  readonly sla: { arm(): void; cancel(): void };
  /** Reads the open workflows again: people on other hubs changed them while this one was standing by. */
  reloadWorkflows(): Promise<void>;
  /** Resolves when the incident writes in flight are done. */
  settled(): Promise<void>;
  armDetect(): void;
  cancelDetect(): void;
  startSource(binding: SourceBinding): void;
  stopSource(id: string): Promise<void>;
}

/**
 * Registers the work that runs on one hub of a team at a time: the detector (incident engine, its minute feed,
 * the SLA timer), the escalation outbox worker, and each source's poller. Sources follow the detector (`requires`),
 * so the hub that scores posts is the one that polls them; the outbox worker may run on any one hub. Taking the
 * detector restores the engine state the previous holder saved; handing it back saves it; losing it (the lease
 * connection died: another hub may hold it already) saves nothing. A source resumes from its committed cursor
 * (a new runner loads it).
 */
export function leaseWork(leases: LeaseManager, c: LeaseWorkContext): void {
  let acquisitions = 0;
  leases.add('detector', {
    async start() {
      if (acquisitions++ > 0) await c.reloadWorkflows();
      await restoreDetection(c.deps, c.log, c.warnings);
      c.detector.held = true;
      c.armDetect();
      c.sla.arm();
    },
    async stop(reason) {
      c.cancelDetect();
      c.sla.cancel();
      c.detector.held = !leases.shared;
      if (reason === 'lost') return;
      await c.settled();
      if (c.deps.detection) await saveDetection(c.deps.store, c.deps.detection);
    },
  });
  leases.add('escalation', { start: async () => c.escalation.start(), stop: () => c.escalation.stop() });
  for (const binding of c.deps.sources) {
    const id = binding.connector.id;
    const task = { start: async () => c.startSource(binding), stop: () => c.stopSource(id) };
    leases.add(`source:${id}`, task, { requires: 'detector' });
  }
}

/** Which sources play data on data time (replay), and whether any live one runs (no sources: live, as pushes are). */
export function dataTimeSources(sources: ReadonlyArray<SourceBinding>): {
  dataTimeOf: (sourceId: string) => DataTimeReader | undefined;
  hasLive: boolean;
} {
  const readers = new Map<string, DataTimeReader>();
  for (const { connector } of sources)
    if (connector.dataTime) readers.set(connector.id, (cursor) => connector.dataTime?.(cursor) ?? null);
  return { dataTimeOf: (id) => readers.get(id), hasLive: readers.size === 0 || readers.size < sources.length };
}

/**
 * Runs named tasks again and again, each after the period it asks for (from hub time `now`): one pending timer per
 * name in `timers`. A task stops repeating when the core stops or its timer is cancelled and removed from `timers`.
 */
export function repeater(timers: Map<string, Cancel>, running: () => boolean, now: () => number, log: Logger) {
  return (name: string, timer: Clock, periodMs: (now: number) => number, task: () => Promise<void>): void => {
    const arm = (): void => {
      const run = (): void =>
        void task()
          .catch((e: unknown) => log.error({ err: e, task: name }, 'scheduled task failed'))
          .finally(() => running() && timers.has(name) && arm());
      timers.set(name, timer.setTimeout(run, periodMs(now())));
    };
    arm();
  };
}
