import type { AtpAgent } from '@atproto/api';
import { z } from 'zod';
import type { RawMention } from '../../../../shared/mention';
import { appError, err, ok, type Result } from '../../../../shared/result';
import type { Connector, PollContext, PollOutcome, RateLimitInfo, RejectedItem } from '../connector';
import type { ConnectorDeps, ConnectorFactory } from '../factory';
import { sampleOf, zodReason } from '../http';
import { BLUESKY_DEFAULT_INTERVAL_MS, BlueskyConfigSchema, type BlueskyConfig } from './bluesky-config';
import { blueskyErrorOutcome, blueskyRateLimit } from './bluesky-errors';
import { planBluesky, type BlueskyPlan } from './bluesky-plan';
import { BlueskyPostSchema, postToMention, sortAt, type BlueskyPost } from './bluesky-post';
import { BlueskySession, MissingCredentialsError } from './bluesky-session';

const PAGE_SIZE = 100;
const PROFILE_BATCH = 25;
const CursorSchema = z.object({ v: z.literal(1), q: z.record(z.string(), z.number()) });

function readCursor(raw: string | null): Record<string, number> {
  try {
    const parsed = raw === null ? null : CursorSchema.safeParse(JSON.parse(raw));
    return parsed?.success ? parsed.data.q : {};
  } catch {
    return {};
  }
}

interface Harvest {
  readonly posts: Map<string, { readonly post: BlueskyPost; readonly watchlist: string | undefined }>;
  readonly rejected: RejectedItem[];
  readonly newest: Record<string, number>;
  rateLimit: RateLimitInfo | undefined;
}

function absorb(h: Harvest, q: string, raw: ReadonlyArray<unknown>, plan: BlueskyPlan): void {
  for (const item of raw) {
    const parsed = BlueskyPostSchema.safeParse(item);
    if (!parsed.success) {
      h.rejected.push({ reason: zodReason(parsed.error.issues), sample: sampleOf(item) });
      continue;
    }
    const post = parsed.data;
    h.newest[q] = Math.max(h.newest[q] ?? -Infinity, sortAt(post));
    const watchlist = plan.assign(q, post.record.text);
    if (watchlist === null || h.posts.has(post.uri)) continue;
    h.posts.set(post.uri, { post, watchlist });
  }
}

/** Pages through one search, newest first, from `since` (minus the overlap) or just the newest page on a first run. */
async function searchQuery(agent: AtpAgent, q: string, h: Harvest, plan: BlueskyPlan, config: BlueskyConfig, signal: AbortSignal, since: number | undefined): Promise<void> {
  let cursor: string | undefined;
  for (let page = 0; page < config.maxPagesPerQuery; page++) {
    const params = {
      q,
      sort: 'latest' as const,
      limit: PAGE_SIZE,
      ...(cursor ? { cursor } : {}),
      ...(since !== undefined ? { since: new Date(since - config.overlapMs).toISOString() } : {}),
    };
    const res = await agent.app.bsky.feed.searchPosts(params, { signal });
    h.rateLimit = blueskyRateLimit(res.headers) ?? h.rateLimit;
    absorb(h, q, res.data.posts, plan);
    cursor = res.data.cursor;
    if (since === undefined || !cursor || res.data.posts.length < PAGE_SIZE) return;
  }
}

/** Follower counts for the authors, 25 per app.bsky.actor.getProfiles call; best-effort (a failure leaves them out). */
async function followerCounts(agent: AtpAgent, dids: ReadonlyArray<string>, signal: AbortSignal): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (let i = 0; i < dids.length; i += PROFILE_BATCH) {
    const res = await agent.app.bsky.actor.getProfiles({ actors: dids.slice(i, i + PROFILE_BATCH) }, { signal });
    for (const p of res.data.profiles) if (typeof p.followersCount === 'number') counts.set(p.did, p.followersCount);
  }
  return counts;
}

