import type { AtpAgent } from '@atproto/api';
import type { RawMention } from '../../../../shared/mention';
import { appError, err, ok, errorMessage, type Result } from '../../../../shared/result';
import type { Connector, PollContext, PollOutcome, RateLimitInfo, RejectedItem } from '../connector';
import type { ConnectorDeps, ConnectorFactory } from '../factory';
import { PageLoopGuard, outcomeError, validateEach } from '../http';
import { toBlueskyQueries } from '../query';
import { planSearchRoutes, type SearchRoutes } from '../search-routes';
import { BLUESKY_DEFAULT_INTERVAL_MS, BlueskyConfigSchema, type BlueskyConfig } from './bluesky-config';
import { readBlueskyCursor, writeBlueskyCursor, type QueryState, type SearchWindow } from './bluesky-cursor';
import { blueskyErrorOutcome, blueskyRateLimit } from './bluesky-errors';
import { BlueskyPostSchema, postToMention, sortAt, type BlueskyPost } from './bluesky-post';
import { BlueskySession, MissingCredentialsError } from './bluesky-session';

const PAGE_SIZE = 100;

const uriOf = (post: unknown): string[] =>
  typeof post === 'object' && post !== null && 'uri' in post && typeof post.uri === 'string' ? [post.uri] : [];
const PROFILE_BATCH = 25;

interface Harvest {
  readonly posts: Map<string, { readonly post: BlueskyPost; readonly watchlist: string | undefined }>;
  readonly rejected: RejectedItem[];
  readonly pageErrors: RejectedItem[];
  rateLimit: RateLimitInfo | undefined;
}

/** Validates and keeps one page; returns the newest and oldest post times on it. */
function absorb(
  h: Harvest,
  q: string,
  raw: ReadonlyArray<unknown>,
  plan: SearchRoutes,
): { newest?: number; oldest?: number } {
  let newest: number | undefined;
  let oldest: number | undefined;
  const { items, rejected } = validateEach(raw, BlueskyPostSchema);
  h.rejected.push(...rejected);
  for (const post of items) {
    const at = sortAt(post);
    newest = Math.max(newest ?? at, at);
    oldest = Math.min(oldest ?? at, at);
    const watchlist = plan.claim(q, post.record.text);
    if (watchlist === null || h.posts.has(post.uri)) continue;
    h.posts.set(post.uri, { post, watchlist });
  }
  return { ...(newest !== undefined ? { newest } : {}), ...(oldest !== undefined ? { oldest } : {}) };
}

interface WindowResult {
  /** True when the window was read to its end (or it was a first run, which reads one page only). */
  readonly exhausted: boolean;
  readonly newest?: number;
  readonly oldest?: number;
}

