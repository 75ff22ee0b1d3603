import { z } from 'zod';
import type { Severity } from '../../../shared/severity';
import type { Workflow } from '../../../shared/workflow';
import { MINUTE_MS } from '../../../shared/series';

const Minutes = z
  .number()
  .positive()
  .max(60 * 24 * 365)
  .nullable();

/** One severity's targets, in minutes from opening; null: no target (informational). */
export const SlaTargetSchema = z.object({ acknowledgeMinutes: Minutes, resolveMinutes: Minutes }).strict();
export type SlaTarget = z.infer<typeof SlaTargetSchema>;

/** The SLA per severity. */
export type SlaPolicy = { readonly [S in Severity]: SlaTarget };

/** PRODUCT.md's defaults: P1 5 min / 2 h, P2 15 min / 4 h, P3 1 h / 1 day, P4 informational. */
export const DEFAULT_SLA: SlaPolicy = {
  P1: { acknowledgeMinutes: 5, resolveMinutes: 120 },
  P2: { acknowledgeMinutes: 15, resolveMinutes: 240 },
  P3: { acknowledgeMinutes: 60, resolveMinutes: 1440 },
  P4: { acknowledgeMinutes: null, resolveMinutes: null },
};

/** The config file's `sla`: any severity, any field, over the defaults. */
export const SlaConfigSchema = z
  .object({
    P1: SlaTargetSchema.partial().optional(),
    P2: SlaTargetSchema.partial().optional(),
    P3: SlaTargetSchema.partial().optional(),
    P4: SlaTargetSchema.partial().optional(),
  })
  .strict();
export type SlaConfig = z.infer<typeof SlaConfigSchema>;

/** The policy in force: the config's targets over the defaults. */
export function slaPolicy(config: SlaConfig = {}): SlaPolicy {
  const pick = (s: Severity): SlaTarget => ({ ...DEFAULT_SLA[s], ...config[s] });
  return { P1: pick('P1'), P2: pick('P2'), P3: pick('P3'), P4: pick('P4') };
}

const plus = (at: number, minutes: number | null): number | null =>
  minutes === null ? null : at + Math.round(minutes * MINUTE_MS);

/** The deadlines of an incident of `severity` opened at `openedAt`. */
export function slaDeadlines(policy: SlaPolicy, severity: Severity, openedAt: number): Workflow['sla'] {
  const target = policy[severity];
  return {
    acknowledgeBy: plus(openedAt, target.acknowledgeMinutes),
    resolveBy: plus(openedAt, target.resolveMinutes),
    acknowledgeBreachedAt: null,
    resolveBreachedAt: null,
  };
}

const sooner = (a: number | null, b: number | null): number | null =>
  a === null ? b : b === null ? a : Math.min(a, b);

/**
 * Deadlines after detection raised the severity at `now`: the new severity's clock starts now, and a
 * deadline is never pushed later than it already was (a raise can only make people hurry).
 */
export function tightenSla(sla: Workflow['sla'], policy: SlaPolicy, severity: Severity, now: number): Workflow['sla'] {
  const target = policy[severity];
  return {
    ...sla,
    acknowledgeBy:
      sla.acknowledgeBreachedAt === null
        ? sooner(sla.acknowledgeBy, plus(now, target.acknowledgeMinutes))
        : sla.acknowledgeBy,
    resolveBy: sla.resolveBreachedAt === null ? sooner(sla.resolveBy, plus(now, target.resolveMinutes)) : sla.resolveBy,
  };
}

/** An SLA deadline still running: not met and not yet breached. */
export interface PendingDeadline {
  readonly kind: 'acknowledge' | 'resolve';
  readonly dueAt: number;
}

/** The deadlines of `wf` still running (none once resolved or merged). */
export function pendingDeadlines(wf: Workflow): PendingDeadline[] {
  if (wf.state === 'resolved' || wf.mergedInto !== null) return [];
  const out: PendingDeadline[] = [];
  const { sla } = wf;
  if (sla.acknowledgeBy !== null && wf.acknowledgedAt === null && sla.acknowledgeBreachedAt === null)
    out.push({ kind: 'acknowledge', dueAt: sla.acknowledgeBy });
  if (sla.resolveBy !== null && wf.resolvedAt === null && sla.resolveBreachedAt === null)
    out.push({ kind: 'resolve', dueAt: sla.resolveBy });
  return out;
}

/** The earliest running deadline of `wf`, or null. */
export function nextDeadline(wf: Workflow): number | null {
  return pendingDeadlines(wf).reduce<number | null>((min, d) => sooner(min, d.dueAt), null);
}

/** The longest target of the policy, in ms: how far back a breach in a period can come from. */
export function longestTargetMs(policy: SlaPolicy): number {
  const all = Object.values(policy).flatMap((t) => [t.acknowledgeMinutes ?? 0, t.resolveMinutes ?? 0]);
  return Math.max(0, ...all) * MINUTE_MS;
}

/** One deadline that passed. */
export interface Breach {
  readonly kind: 'acknowledge' | 'resolve';
  readonly dueAt: number;
}

/** Marks every running deadline due at or before `now` as breached at `now`; each breaches once. Pure. */
export function breachDue(wf: Workflow, now: number): { readonly workflow: Workflow; readonly breaches: Breach[] } {
  const breaches = pendingDeadlines(wf).filter((d) => d.dueAt <= now);
  if (breaches.length === 0) return { workflow: wf, breaches };
  const sla = { ...wf.sla };
  for (const b of breaches) {
    if (b.kind === 'acknowledge') sla.acknowledgeBreachedAt = now;
    else sla.resolveBreachedAt = now;
  }
  return { workflow: { ...wf, sla }, breaches };
}
