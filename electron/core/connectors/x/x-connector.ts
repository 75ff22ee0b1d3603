import type { RawMention } from '../../../../shared/mention';
import { appError, err, ok, type Result } from '../../../../shared/result';
import { createSpendGuard, type SpendGuard } from '../../runtime/spend';
import type { Connector, PollContext, PollOutcome, RateLimitInfo, RejectedItem } from '../connector';
import type { ConnectorDeps } from '../factory';
import { PageLoopGuard, outcomeError, checkMention, validateEach } from '../http';
import { parseQuery, toXQuery } from '../query';
import { X_POLL_INTERVAL_MS, xApiBase, type XConfig } from './x-config';
import { readXCursor, type WatchlistCursor, type XCursor } from './x-cursor';
import { SEARCH_FIELDS, searchRecent } from './x-client';
import { SearchPageSchema, TweetSchema, UserSchema, tweetToMention, type User } from './x-schema';

interface Search {
  readonly watchlist: string;
  readonly query: string;
}

/** What reading one watchlist produced; `stop` says the poll must end here (rate limit, spend cap, error). */
interface SearchRun {
  readonly items: RawMention[];
  readonly rejected: RejectedItem[];
  readonly pageErrors: RejectedItem[];
  cursor: WatchlistCursor;
  pages: number;
  rateLimit?: RateLimitInfo;
  failure?: PollOutcome;
  stop: boolean;
}

/** Builds the X connector: v2 recent search per watchlist via twitter-api-v2, billed reads counted against a daily cap. */
export function createXConnector(config: XConfig, deps: ConnectorDeps): Connector {
  const spend = createSpendGuard({ costPerReadUsd: config.costPerReadUsd, capUsdPerDay: config.dailySpendCapUsd });
  const searches = buildSearches(config, deps);
  const log = deps.logger.child({ module: 'x', sourceId: config.id });

  async function token(): Promise<string | null> {
    return (await deps.credentials.get(config.id))?.bearerToken || null;
  }

  async function page(bearerToken: string, params: Record<string, string>, signal: AbortSignal) {
    return searchRecent({
      bearerToken,
      baseUrl: xApiBase(config),
      params,
      signal,
      timeoutMs: config.timeoutMs,
      now: deps.clock.now(),
    });
  }

  async function readWatchlist(
    s: Search,
    prev: WatchlistCursor,
    bearerToken: string,
    signal: AbortSignal,
  ): Promise<SearchRun> {
    const run: SearchRun = { items: [], rejected: [], pageErrors: [], cursor: prev, pages: 0, stop: false };
    const first = prev.since === null;
    const loop = new PageLoopGuard('X');
    let nextToken: string | undefined;
    let newest = prev.backlog?.newest;
    let oldest: string | undefined;
    for (;;) {
      const remaining = spend.remainingReads(deps.clock.now());
      if (remaining <= 0) return { ...run, stop: true };
      const res = await page(bearerToken, searchParams(s.query, prev, remaining, nextToken), signal);
      if (!res.ok) return { ...run, failure: res.outcome, stop: true };
      run.rateLimit = res.rateLimit ?? run.rateLimit;
      const body = SearchPageSchema.safeParse(res.body);
      if (!body.success)
        return { ...run, failure: { kind: 'transient', message: 'X returned an unexpected search page' }, stop: true };
      run.pages++;
      const { data = [], includes, meta } = body.data;
      spend.record(data.length, deps.clock.now());
      const inconsistent = inconsistentPage(data.length, meta);
      if (inconsistent) return { ...run, pageErrors: [...run.pageErrors, inconsistent] };
      if (loop.repeats(meta.next_token, data.flatMap(idOf)))
        return { ...run, pageErrors: [...run.pageErrors, loop.error()] };
      // The cursor moves only to ids of posts received and kept, never to what the page's meta claims.
      const kept = addItems(run, data, includes?.users ?? [], s.watchlist);
      newest ??= maxId(kept);
      oldest = minId(kept) ?? oldest;
      nextToken = meta.next_token;
      if (!nextToken || first) {
        run.cursor = { since: newest ?? prev.since };
        return run;
      }
      if (oldest && newest) run.cursor = { since: prev.since, backlog: { untilId: oldest, newest } };
      if (run.pages >= config.maxPages || run.rateLimit?.remaining === 0)
        return { ...run, stop: run.rateLimit?.remaining === 0 };
    }
  }

  return {
    id: config.id,
    kind: 'x',
    label: config.label ?? 'X',
    pollIntervalMs: config.pollIntervalMs ?? X_POLL_INTERVAL_MS,
    spend,
    restore(cursor) {
      const state = readXCursor(cursor).spend;
      if (state) spend.restore(state, deps.clock.now());
    },
    async poll(ctx: PollContext): Promise<PollOutcome> {
      const bearerToken = await token();
      if (!bearerToken) return { kind: 'auth-error', message: 'X bearer token is not set (bearerToken)' };
      if (searches.length === 0) return { kind: 'config-error', message: 'no watchlist query maps to an X search' };
      const cursor = readXCursor(ctx.cursor);
      if (cursor.spend) spend.restore(cursor.spend, ctx.now);
      return pollAll(cursor, bearerToken, ctx.signal);
    },
    async testConnection(signal): Promise<Result<string>> {
      const bearerToken = await token();
      if (!bearerToken) return err(appError('auth-error', 'X bearer token is not set (bearerToken)'));
      const s = searches[0];
      if (!s) return err(appError('config-error', 'no watchlist query maps to an X search'));
      const refused = capRefusal(spend, config, deps.clock.now());
      if (refused) return refused;
      const res = await page(bearerToken, { query: s.query, max_results: '10' }, signal);
      if (!res.ok) return outcomeError(res.outcome);
      spend.record(SearchPageSchema.safeParse(res.body).data?.data?.length ?? 0, deps.clock.now());
      return ok(`Connected to X: recent search works for "${s.query}".`);
    },
  };

  async function pollAll(cursor: XCursor, bearerToken: string, signal: AbortSignal): Promise<PollOutcome> {
    const items: RawMention[] = [];
    const rejected: RejectedItem[] = [];
    const pageErrors: RejectedItem[] = [];
    const watchlists = { ...cursor.watchlists };
    let rateLimit: RateLimitInfo | undefined;
    let pages = 0;
    for (const s of searches) {
      const run = await readWatchlist(s, watchlists[s.watchlist] ?? { since: null }, bearerToken, signal);
      items.push(...run.items);
      rejected.push(...run.rejected);
      pageErrors.push(...run.pageErrors);
      watchlists[s.watchlist] = run.cursor;
      rateLimit = run.rateLimit ?? rateLimit;
      pages += run.pages;
      if (run.failure && pages === 0) return run.failure;
      if (run.failure) log.warn({ error: run.failure }, 'X poll ended early; keeping what was read');
      if (run.stop) break;
    }
    const next: XCursor = { v: 1, watchlists, spend: spend.snapshot(deps.clock.now()) };
    return {
      kind: 'ok',
      items,
      rejected,
      cursor: JSON.stringify(next),
      reads: items.length + rejected.length,
      ...(pageErrors.length > 0 ? { pageErrors } : {}),
      ...(rateLimit ? { rateLimit } : {}),
    };
  }
}

