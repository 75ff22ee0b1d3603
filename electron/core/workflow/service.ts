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

/** Builds the workflow service. Every write goes through one queue, so no two writers race on a record. */
export function createWorkflowService(deps: WorkflowServiceDeps): WorkflowService {
  const log = deps.logger.child({ module: 'workflow' });
  const deadlines = new Map<string, number>();
  let tail: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
  const track = (id: string, wf: Workflow): void => {
    const due = nextDeadline(wf);
    const before = deadlines.get(id) ?? null;
    if (due === null) deadlines.delete(id);
    else deadlines.set(id, due);
    if (due !== before) deps.onDeadlines?.();
  };
  const show = async (incident: Incident, wf: Workflow): Promise<Incident> =>
    withWorkflow(incident, wf, await deps.escalation.deliveries(incident.id));
  const workflowOf = async (incident: Incident): Promise<Workflow> =>
    (await deps.store.getWorkflow(incident.id)) ?? impliedWorkflow(incident, deps.policy);
  const notify = async (incident: Incident, transitions: ReadonlyArray<Transition>): Promise<void> => {
    for (const t of transitions) {
      try {
        await deps.escalation.notify(incident, t);
      } catch (error) {
        log.error({ err: error, incident: incident.id, transition: t }, 'escalation failed to take a transition');
      }
    }
  };
  const changed = (incidents: ReadonlyArray<Incident>): void => {
    if (incidents.length > 0) deps.emit({ name: 'incidents:changed', payload: { incidents: [...incidents] } });
  };
  const find = async (id: string): Promise<Result<{ incident: Incident; workflow: Workflow }>> => {
    const incident = await deps.store.getIncident(id);
    if (incident === null) return err(appError('not-found', `No incident "${id}".`));
    return ok({ incident, workflow: await workflowOf(incident) });
  };

  const list = async (query: IncidentQuery = { limit: 100 }): Promise<Incident[]> => {
    const incidents = await deps.store.listIncidents(query);
    const stored = await deps.store.getWorkflows(incidents.map((i) => i.id));
    return Promise.all(incidents.map((i) => show(i, stored.get(i.id) ?? impliedWorkflow(i, deps.policy))));
  };

  return {
    load: () => serial(() => load(deps, track)),
    list,
    async get(id) {
      const found = await find(id);
      return found.ok ? show(found.value.incident, found.value.workflow) : null;
    },
    act: (id, cmd, actor) =>
      serial(async () => {
        const found = await find(id);
        if (!found.ok) return found;
        const { incident, workflow } = found.value;
        const applied = applyCommand(workflow, cmd, { incidentId: id, actor, now: deps.now() });
        if (!applied.ok) return applied;
        await deps.store.saveWorkflows([{ incidentId: id, workflow: applied.value.workflow }]);
        track(id, applied.value.workflow);
        log.info({ incident: id, action: cmd.kind, actor: actor.id, desk: actor.desk }, 'incident changed');
        await notify(
          withWorkflow(incident, applied.value.workflow),
          applied.value.transition ? [applied.value.transition] : [],
        );
        const view = await show(incident, applied.value.workflow);
        changed([view]);
        return ok(view);
      }),
    merge: (id, into, actor) =>
      serial(async () => {
        const source = await find(id);
        if (!source.ok) return source;
        const survivor = await find(into);
        if (!survivor.ok) return survivor;
        const request = { sourceId: id, survivorId: into, actor, now: deps.now() };
        const merged = mergeWorkflows(source.value.workflow, survivor.value.workflow, request);
        if (!merged.ok) return merged;
        await deps.store.saveWorkflows([
          { incidentId: id, workflow: merged.value.source },
          { incidentId: into, workflow: merged.value.survivor },
        ]);
        track(id, merged.value.source);
        track(into, merged.value.survivor);
        log.info({ incident: id, into, actor: actor.id, desk: actor.desk }, 'incidents merged');
        await notify(withWorkflow(source.value.incident, merged.value.source), ['resolved']);
        const views = [
          await show(survivor.value.incident, merged.value.survivor),
          await show(source.value.incident, merged.value.source),
        ];
        changed(views);
        return ok(views[0] as Incident);
      }),
    detected: (incidents) => serial(() => detected(deps, incidents, { track, show, notify })),
    checkSla: () =>
      serial(async () => {
        const now = deps.now();
        const due = [...deadlines].filter(([, at]) => at <= now).map(([id]) => id);
        const views: Incident[] = [];
        for (const id of due) {
          const view = await breach(deps, id, now, track, show);
          if (view) views.push(view);
        }
        changed(views);
      }),
    nextDeadline: () =>
      [...deadlines.values()].reduce<number | null>((m, at) => (m === null ? at : Math.min(m, at)), null),
    async measures(from, to) {
      const recent = await deps.store.listIncidents({
        openedFrom: from - MEASURES_LOOKBACK_MS,
        openedBefore: to,
        limit: MEASURES_MAX_INCIDENTS,
      });
      const open = await deps.store.openWorkflows();
      const seen = new Set(recent.map((i) => i.id));
      const older = await Promise.all(
        open.filter((o) => !seen.has(o.incidentId)).map((o) => deps.store.getIncident(o.incidentId)),
      );
      const incidents = [...recent, ...older.filter((i): i is Incident => i !== null)];
      const stored = await deps.store.getWorkflows(incidents.map((i) => i.id));
      const owned = incidents.map((incident) => ({
        incident,
        workflow: stored.get(incident.id) ?? impliedWorkflow(incident, deps.policy),
      }));
      return computeMeasures(owned, from, to);
    },
  };
}

