import type { Incident, Severity } from '../../../shared/incident';
import type { Role } from '../../../shared/workflow';
import { roleAtLeast } from '../../stores/roles';
import { isOpenIncident } from '../../stores/triage-slice';

/** The severities each role is told about: supervisors and admins new P1/P2, staff P1, executives nothing. */
export function alertSeverities(role: Role): ReadonlyArray<Severity> {
  if (roleAtLeast(role, 'supervisor')) return ['P1', 'P2'];
  return role === 'staff' ? ['P1'] : [];
}

const RANK: Readonly<Record<Severity, number>> = { P1: 0, P2: 1, P3: 2, P4: 3 };

/** An incident nobody has taken yet: open, not merged, not acknowledged (nor escalated), not snoozed at `now`. */
const untouched = (i: Incident, now: number): boolean =>
  isOpenIncident(i) &&
  (i.workflow?.state ?? 'new') === 'new' &&
  i.state === 'open' &&
  !(i.workflow?.snooze != null && i.workflow.snooze.until > now);

/**
 * Decides which incidents to tell this user about: each untouched incident of a severity their role is told,
 * once, and again if it is upgraded (a P2 that becomes P1). `seed` marks what is already there as known
 * (the first look after the wall opens), so opening the wall does not replay every open incident.
 */
export function incidentAlertFilter(): (
  incidents: Iterable<Incident>,
  role: Role,
  now: number,
  seed?: boolean,
) => Incident[] {
  const told = new Map<string, Severity>();
  return (incidents, role, now, seed = false) => {
    const wanted = alertSeverities(role);
    const fresh: Incident[] = [];
    for (const i of incidents) {
      if (!untouched(i, now) || !wanted.includes(i.severity)) continue;
      const before = told.get(i.id);
      if (before !== undefined && RANK[before] <= RANK[i.severity]) continue;
      told.set(i.id, i.severity);
      if (!seed) fresh.push(i);
    }
    return fresh;
  };
}

/** What an incident notification says: severity and title, then the evidence in one line. */
export function alertText(incident: Incident): { readonly title: string; readonly body: string } {
  const e = incident.evidence;
  const parts = [`${e.observedPerMinute.toFixed(1)}/min vs ${e.baselinePerMinute.toFixed(1)} usual`];
  if (incident.channels.length > 0) parts.push(incident.channels.join(', '));
  const terms = e.risingTerms.slice(0, 3).map((t) => `"${t.term}"`);
  if (terms.length > 0) parts.push(terms.join(' '));
  return { title: `${incident.severity}: ${incident.title}`, body: parts.join(' · ') };
}
