import type { Incident } from '../../shared/incident';

/** A desktop notification's text. */
export interface AlertContent {
  readonly title: string;
  readonly body: string;
}

/**
 * Decides which incidents deserve a desktop notification: each open P1 once, including one upgraded from a
 * lower severity, never one folded into another incident. Fed every `incidents:changed` payload in order.
 */
export function p1AlertFilter(): (incidents: ReadonlyArray<Incident>) => Incident[] {
  const alerted = new Set<string>();
  return (incidents) => {
    const fresh: Incident[] = [];
    for (const incident of incidents) {
      if (incident.severity !== 'P1' || incident.state !== 'open' || incident.mergedInto) continue;
      if (alerted.has(incident.id)) continue;
      alerted.add(incident.id);
      fresh.push(incident);
    }
    return fresh;
  };
}

const rate = (n: number): string => (n >= 10 ? Math.round(n).toString() : n.toFixed(1));

/** What a P1 notification says: the title, then the evidence in one line (rate vs usual, where, what). */
export function p1AlertContent(incident: Incident): AlertContent {
  const { evidence } = incident;
  const parts = [`${rate(evidence.observedPerMinute)}/min vs ${rate(evidence.baselinePerMinute)} usual`];
  if (incident.channels.length > 0) parts.push(incident.channels.join(', '));
  const terms = evidence.risingTerms.slice(0, 3).map((t) => `"${t.term}"`);
  if (terms.length > 0) parts.push(terms.join(' '));
  return { title: `P1: ${incident.title}`, body: parts.join(' · ') };
}
