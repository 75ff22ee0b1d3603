import { createHmac, timingSafeEqual } from 'node:crypto';
import { appError, err, ok, type Result } from '../../../../shared/result';
import type { NotificationCard } from '../card';

/**
 * The generic JSON webhook. Earshot POSTs `webhookBody(card, deliveryId)` with
 *   X-Earshot-Timestamp: <unix seconds>
 *   X-Earshot-Signature: v1=<hex HMAC-SHA256(secret, timestamp + "." + raw body)>
 *   X-Earshot-Delivery:  <delivery id, the same on every retry of one notification>
 * A receiver recomputes the HMAC over the RAW body bytes, compares in constant time, rejects a timestamp
 * outside its tolerance (replays), and may drop a delivery id it has seen (a retry after a crash).
 */

export const SIGNATURE_VERSION = 'v1';
/** The default replay window: five minutes either side of the receiver's clock. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

/** The webhook's JSON body (a stable, documented shape; new fields may be added). */
export function webhookBody(card: NotificationCard, deliveryId: string): string {
  return JSON.stringify({
    type: `incident.${card.transition}`,
    deliveryId,
    occurredAt: new Date(card.at).toISOString(),
    incident: {
      id: card.incidentId,
      title: card.title,
      severity: card.severity,
      state: card.state,
      owner: card.owner,
      watchlist: card.watchlist,
      series: card.series,
      observedPerMinute: card.observedPerMinute,
      usualPerMinute: card.baselinePerMinute,
      statistic: card.statistic,
      risingTerms: card.risingTerms,
      topics: card.topics,
      channels: card.channels,
      openedAt: new Date(card.openedAt).toISOString(),
      link: card.link,
      note: card.note,
      falseAlarm: card.falseAlarm,
    },
  });
}

/** `v1=<hex>` for a body sent at `timestampSeconds`. */
export function signWebhook(secret: string, timestampSeconds: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${timestampSeconds}.${body}`, 'utf8').digest('hex');
  return `${SIGNATURE_VERSION}=${mac}`;
}

/** What a receiver got. */
export interface SignedRequest {
  readonly timestamp: string | null | undefined;
  readonly signature: string | null | undefined;
  /** The raw body as received, before any JSON parsing. */
  readonly body: string;
}

/**
 * Verifies a received webhook: the signature over `timestamp.body` with `secret`, and the timestamp within
 * `toleranceSeconds` of `nowMs` (a replay of an old request fails). Several `v1=` values (comma-separated)
 * may be sent while a secret is rotated; any one matching is enough.
 */
export function verifyWebhook(
  request: SignedRequest,
  secret: string,
  nowMs: number,
  toleranceSeconds = DEFAULT_TOLERANCE_SECONDS,
): Result<{ readonly timestamp: number }> {
  const ts = request.timestamp?.trim() ?? '';
  if (!/^\d{1,12}$/.test(ts)) return err(appError('webhook-timestamp', 'missing or malformed X-Earshot-Timestamp'));
  const timestamp = Number(ts);
  if (Math.abs(nowMs / 1000 - timestamp) > toleranceSeconds) {
    return err(appError('webhook-replay', `timestamp outside the ${toleranceSeconds} s tolerance window`));
  }
  const expected = Buffer.from(signWebhook(secret, timestamp, request.body).slice(3), 'hex');
  const offered = (request.signature ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.startsWith(`${SIGNATURE_VERSION}=`))
    .map((part) => Buffer.from(part.slice(3), 'hex'));
  const match = offered.some((mac) => mac.length === expected.length && timingSafeEqual(mac, expected));
  return match ? ok({ timestamp }) : err(appError('webhook-signature', 'signature does not match'));
}
