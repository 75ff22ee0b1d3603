import { z } from 'zod';
import type { RawMention } from '../../../../shared/mention';
import { ok, type Result } from '../../../../shared/result';
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
  sendRequest,
  validateEach,
  type HighWater,
} from '../http';
import { APPSTORE_POLL_INTERVAL_MS, appStoreBase, type AppStoreConfig } from './appstore-config';
import {
  FeedSchema,
  ReviewEntrySchema,
  entriesOf,
  isAppMetadata,
  reviewToMention,
  type ReviewEntry,
} from './appstore-schema';

const CursorSchema = z.object({ v: z.literal(1), countries: z.record(z.string(), HighWaterSchema) });
type AppStoreCursor = z.infer<typeof CursorSchema>;

const entryId = (entry: unknown): string[] => {
  const id = typeof entry === 'object' && entry !== null && 'id' in entry ? entry.id : undefined;
  const label = typeof id === 'object' && id !== null && 'label' in id ? id.label : undefined;
  return typeof label === 'string' ? [label] : [];
};

type PageResult =
  | {
      readonly ok: true;
      readonly reviews: ReadonlyArray<ReviewEntry>;
      readonly rejected: ReadonlyArray<RejectedItem>;
      /** Every entry id on the page, valid or not (pagination-loop detection). */
      readonly ids: ReadonlyArray<string>;
    }
  | { readonly ok: false; readonly outcome: PollOutcome };

/** Builds the App Store reviews connector (public RSS JSON feed; no credentials). */
export function createAppStoreConnector(config: AppStoreConfig, deps: ConnectorDeps): Connector {
  async function fetchPage(country: string, page: number, signal: AbortSignal): Promise<PageResult> {
    const url = `${appStoreBase(config)}/${country}/rss/customerreviews/page=${page}/id=${config.appId}/sortby=mostrecent/json`;
    const res = await sendRequest(deps.fetch, {
      url,
      headers: { accept: 'application/json' },
      signal,
      timeoutMs: config.timeoutMs,
    });
    if (!res.ok) return { ok: false, outcome: failureOutcome(res.failure) };
    const r = res.response;
    if (r.status < 200 || r.status >= 300)
      return { ok: false, outcome: classifyHttpError(r, { now: deps.clock.now(), source: 'App Store' }) };
    const feed = FeedSchema.safeParse(r.body);
    if (!feed.success)
      return { ok: false, outcome: { kind: 'transient', message: 'App Store returned an unexpected feed' } };
    const entries = entriesOf(feed.data).filter((e) => !isAppMetadata(e));
    const { items, rejected } = validateEach(entries, ReviewEntrySchema);
    return { ok: true, reviews: items, rejected, ids: entries.flatMap(entryId) };
  }

  async function pollCountry(country: string, mark: HighWater | undefined, signal: AbortSignal) {
    const items: RawMention[] = [];
    const rejected: RejectedItem[] = [];
    const seen: Array<{ id: string; at: number }> = [];
    const loop = new PageLoopGuard('App Store');
    const pages = mark ? config.maxPages : config.initialPages;
    for (let page = 1; page <= pages; page++) {
      const res = await fetchPage(country, page, signal);
      if (!res.ok) return res;
      if (loop.repeats(null, res.ids)) {
        // Older reviews remain unread: keep the mark, so the next poll reads down to it again (the store dedups).
        return { ok: true as const, items, rejected, pageErrors: [loop.error()], mark };
      }
      rejected.push(...res.rejected);
      if (res.reviews.length === 0) break;
      const fresh = res.reviews.filter((r) => isNewerThan(mark, r.id.label, Date.parse(r.updated.label)));
      for (const review of fresh) {
        seen.push({ id: review.id.label, at: Date.parse(review.updated.label) });
        const checked = checkMention(reviewToMention(review, country, config.appId), review);
        if (checked.ok) items.push(checked.mention);
        else rejected.push(checked.rejected);
      }
      if (fresh.length < res.reviews.length) break;
    }
    return {
      ok: true as const,
      items,
      rejected,
      pageErrors: [],
      mark: advanceHighWater(
        mark,
        seen.filter((s) => Number.isFinite(s.at)),
      ),
    };
  }

  return {
    id: config.id,
    kind: 'appstore',
    label: config.label ?? `App Store ${config.appId}`,
    pollIntervalMs: config.pollIntervalMs ?? APPSTORE_POLL_INTERVAL_MS,
    attribution: reviewAttribution(config),
    async poll(ctx: PollContext): Promise<PollOutcome> {
      const cursor = readJsonCursor<AppStoreCursor>(ctx.cursor, CursorSchema, { v: 1, countries: {} });
      const countries = { ...cursor.countries };
      const items: RawMention[] = [];
      const rejected: RejectedItem[] = [];
      const pageErrors: RejectedItem[] = [];
      for (const country of config.countries) {
        const r = await pollCountry(country, cursor.countries[country], ctx.signal);
        if (!r.ok) return r.outcome;
        items.push(...r.items);
        rejected.push(...r.rejected);
        pageErrors.push(...r.pageErrors);
        if (r.mark) countries[country] = r.mark;
      }
      const cursorText = JSON.stringify({ v: 1, countries });
      return { kind: 'ok', items, rejected, cursor: cursorText, ...(pageErrors.length > 0 ? { pageErrors } : {}) };
    },
    async testConnection(signal): Promise<Result<string>> {
      const country = config.countries[0] as string;
      const res = await fetchPage(country, 1, signal);
      if (!res.ok) return outcomeError(res.outcome);
      return ok(`Connected to the App Store feed: ${res.reviews.length} recent review(s) in "${country}".`);
    },
  };
}
