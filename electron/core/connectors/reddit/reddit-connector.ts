import type { RawMention } from '../../../../shared/mention';
import { appError, err, ok, type Result } from '../../../../shared/result';
import type { Connector, PollContext, PollOutcome, RateLimitInfo, RejectedItem } from '../connector';
import type { ConnectorDeps } from '../factory';
import { PageLoopGuard, outcomeError, checkMention, redactSecrets, validateEach } from '../http';
import { parseQuery, toRedditQuery } from '../query';
import { RedditClient, type RedditCredentials } from './reddit-client';
import { REDDIT_POLL_INTERVAL_MS, redditApiBase, type RedditConfig } from './reddit-config';
import { advanceFeed, isUnseen, readRedditCursor, type FeedCursor } from './reddit-cursor';
import { LinkSchema, ListingSchema, linkToMention, type Link } from './reddit-schema';

/** One listing to follow: a subreddit's /new, or a search within it for one watchlist. */
interface Feed {
  readonly key: string;
  readonly path: string;
  readonly paging: 'before' | 'after';
  readonly watchlist?: string;
}

interface FeedResult {
  readonly items: ReadonlyArray<RawMention>;
  readonly rejected: ReadonlyArray<RejectedItem>;
  readonly pageErrors: ReadonlyArray<RejectedItem>;
  readonly cursor: FeedCursor | undefined;
  readonly rateLimit?: RateLimitInfo;
}

const nameOf = (child: unknown): string[] => {
  const data = typeof child === 'object' && child !== null && 'data' in child ? child.data : undefined;
  return typeof data === 'object' && data !== null && 'name' in data && typeof data.name === 'string'
    ? [data.name]
    : [];
};

const base = (sub: string) => `/r/${encodeURIComponent(sub)}`;

