import { z } from 'zod';
import type { RawMention } from '../../../../shared/mention';
import { appError, err, ok, type Result } from '../../../../shared/result';
import { reviewAttribution } from '../attribution';
import type { Connector, PollContext, PollOutcome, RejectedItem } from '../connector';
import type { ConnectorDeps } from '../factory';
import {
  HighWaterSchema,
  PageLoopGuard,
  advanceHighWater,
  checkMention,
  classifyHttpError,
  failureOutcome,
  isNewerThan,
  outcomeError,
  readJsonCursor,
  redactSecrets,
  sendRequest,
  validateEach,
  type HighWater,
} from '../http';
import { TRUSTPILOT_POLL_INTERVAL_MS, trustpilotBase, type TrustpilotConfig } from './trustpilot-config';
import { ReviewSchema, ReviewsPageSchema, hasNextPage, reviewToMention, type Review } from './trustpilot-schema';

const CursorSchema = z.object({ v: z.literal(1), mark: HighWaterSchema.optional() });

const idOf = (item: unknown): string[] =>
  typeof item === 'object' && item !== null && 'id' in item && typeof item.id === 'string' ? [item.id] : [];

type Page =
  | {
      readonly ok: true;
      readonly reviews: ReadonlyArray<Review>;
      readonly rejected: ReadonlyArray<RejectedItem>;
      readonly next: string | null | false;
      /** The ids on the page, valid or not (pagination-loop detection). */
      readonly ids: ReadonlyArray<string>;
    }
  | { readonly ok: false; readonly outcome: PollOutcome };

/** Builds the Trustpilot connector: public reviews of one business unit, newest first, with an API key. */
export function createTrustpilotConnector(config: TrustpilotConfig, deps: ConnectorDeps): Connector {
  const noKey = 'Trustpilot API key is not set (apiKey)';

  async function apiKey(): Promise<string | null> {
    return (await deps.credentials.get(config.id))?.apiKey || null;
  }

  /** `next`: a nextPageToken, null for "page + 1", false when there is no further page. */
  async function fetchPage(
    key: string,
    page: number,
    token: string | null,
    perPage: number,
    signal: AbortSignal,
  ): Promise<Page> {
    const q = new URLSearchParams({ orderBy: 'createdat.desc', perPage: String(perPage) });
    if (token) q.set('nextPageToken', token);
    else q.set('page', String(page));
    for (const l of config.language ?? []) q.append('language', l);
    const url = `${trustpilotBase(config)}/v1/business-units/${config.businessUnitId}/reviews?${q.toString()}`;
    const res = await sendRequest(deps.fetch, {
      url,
      headers: { apikey: key, accept: 'application/json' },
      signal,
      timeoutMs: config.timeoutMs,
    });
    if (!res.ok) return { ok: false, outcome: failureOutcome(res.failure) };
    const r = res.response;
    if (r.status < 200 || r.status >= 300) {
      const outcome = classifyHttpError(r, { now: deps.clock.now(), source: 'Trustpilot' });
      return {
        ok: false,
        outcome: outcome.kind === 'ok' ? outcome : { ...outcome, message: redactSecrets(outcome.message, [key]) },
      };
    }
    const body = ReviewsPageSchema.safeParse(r.body);
    if (!body.success)
      return { ok: false, outcome: { kind: 'transient', message: 'Trustpilot returned an unexpected reviews page' } };
    const { items, rejected } = validateEach(body.data.reviews, ReviewSchema);
    const next = hasNextPage(body.data) ? (body.data.nextPageToken ?? null) : false;
    return { ok: true, reviews: items, rejected, next, ids: body.data.reviews.flatMap(idOf) };
  }

  async function pollAll(key: string, mark: HighWater | undefined, signal: AbortSignal): Promise<PollOutcome> {
    const items: RawMention[] = [];
    const rejected: RejectedItem[] = [];
    const seen: Array<{ id: string; at: number }> = [];
    let token: string | null = null;
    const pageErrors: RejectedItem[] = [];
    const loop = new PageLoopGuard('Trustpilot');
    const pages = mark ? config.maxPages : 1;
    for (let page = 1; page <= pages; page++) {
      const res = await fetchPage(key, page, token, 100, signal);
      if (!res.ok) return res.outcome;
      if (loop.repeats(res.next || null, res.ids)) {
        // Older reviews remain unread: keep the mark, so the next poll reads down to it again (the store dedups).
        pageErrors.push(loop.error());
        break;
      }
      rejected.push(...res.rejected);
      const fresh = res.reviews.filter((r) => isNewerThan(mark, r.id, Date.parse(r.createdAt)));
      for (const review of fresh) {
        seen.push({ id: review.id, at: Date.parse(review.createdAt) });
        const checked = checkMention(reviewToMention(review), review);
        if (checked.ok) items.push(checked.mention);
        else rejected.push(checked.rejected);
      }
      if (fresh.length < res.reviews.length || res.next === false) break;
      token = res.next;
    }
    const next = pageErrors.length > 0 ? mark : advanceHighWater(mark, seen);
    return {
      kind: 'ok',
      items,
      rejected,
      cursor: JSON.stringify({ v: 1, ...(next ? { mark: next } : {}) }),
      ...(pageErrors.length > 0 ? { pageErrors } : {}),
    };
  }

  return {
    id: config.id,
    kind: 'trustpilot',
    label: config.label ?? 'Trustpilot',
    pollIntervalMs: config.pollIntervalMs ?? TRUSTPILOT_POLL_INTERVAL_MS,
    attribution: reviewAttribution(config),
    async poll(ctx: PollContext): Promise<PollOutcome> {
      const key = await apiKey();
      if (!key) return { kind: 'auth-error', message: noKey };
      const cursor = readJsonCursor(ctx.cursor, CursorSchema, { v: 1 as const });
      return pollAll(key, cursor.mark, ctx.signal);
    },
    async testConnection(signal): Promise<Result<string>> {
      const key = await apiKey();
      if (!key) return err(appError('auth-error', noKey));
      const res = await fetchPage(key, 1, null, 1, signal);
      if (!res.ok) return outcomeError(res.outcome);
      return ok("Connected to Trustpilot: the business unit's reviews are readable.");
    },
  };
}
