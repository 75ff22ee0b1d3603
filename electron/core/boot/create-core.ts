import type { HubEvent, HubStatus } from '../../../shared/contract';
import { VERSION } from '../../../shared/version';
import { runCommand, runTypedCommand, type CommandContext } from '../api/commands';
import { createSourceAdmin } from '../api/source-admin';
import type { Incident } from '../../../shared/incident';
import type { Core, CoreApi } from '../core-types';
import { createCommitter } from '../pipeline/commit';
import { createMinuteAggregator } from '../pipeline/minute-aggregator';
import { systemClock, type Cancel } from '../runtime/clock';
import { EventBatcher } from '../runtime/event-batcher';
import { EventBus } from '../runtime/event-bus';
import type { Actor } from '../../../shared/workflow';
import type { LocalUser } from '../config';
import { silentEscalation } from '../escalation/port';
import { createWorkflowService, type WorkflowService } from '../workflow/service';
import { DEFAULT_SLA } from '../workflow/sla';
import { dataTimeSources, detectTick, leaseWork, publish, repeater, saveOnNewIncident, slaTimer } from './core-tasks';
import { openLeases } from '../team/lease/open-leases';
import { gatedDetection } from '../team/lease/gated-detection';
import { createUptimeLog, UPTIME_BEAT_MS } from '../wall/uptime-log';
import { createRemotePort, localChangeOf } from '../team/fanout/remote-port';
import { createSourceHistory } from '../wall/source-history';
import { createSourceRunners } from './source-runners';

export type { SourceBinding } from '../api/source-admin';
import type { CoreDeps } from './core-deps';

export type { CoreDeps } from './core-deps';

/** The local user when the host names none. */
export const DEFAULT_LOCAL_USER: LocalUser = { id: 'local', name: 'Local user', role: 'admin' };

/** Real-time batching interval for client deltas. */
export const DELTA_INTERVAL_MS = 250;
/** Detection runs twice a minute of hub time, so a minute is scored soon after its late-post grace ends. */
export const DETECT_TICK_MS = 30_000;
/** Real-time interval of `clock:tick` events, so walls show hub time even when nothing arrives. */
export const CLOCK_TICK_MS = 1_000;
const DAY = 24 * 60 * 60_000;
/** Detection's lateness grace when its port does not say (the incident engine's default). */
const DEFAULT_LATENESS_MINUTES = 2;

