import type { Severity } from '../../../../shared/severity';
import { listOrNone, rateLine, transitionLabel, type NotificationCard } from '../card';

/**
 * PagerDuty Events API v2 (`POST /v2/enqueue`). One alert per incident: every event carries the same
 * `dedup_key`, so PagerDuty folds a repeated trigger (a retry after a crash, a reminder) into the open alert,
 * and acknowledge/resolve find it. PagerDuty answers 202 with `{status, message, dedup_key}`.
 */

/** PagerDuty's severities, from ours. */
export const PAGERDUTY_SEVERITY: Readonly<Record<Severity, 'critical' | 'error' | 'warning' | 'info'>> = {
  P1: 'critical',
  P2: 'error',
  P3: 'warning',
  P4: 'info',
};

/** The one dedup key of an incident, for every event (PagerDuty allows up to 255 characters). */
export const dedupKey = (incidentId: string): string => `earshot-${incidentId}`.slice(0, 255);

/** The Events API action a transition sends. */
export function eventAction(card: NotificationCard): 'trigger' | 'acknowledge' | 'resolve' {
  if (card.transition === 'acknowledged') return 'acknowledge';
  if (card.transition === 'resolved') return 'resolve';
  return 'trigger';
}

/** The enqueue body for one card. The routing key is added at send time, from the vault. */
export function pagerDutyEvent(card: NotificationCard, routingKey: string): Record<string, unknown> {
  const action = eventAction(card);
  const base = { routing_key: routingKey, event_action: action, dedup_key: dedupKey(card.incidentId) };
  if (action !== 'trigger') return base;
  const event: Record<string, unknown> = {
    ...base,
    payload: {
      summary: `${card.severity} ${card.title}: ${rateLine(card)}`.slice(0, 1024),
      source: `earshot/${card.watchlist}`,
      severity: PAGERDUTY_SEVERITY[card.severity],
      timestamp: new Date(card.at).toISOString(),
      component: card.series,
      group: card.watchlist,
      class: 'customer-reported breakdown',
      custom_details: {
        transition: transitionLabel(card),
        observed_per_minute: card.observedPerMinute,
        usual_per_minute: card.baselinePerMinute,
        statistic: card.statistic,
        rising_terms: listOrNone(card.risingTerms),
        topics: listOrNone(card.topics),
        channels: listOrNone(card.channels),
        state: card.state,
        owner: card.owner ?? 'none',
        opened_at: new Date(card.openedAt).toISOString(),
        ...(card.note ? { note: card.note } : {}),
      },
    },
    client: 'Earshot',
  };
  if (card.link) {
    event.client_url = card.link;
    event.links = [{ href: card.link, text: 'Open the incident on the Earshot wall' }];
  }
  return event;
}
