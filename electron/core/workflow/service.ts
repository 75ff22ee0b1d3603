import type { HubEvent } from '../../../shared/contract';
import type { Incident } from '../../../shared/incident';
import { appError, err, ok, type Result } from '../../../shared/result';
import type { Actor, Measures, Workflow } from '../../../shared/workflow';
import type { EscalationPort, Transition } from '../escalation/port';
import type { Logger } from '../runtime/logger';
import type { IncidentQuery, Store } from '../store/repository';
import { applyDetection } from './detection';
import { computeMeasures } from './measures';
import { mergeWorkflows } from './merge';
import { audited, HUB_ACTOR, impliedWorkflow, withWorkflow } from './record';
import { breachDue, nextDeadline, type SlaPolicy } from './sla';
import { applyCommand, type WorkflowCommand } from './transitions';

/** What the workflow service is built from. */
export interface WorkflowServiceDeps {
  readonly store: Store;
  readonly escalation: EscalationPort;
  readonly policy: SlaPolicy;
  readonly logger: Logger;
  /** Hub time. */
  readonly now: () => number;
  readonly emit: (event: HubEvent) => void;
  /** Called after the set of running SLA deadlines changed (the core re-arms its timer). */
  readonly onDeadlines?: () => void;
}

/** How far back `incidents:measures` looks for incidents opened before its period (resolved or breached in it). */
export const MEASURES_LOOKBACK_MS = 30 * 24 * 60 * 60_000;
const MEASURES_MAX_INCIDENTS = 50_000;

/** The hub's incident workflow: people's commands, detection's news and SLA timers, on one record per incident. */
export interface WorkflowService {
  /** Reads stored workflows and starts records for open incidents stored before workflows existed. */
  load(): Promise<void>;
  /** Stored incidents with their workflows merged in, as clients see them. */
  list(query?: IncidentQuery): Promise<Incident[]>;
  get(id: string): Promise<Incident | null>;
  /** Applies one person's command; returns the incident as it now stands. */
  act(id: string, cmd: WorkflowCommand, actor: Actor): Promise<Result<Incident>>;
  /** Folds incident `id` into `into`; returns the survivor. */
  merge(id: string, into: string, actor: Actor): Promise<Result<Incident>>;
  /** Stores what detection changed, folding it into each workflow; returns the incidents as clients see them. */
  detected(changed: ReadonlyArray<Incident>): Promise<Incident[]>;
  /** Records every SLA deadline that has passed (once each) and emits `incident:sla-breach`. */
  checkSla(): Promise<void>;
  /** The earliest running SLA deadline (hub time), or null. */
  nextDeadline(): number | null;
  measures(from: number, to: number): Promise<Measures>;
}

/** What the service's parts share. */
interface Io {
  readonly deps: WorkflowServiceDeps;
  readonly log: Logger;
  readonly deadlines: Map<string, number>;
  track(id: string, wf: Workflow): void;
  show(incident: Incident, wf: Workflow): Promise<Incident>;
  notify(incident: Incident, transitions: ReadonlyArray<Transition>): Promise<void>;
  changed(incidents: ReadonlyArray<Incident>): void;
  find(id: string): Promise<Result<{ incident: Incident; workflow: Workflow }>>;
}

/** Builds the workflow service. Every write goes through one queue, so no two writers race on a record. */
export function createWorkflowService(deps: WorkflowServiceDeps): WorkflowService {
  const io = createIo(deps);
  let tail: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
  return {
    load: () => serial(() => load(io)),
    list: (query = { limit: 100 }) => list(io, query),
    async get(id) {
      const found = await io.find(id);
      return found.ok ? io.show(found.value.incident, found.value.workflow) : null;
    },
    act: (id, cmd, actor) => serial(() => act(io, id, cmd, actor)),
    merge: (id, into, actor) => serial(() => merge(io, id, into, actor)),
    detected: (incidents) => serial(() => detected(io, incidents)),
    checkSla: () => serial(() => checkSla(io)),
    nextDeadline: () =>
      [...io.deadlines.values()].reduce<number | null>((m, at) => (m === null ? at : Math.min(m, at)), null),
    measures: (from, to) => measures(io, from, to),
  };
}

function createIo(deps: WorkflowServiceDeps): Io {
  const log = deps.logger.child({ module: 'workflow' });
  const deadlines = new Map<string, number>();
  return {
    deps,
    log,
    deadlines,
    track(id, wf) {
      const due = nextDeadline(wf);
      const before = deadlines.get(id) ?? null;
      if (due === null) deadlines.delete(id);
      else deadlines.set(id, due);
      if (due !== before) deps.onDeadlines?.();
    },
    show: async (incident, wf) => withWorkflow(incident, wf, await deps.escalation.deliveries(incident.id)),
    async notify(incident, transitions) {
      for (const t of transitions) {
        try {
          await deps.escalation.notify(incident, t);
        } catch (error) {
          log.error({ err: error, incident: incident.id, transition: t }, 'escalation failed to take a transition');
        }
      }
    },
    changed(incidents) {
      if (incidents.length > 0) deps.emit({ name: 'incidents:changed', payload: { incidents: [...incidents] } });
    },
    async find(id) {
      const incident = await deps.store.getIncident(id);
      if (incident === null) return err(appError('not-found', `No incident "${id}".`));
      const workflow = (await deps.store.getWorkflow(id)) ?? impliedWorkflow(incident, deps.policy);
      return ok({ incident, workflow });
    },
  };
}

async function list(io: Io, query: IncidentQuery): Promise<Incident[]> {
  const incidents = await io.deps.store.listIncidents(query);
  const stored = await io.deps.store.getWorkflows(incidents.map((i) => i.id));
  return Promise.all(incidents.map((i) => io.show(i, stored.get(i.id) ?? impliedWorkflow(i, io.deps.policy))));
}

