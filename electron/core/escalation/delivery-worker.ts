import type { Incident } from '../../../shared/incident';
import { transientDelay, type BackoffPolicy } from '../runtime/backoff';
import type { Cancel, Clock } from '../runtime/clock';
import type { CredentialVault } from '../runtime/credentials';
import type { Logger } from '../runtime/logger';
import type { OutboxEntry, Store } from '../store/repository';
import { NotificationCardSchema } from './card';
import type { EscalationConfig } from './escalation-config';
import { needsReminder, wasAcknowledged } from './routing';
import type { SendOutcome, FetchLike } from './send-http';
import { sendToTarget, type SmtpTransportFactory } from './targets';

/** What the worker is built from. */
export interface WorkerDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly vault: CredentialVault;
  readonly config: EscalationConfig;
  readonly fetch: FetchLike;
  readonly smtp: SmtpTransportFactory;
  readonly random: () => number;
  readonly backoff: BackoffPolicy;
  /** The incident as it now stands, workflow included. */
  readonly loadIncident: (id: string) => Promise<Incident | null>;
}

/** A decision taken before sending: send it, wait for an earlier row, or close it unsent. */
type Gate = { kind: 'send' } | { kind: 'wait'; until: number } | { kind: 'close'; reason: string };

const ENGAGING = new Set(['opened', 'escalated', 'repeat']);

/**
 * Decides whether a due row may go now (pure). Per incident and target, rows go out in the order they were
 * queued: a resolve never overtakes a trigger still being retried. An `opened` or `repeat` not yet sent is
 * closed once someone acknowledged the incident; an acknowledge/resolve is closed when the target was never
 * actually told of the incident.
 */
export function gate(
  row: OutboxEntry,
  siblings: ReadonlyArray<OutboxEntry>,
  incident: Incident | null,
  now: number,
): Gate {
  const mine = siblings.filter((r) => r.targetId === row.targetId && r.id !== row.id);
  const earlier = mine.filter(
    (r) => r.createdAt < row.createdAt || (r.createdAt === row.createdAt && order(r) < order(row)),
  );
  const blocking = earlier.filter((r) => r.status === 'pending');
  if (blocking.length > 0)
    return { kind: 'wait', until: Math.max(now, Math.min(...blocking.map((r) => r.nextAttemptAt))) + 1 };
  const acknowledged = wasAcknowledged(siblings);
  if (row.transition === 'repeat' && (acknowledged || !incident || !needsReminder(incident, now))) {
    return { kind: 'close', reason: 'superseded: acknowledged, resolved or snoozed before the reminder went out' };
  }
  if (row.transition === 'opened' && (acknowledged || (incident && !stillNew(incident)))) {
    return { kind: 'close', reason: 'superseded: acknowledged before it went out' };
  }
  if (
    (row.transition === 'acknowledged' || row.transition === 'resolved') &&
    !earlier.some((r) => r.status === 'sent' && ENGAGING.has(r.transition))
  ) {
    return { kind: 'close', reason: 'skipped: this target was never told of the incident' };
  }
  return { kind: 'send' };
}

const TRANSITION_ORDER = ['opened', 'repeat', 'escalated', 'acknowledged', 'resolved'];
const order = (r: OutboxEntry): number => TRANSITION_ORDER.indexOf(r.transition);
const stillNew = (incident: Incident): boolean =>
  !incident.mergedInto && (incident.workflow ? incident.workflow.state === 'new' : incident.state === 'open');

/** Sends due outbox rows, one at a time, on the injected clock. */
export class DeliveryWorker {
  private timer: Cancel | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private started = false;
  private stopped = false;
  private readonly log: Logger;

  constructor(
    private readonly deps: WorkerDeps,
    /** Runs before each pass (queues reminders). */
    private readonly beforePass: () => Promise<void>,
    private readonly idleMs = 60_000,
  ) {
    this.log = deps.logger.child({ module: 'escalation' });
  }

  start(): void {
    this.started = true;
    this.stopped = false;
    this.kick();
  }

  /** Stops scheduling and waits for the pass in flight; rows it did not finish stay pending for the next start. */
  async stop(): Promise<void> {
    this.started = false;
    this.stopped = true;
    this.timer?.();
    this.timer = null;
    await this.running;
  }