/** Builds the Reddit connector for one config entry. */
export function createRedditConnector(config: RedditConfig, deps: ConnectorDeps): Connector {
  const client = new RedditClient({
    fetch: deps.fetch,
    clock: deps.clock,
    oauthBaseUrl: config.oauthBaseUrl,
    apiBaseUrl: redditApiBase(config),
    userAgent: config.userAgent,
    timeoutMs: config.timeoutMs,
  });
  const feeds = buildFeeds(config, deps);

  async function credentials(): Promise<RedditCredentials | null> {
    const stored = await deps.credentials.get(config.id);
    const clientId = stored?.clientId;
    const clientSecret = stored?.clientSecret;
    return clientId && clientSecret ? { clientId, clientSecret } : null;
  }

  async function pollFeed(
    feed: Feed,
    prev: FeedCursor | undefined,
    creds: RedditCredentials,
    signal: AbortSignal,
    useAnchor = true,
  ): Promise<FeedResult | PollOutcome> {
    const items: RawMention[] = [];
    const rejected: RejectedItem[] = [];
    let cursor = prev;
    let anchor = feed.paging === 'before' && useAnchor ? (prev?.newest ?? null) : null;
    let rateLimit: RateLimitInfo | undefined;
    const pageErrors: RejectedItem[] = [];
    const loop = new PageLoopGuard('Reddit');
    for (let page = 0; page < config.maxPages; page++) {
      const sep = feed.path.includes('?') ? '&' : '?';
      const pageParam = anchor ? `&${feed.paging}=${encodeURIComponent(anchor)}` : '';
      const res = await client.get(`${feed.path}${sep}limit=100&raw_json=1${pageParam}`, creds, signal);
      if (!res.ok) return res.outcome;
      rateLimit = res.rateLimit ?? rateLimit;
      const listing = ListingSchema.safeParse(res.body);
      if (!listing.success) return { kind: 'transient', message: 'Reddit returned something other than a listing' };
      const children = listing.data.data.children;
      // Workaround: Reddit answers `before=<deleted post>` with an empty page forever; re-anchor on the newest page.
      if (page === 0 && anchor && children.length === 0) return pollFeed(feed, prev, creds, signal, false);
      if (loop.repeats(listing.data.data.after, children.flatMap(nameOf))) {
        pageErrors.push(loop.error());
        break;
      }
      const { items: links, rejected: bad } = validateEach(children, LinkSchema);
      rejected.push(...bad);
      const fresh = links.filter((l) => isUnseen(prev, l.data.name, l.data.created_utc * 1000));
      for (const link of fresh) pushMention(items, rejected, link, feed.watchlist);
      cursor = advanceFeed(
        cursor,
        fresh.map((l) => ({ name: l.data.name, at: Math.round(l.data.created_utc * 1000) })),
      );
      const full = children.length >= 100;
      if (!full || !prev || fresh.length < links.length) break;
      anchor = feed.paging === 'before' ? (links[0]?.data.name ?? null) : (listing.data.data.after ?? null);
      if (!anchor) break;
    }
    return { items, rejected, pageErrors, cursor, ...(rateLimit ? { rateLimit } : {}) };
  }

  return {
    id: config.id,
    kind: 'reddit',
    label: config.label ?? `Reddit: ${config.subreddits.map((s) => `r/${s}`).join(', ')}`,
    pollIntervalMs: config.pollIntervalMs ?? REDDIT_POLL_INTERVAL_MS,
    async poll(ctx: PollContext): Promise<PollOutcome> {
      const creds = await credentials();
      if (!creds) return { kind: 'auth-error', message: 'Reddit credentials are not set (clientId, clientSecret)' };
      if (feeds.length === 0) return { kind: 'config-error', message: 'no watchlist query maps to a Reddit search' };
      const cursor = readRedditCursor(ctx.cursor);
      const all: RawMention[] = [];
      const rejected: RejectedItem[] = [];
      const pageErrors: RejectedItem[] = [];
      const nextFeeds = { ...cursor.feeds };
      let rateLimit: RateLimitInfo | undefined;
      for (const feed of feeds) {
        const r = await pollFeed(feed, cursor.feeds[feed.key], creds, ctx.signal);
        if ('kind' in r) return scrub(r, creds);
        all.push(...r.items);
        rejected.push(...r.rejected);
        pageErrors.push(...r.pageErrors);
        if (r.cursor) nextFeeds[feed.key] = r.cursor;
        rateLimit = r.rateLimit ?? rateLimit;
      }
      const next = JSON.stringify({ v: 1, feeds: nextFeeds });
      return {
        kind: 'ok',
        items: all,
        rejected,
        cursor: next,
        ...(pageErrors.length > 0 ? { pageErrors } : {}),
        ...(rateLimit ? { rateLimit } : {}),
      };
    },
    async testConnection(signal): Promise<Result<string>> {
      const creds = await credentials();
      if (!creds) return err(appError('auth-error', 'Reddit credentials are not set (clientId, clientSecret)'));
      const sub = config.subreddits[0] as string;
      const res = await client.get(`${base(sub)}/new?limit=1&raw_json=1`, creds, signal);
      if (!res.ok) return outcomeError(res.outcome, (text) => redactSecrets(text, [creds.clientSecret]));
      return ok(`Connected to Reddit: r/${sub} is readable.`);
    },
  };
}

function pushMention(items: RawMention[], rejected: RejectedItem[], link: Link, watchlist: string | undefined): void {
  const checked = checkMention(linkToMention(link, watchlist), link);
  if (checked.ok) items.push(checked.mention);
  else rejected.push(checked.rejected);
}

function buildFeeds(config: RedditConfig, deps: ConnectorDeps): ReadonlyArray<Feed> {
  if (config.mode === 'new')
    return config.subreddits.map((s) => ({ key: `new:${s}`, path: `${base(s)}/new`, paging: 'before' as const }));
  const feeds: Feed[] = [];
  for (const w of deps.watchlists) {
    const ast = parseQuery(w.query);
    if (!ast.ok) {
      deps.logger.warn(
        { watchlist: w.id, error: ast.error.message },
        'watchlist query does not parse; skipped for Reddit',
      );
      continue;
    }
    const q = encodeURIComponent(toRedditQuery(ast.value));
    for (const s of config.subreddits) {
      feeds.push({
        key: `search:${s}:${w.id}`,
        path: `${base(s)}/search?q=${q}&restrict_sr=1&sort=new`,
        paging: 'after',
        watchlist: w.id,
      });
    }
  }
  return feeds;
}

function scrub(outcome: PollOutcome, creds: RedditCredentials): PollOutcome {
  if (outcome.kind === 'ok') return outcome;
  return { ...outcome, message: redactSecrets(outcome.message, [creds.clientId, creds.clientSecret]) };
}
