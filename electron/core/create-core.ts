import type { RawMention } from '../../shared/mention';
import type { SourceHealth } from '../../shared/source-health';
import type { HubStatus, SourceView } from '../../shared/contract';
import { appError, err, ok } from '../../shared/result';
import { VERSION } from '../../shared/version';
import { buildSnapshot, runCommand, type CommandContext } from './api/commands';
import type { Connector } from './connectors/connector';
import type { Core, CoreApi, DetectionPort, SourceRunnerPort } from './core-types';
import { normalizeMention } from './pipeline/normalize';
import type { Enricher } from './pipeline/enrich/enricher';
import { systemClock, type Cancel, type Clock } from './runtime/clock';
import type { CredentialVault } from './runtime/credentials';
import { EventBatcher, type PendingDelta } from './runtime/event-batcher';
import { EventBus } from './runtime/event-bus';
import type { Logger } from './runtime/logger';
import type { CommitResult, Store } from './store/repository';

/** A configured source as the core runs it. */
export interface SourceBinding {
  readonly connector: Connector;
  readonly credentialFields: ReadonlyArray<string>;
  /** Pay-per-use spend, where the source has one (X). */
  readonly spend?: () => SourceView['spend'];
}

/** What the core needs to run a source; matches the runtime poller's options. */
export interface RunnerOptions {
  readonly connector: Connector;
  readonly clock: Clock;
  readonly logger: Logger;
  loadCursor(): Promise<string | null>;
  commit(items: ReadonlyArray<RawMention>, cursor: string | null): Promise<void>;
  onHealth(health: SourceHealth): void;
}

/** Everything the core is built from: injected, so tests run it on a manual clock and a memory store. */
export interface CoreDeps {
  /** Hub time; may run faster than real time (demo, replay) or manually (tests). */
  readonly clock: Clock;
  /** Real-time timer for batching client deltas; defaults to the system clock. */
  readonly uiTimer?: Clock;
  readonly store: Store;
  readonly logger: Logger;
  readonly enricher: Enricher;
  readonly vault: CredentialVault;
  readonly sources: ReadonlyArray<SourceBinding>;
  readonly createRunner: (options: RunnerOptions) => SourceRunnerPort;
  readonly detection?: DetectionPort;
  /** Watchlist for a mention its source did not attribute. */
  readonly watchlistFor: (text: string) => string;
  readonly retentionDays: number;
  readonly mode?: HubStatus['mode'];
}

const DAY = 24 * 60 * 60_000;
const DETECTION_STATE_KEY = 'detection';