/** Builds the hub core: sources -> normalize -> enrich -> store -> series -> detect -> events. */
export function createCore(deps: CoreDeps): Core {
  const events = new EventBus();
  const log = deps.logger.child({ module: 'core' });
  /** The pending timer of each repeating task, by name: one entry per task, however long the hub runs. */
  const timers = new Map<string, Cancel>();
  const state = { mentions: 0, running: false };
  /** Health warnings raised at start (a saved detection state that could not be restored), shown in status. */
  const warnings: string[] = [];
  const detectionSaved = { at: -Infinity };
  const uiTimer = deps.uiTimer ?? systemClock();
  /** Uptime is real time (the ui timer), whatever speed hub time runs at. */
  const startedAt = uiTimer.now();
  const leases = deps.leases ?? openLeases({ url: null, store: deps.store, logger: deps.logger, timer: uiTimer });
  /** Whether this hub runs detection: always alone; in a team, while it holds the detector lease. */
  const detector = { held: !leases.shared };
  const detection = deps.detection ? gatedDetection(deps.detection, () => detector.held) : undefined;
  const handover = saveOnNewIncident(deps, leases.shared);
  /** Incident changes go through the workflow, then are announced, one batch after another: an early opening never overtakes a tick. */
  let incidentWrites: Promise<void> = Promise.resolve();
  /** Emits what happened on this hub and tells the team's other hubs (theirs come in through the remote port). */
  const emit = (event: HubEvent): void => {
    events.emit(event);
    const change = localChangeOf(event);
    if (change) deps.team?.record(change);
  };
  const announce = (changed: ReadonlyArray<Incident>): Promise<void> => {
    const write = incidentWrites.then(async () => {
      // Each change is folded into its workflow and saved there, so detection never overwrites what people did.
      const views = await workflow.detected(changed);
      if (views.length > 0) emit({ name: 'incidents:changed', payload: { incidents: views } });
      await handover(changed);
    });
    incidentWrites = write.catch((e: unknown) => log.error({ err: e }, 'saving incidents failed'));
    return write;
  };
  /** Scores the open minutes as posts arrive, so a surge opens an incident before its minute closes. */
  const detectEarly = (): void => {
    try {
      const opened = detection?.evaluateOpen?.(deps.clock.now()) ?? [];
      if (opened.length > 0) void announce(opened);
    } catch (e) {
      // A bug in the early path must not fail the commit: the closed minute still scores these posts.
      log.error({ err: e }, 'early detection failed');
    }
  };
  let publishing: Promise<void> = Promise.resolve();
  const minutes = createMinuteAggregator({
    store: deps.store,
    ...(detection ? { detection } : {}),
    ...dataTimeSources(deps.sources),
    latenessMinutes: deps.detection?.params?.latenessMinutes ?? DEFAULT_LATENESS_MINUTES,
  });
  const batcher = new EventBatcher(uiTimer, DELTA_INTERVAL_MS, (d) => {
    // Deltas go out in order, one after another; stop() waits for the last (it reads the store).
    const mentions = state.mentions;
    publishing = publishing
      .then(() => publish(deps, events, minutes, d, mentions))
      .catch((e: unknown) => log.error({ err: e }, 'publishing a delta failed'));
  });
  const policies = new Map(deps.sources.map((s) => [s.connector.id, s.connector.attribution ?? {}]));
  const commit = createCommitter({
    ...deps,
    policyFor: (sourceId) => policies.get(sourceId) ?? {},
    aggregator: minutes,
    onCommitted: (_sourceId, inserted, changed) => {
      state.mentions += inserted.length;
      if (changed.length > 0 && detector.held) void announce(changed);
      if (inserted.length === 0) return;
      deps.team?.record({ kind: 'mentions', ids: inserted.map((m) => m.id) });
      batcher.add(inserted);
      if (!minutes.dataTimeOnly) detectEarly();
    },
  });
  const sourceHistory = createSourceHistory(
    deps.store,
    deps.logger,
    deps.sources.map((s) => s.connector.id),
  );
  const runners = createSourceRunners(deps, events, sourceHistory, commit);
  const admin = createSourceAdmin(deps.sources, deps.vault, deps.clock, (id) => runners.has(id));
  const status = async (): Promise<HubStatus> => {
    const hub = await leases.status(); // first: the sources below are then those of the leases it names
    return {
      version: VERSION,
      uptime: Math.round((uiTimer.now() - startedAt) / 1000),
      mentions: state.mentions,
      sources: runners.health(),
      mode: deps.mode ?? 'embedded',
      ...(warnings.length > 0 ? { warnings: [...warnings] } : {}),
      hub,
    };
  };
  const escalation = deps.escalation ?? silentEscalation;
  const user = deps.user ?? DEFAULT_LOCAL_USER;
  const sessionActor = (desk: string): Actor => ({
    id: user.id,
    name: user.name,
    role: user.role,
    desk: desk.slice(0, 200),
  });
  const hostActor = sessionActor('hub');
  const sla = slaTimer(deps.clock, () => state.running && detector.held, log);
  const workflow: WorkflowService = createWorkflowService({
    store: deps.store,
    escalation,
    policy: deps.sla ?? DEFAULT_SLA,
    logger: deps.logger,
    now: () => deps.clock.now(),
    emit,
    onDeadlines: () => sla.arm(),
  });
  sla.bind(workflow);
  const uptime = createUptimeLog(deps.store);
  const ctx: CommandContext = {
    store: deps.store,
    uptime,
    sourceHistory,
    workflow,
    logger: log,
    now: () => deps.clock.now(),
    emit,
    status,
    series: (from, to) => minutes.range(from, to),
    incidents: () => workflow.list({ limit: 100 }),
    sources: () => admin.views(),
    testSource: (id) => admin.test(id),
    setCredentials: (id, values) => admin.setCredentials(id, values),
    exports: {
      now: () => deps.clock.now(),
      incident: (id) => workflow.get(id),
      searchMentions: deps.searchMentions ?? ((query) => deps.store.searchMentions(query)),
      ...(deps.renderPdf === undefined ? {} : { renderPdf: deps.renderPdf }),
    },
  };
  const every = repeater(
    timers,
    () => state.running,
    () => deps.clock.now(),
    log,
  );
  // Registered once: each part starts when this hub gets its lease (at once when alone) and stops when not.
  leaseWork(leases, {
    deps,
    log,
    warnings,
    detector,
    escalation,
    sla,
    reloadWorkflows: () => workflow.load(),
    settled: () => incidentWrites,
    armDetect: () =>
      every(
        'detect',
        deps.clock,
        (now) => DETECT_TICK_MS - (now % DETECT_TICK_MS) + 1_000,
        () => detectTick(deps, minutes, announce, detectionSaved),
      ),
    cancelDetect: () => void (timers.get('detect')?.(), timers.delete('detect')),
    startSource: (binding) => runners.start(binding),
    stopSource: (id) => runners.stop(id),
  });

  const api: CoreApi = {
    invoke: (name, request, actor = hostActor) => runTypedCommand(ctx, name, request, actor),
    dispatch: (name, payload, actor) => runCommand(ctx, name, payload, actor),
    sessionActor,
    status,
    commit,
    flush: () => batcher.flush(),
    settled: () => incidentWrites,
    sources: () => admin.views(),
  };

  return {
    api,
    events,
    async start() {
      if (state.running) return;
      state.running = true;
      await admin.refresh();
      await workflow.load();
      state.mentions = await deps.store.countMentions();
      // Right after the count, so another hub's posts committed in between are missed by one round trip at most.
      const incident = (id: string) => workflow.get(id);
      const counted = (n: number): void => void (state.mentions += n);
      const remote = createRemotePort({
        ...deps,
        events,
        minutes,
        incident,
        counted,
        remoteHealth: (list) => runners.remote(list),
        detects: () => detector.held,
      });
      // Posts pushed to another hub's ingest webhook are scored here while this hub holds the detector lease.
      await deps.team?.start(remote);
      await uptime.start(deps.clock.now());
      every(
        'uptime',
        deps.clock,
        () => UPTIME_BEAT_MS,
        () => uptime.beat(deps.clock.now()),
      );
      await leases.start();
      every(
        'retention',
        deps.clock,
        () => 60 * 60_000,
        async () => {
          await deps.store.prune(deps.clock.now() - deps.retentionDays * DAY);
        },
      );
      every(
        'clock',
        uiTimer,
        () => CLOCK_TICK_MS,
        async () => {
          events.emit({ name: 'clock:tick', payload: { now: deps.clock.now(), mentions: state.mentions } });
        },
      );
      log.info({ sources: runners.size, mentions: state.mentions }, 'core started');
    },
    async stop() {
      if (!state.running) return;
      state.running = false;
      for (const cancel of timers.values()) cancel();
      timers.clear();
      sla.cancel();
      // Sources stop (each runner stops its connector), then the outbox worker, then detection is settled and
      // saved, and only then are the leases given back: a peer takes over at once, from all of it.
      await leases.stop();
      await sourceHistory.close(deps.clock.now());
      batcher.flush();
      batcher.stop();
      await publishing;
      await incidentWrites;
      await deps.team?.stop();
      log.info('core stopped');
    },
  };
}
