import { z } from 'zod';
import type { RawMention } from '../../../../shared/mention';
import { appError, err, ok, errorMessage, type Result } from '../../../../shared/result';
import type { Connector, PollContext, PollOutcome, RejectedItem } from '../connector';
import type { ConnectorDeps, ConnectorFactory } from '../factory';
import { reviewAttribution } from '../attribution';
import { PageLoopGuard, outcomeError, parseRetryAfter, readJsonCursor, validateEach, zodReason } from '../http';
import { fetchReviewPage, scopedRequestOptions, type LastResponse } from './googleplay-client';
import { GOOGLEPLAY_DEFAULT_INTERVAL_MS, GooglePlayConfigSchema, type GooglePlayConfig } from './googleplay-config';
import { GooglePlayReviewSchema, ReviewPageSchema, reviewToMention } from './googleplay-review';

const PAGE_SIZE = 150;
const SEEN_LIMIT = 1000;
/** Google sends no reset time; a 429 or 403 (scraping blocked) waits this long. */
const BLOCKED_WAIT_MS = 30 * 60_000;
const CursorSchema = z.object({
  v: z.literal(1),
  seen: z.array(z.string()).max(SEEN_LIMIT),
  resume: z.string().max(2000).optional(),
});
type Cursor = z.infer<typeof CursorSchema>;

const idOf = (item: unknown): string[] =>
  typeof item === 'object' && item !== null && 'id' in item && typeof item.id === 'string' ? [item.id] : [];

const retryAfterOf = (value: string, now: number): number | undefined =>
  parseRetryAfter(new Headers({ 'retry-after': value }), now);

function readCursor(raw: string | null): Cursor {
  return readJsonCursor(raw, CursorSchema, { v: 1, seen: [] });
}

/** Maps what google-play-scraper throws (an Error with `status` for HTTP failures) to what the runtime does. */
function errorOutcome(error: unknown, now: number, signal: AbortSignal, last: LastResponse = {}): PollOutcome {
  if (signal.aborted) return { kind: 'transient', message: 'Google Play: aborted' };
  const status =
    typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number'
      ? error.status
      : undefined;
  const text = errorMessage(error, 'request failed').slice(0, 200);
  if (status === 429 || status === 403)
    return { kind: 'rate-limited', until: now + BLOCKED_WAIT_MS, message: `Google Play HTTP ${status}: ${text}` };
  if (status === 404) return { kind: 'config-error', message: 'Google Play: app not found (404)' };
  if (status !== undefined) {
    const retryAfterMs = last.retryAfter === undefined ? undefined : retryAfterOf(last.retryAfter, now);
    const message = `Google Play HTTP ${status}: ${text}`;
    return retryAfterMs === undefined ? { kind: 'transient', message } : { kind: 'transient', message, retryAfterMs };
  }
  if (error instanceof SyntaxError || error instanceof TypeError) {
    return {
      kind: 'transient',
      message: `Google Play answered in an unexpected format (the scraper may need an update): ${text}`,
    };
  }
  return { kind: 'transient', message: `Google Play: ${text}` };
}

interface Harvest {
  readonly items: RawMention[];
  readonly rejected: RejectedItem[];
  readonly ids: string[];
  /** Ids taken this poll: pages shift while new reviews arrive, so one review can show up twice. */
  readonly taken: Set<string>;
  readonly pageErrors: RejectedItem[];
  readonly loop: PageLoopGuard;
}

/** Validates one page; returns true when paging should stop (a known or too-old review was reached). */
function absorb(
  h: Harvest,
  raw: ReadonlyArray<unknown>,
  seen: ReadonlySet<string>,
  oldest: number,
  config: GooglePlayConfig,
): boolean {
  let reachedKnown = false;
  const { items, rejected } = validateEach(raw, GooglePlayReviewSchema);
  h.rejected.push(...rejected);
  for (const review of items) {
    if (h.taken.has(review.id)) continue;
    h.taken.add(review.id);
    h.ids.push(review.id);
    if (seen.has(review.id) || Date.parse(review.date) < oldest) {
      reachedKnown = true;
      continue;
    }
    if (!review.text?.trim()) continue;
    h.items.push(reviewToMention(review, config.appId));
  }
  return reachedKnown;
}

interface Paging {
  /** Why reading stopped: a known or too-old review, the end of the list, or the page budget (more remain). */
  readonly reason: 'known' | 'end' | 'budget';
  readonly token?: string;
}

interface PageRun {
  readonly config: GooglePlayConfig;
  readonly h: Harvest;
  readonly seen: ReadonlySet<string>;
  readonly oldest: number;
  readonly requestOptions: Record<string, unknown>;
  /** First run: only the newest page. */
  readonly firstRun: boolean;
}