type Track = (id: string, wf: Workflow) => void;
type Show = (incident: Incident, wf: Workflow) => Promise<Incident>;

async function load(deps: WorkflowServiceDeps, track: Track): Promise<void> {
  const open = await deps.store.listIncidents({ openOnly: true, limit: MEASURES_MAX_INCIDENTS });
  const stored = await deps.store.getWorkflows(open.map((i) => i.id));
  const missing = open.filter((i) => !stored.has(i.id));
  await deps.store.saveWorkflows(missing.map((i) => ({ incidentId: i.id, workflow: impliedWorkflow(i, deps.policy) })));
  for (const { incidentId, workflow } of await deps.store.openWorkflows()) track(incidentId, workflow);
}

async function detected(
  deps: WorkflowServiceDeps,
  incidents: ReadonlyArray<Incident>,
  io: { track: Track; show: Show; notify: (i: Incident, t: ReadonlyArray<Transition>) => Promise<void> },
): Promise<Incident[]> {
  const views: Incident[] = [];
  for (const incident of incidents) {
    const previous = await deps.store.getIncident(incident.id);
    const workflow = await deps.store.getWorkflow(incident.id);
    const outcome = applyDetection({ previous, workflow, incident, now: deps.now(), policy: deps.policy });
    const changedWorkflow = outcome.workflow !== workflow ? outcome.workflow : undefined;
    await deps.store.saveIncident(incident, changedWorkflow);
    io.track(incident.id, outcome.workflow);
    await io.notify(withWorkflow(incident, outcome.workflow), outcome.transitions);
    views.push(await io.show(incident, outcome.workflow));
  }
  return views;
}

async function breach(
  deps: WorkflowServiceDeps,
  id: string,
  now: number,
  track: Track,
  show: Show,
): Promise<Incident | null> {
  const incident = await deps.store.getIncident(id);
  const stored = await deps.store.getWorkflow(id);
  if (incident === null || stored === null) return null;
  const { workflow, breaches } = breachDue(stored, now);
  let wf = workflow;
  for (const b of breaches) {
    const late = Math.round((now - b.dueAt) / 1000);
    const detail = `${b.kind} SLA for ${incident.severity} breached (due ${new Date(b.dueAt).toISOString()}${late > 0 ? `, noticed ${late}s late` : ''})`;
    wf = audited(wf, now, HUB_ACTOR, 'sla:breach', detail);
  }
  if (breaches.length > 0) await deps.store.saveWorkflows([{ incidentId: id, workflow: wf }]);
  track(id, wf);
  for (const b of breaches) {
    deps.emit({ name: 'incident:sla-breach', payload: { incidentId: id, kind: b.kind, dueAt: b.dueAt, at: now } });
    deps.logger.warn({ incident: id, kind: b.kind, dueAt: b.dueAt }, 'SLA breached');
  }
  return breaches.length > 0 ? show(incident, wf) : null;
}
