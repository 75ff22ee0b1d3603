import type { Incident, Severity } from '../../shared/incident';
import { ROLES, type Role } from '../../shared/workflow';

/** A desktop notification's text. */
export interface AlertContent {
  readonly title: string;
  readonly body: string;
}

/** Nobody has taken it yet: open for detection and for people (not acknowledged, escalated or merged). */
const untouched = (i: Incident): boolean =>
  i.state === 'open' && !i.mergedInto && (i.workflow?.state ?? 'new') === 'new' && !i.workflow?.mergedInto;

/**
 * Decides which incidents deserve a desktop notification: each untouched P1 once, including one upgraded from a
 * lower severity, never one folded into another incident. Fed every `incidents:changed` payload in order.
 */
export function p1AlertFilter(): (incidents: ReadonlyArray<Incident>) => Incident[] {
  return incidentAlertFilter(() => ({ role: 'staff', doNotDisturb: false }));
}

/** Who the desktop tells, and whether they asked for quiet. Read on every payload, so changes apply at once. */
export interface AlertPreferences {
  readonly role: Role;
  readonly doNotDisturb: boolean;
}

/** The severities a role is told about: supervisors and admins new P1/P2, staff P1, executives none. */
export function alertSeverities(role: Role): ReadonlyArray<Severity> {
  const rank = ROLES.indexOf(role);
  if (rank >= ROLES.indexOf('supervisor')) return ['P1', 'P2'];
  return role === 'staff' ? ['P1'] : [];
}

const RANK: Readonly<Record<Severity, number>> = { P1: 0, P2: 1, P3: 2, P4: 3 };

/**
 * Which incidents to notify for this user's role: each untouched incident of a severity the role is told, once,
 * and again when upgraded (P2 → P1). Under do-not-disturb nothing is shown and what arrived is not replayed later.
 */
export function incidentAlertFilter(prefs: () => AlertPreferences): (incidents: ReadonlyArray<Incident>) => Incident[] {
  const told = new Map<string, Severity>();
  return (incidents) => {
    const { role, doNotDisturb } = prefs();
    const wanted = alertSeverities(role);
    const fresh: Incident[] = [];
    for (const incident of incidents) {
      if (!untouched(incident) || !wanted.includes(incident.severity)) continue;
      const before = told.get(incident.id);
      if (before !== undefined && RANK[before] <= RANK[incident.severity]) continue;
      told.set(incident.id, incident.severity);
      if (!doNotDisturb) fresh.push(incident);
    }
    return fresh;
  };
}

/** A P1 also chimes (assets/sounds/p1.wav); other severities only show. */
export const alertWantsSound = (incident: Incident): boolean => incident.severity === 'P1';

const rate = (n: number): string => (n >= 10 ? Math.round(n).toString() : n.toFixed(1));

/** What a notification says: severity and title, then the evidence in one line (rate vs usual, where, what). */
export function p1AlertContent(incident: Incident): AlertContent {
  const { evidence } = incident;
  const parts = [`${rate(evidence.observedPerMinute)}/min vs ${rate(evidence.baselinePerMinute)} usual`];
  if (incident.channels.length > 0) parts.push(incident.channels.join(', '));
  const terms = evidence.risingTerms.slice(0, 3).map((t) => `"${t.term}"`);
  if (terms.length > 0) parts.push(terms.join(' '));
  return { title: `${incident.severity}: ${incident.title}`, body: parts.join(' · ') };
}