  /** Resolves when no pass is in flight. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Runs a pass now (or right after the one in flight). */
  kick(): void {
    if (!this.started) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.timer?.();
    this.timer = null;
    this.running = this.pass().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.kick();
      } else void this.schedule();
    });
  }

  /** One pass: queue due reminders, then send every due row. Never throws. */
  async pass(): Promise<void> {
    try {
      await this.beforePass();
      for (;;) {
        const due = await this.deps.store.dueOutbox(this.deps.clock.now(), 20);
        if (due.length === 0 || this.stopped) break;
        for (const row of due) if (!this.stopped) await this.deliver(row);
      }
    } catch (error) {
      this.log.error({ err: error instanceof Error ? error.message : String(error) }, 'escalation pass failed');
    }
  }

  private async schedule(): Promise<void> {
    if (!this.started) return;
    const now = this.deps.clock.now();
    const next = (await this.deps.store.nextOutboxAt().catch(() => null)) ?? Infinity;
    if (!this.started) return;
    const delay = Math.max(0, Math.min(next - now, this.idleMs));
    this.timer = this.deps.clock.setTimeout(() => this.kick(), delay);
  }

  private async deliver(row: OutboxEntry): Promise<void> {
    const { store, clock } = this.deps;
    const now = clock.now();
    const decision = gate(
      row,
      await store.outboxFor(row.incidentId),
      await this.deps.loadIncident(row.incidentId),
      now,
    );
    if (decision.kind === 'wait') return store.updateOutbox(row.id, { ...row, nextAttemptAt: decision.until });
    if (decision.kind === 'close')
      return this.finish(row, row.attempts, { kind: 'permanent', message: decision.reason });
    const target = this.deps.config.targets.find((t) => t.id === row.targetId);
    const card = NotificationCardSchema.safeParse(safeJson(row.card));
    if (!target || !card.success) {
      const message = target ? 'unreadable notification card' : `target ${row.targetId} is no longer configured`;
      return this.finish(row, row.attempts, { kind: 'permanent', message });
    }
    const attempts = row.attempts + 1;
    // The attempt is counted before sending: a crash mid-send leaves the row pending, sent again on restart.
    await store.updateOutbox(row.id, { ...row, attempts, lastAttemptAt: now });
    let secrets: Readonly<Record<string, string>>;
    try {
      secrets = (await this.deps.vault.get(target.id)) ?? {};
    } catch (error) {
      // A vault error names the file and what to do about it, never a stored value.
      const message = `credential vault unreadable: ${error instanceof Error ? error.message : String(error)}`;
      return this.finish(row, attempts, { kind: 'retry', message });
    }
    const ctx = { fetch: this.deps.fetch, smtp: this.deps.smtp, now, deliveryId: row.id };
    await this.finish(row, attempts, await sendToTarget(target, secrets, card.data, ctx));
  }

  /** Records an attempt's outcome in the store, then logs it (a "sent" line means the store knows). */
  private async finish(row: OutboxEntry, attempts: number, outcome: SendOutcome): Promise<void> {
    const now = this.deps.clock.now();
    const base = { attempts, lastAttemptAt: attempts > row.attempts ? now : row.lastAttemptAt };
    const where = { incident: row.incidentId, target: row.targetId, transition: row.transition, attempts };
    if (outcome.kind === 'sent') {
      await this.deps.store.updateOutbox(row.id, { ...base, status: 'sent', nextAttemptAt: now, lastError: null });
      this.log.info(where, 'notification sent');
      return;
    }
    const lastError = outcome.message;
    if (outcome.kind === 'permanent' || attempts >= this.deps.config.maxAttempts) {
      await this.deps.store.updateOutbox(row.id, { ...base, status: 'failed', nextAttemptAt: now, lastError });
      this.log.warn({ ...where, reason: lastError }, 'notification not sent');
      return;
    }
    const delay = Math.max(
      1000,
      transientDelay(attempts - 1, this.deps.random, outcome.retryAfterMs, this.deps.backoff),
    );
    await this.deps.store.updateOutbox(row.id, { ...base, status: 'pending', nextAttemptAt: now + delay, lastError });
    this.log.info({ ...where, reason: lastError, retryInMs: delay }, 'notification will be retried');
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
