import type { CommandName, CommandRequest, CommandResponse } from '../../../shared/contract';
import type { Incident } from '../../../shared/incident';
import type { WallStore } from '../../stores/wall-store';
import type { Transport } from '../../transport/transport';

/** The workflow commands: each takes an incident id and answers the incident as it now stands. */
export type IncidentCommand = {
  [N in CommandName]: CommandResponse<N> extends Incident
    ? CommandRequest<N> extends { readonly id: string }
      ? N
      : never
    : never;
}[CommandName];

/** What each command is called on a button and in an error. */
export const COMMAND_LABEL: Readonly<Record<IncidentCommand, string>> = {
  'incident:acknowledge': 'Acknowledge',
  'incident:escalate': 'Escalate',
  'incident:resolve': 'Resolve',
  'incident:reopen': 'Reopen',
  'incident:snooze': 'Snooze',
  'incident:merge': 'Merge',
  'incident:assign': 'Assign',
  'incident:note': 'Note',
  'incident:holding-reply': 'Holding reply',
  'incident:flag-post': 'Flag post',
};

/**
 * Runs one workflow command for the incident in `request.id`: marks it pending, stores the incident the hub
 * answers, or keeps the hub's readable refusal (`forbidden: …`) beside the incident's actions. Resolves to
 * whether it succeeded.
 */
export async function runIncidentCommand<N extends IncidentCommand>(
  transport: Transport,
  store: WallStore,
  name: N,
  request: CommandRequest<N>,
): Promise<boolean> {
  const id = request.id;
  store.getState().setActionState(id, { pending: name, error: null });
  const result = await transport.invoke(name, request);
  if (!result.ok) {
    store.getState().setActionState(id, { pending: null, error: { command: name, message: result.error.message } });
    return false;
  }
  // Every IncidentCommand answers an Incident (the type above); TypeScript cannot resolve that for a generic N.
  store.getState().upsertIncident(result.value as Incident);
  store.getState().setActionState(id, { pending: null, error: null });
  return true;
}

const isIncidentCommand = (name: string): name is IncidentCommand => Object.hasOwn(COMMAND_LABEL, name);

/** The label of a command by name (as kept in the store's action states). */
export const commandLabel = (name: string): string => (isIncidentCommand(name) ? COMMAND_LABEL[name] : name);