async function harvestAll(session: BlueskySession, plan: BlueskyPlan, config: BlueskyConfig, ctx: PollContext, deps: ConnectorDeps): Promise<{ h: Harvest; counts: Map<string, number> }> {
  const since = readCursor(ctx.cursor);
  const h: Harvest = { posts: new Map(), rejected: [], newest: { ...since }, rateLimit: undefined };
  return session.run(ctx.signal, async (agent) => {
    for (const q of plan.queries) {
      await searchQuery(agent, q, h, plan, config, ctx.signal, since[q]);
      if (h.rateLimit && h.rateLimit.remaining <= 0) break;
    }
    const dids = [...new Set([...h.posts.values()].map((p) => p.post.author.did))];
    const counts = config.fetchFollowers ? await followerCounts(agent, dids, ctx.signal).catch((error: unknown) => {
      deps.logger.warn({ err: error instanceof Error ? error.message : 'failed' }, 'bluesky: follower counts unavailable');
      return new Map<string, number>();
    }) : new Map<string, number>();
    return { h, counts };
  });
}

async function pollSearch(session: BlueskySession, plan: BlueskyPlan, config: BlueskyConfig, deps: ConnectorDeps, ctx: PollContext): Promise<PollOutcome> {
  if (plan.queries.length === 0) return { kind: 'config-error', message: 'No searches to run: set "queries" or add a watchlist.' };
  try {
    const { h, counts } = await harvestAll(session, plan, config, ctx, deps);
    const items: RawMention[] = [...h.posts.values()].map(({ post, watchlist }) => postToMention(post, counts.get(post.author.did), watchlist));
    if (h.rejected.length > 0) deps.logger.warn({ rejected: h.rejected.length, first: h.rejected[0] }, 'bluesky: posts rejected');
    const kept: Record<string, number> = {};
    for (const q of plan.queries) if (h.newest[q] !== undefined) kept[q] = h.newest[q];
    return { kind: 'ok', items, rejected: h.rejected, cursor: JSON.stringify({ v: 1, q: kept }), ...(h.rateLimit ? { rateLimit: h.rateLimit } : {}) };
  } catch (error) {
    if (error instanceof MissingCredentialsError) return { kind: 'auth-error', message: error.message };
    return blueskyErrorOutcome(error, ctx.now, ctx.signal, session.scope.timedOut);
  }
}

async function testSearch(session: BlueskySession, plan: BlueskyPlan, deps: ConnectorDeps, signal: AbortSignal): Promise<Result<string>> {
  const q = plan.queries[0];
  if (q === undefined) return err(appError('config', 'No searches to run: set "queries" or add a watchlist.'));
  try {
    const res = await session.run(signal, (agent) => agent.app.bsky.feed.searchPosts({ q, sort: 'latest', limit: 25 }, { signal }));
    return ok(`OK: logged in; ${res.data.posts.length} recent posts for "${q}"`);
  } catch (error) {
    if (error instanceof MissingCredentialsError) return err(appError('auth-error', error.message));
    const outcome = blueskyErrorOutcome(error, deps.clock.now(), signal, session.scope.timedOut);
    return err(appError(outcome.kind, 'message' in outcome ? outcome.message : outcome.kind));
  }
}

/** Builds a Bluesky connector: app-password session (refreshed, re-logged in), searchPosts per query, since-cursor. */
export function createBlueskyConnector(config: BlueskyConfig, deps: ConnectorDeps): Connector {
  const logger = deps.logger.child({ module: 'bluesky', sourceId: config.id });
  const scoped = { ...deps, logger };
  const plan = planBluesky(config.queries, deps.watchlists);
  const service = config.baseUrl ?? config.service;
  const session = new BlueskySession(service, deps.fetch, config.timeoutMs, config.id, deps.credentials);
  return {
    id: config.id,
    kind: 'bluesky',
    label: config.label ?? 'Bluesky',
    pollIntervalMs: config.pollIntervalMs ?? BLUESKY_DEFAULT_INTERVAL_MS,
    poll: (ctx) => pollSearch(session, plan, config, scoped, ctx),
    testConnection: (signal) => testSearch(new BlueskySession(service, deps.fetch, config.timeoutMs, config.id, deps.credentials), plan, scoped, signal),
  };
}

/** The Bluesky source type: an account handle (or email) and an app password (Settings → App passwords). */
export const blueskyFactory: ConnectorFactory<BlueskyConfig> = {
  type: 'bluesky',
  configSchema: BlueskyConfigSchema,
  credentialFields: ['identifier', 'appPassword'],
  create: createBlueskyConnector,
};