interface SearchCall {
  readonly agent: AtpAgent;
  readonly q: string;
  readonly h: Harvest;
  readonly plan: SearchRoutes;
  readonly config: BlueskyConfig;
  readonly signal: AbortSignal;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * Reads one time window of a search, newest first, following the result cursor up to maxPagesPerQuery pages.
 * It is read to its end once a page reaches `since` (what follows is the overlap, read before).
 */
async function searchWindow(call: SearchCall, window: Partial<SearchWindow>): Promise<WindowResult> {
  const { agent, q, h, config } = call;
  let cursor: string | undefined;
  let newest: number | undefined;
  let oldest: number | undefined;
  const loop = new PageLoopGuard('Bluesky');
  for (let page = 0; page < config.maxPagesPerQuery; page++) {
    const params = {
      q,
      sort: 'latest' as const,
      limit: PAGE_SIZE,
      ...(cursor ? { cursor } : {}),
      ...(window.since !== undefined ? { since: iso(window.since - config.overlapMs) } : {}),
      ...(window.until !== undefined ? { until: iso(window.until + 1) } : {}),
    };
    const res = await agent.app.bsky.feed.searchPosts(params, { signal: call.signal });
    h.rateLimit = blueskyRateLimit(res.headers) ?? h.rateLimit;
    if (loop.repeats(res.data.cursor, res.data.posts.flatMap(uriOf))) {
      h.pageErrors.push(loop.error());
      return { exhausted: false, newest, oldest };
    }
    const seen = absorb(h, q, res.data.posts, call.plan);
    if (seen.newest !== undefined) newest = Math.max(newest ?? seen.newest, seen.newest);
    if (seen.oldest !== undefined) oldest = Math.min(oldest ?? seen.oldest, seen.oldest);
    cursor = res.data.cursor;
    const reachedSince = window.since !== undefined && oldest !== undefined && oldest <= window.since;
    const done = !cursor || res.data.posts.length < PAGE_SIZE || window.since === undefined || reachedSince;
    if (done || (h.rateLimit && h.rateLimit.remaining <= 0)) return { exhausted: done, newest, oldest };
  }
  return { exhausted: false, newest, oldest };
}

/**
 * One search for one poll: new posts since the last newest; when they do not fit in the page budget, the unread
 * older part becomes (or widens) the backlog window, which later polls read with `until` — so nothing is skipped.
 */
async function runQuery(call: SearchCall, prev: QueryState | undefined): Promise<QueryState | undefined> {
  const fresh = await searchWindow(call, prev ? { since: prev.newest } : {});
  const newest = Math.max(prev?.newest ?? -Infinity, fresh.newest ?? -Infinity);
  if (!Number.isFinite(newest)) return prev;
  if (prev && !fresh.exhausted && fresh.oldest !== undefined) {
    const since = Math.min(prev.backlog?.since ?? prev.newest, prev.newest);
    return { newest, backlog: { since, until: fresh.oldest } };
  }
  if (!prev?.backlog) return { newest };
  const old = await searchWindow(call, prev.backlog);
  if (old.exhausted) return { newest };
  return { newest, backlog: { since: prev.backlog.since, until: old.oldest ?? prev.backlog.until } };
}

/** Follower counts for the authors, 25 per app.bsky.actor.getProfiles call; best-effort (a failure leaves them out). */
async function followerCounts(
  agent: AtpAgent,
  dids: ReadonlyArray<string>,
  signal: AbortSignal,
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (let i = 0; i < dids.length; i += PROFILE_BATCH) {
    const res = await agent.app.bsky.actor.getProfiles({ actors: dids.slice(i, i + PROFILE_BATCH) }, { signal });
    for (const p of res.data.profiles) if (typeof p.followersCount === 'number') counts.set(p.did, p.followersCount);
  }
  return counts;
}

interface PollResult {
  readonly h: Harvest;
  readonly states: Record<string, QueryState>;
  readonly counts: Map<string, number>;
}

async function harvestAll(
  session: BlueskySession,
  plan: SearchRoutes,
  config: BlueskyConfig,
  ctx: PollContext,
  deps: ConnectorDeps,
): Promise<PollResult> {
  const states: Record<string, QueryState> = { ...readBlueskyCursor(ctx.cursor) };
  const h: Harvest = { posts: new Map(), rejected: [], pageErrors: [], rateLimit: undefined };
  return session.run(ctx.signal, async (agent) => {
    for (const q of plan.terms) {
      const next = await runQuery({ agent, q, h, plan, config, signal: ctx.signal }, states[q]);
      if (next) states[q] = next;
      if (h.rateLimit && h.rateLimit.remaining <= 0) break;
    }
    const dids = [...new Set([...h.posts.values()].map((p) => p.post.author.did))];
    const counts = config.fetchFollowers
      ? await followerCounts(agent, dids, ctx.signal).catch((error: unknown) => {
          deps.logger.warn({ err: errorMessage(error, 'failed') }, 'bluesky: follower counts unavailable');
          return new Map<string, number>();
        })
      : new Map<string, number>();
    return { h, states, counts };
  });
}

async function pollSearch(
  session: BlueskySession,
  plan: SearchRoutes,
  config: BlueskyConfig,
  deps: ConnectorDeps,
  ctx: PollContext,
): Promise<PollOutcome> {
  if (plan.terms.length === 0)
    return { kind: 'config-error', message: 'No searches to run: set "queries" or add a watchlist.' };
  try {
    const { h, states, counts } = await harvestAll(session, plan, config, ctx, deps);
    const items: RawMention[] = [...h.posts.values()].map(({ post, watchlist }) =>
      postToMention(post, counts.get(post.author.did), watchlist),
    );
    if (h.rejected.length > 0)
      deps.logger.warn({ rejected: h.rejected.length, first: h.rejected[0] }, 'bluesky: posts rejected');
    const cursor = writeBlueskyCursor(states, plan.terms);
    return {
      kind: 'ok',
      items,
      rejected: h.rejected,
      cursor,
      ...(h.pageErrors.length > 0 ? { pageErrors: h.pageErrors } : {}),
      ...(h.rateLimit ? { rateLimit: h.rateLimit } : {}),
    };
  } catch (error) {
    if (error instanceof MissingCredentialsError) return { kind: 'auth-error', message: error.message };
    return blueskyErrorOutcome(error, ctx.now, ctx.signal, session.scope.timedOut);
  }
}

async function testSearch(
  session: BlueskySession,
  plan: SearchRoutes,
  deps: ConnectorDeps,
  signal: AbortSignal,
): Promise<Result<string>> {
  const q = plan.terms[0];
  if (q === undefined) return err(appError('config', 'No searches to run: set "queries" or add a watchlist.'));
  try {
    const res = await session.run(signal, (agent) =>
      agent.app.bsky.feed.searchPosts({ q, sort: 'latest', limit: 25 }, { signal }),
    );
    return ok(`OK: logged in; ${res.data.posts.length} recent posts for "${q}"`);
  } catch (error) {
    if (error instanceof MissingCredentialsError) return err(appError('auth-error', error.message));
    const outcome = blueskyErrorOutcome(error, deps.clock.now(), signal, session.scope.timedOut);
    return outcomeError(outcome);
  }
}

/** Builds a Bluesky connector: app-password session (refreshed, re-logged in), searchPosts per query, since-cursor. */
export function createBlueskyConnector(config: BlueskyConfig, deps: ConnectorDeps): Connector {
  const logger = deps.logger.child({ module: 'bluesky', sourceId: config.id });
  const scoped = { ...deps, logger };
  const plan = planSearchRoutes(config.queries, deps.watchlists, (ast) => {
    const searches = toBlueskyQueries(ast);
    return { terms: searches.queries, hubFilter: searches.hubFilter };
  });
  const service = config.baseUrl ?? config.service;
  const session = new BlueskySession(service, deps.fetch, config.timeoutMs, config.id, deps.credentials);
  return {
    id: config.id,
    kind: 'bluesky',
    label: config.label ?? 'Bluesky',
    pollIntervalMs: config.pollIntervalMs ?? BLUESKY_DEFAULT_INTERVAL_MS,
    ...(plan.attribution ? { attribution: plan.attribution } : {}),
    poll: (ctx) => pollSearch(session, plan, config, scoped, ctx),
    testConnection: (signal) =>
      testSearch(
        new BlueskySession(service, deps.fetch, config.timeoutMs, config.id, deps.credentials),
        plan,
        scoped,
        signal,
      ),
  };
}

/** The Bluesky source type: an account handle (or email) and an app password (Settings → App passwords). */
export const blueskyFactory: ConnectorFactory<BlueskyConfig> = {
  type: 'bluesky',
  configSchema: BlueskyConfigSchema,
  credentialFields: ['identifier', 'appPassword'],
  create: createBlueskyConnector,
};
