import nodemailer from 'nodemailer';
import type { Incident } from '../../../shared/incident';
import type { Delivery } from '../../../shared/workflow';
import { DEFAULT_BACKOFF, type BackoffPolicy } from '../runtime/backoff';
import type { Clock } from '../runtime/clock';
import type { CredentialVault } from '../runtime/credentials';
import type { Logger } from '../runtime/logger';
import type { OutboxEntry, Store } from '../store/repository';
import { buildCard, type NotificationTransition } from './card';
import { DeliveryWorker } from './delivery-worker';
import { SECRET_FIELDS, type EscalationConfig } from './escalation-config';
import type { EscalationPort, Transition } from './port';
import { HOUR_MS, planRepeats, planTransition, type PlanInput, type PlannedDelivery } from './routing';
import type { FetchLike } from './send-http';
import type { MailTransport, SmtpTransportFactory } from './targets';

/** What `createEscalation` is built from (I/O injected). */
export interface EscalationDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly vault: CredentialVault;
  readonly config: EscalationConfig;
  readonly fetch?: FetchLike;
  readonly smtpTransportFactory?: SmtpTransportFactory;
  /** Jitter source in [0, 1) (tests pin it). */
  readonly random?: () => number;
  readonly backoff?: BackoffPolicy;
  /**
   * The incident as it now stands, workflow merged in (what `notify` receives); default `store.getIncident`.
   * Reminders and group wait read it to see whether someone acknowledged the incident.
   */
  readonly loadIncident?: (id: string) => Promise<Incident | null>;
  /** The longest the worker sleeps when nothing is due (it checks for reminders then). */
  readonly idleMs?: number;
}

/** The escalation port plus hooks for tests and the CLI. */
export interface Escalation extends EscalationPort {
  /** Runs one delivery pass now: queues due reminders and sends every due row. */
  runOnce(): Promise<void>;
  /** Resolves when the started worker has no pass in flight. */
  idle(): Promise<void>;
}

/** Reminders are looked for on incidents told about in this window (the longest repeat interval allowed). */
const REMINDER_LOOKBACK_MS = 7 * 24 * HOUR_MS;

/** The vault field names of every configured target: pass to `fileVault` so env-only values are found. */
export function escalationSecretFields(config: EscalationConfig): (id: string) => ReadonlyArray<string> {
  return (id) => {
    const target = config.targets.find((t) => t.id === id);
    return target ? SECRET_FIELDS[target.kind] : [];
  };
}

const defaultSmtp: SmtpTransportFactory = (options) => nodemailer.createTransport(options) as MailTransport;

/**
 * The escalation module: routes each transition to targets, queues one durable outbox row per notification
 * (INSERT OR IGNORE, before any send), and delivers them with retries on the injected clock. At least once:
 * a crash after a target accepted a notification but before the store marked it sent sends it again on
 * restart (PagerDuty folds it by `dedup_key`, webhooks carry `X-Earshot-Delivery`); a crash before sending
 * loses nothing and sends once.
 */
export function createEscalation(deps: EscalationDeps): Escalation {
  const { store, clock, config } = deps;
  const log = deps.logger.child({ module: 'escalation' });
  const kinds = new Map(config.targets.map((t) => [t.id, t.kind]));
  const loadIncident = deps.loadIncident ?? ((id: string) => store.getIncident(id));

  async function planInput(incident: Incident): Promise<PlanInput> {
    const now = clock.now();
    const history = await store.outboxFor(incident.id);
    const counts = new Map<string, number>();
    for (const t of config.targets) counts.set(t.id, await store.countOutboxSince(t.id, now - HOUR_MS));
    return { config, incident, now, history, sentLastHour: (id) => counts.get(id) ?? 0 };
  }

  async function enqueue(incident: Incident, planned: ReadonlyArray<PlannedDelivery>, now: number): Promise<number> {
    const entries = planned.flatMap((p) => {
      const kind = kinds.get(p.targetId);
      return kind ? [toEntry(incident, p, kind, now, config.wallUrl)] : [];
    });
    for (const p of planned.filter((x) => x.suppressed)) {
      log.warn(
        { incident: incident.id, target: p.targetId, transition: p.transition, reason: p.suppressed },
        'notification held back',
      );
    }
    return entries.length > 0 ? store.enqueueOutbox(entries) : 0;
  }

  async function queueReminders(): Promise<void> {
    if (!config.routes.some((r) => r.repeatIntervalMinutes !== undefined)) return;
    for (const id of await store.outboxIncidentsSince(clock.now() - REMINDER_LOOKBACK_MS)) {
      const incident = await loadIncident(id);
      if (!incident) continue;
      const input = await planInput(incident);
      await enqueue(
        incident,
        planRepeats(input, (t) => kinds.get(t) === 'pagerduty'),
        input.now,
      );
    }
  }

  const worker = new DeliveryWorker(
    {
      store,
      clock,
      logger: deps.logger,
      vault: deps.vault,
      config,
      fetch: deps.fetch ?? ((url, init) => fetch(url, init)),
      smtp: deps.smtpTransportFactory ?? defaultSmtp,
      random: deps.random ?? Math.random,
      backoff: deps.backoff ?? DEFAULT_BACKOFF,
      loadIncident,
    },
    queueReminders,
    deps.idleMs,
  );

  return {
    async notify(incident: Incident, transition: Transition) {
      if (config.targets.length === 0) return;
      try {
        const input = await planInput(incident);
        const added = await enqueue(incident, planTransition(input, transition), input.now);
        if (added > 0) worker.kick();
      } catch (error) {
        log.error(
          { incident: incident.id, transition, err: (error as Error).message },
          'could not queue notifications',
        );
      }
    },
    async deliveries(incidentId: string): Promise<ReadonlyArray<Delivery>> {
      return (await store.outboxFor(incidentId)).map(toDelivery);
    },
    start: () => worker.start(),
    stop: () => worker.stop(),
    runOnce: () => worker.pass(),
    idle: () => worker.idle(),
  };
}

/** The outbox row of one planned notification; suppressed ones are stored already failed, for the log. */
function toEntry(
  incident: Incident,
  p: PlannedDelivery,
  kind: OutboxEntry['targetKind'],
  now: number,
  wallUrl: string | undefined,
): OutboxEntry {
  const transition: NotificationTransition = p.transition;
  return {
    id: `${incident.id}:${p.targetId}:${transition}:${p.seq}`,
    incidentId: incident.id,
    targetId: p.targetId,
    targetKind: kind,
    transition,
    seq: p.seq,
    status: p.suppressed ? 'failed' : 'pending',
    attempts: 0,
    createdAt: now,
    nextAttemptAt: p.notBefore,
    lastAttemptAt: null,
    lastError: p.suppressed,
    card: JSON.stringify(buildCard(incident, transition, now, wallUrl)),
  };
}

/** A row as the incident's delivery log shows it (no secrets, no URLs, no payload). */
export function toDelivery(row: OutboxEntry): Delivery {
  return {
    targetId: row.targetId,
    targetKind: row.targetKind,
    transition: row.transition,
    status: row.status,
    attempts: row.attempts,
    createdAt: row.createdAt,
    lastAttemptAt: row.lastAttemptAt,
    lastError: row.lastError,
  };
}