/** Builds the hub core: sources -> normalize -> enrich -> store -> series -> detect -> events. */
export function createCore(deps: CoreDeps): Core {
  const events = new EventBus();
  const log = deps.logger.child({ module: 'core' });
  const startedAt = Date.now();
  const runners = new Map<string, SourceRunnerPort>();
  const timers: Cancel[] = [];
  let mentionCount = 0;
  let running = false;

  const batcher = new EventBatcher(deps.uiTimer ?? systemClock(), 250, (delta) => void publish(delta));

  async function publish(delta: PendingDelta): Promise<void> {
    if (delta.mentions.length > 0) events.emit({ name: 'mentions:batch', payload: { mentions: [...delta.mentions] } });
    const first = delta.minutes[0];
    const last = delta.minutes[delta.minutes.length - 1];
    if (first !== undefined && last !== undefined) {
      const points = await deps.store.volumeSeries(first, last);
      const touched = new Set(delta.minutes);
      events.emit({ name: 'series:update', payload: { points: points.filter((p) => touched.has(p.minute)) } });
    }
    events.emit({ name: 'clock:tick', payload: { now: deps.clock.now() } });
  }

  async function commit(sourceId: string, items: ReadonlyArray<RawMention>, cursor: string | null): Promise<CommitResult> {
    const receivedAt = deps.clock.now();
    const ctx = { sourceId, receivedAt, watchlistFor: deps.watchlistFor, enricher: deps.enricher };
    const mentions = items.map((raw) => normalizeMention(raw, ctx));
    const result = await deps.store.commitBatch(sourceId, mentions, cursor);
    mentionCount += result.inserted.length;
    if (result.inserted.length > 0) {
      deps.detection?.ingest(result.inserted);
      batcher.add(result.inserted);
    }
    return result;
  }

  const healthOf = (): SourceHealth[] => [...runners.values()].map((r) => r.health());

  async function status(): Promise<HubStatus> {
    return {
      version: VERSION,
      uptime: Math.round((Date.now() - startedAt) / 1000),
      mentions: mentionCount,
      sources: healthOf(),
      mode: deps.mode ?? 'embedded',
    };
  }

  function sourceViews(): SourceView[] {
    return deps.sources.map(({ connector, credentialFields, spend }) => ({
      sourceId: connector.id,
      kind: connector.kind,
      label: connector.label,
      enabled: runners.has(connector.id),
      credentialFields: [...credentialFields],
      configured: configured.get(connector.id) ?? credentialFields.length === 0,
      spend: spend?.() ?? null,
    }));
  }

  const configured = new Map<string, boolean>();
  async function refreshConfigured(binding: SourceBinding): Promise<void> {
    const stored = await deps.vault.get(binding.connector.id);
    configured.set(binding.connector.id, binding.credentialFields.every((f) => Boolean(stored?.[f])));
  }

  const commandContext: CommandContext = {
    store: deps.store,
    now: () => deps.clock.now(),
    status,
    incidents: async () => deps.store.listIncidents({ limit: 100 }),
    sources: sourceViews,
    async testSource(sourceId) {
      const binding = deps.sources.find((s) => s.connector.id === sourceId);
      if (!binding) return { ok: false, message: `No source "${sourceId}".` };
      return testConnection(binding.connector, deps.clock.now());
    },
    async setCredentials(sourceId, values) {
      const binding = deps.sources.find((s) => s.connector.id === sourceId);
      if (!binding) return err(appError('unknown-source', `No source "${sourceId}".`));
      const unknown = Object.keys(values).filter((k) => !binding.credentialFields.includes(k));
      if (unknown.length > 0) return err(appError('invalid-request', `Unknown credential field(s): ${unknown.join(', ')}.`));
      await deps.vault.set(sourceId, values);
      await refreshConfigured(binding);
      return ok({ configured: configured.get(sourceId) ?? false });
    },
  };

  function scheduleMinuteTick(): void {
    const now = deps.clock.now();
    const delay = 60_000 - (now % 60_000) + 1_000;
    timers.push(deps.clock.setTimeout(() => void minuteTick().finally(() => running && scheduleMinuteTick()), delay));
  }

  async function minuteTick(): Promise<void> {
    const detection = deps.detection;
    if (!detection) return;
    const changed = detection.tick(deps.clock.now());
    for (const incident of changed) await deps.store.saveIncident(incident);
    if (changed.length > 0) events.emit({ name: 'incidents:changed', payload: { incidents: [...changed] } });
    await deps.store.setState(DETECTION_STATE_KEY, detection.exportState());
  }

  function scheduleRetention(): void {
    timers.push(
      deps.clock.setTimeout(() => {
        void deps.store
          .prune(deps.clock.now() - deps.retentionDays * DAY)
          .then((n) => n > 0 && log.info({ pruned: n }, 'retention pruned old mentions'))
          .finally(() => running && scheduleRetention());
      }, 60 * 60_000),
    );
  }

  const api: CoreApi = {
    invoke: (name, payload) => runCommand(commandContext, name, payload),
    status,
    commit,
    flush: () => batcher.flush(),
    sources: sourceViews,
  };

  return {
    api,
    events,
    async start() {
      if (running) return;
      running = true;
      mentionCount = await deps.store.countMentions();
      const saved = await deps.store.getState<unknown>(DETECTION_STATE_KEY);
      if (saved !== null) deps.detection?.importState(saved);
      await Promise.all(deps.sources.map(refreshConfigured));
      for (const binding of deps.sources) startSource(binding);
      scheduleMinuteTick();
      scheduleRetention();
      events.emit({ name: 'snapshot', payload: await buildSnapshot(commandContext) });
      log.info({ sources: runners.size, mentions: mentionCount }, 'core started');
    },
    async stop() {
      if (!running) return;
      running = false;
      for (const cancel of timers.splice(0)) cancel();
      await Promise.all([...runners.values()].map((r) => r.stop()));
      await Promise.all(deps.sources.map((s) => s.connector.stop?.()));
      runners.clear();
      batcher.flush();
      batcher.stop();
      if (deps.detection) await deps.store.setState(DETECTION_STATE_KEY, deps.detection.exportState());
      log.info('core stopped');
    },
  };

  function startSource(binding: SourceBinding): void {
    const { connector } = binding;
    const runner = deps.createRunner({
      connector,
      clock: deps.clock,
      logger: deps.logger.child({ module: 'source', sourceId: connector.id }),
      loadCursor: () => deps.store.getCursor(connector.id),
      commit: async (items, cursor) => {
        await commit(connector.id, items, cursor);
      },
      onHealth: () => events.emit({ name: 'sources:health', payload: { sources: healthOf() } }),
    });
    runners.set(connector.id, runner);
    runner.start();
  }
}

/** One poll against the source with its stored credentials, committing nothing. */
async function testConnection(connector: Connector, now: number): Promise<{ ok: boolean; message: string }> {
  const controller = new AbortController();
  const timeout = setTimeout(() => controller.abort(), 20_000);
  try {
    const outcome = await connector.poll({ signal: controller.signal, now, cursor: null });
    switch (outcome.kind) {
      case 'ok':
        return { ok: true, message: `Connected: ${outcome.items.length} item(s) on the first page.` };
      case 'rate-limited':
        return { ok: true, message: `Connected, but rate-limited until ${new Date(outcome.until).toISOString()}.` };
      case 'auth-error':
      case 'transient':
      case 'config-error':
        return { ok: false, message: outcome.message };
    }
  } finally {
    clearTimeout(timeout);
  }
}
