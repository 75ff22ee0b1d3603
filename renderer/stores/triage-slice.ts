import type { StateCreator } from 'zustand/vanilla';
import type { Incident } from '../../shared/incident';
import type { Mention } from '../../shared/mention';
import { incidentsInOrder } from './incidents-slice';
import type { WallState } from './wall-state';

/** The forms an incident tile can open (keyboard n / r open theirs). */
export type IncidentFormKind = 'note' | 'resolve' | 'reopen' | 'snooze' | 'assign' | 'merge' | 'holding-reply';

/** Which incident's form is open. */
export interface OpenForm {
  readonly incidentId: string;
  readonly kind: IncidentFormKind;
}

/** Keyboard triage: which incident the keys act on, the open form, the feed search, the flag chooser. */
export interface TriageSlice {
  /** The incident a / e / r / n act on when set ([ and ] move it); else the top open incident. */
  readonly focusedIncidentId: string | null;
  readonly openForm: OpenForm | null;
  /** Client-side text filter of the feed (`/` focuses the box). */
  readonly searchQuery: string;
  /** The post waiting for the user to pick an incident to flag it to, or null. */
  readonly flagChooserFor: string | null;
  /** A one-line message about the last triage action ("Flagged to …", "Your role may not …"). */
  readonly notice: string | null;
  focusIncident(id: string | null): void;
  /** Moves the focus `delta` incidents down the panel's order. */
  moveIncidentFocus(delta: number): void;
  openIncidentForm(form: OpenForm | null): void;
  setSearchQuery(query: string): void;
  openFlagChooser(mentionId: string | null): void;
  setNotice(notice: string | null): void;
}

/** Initial triage state. */
export const initialTriage = (): Pick<
  TriageSlice,
  'focusedIncidentId' | 'openForm' | 'searchQuery' | 'flagChooserFor' | 'notice'
> => ({ focusedIncidentId: null, openForm: null, searchQuery: '', flagChooserFor: null, notice: null });

/** True while people can still act on it: not resolved and not merged into another incident. */
export const isOpenIncident = (i: Incident): boolean =>
  i.state !== 'resolved' &&
  (i.workflow?.state ?? 'new') !== 'resolved' &&
  !i.mergedInto &&
  (i.workflow?.mergedInto ?? null) === null;

/** The incidents the panel lists, in its order, without those merged into others. */
export const listedIncidents = (incidents: ReadonlyMap<string, Incident>): ReadonlyArray<Incident> =>
  incidentsInOrder(incidents).filter((i) => !i.mergedInto && (i.workflow?.mergedInto ?? null) === null);

/** The incident the triage keys act on: the focused one while it is listed, else the top open one. */
export function triageTarget(s: Pick<WallState, 'incidents' | 'focusedIncidentId'>): Incident | null {
  const focused = s.focusedIncidentId === null ? undefined : s.incidents.get(s.focusedIncidentId);
  if (focused !== undefined && listedIncidents(s.incidents).includes(focused)) return focused;
  return listedIncidents(s.incidents).find(isOpenIncident) ?? null;
}

/** The feed as shown: every buffered mention, or those whose text or author contains the search. */
export function visibleMentions(items: ReadonlyArray<Mention>, query: string): ReadonlyArray<Mention> {
  const q = query.trim().toLowerCase();
  if (q === '') return items;
  return items.filter((m) => m.text.toLowerCase().includes(q) || m.author.handle.toLowerCase().includes(q));
}

function movedFocus(s: WallState, delta: number): string | null {
  const list = listedIncidents(s.incidents);
  if (list.length === 0) return null;
  const current = triageTarget(s);
  const index = current === null ? -1 : list.indexOf(current);
  const next = index < 0 ? 0 : Math.min(list.length - 1, Math.max(0, index + delta));
  return list[next]?.id ?? null;
}

/** Builds the slice. */
export const createTriageSlice: StateCreator<WallState, [], [], TriageSlice> = (set) => ({
  ...initialTriage(),
  focusIncident: (id) => set({ focusedIncidentId: id }),
  moveIncidentFocus: (delta) => set((s) => ({ focusedIncidentId: movedFocus(s, delta) })),
  openIncidentForm: (form) => set({ openForm: form }),
  setSearchQuery: (query) => set({ searchQuery: query }),
  openFlagChooser: (mentionId) => set({ flagChooserFor: mentionId }),
  setNotice: (notice) => set({ notice }),
});