/** A test connection reads billed posts too: at the daily cap it is refused, saying so. */
function capRefusal(spend: SpendGuard, config: XConfig, now: number): Result<never> | null {
  if (spend.remainingReads(now) > 0) return null;
  const { readsToday } = spend.view(now);
  return err(
    appError(
      'spend-cap',
      `X daily spend cap reached ($${config.dailySpendCapUsd ?? 0} a day, ${readsToday} posts read today): ` +
        'no test connection until midnight UTC, since every post read is billed.',
    ),
  );
}

/** One search request's parameters: newer than `since`, below the backlog's `untilId`, from `nextToken`. */
function searchParams(
  query: string,
  prev: WatchlistCursor,
  remaining: number,
  nextToken: string | undefined,
): Record<string, string> {
  const params: Record<string, string> = {
    query,
    max_results: String(Math.max(10, Math.min(100, remaining))),
    ...SEARCH_FIELDS,
  };
  if (prev.since) params.since_id = prev.since;
  if (prev.backlog?.untilId) params.until_id = prev.backlog.untilId;
  if (nextToken) params.next_token = nextToken;
  return params;
}

/** Validates and keeps a page's posts; returns the ids of those kept. */
function addItems(
  run: SearchRun,
  data: ReadonlyArray<unknown>,
  rawUsers: ReadonlyArray<unknown>,
  watchlist: string,
): string[] {
  const users = new Map<string, User>();
  for (const u of validateEach(rawUsers, UserSchema).items) users.set(u.id, u);
  const { items, rejected } = validateEach(data, TweetSchema);
  run.rejected.push(...rejected);
  const kept: string[] = [];
  for (const t of items) {
    const checked = checkMention(tweetToMention(t, users.get(t.author_id), watchlist), t);
    if (checked.ok) {
      run.items.push(checked.mention);
      kept.push(t.id);
    } else run.rejected.push(checked.rejected);
  }
  return kept;
}

/** A page claiming results (a count, a newest id) with no posts: refused, so the cursor cannot jump past them. */
function inconsistentPage(
  received: number,
  meta: { readonly result_count: number; readonly newest_id?: string | undefined },
): RejectedItem | null {
  if (received > 0 || (meta.result_count === 0 && meta.newest_id === undefined)) return null;
  return {
    reason: `X search page claims ${meta.result_count} result(s)${meta.newest_id ? ` up to ${meta.newest_id}` : ''} but has no data`,
  };
}

const idOf = (item: unknown): string[] =>
  typeof item === 'object' && item !== null && 'id' in item ? [String(item.id)] : [];
const byId = (a: string, b: string): number => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0);
const maxId = (ids: ReadonlyArray<string>): string | undefined => [...ids].sort(byId).at(-1);
const minId = (ids: ReadonlyArray<string>): string | undefined => [...ids].sort(byId)[0];

function buildSearches(config: XConfig, deps: ConnectorDeps): ReadonlyArray<Search> {
  const out: Search[] = [];
  for (const w of deps.watchlists) {
    const ast = parseQuery(w.query);
    const q = ast.ok
      ? toXQuery(ast.value, { excludeRetweets: config.excludeRetweets, ...(config.lang ? { lang: config.lang } : {}) })
      : ast;
    if (q.ok) out.push({ watchlist: w.id, query: q.value });
    else deps.logger.warn({ watchlist: w.id, error: q.error.message }, 'watchlist query unusable for X; skipped');
  }
  return out;
}
