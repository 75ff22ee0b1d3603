import type { Incident } from '../../../shared/incident';
import { useWall } from '../../app/wall-context';
import { mayRun } from '../../stores/roles';
import type { IncidentFormKind } from '../../stores/triage-slice';
import { TEST_IDS } from '../../test-ids';
import { COMMAND_LABEL, commandLabel, type IncidentCommand } from './incident-commands';
import { IncidentForm } from './IncidentForms';
import { useIncidentCommand } from './use-incident-command';
import { workflowState } from './workflow-view';

/** One button: a command run at once, or a form to open first. */
type Action =
  | { readonly kind: 'run'; readonly command: 'incident:acknowledge' | 'incident:escalate'; readonly key?: string }
  | {
      readonly kind: 'form';
      readonly command: IncidentCommand;
      readonly form: IncidentFormKind;
      readonly key?: string;
    };

const ACK: Action = { kind: 'run', command: 'incident:acknowledge', key: 'a' };
const ESCALATE: Action = { kind: 'run', command: 'incident:escalate', key: 'e' };
const RESOLVE: Action = { kind: 'form', command: 'incident:resolve', form: 'resolve', key: 'r' };
const NOTE: Action = { kind: 'form', command: 'incident:note', form: 'note', key: 'n' };
const REOPEN: Action = { kind: 'form', command: 'incident:reopen', form: 'reopen' };
const SNOOZE: Action = { kind: 'form', command: 'incident:snooze', form: 'snooze' };
const ASSIGN: Action = { kind: 'form', command: 'incident:assign', form: 'assign' };
const MERGE: Action = { kind: 'form', command: 'incident:merge', form: 'merge' };
const REPLY: Action = { kind: 'form', command: 'incident:holding-reply', form: 'holding-reply' };

/** The actions each workflow state offers, before the role filter. */
function actionsFor(incident: Incident, canMerge: boolean): ReadonlyArray<Action> {
  const owned = [SNOOZE, ASSIGN, NOTE, ...(canMerge ? [MERGE] : []), REPLY];
  switch (workflowState(incident)) {
    case 'new':
      return [ACK, ESCALATE, RESOLVE, ...owned];
    case 'acknowledged':
      return [ESCALATE, RESOLVE, ...owned];
    case 'escalated':
      return [RESOLVE, ...owned];
    case 'resolved':
      return [REOPEN, NOTE];
  }
}

const buttonLabel = (a: Action): string =>
  a.kind === 'form' && a.form === 'resolve' ? 'Resolve…' : COMMAND_LABEL[a.command];

/**
 * The incident's workflow buttons, only those this connection's role may use, the open form, and the hub's
 * readable refusal of the last command beside them.
 */
export function IncidentActions(props: {
  readonly incident: Incident;
  readonly mergeTargets: ReadonlyArray<Incident>;
}) {
  const { incident, mergeTargets } = props;
  const actor = useWall((s) => s.actor);
  const form = useWall((s) => (s.openForm?.incidentId === incident.id ? s.openForm.kind : null));
  const state = useWall((s) => s.actionStates.get(incident.id));
  const openForm = useWall((s) => s.openIncidentForm);
  const run = useIncidentCommand();
  const actions = actionsFor(incident, mergeTargets.length > 0).filter((a) => mayRun(actor, a.command));
  const onClick = (a: Action): void => {
    if (a.kind === 'run') void run(a.command, { id: incident.id });
    else openForm(form === a.form ? null : { incidentId: incident.id, kind: a.form });
  };
  return (
    <div className="incident-actions" data-testid={TEST_IDS.incidentActions}>
      {actions.length > 0 && (
        <div className="action-row">
          {actions.map((a) => (
            <button
              key={a.command}
              type="button"
              disabled={state?.pending === a.command}
              aria-expanded={a.kind === 'form' ? form === a.form : undefined}
              title={a.key === undefined ? undefined : `${buttonLabel(a)} (${a.key})`}
              onClick={() => onClick(a)}
            >
              {buttonLabel(a)}
            </button>
          ))}
          {state?.pending != null && <span className="muted">{commandLabel(state.pending)}…</span>}
        </div>
      )}
      {state?.error != null && (
        <div className="action-error" role="alert" data-testid={TEST_IDS.incidentActionError}>
          {commandLabel(state.error.command)} failed: {state.error.message}
        </div>
      )}
      {form !== null && <IncidentForm incident={incident} kind={form} mergeTargets={mergeTargets} />}
    </div>
  );
}
