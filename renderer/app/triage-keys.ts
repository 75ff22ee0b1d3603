import type { CommandName } from '../../shared/contract';
import type { Incident } from '../../shared/incident';
import { COMMAND_LABEL, commandLabel, runIncidentCommand } from '../features/incidents/incident-commands';
import { mayRun } from '../stores/roles';
import { isOpenIncident, listedIncidents, triageTarget } from '../stores/triage-slice';
import type { WallStore } from '../stores/wall-store';
import { TEST_IDS } from '../test-ids';
import type { Transport } from '../transport/transport';
import type { ShortcutAction } from './shortcuts';

/** The triage keys' actions. */
export type TriageAction = Extract<
  ShortcutAction,
  | 'next-incident'
  | 'previous-incident'
  | 'acknowledge-incident'
  | 'escalate-incident'
  | 'resolve-incident'
  | 'note-incident'
  | 'flag-mention'
  | 'focus-search'
>;

/** The target incident when this role may run `command` on it; else says why not (in the triage notice). */
function permittedTarget(store: WallStore, command: CommandName): Incident | null {
  const s = store.getState();
  const target = triageTarget(s);
  const verb = commandLabel(command).replace('incident:', '').toLowerCase();
  if (target === null) s.setNotice(`No open incident to ${verb}.`);
  else if (!mayRun(s.actor, command))
    s.setNotice(`Your role (${s.actor?.role ?? 'unknown'}) may not ${verb} incidents.`);
  else return target;
  return null;
}

async function runOnTarget(
  store: WallStore,
  transport: Transport,
  command: 'incident:acknowledge' | 'incident:escalate',
): Promise<void> {
  const target = permittedTarget(store, command);
  if (target === null) return;
  const done = await runIncidentCommand(transport, store, command, { id: target.id });
  const verb = command === 'incident:acknowledge' ? 'Acknowledged' : 'Escalated';
  store
    .getState()
    .setNotice(done ? `${verb}: ${target.title}` : `${COMMAND_LABEL[command]} failed (see the incident).`);
}

/** Flags the selected post to the marked open incident, else the only open one, else opens the chooser. */
async function flagSelected(store: WallStore, transport: Transport): Promise<void> {
  const s = store.getState();
  if (s.selectedId === null) return s.setNotice('Select a post first (j / k), then press f.');
  if (!mayRun(s.actor, 'incident:flag-post')) return s.setNotice('Your role may not flag posts.');
  const open = listedIncidents(s.incidents).filter(isOpenIncident);
  const focused = open.find((i) => i.id === s.focusedIncidentId);
  const target = focused ?? (open.length === 1 ? open[0] : undefined);
  if (open.length === 0) return s.setNotice('No open incident to flag the post to.');
  if (target === undefined) return s.openFlagChooser(s.selectedId);
  await flagTo(store, transport, target, s.selectedId);
}

/** Flags post `mentionId` to `incident` and says how it went. */
export async function flagTo(store: WallStore, transport: Transport, incident: Incident, mentionId: string) {
  store.getState().openFlagChooser(null);
  const done = await runIncidentCommand(transport, store, 'incident:flag-post', { id: incident.id, mentionId });
  store.getState().setNotice(done ? `Flagged the post to: ${incident.title}` : 'Flagging failed (see the incident).');
}

function openForm(store: WallStore, command: 'incident:resolve' | 'incident:note'): void {
  const target = permittedTarget(store, command);
  if (target === null) return;
  store.getState().focusIncident(target.id);
  store
    .getState()
    .openIncidentForm({ incidentId: target.id, kind: command === 'incident:resolve' ? 'resolve' : 'note' });
}

/** Runs one triage key. a / e run at once on the marked incident; r / n open its form; f flags; / searches. */
export function runTriage(action: TriageAction, store: WallStore, transport: Transport): void {
  const s = store.getState();
  switch (action) {
    case 'next-incident':
      return s.moveIncidentFocus(1);
    case 'previous-incident':
      return s.moveIncidentFocus(-1);
    case 'acknowledge-incident':
      return void runOnTarget(store, transport, 'incident:acknowledge');
    case 'escalate-incident':
      return void runOnTarget(store, transport, 'incident:escalate');
    case 'resolve-incident':
      return openForm(store, 'incident:resolve');
    case 'note-incident':
      return openForm(store, 'incident:note');
    case 'flag-mention':
      return void flagSelected(store, transport);
    case 'focus-search':
      return document.querySelector<HTMLInputElement>(`[data-testid="${TEST_IDS.feedSearch}"]`)?.focus();
  }
}
