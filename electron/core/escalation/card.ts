import { z } from 'zod';
import type { Incident } from '../../../shared/incident';
import { SeveritySchema } from '../../../shared/severity';

/** Every transition a target can hear about: the workflow's four, plus reminders of an unacknowledged incident. */
export const NotificationTransitionSchema = z.enum(['opened', 'escalated', 'acknowledged', 'resolved', 'repeat']);
export type NotificationTransition = z.infer<typeof NotificationTransitionSchema>;

/**
 * What a notification says, frozen when it is queued: every target renders its own wire format from this,
 * so a delivery retried an hour later still tells the story as it stood. It holds no secret.
 */
export const NotificationCardSchema = z.object({
  incidentId: z.string(),
  transition: NotificationTransitionSchema,
  title: z.string(),
  severity: SeveritySchema,
  /** The workflow state as people left it (new, acknowledged, escalated, resolved). */
  state: z.string(),
  owner: z.string().nullable(),
  watchlist: z.string(),
  series: z.string(),
  observedPerMinute: z.number(),
  baselinePerMinute: z.number(),
  statistic: z.string(),
  risingTerms: z.array(z.string()),
  topics: z.array(z.string()),
  channels: z.array(z.string()),
  openedAt: z.number().int(),
  /** Hub time the transition happened (the notification's timestamp). */
  at: z.number().int(),
  /** The wall's page for this incident, when `escalation.wallUrl` is configured. */
  link: z.string().nullable(),
  /** A note that came with the transition (an escalation's reason, a resolution's note), if any. */
  note: z.string().nullable(),
  falseAlarm: z.boolean(),
});
export type NotificationCard = z.infer<typeof NotificationCardSchema>;

/** The wall's address for one incident: `<wallUrl>/?incident=<id>`. */
export function incidentLink(wallUrl: string | undefined, incidentId: string): string | null {
  if (!wallUrl) return null;
  const url = new URL(wallUrl);
  url.searchParams.set('incident', incidentId);
  return url.toString();
}

/** Builds the card of one transition of `incident` as it now stands (pure). */
export function buildCard(
  incident: Incident,
  transition: NotificationTransition,
  at: number,
  wallUrl?: string,
): NotificationCard {
  const workflow = incident.workflow;
  const evidence = incident.evidence;
  const note =
    transition === 'resolved'
      ? (workflow?.resolution?.note ?? null)
      : transition === 'escalated'
        ? lastNote(incident)
        : null;
  return {
    incidentId: incident.id,
    transition,
    title: incident.title,
    severity: incident.severity,
    state: workflow?.state ?? (incident.state === 'open' ? 'new' : incident.state),
    owner: workflow?.owner ?? null,
    watchlist: incident.watchlist,
    series: evidence.series,
    observedPerMinute: round1(evidence.observedPerMinute),
    baselinePerMinute: round1(evidence.baselinePerMinute),
    statistic: evidence.statistic,
    risingTerms: evidence.risingTerms.slice(0, 5).map((t) => t.term),
    topics: incident.topics.slice(0, 10),
    channels: incident.channels.slice(0, 10),
    openedAt: incident.openedAt,
    at,
    link: incidentLink(wallUrl, incident.id),
    note: note === '' ? null : note,
    falseAlarm: workflow?.resolution?.kind === 'false-alarm',
  };
}

/** The text of the newest escalation audit entry, if it carried one. */
function lastNote(incident: Incident): string | null {
  const audit = incident.workflow?.audit ?? [];
  for (let i = audit.length - 1; i >= 0; i--) {
    const entry = audit[i];
    if (entry?.action === 'incident:escalate') return entry.detail || null;
  }
  return null;
}

const round1 = (n: number): number => Math.round(n * 10) / 10;

/** A short human verb for the transition, used in every target's title line. */
export function transitionLabel(card: NotificationCard): string {
  switch (card.transition) {
    case 'opened':
      return 'New incident';
    case 'escalated':
      return 'Escalated';
    case 'acknowledged':
      return 'Acknowledged';
    case 'resolved':
      return card.falseAlarm ? 'Resolved (false alarm)' : 'Resolved';
    case 'repeat':
      return 'Still unacknowledged';
  }
}

/** "12.5/min (usual 1.1/min)". */
export const rateLine = (card: NotificationCard): string =>
  `${card.observedPerMinute}/min (usual ${card.baselinePerMinute}/min)`;

/** A list for a message body, or "none". */
export const listOrNone = (items: ReadonlyArray<string>): string => (items.length > 0 ? items.join(', ') : 'none');

/** "acknowledged · owner Dana" / "new · no owner". */
export const stateLine = (card: NotificationCard): string =>
  `${card.state} · ${card.owner ? `owner ${card.owner}` : 'no owner'}`;
