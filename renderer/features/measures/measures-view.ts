import type { Incident } from '../../../shared/incident';
import { formatDuration } from '../feed/relative-time';

/** Local midnight of hub time `now`: "today" for the measures. */
export function startOfDay(now: number): number {
  const d = new Date(now);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/** A mean time for a cell: "3m", or "—" when nothing was acknowledged/resolved in the period. */
export const formatMean = (ms: number | null): string => (ms === null ? '—' : formatDuration(ms));

/**
 * What, when it changes, should refresh the measures: each incident's id, severity, states and update time, and
 * the breaches seen. Hub time alone (every second) does not.
 */
export function measuresKey(incidents: ReadonlyMap<string, Incident>, breaches: number): string {
  const parts: string[] = [];
  for (const i of incidents.values()) {
    const w = i.workflow;
    parts.push(`${i.id}:${i.severity}:${i.state}:${w?.state ?? ''}:${w?.acknowledgedAt ?? ''}:${w?.resolvedAt ?? ''}`);
  }
  return `${parts.sort().join('|')}#${breaches}`;
}
