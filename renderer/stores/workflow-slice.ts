import type { StateCreator } from 'zustand/vanilla';
import type { EventPayload } from '../../shared/contract';
import type { Incident } from '../../shared/incident';
import type { Actor } from '../../shared/workflow';
import { mergeIncidents } from './incidents-slice';
import type { WallState } from './wall-state';

/**
 * One SLA deadline that passed, as the hub reported it, with the incident's title when it arrived: the notice still
 * names the incident after it has left the wall.
 */
export type SlaBreach = EventPayload<'incident:sla-breach'> & { readonly title?: string };

/** The wall keeps this many recent breaches, newest first. */
export const MAX_RECENT_BREACHES = 20;

/** Where one incident's last command stands: running, failed with a readable reason, or idle. */
export interface ActionState {
  /** The command running now (e.g. `incident:acknowledge`), or null. */
  readonly pending: string | null;
  /** Why the last command failed (`forbidden: …`), with its name, or null. */
  readonly error: { readonly command: string; readonly message: string } | null;
}

/** Who this connection is, SLA breaches, and each incident's command state. */
export interface WorkflowSlice {
  /** This connection's user and role (`session:whoami`), or null until the hub answered. */
  readonly actor: Actor | null;
  /** Why `session:whoami` failed, or null. */
  readonly actorError: string | null;
  /** Recent SLA breaches, newest first, at most {@link MAX_RECENT_BREACHES}. */
  readonly breaches: ReadonlyArray<SlaBreach>;
  readonly actionStates: ReadonlyMap<string, ActionState>;
  setActor(actor: Actor | null, error?: string): void;
  setActionState(incidentId: string, state: ActionState): void;
  /** Stores the incident a command returned (the hub's word on it now). */
  upsertIncident(incident: Incident): void;
}

/** Initial workflow state. */
export const initialWorkflow = (): Pick<WorkflowSlice, 'actor' | 'actorError' | 'breaches' | 'actionStates'> => ({
  actor: null,
  actorError: null,
  breaches: [],
  actionStates: new Map(),
});

/**
 * Adds breaches (oldest first, as they arrived) to the recent list: newest first, one per incident and kind, each
 * with its incident's title from `titleOf` (or the one it had).
 */
export function addBreaches(
  recent: ReadonlyArray<SlaBreach>,
  incoming: ReadonlyArray<SlaBreach>,
  titleOf: (incidentId: string) => string | undefined,
): SlaBreach[] {
  const next = [...recent];
  for (const b of incoming) {
    const same = next.findIndex((r) => r.incidentId === b.incidentId && r.kind === b.kind);
    const title = titleOf(b.incidentId) ?? b.title ?? (same >= 0 ? next[same]?.title : undefined);
    if (same >= 0) next.splice(same, 1);
    next.unshift(title === undefined ? b : { ...b, title });
  }
  return next.slice(0, MAX_RECENT_BREACHES);
}

/** Marks breached incidents' SLA timers (when the hub's incident has none yet); a new Map when any changed. */
export function markBreaches(
  incidents: ReadonlyMap<string, Incident>,
  breaches: ReadonlyArray<SlaBreach>,
): ReadonlyMap<string, Incident> {
  let next: Map<string, Incident> | null = null;
  for (const b of breaches) {
    const incident = (next ?? incidents).get(b.incidentId);
    const sla = incident?.workflow?.sla;
    if (incident?.workflow === undefined || sla === undefined) continue;
    const field = b.kind === 'acknowledge' ? 'acknowledgeBreachedAt' : 'resolveBreachedAt';
    if (sla[field] !== null) continue;
    next ??= new Map(incidents);
    next.set(b.incidentId, { ...incident, workflow: { ...incident.workflow, sla: { ...sla, [field]: b.at } } });
  }
  return next ?? incidents;
}

/** True when the incident missed a deadline: marked by the hub, reported by an event, or past due at `now`. */
export function isBreached(incident: Incident, breaches: ReadonlyArray<SlaBreach>, now: number): boolean {
  const w = incident.workflow;
  if (breaches.some((b) => b.incidentId === incident.id)) return true;
  if (w === undefined) return false;
  const { sla } = w;
  if (sla.acknowledgeBreachedAt !== null || sla.resolveBreachedAt !== null) return true;
  const ackLate = w.acknowledgedAt === null && sla.acknowledgeBy !== null && now > sla.acknowledgeBy;
  const resolveLate = w.resolvedAt === null && sla.resolveBy !== null && now > sla.resolveBy;
  return ackLate || resolveLate;
}

/** Builds the slice. */
export const createWorkflowSlice: StateCreator<WallState, [], [], WorkflowSlice> = (set) => ({
  ...initialWorkflow(),
  setActor: (actor, error) => set({ actor, actorError: error ?? null }),
  setActionState: (incidentId, state) =>
    set((s) => {
      const next = new Map(s.actionStates);
      if (state.pending === null && state.error === null) next.delete(incidentId);
      else next.set(incidentId, state);
      return { actionStates: next };
    }),
  upsertIncident: (incident) => set((s) => ({ incidents: mergeIncidents(s.incidents, [incident], s.hub.now) })),
});
