import type { Incident } from '../../../../shared/incident';
import type { Actor, Measures } from '../../../../shared/workflow';

/** What a workflow command changed: the fake hub answers the incident with this applied to its workflow. */
export type Change = (incident: Incident, payload: Record<string, unknown>) => Incident;

const withState =
  (state: NonNullable<Incident['workflow']>['state']): Change =>
  (i) =>
    i.workflow === undefined ? i : { ...i, workflow: { ...i.workflow, state } };

/** Default changes per command: just enough for the views to show the hub's answer. */
export const DEFAULT_CHANGES: Readonly<Record<string, Change>> = {
  'incident:acknowledge': withState('acknowledged'),
  'incident:escalate': withState('escalated'),
  'incident:resolve': withState('resolved'),
  'incident:reopen': withState('acknowledged'),
  'incident:assign': (i, p) =>
    i.workflow === undefined ? i : { ...i, workflow: { ...i.workflow, owner: String(p.owner) } },
  'incident:holding-reply': (i, p) =>
    i.workflow === undefined ? i : { ...i, workflow: { ...i.workflow, holdingReply: String(p.text) } },
};

/** How the fake hub answers the workflow: who we are, each command (or a refusal), and the measures. */
export interface WorkflowHubOptions {
  readonly actor: Actor;
  readonly incidents: () => ReadonlyArray<Incident>;
  /** Refuse these commands with this message (`forbidden: …`). */
  readonly refuse?: Readonly<Record<string, string>>;
  readonly measures?: () => Measures;
}

/** An `answer` function for the fake hub speaking the workflow contract's wire results. */
export function workflowAnswers(options: WorkflowHubOptions): (name: string, payload: unknown) => unknown {
  return (name, payload) => {
    if (name === 'session:whoami') return { ok: true, value: options.actor };
    const refusal = options.refuse?.[name];
    if (refusal !== undefined) return { ok: false, error: { code: 'forbidden', message: refusal } };
    if (name === 'incidents:measures' && options.measures !== undefined) return { ok: true, value: options.measures() };
    if (!name.startsWith('incident:')) return undefined;
    const p = payload as Record<string, unknown>;
    const incident = options.incidents().find((i) => i.id === p.id);
    if (incident === undefined)
      return { ok: false, error: { code: 'not-found', message: `no incident ${String(p.id)}` } };
    return { ok: true, value: (DEFAULT_CHANGES[name] ?? ((i: Incident) => i))(incident, p) };
  };
}
