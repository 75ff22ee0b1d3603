import type { StateCreator } from 'zustand/vanilla';
import type { Incident, Severity } from '../../shared/incident';
import type { WallState } from './wall-state';

/** Resolved incidents stay on the wall this long (hub time), then leave. */
export const RESOLVED_LINGER_MS = 30 * 60 * 1000;

/** Incidents by id and which evidence card is open. */
export interface IncidentsSlice {
  readonly incidents: ReadonlyMap<string, Incident>;
  readonly expandedIncidentId: string | null;
  toggleEvidence(id: string): void;
}

/** Initial incidents state. */
export const initialIncidents = (): Pick<IncidentsSlice, 'incidents' | 'expandedIncidentId'> => ({
  incidents: new Map(),
  expandedIncidentId: null,
});

/** Upserts incidents by id and drops those resolved long ago at `now` (pure; a new Map). */
export function mergeIncidents(
  incidents: ReadonlyMap<string, Incident>,
  updates: Iterable<Incident>,
  now: number,
): ReadonlyMap<string, Incident> {
  const next = new Map(incidents);
  for (const i of updates) next.set(i.id, i);
  for (const [id, i] of next) if (i.resolvedAt !== null && i.resolvedAt < now - RESOLVED_LINGER_MS) next.delete(id);
  return next;
}

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { P1: 0, P2: 1, P3: 2, P4: 3 };

/** Open first, then by severity, then newest first. */
export const incidentsInOrder = (incidents: ReadonlyMap<string, Incident>): ReadonlyArray<Incident> =>
  [...incidents.values()].sort(
    (a, b) =>
      Number(a.state === 'resolved') - Number(b.state === 'resolved') ||
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      b.openedAt - a.openedAt,
  );

/** Builds the slice. */
export const createIncidentsSlice: StateCreator<WallState, [], [], IncidentsSlice> = (set) => ({
  ...initialIncidents(),
  toggleEvidence: (id) => set((s) => ({ expandedIncidentId: s.expandedIncidentId === id ? null : id })),
});