/** Reads newest-first pages from `start` (the top when undefined) until a known review, the end, or maxPages. */
async function readPages(run: PageRun, start: string | undefined): Promise<Paging> {
  const { config } = run;
  let token = start;
  for (let page = 0; page < config.maxPages; page++) {
    const raw = await fetchReviewPage({
      appId: config.appId,
      num: PAGE_SIZE,
      lang: config.lang,
      country: config.country,
      requestOptions: run.requestOptions,
      ...(token ? { nextPaginationToken: token } : {}),
    });
    const parsed = ReviewPageSchema.safeParse(raw);
    if (!parsed.success) throw new TypeError(`unexpected result (${zodReason(parsed.error.issues)})`);
    if (run.h.loop.repeats(parsed.data.nextPaginationToken, parsed.data.data.flatMap(idOf))) {
      run.h.pageErrors.push(run.h.loop.error());
      return { reason: 'end' };
    }
    const known = absorb(run.h, parsed.data.data, run.seen, run.oldest, config);
    token = parsed.data.nextPaginationToken ?? undefined;
    if (known) return { reason: 'known' };
    if (!token || run.firstRun) return { reason: 'end' };
  }
  return { reason: 'budget', ...(token ? { token } : {}) };
}

/**
 * Newest reviews down to the last known one. When a burst outruns the page budget, the next page's token is
 * kept in the cursor and the following poll continues from it (best-effort: Google's tokens may expire).
 */
async function pollReviews(config: GooglePlayConfig, deps: ConnectorDeps, ctx: PollContext): Promise<PollOutcome> {
  const prior = readCursor(ctx.cursor);
  const last: LastResponse = {};
  const h: Harvest = {
    items: [],
    rejected: [],
    ids: [],
    taken: new Set(),
    pageErrors: [],
    loop: new PageLoopGuard('Google Play'),
  };
  const run: PageRun = {
    config,
    h,
    seen: new Set(prior.seen),
    oldest: ctx.now - config.maxAgeHours * 3_600_000,
    requestOptions: scopedRequestOptions(ctx.signal, config.timeoutMs, config.baseUrl, last),
    firstRun: prior.seen.length === 0,
  };
  let resume: string | undefined;
  try {
    const fresh = await readPages(run, undefined);
    resume = fresh.token;
    if (fresh.reason !== 'budget' && prior.resume) resume = (await readPages(run, prior.resume)).token;
  } catch (error) {
    return errorOutcome(error, ctx.now, ctx.signal, last);
  }
  if (h.rejected.length > 0)
    deps.logger.warn({ rejected: h.rejected.length, first: h.rejected[0] }, 'googleplay: reviews rejected');
  // After a pagination loop older reviews remain unread: keep the cursor, so the next poll reads down to them.
  if (h.pageErrors.length > 0)
    return {
      kind: 'ok',
      items: h.items,
      rejected: h.rejected,
      cursor: JSON.stringify(prior),
      pageErrors: h.pageErrors,
    };
  const fresh = new Set(h.ids);
  const seen = [...prior.seen.filter((id) => !fresh.has(id)), ...h.ids.slice().reverse()].slice(-SEEN_LIMIT);
  return {
    kind: 'ok',
    items: h.items,
    rejected: h.rejected,
    cursor: JSON.stringify({ v: 1, seen, ...(resume ? { resume } : {}) }),
    ...(h.pageErrors.length > 0 ? { pageErrors: h.pageErrors } : {}),
  };
}

async function testReviews(config: GooglePlayConfig, signal: AbortSignal, now: number): Promise<Result<string>> {
  try {
    const raw = await fetchReviewPage({
      appId: config.appId,
      num: 40,
      lang: config.lang,
      country: config.country,
      requestOptions: scopedRequestOptions(signal, config.timeoutMs, config.baseUrl),
    });
    const parsed = ReviewPageSchema.safeParse(raw);
    if (!parsed.success) return err(appError('format', 'Google Play answered in an unexpected format'));
    return ok(`OK: ${parsed.data.data.length} recent reviews for ${config.appId} (best-effort source)`);
  } catch (error) {
    const outcome = errorOutcome(error, now, signal);
    return outcomeError(outcome);
  }
}

/** Builds a Google Play reviews connector (google-play-scraper; newest first; bounded seen-id cursor). */
export function createGooglePlayConnector(config: GooglePlayConfig, deps: ConnectorDeps): Connector {
  const logger = deps.logger.child({ module: 'googleplay', sourceId: config.id });
  return {
    id: config.id,
    kind: 'googleplay',
    label: config.label ?? `Google Play ${config.appId}`,
    pollIntervalMs: config.pollIntervalMs ?? GOOGLEPLAY_DEFAULT_INTERVAL_MS,
    attribution: reviewAttribution(config),
    poll: (ctx) => pollReviews(config, { ...deps, logger }, ctx),
    testConnection: (signal) => testReviews(config, signal, deps.clock.now()),
  };
}

/** The Google Play reviews source type: no credentials (public reviews), off by default, best-effort. */
export const googlePlayFactory: ConnectorFactory<GooglePlayConfig> = {
  type: 'googleplay',
  configSchema: GooglePlayConfigSchema,
  credentialFields: [],
  create: createGooglePlayConnector,
};