async function act(io: Io, id: string, cmd: WorkflowCommand, actor: Actor): Promise<Result<Incident>> {
  const found = await io.find(id);
  if (!found.ok) return found;
  const { incident, workflow } = found.value;
  const applied = applyCommand(workflow, cmd, { incidentId: id, actor, now: io.deps.now() });
  if (!applied.ok) return applied;
  const next = applied.value.workflow;
  await io.deps.store.saveWorkflows([{ incidentId: id, workflow: next }]);
  io.track(id, next);
  io.log.info({ incident: id, action: cmd.kind, actor: actor.id, desk: actor.desk }, 'incident changed');
  await io.notify(withWorkflow(incident, next), applied.value.transition ? [applied.value.transition] : []);
  const view = await io.show(incident, next);
  io.changed([view]);
  return ok(view);
}

async function merge(io: Io, id: string, into: string, actor: Actor): Promise<Result<Incident>> {
  const source = await io.find(id);
  if (!source.ok) return source;
  const survivor = await io.find(into);
  if (!survivor.ok) return survivor;
  const request = { sourceId: id, survivorId: into, actor, now: io.deps.now() };
  const merged = mergeWorkflows(source.value.workflow, survivor.value.workflow, request);
  if (!merged.ok) return merged;
  await io.deps.store.saveWorkflows([
    { incidentId: id, workflow: merged.value.source },
    { incidentId: into, workflow: merged.value.survivor },
  ]);
  io.track(id, merged.value.source);
  io.track(into, merged.value.survivor);
  io.log.info({ incident: id, into, actor: actor.id, desk: actor.desk }, 'incidents merged');
  await io.notify(withWorkflow(source.value.incident, merged.value.source), ['resolved']);
  const kept = await io.show(survivor.value.incident, merged.value.survivor);
  io.changed([kept, await io.show(source.value.incident, merged.value.source)]);
  return ok(kept);
}

async function checkSla(io: Io): Promise<void> {
  const now = io.deps.now();
  const due = [...io.deadlines].filter(([, at]) => at <= now).map(([id]) => id);
  const views: Incident[] = [];
  for (const id of due) {
    const view = await breach(io, id, now);
    if (view) views.push(view);
  }
  io.changed(views);
}

async function measures(io: Io, from: number, to: number): Promise<Measures> {
  const { store, policy } = io.deps;
  const recent = await store.listIncidents({
    openedFrom: from - MEASURES_LOOKBACK_MS,
    openedBefore: to,
    limit: MEASURES_MAX_INCIDENTS,
  });
  const seen = new Set(recent.map((i) => i.id));
  const older = await Promise.all(
    (await store.openWorkflows()).filter((o) => !seen.has(o.incidentId)).map((o) => store.getIncident(o.incidentId)),
  );
  const incidents = [...recent, ...older.filter((i): i is Incident => i !== null)];
  const stored = await store.getWorkflows(incidents.map((i) => i.id));
  const owned = incidents.map((incident) => ({
    incident,
    workflow: stored.get(incident.id) ?? impliedWorkflow(incident, policy),
  }));
  return computeMeasures(owned, from, to);
}

async function load(io: Io): Promise<void> {
  const { store, policy } = io.deps;
  const open = await store.listIncidents({ openOnly: true, limit: MEASURES_MAX_INCIDENTS });
  const stored = await store.getWorkflows(open.map((i) => i.id));
  const missing = open.filter((i) => !stored.has(i.id));
  await store.saveWorkflows(missing.map((i) => ({ incidentId: i.id, workflow: impliedWorkflow(i, policy) })));
  for (const { incidentId, workflow } of await store.openWorkflows()) io.track(incidentId, workflow);
}

async function detected(io: Io, incidents: ReadonlyArray<Incident>): Promise<Incident[]> {
  const { store, policy } = io.deps;
  const views: Incident[] = [];
  for (const incident of incidents) {
    const previous = await store.getIncident(incident.id);
    const workflow = await store.getWorkflow(incident.id);
    const outcome = applyDetection({ previous, workflow, incident, now: io.deps.now(), policy });
    await store.saveIncident(incident, outcome.workflow !== workflow ? outcome.workflow : undefined);
    io.track(incident.id, outcome.workflow);
    await io.notify(withWorkflow(incident, outcome.workflow), outcome.transitions);
    views.push(await io.show(incident, outcome.workflow));
  }
  return views;
}

async function breach(io: Io, id: string, now: number): Promise<Incident | null> {
  const incident = await io.deps.store.getIncident(id);
  const stored = await io.deps.store.getWorkflow(id);
  if (incident === null || stored === null) {
    // Gone from the store: forget its deadline, or the timer would fire for it again and again.
    io.deadlines.delete(id);
    return null;
  }
  const { workflow, breaches } = breachDue(stored, now);
  let wf = workflow;
  for (const b of breaches) {
    const late = Math.round((now - b.dueAt) / 1000);
    const lateness = late > 0 ? `, noticed ${late}s late` : '';
    const detail = `${b.kind} SLA for ${incident.severity} breached (due ${new Date(b.dueAt).toISOString()}${lateness})`;
    wf = audited(wf, now, HUB_ACTOR, 'sla:breach', detail);
  }
  if (breaches.length > 0) await io.deps.store.saveWorkflows([{ incidentId: id, workflow: wf }]);
  io.track(id, wf);
  for (const b of breaches) {
    io.deps.emit({ name: 'incident:sla-breach', payload: { incidentId: id, kind: b.kind, dueAt: b.dueAt, at: now } });
    io.log.warn({ incident: id, kind: b.kind, dueAt: b.dueAt }, 'SLA breached');
  }
  return breaches.length > 0 ? io.show(incident, wf) : null;
}
