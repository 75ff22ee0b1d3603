import { parseFeed, DetectError, type AnyFeed } from 'feedsmith';
import type { RawMention } from '../../../../shared/mention';
import { appError, err, ok, errorMessage, type Result } from '../../../../shared/result';
import type { Connector, PollContext, PollOutcome, RejectedItem } from '../connector';
import type { ConnectorDeps, ConnectorFactory } from '../factory';
import { classifyHttpError, failureOutcome, sendRequest, type HttpResponse } from '../http';
import { feedEntries, type FeedEntry } from './feed-entries';
import { RSS_DEFAULT_INTERVAL_MS, RssConfigSchema, type RssConfig } from './rss-config';
import { advanceRssCursor, readRssCursor, type RssCursor } from './rss-cursor';

const ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5';

function conditionalHeaders(config: RssConfig, cursor: RssCursor): Record<string, string> {
  return {
    accept: ACCEPT,
    'user-agent': config.userAgent,
    ...(cursor.etag ? { 'if-none-match': cursor.etag } : {}),
    ...(cursor.lastModified ? { 'if-modified-since': cursor.lastModified } : {}),
  };
}

function parse(res: HttpResponse): { ok: true; feed: AnyFeed } | { ok: false; outcome: PollOutcome } {
  try {
    return { ok: true, feed: parseFeed(res.body) };
  } catch (error) {
    const message = errorMessage(error, 'unreadable feed');
    return error instanceof DetectError
      ? { ok: false, outcome: { kind: 'config-error', message: `Not an RSS, Atom, RDF or JSON feed: ${message}` } }
      : { ok: false, outcome: { kind: 'transient', message: `Feed did not parse: ${message}` } };
  }
}

interface Selection {
  readonly items: RawMention[];
  readonly ids: string[];
  readonly newest: number | undefined;
}

function select(entries: ReadonlyArray<FeedEntry>, cursor: RssCursor, ctx: PollContext, config: RssConfig): Selection {
  const seen = new Set(cursor.seen);
  const oldest = ctx.now - config.maxAgeHours * 3_600_000;
  const items: RawMention[] = [];
  let newest: number | undefined;
  for (const e of entries) {
    if (e.date !== undefined) newest = Math.max(newest ?? e.date, e.date);
    if (seen.has(e.id) || (e.date !== undefined && e.date < oldest)) continue;
    items.push({
      externalId: e.id,
      channel: 'rss',
      text: e.text,
      createdAt: e.date ?? ctx.now,
      author: { handle: e.author?.slice(0, 200) ?? config.label ?? config.id },
      ...(e.url ? { url: e.url.slice(0, 2000) } : {}),
    });
  }
  return { items, ids: entries.map((e) => e.id), newest };
}

async function pollFeed(config: RssConfig, deps: ConnectorDeps, ctx: PollContext): Promise<PollOutcome> {
  const cursor = readRssCursor(ctx.cursor);
  const sent = await sendRequest(deps.fetch, {
    url: config.url,
    headers: conditionalHeaders(config, cursor),
    signal: ctx.signal,
    timeoutMs: config.timeoutMs,
  });
  if (!sent.ok) return failureOutcome(sent.failure);
  const res = sent.response;
  if (res.status === 304) return { kind: 'ok', items: [], rejected: [], cursor: ctx.cursor };
  if (res.status < 200 || res.status >= 300) return classifyHttpError(res, { now: ctx.now, source: 'Feed' });
  const parsed = parse(res);
  if (!parsed.ok) return parsed.outcome;
  const { entries, rejected } = feedEntries(parsed.feed);
  const chosen = select(entries, cursor, ctx, config);
  // The validators say "you have this document": not true of one with no readable item (a feed whose items were
  // all refused, or renamed away). It is fetched in full next time, or a 304 would hide its items until it changes.
  const validators =
    entries.length > 0
      ? { etag: res.headers.get('etag') ?? undefined, lastModified: res.headers.get('last-modified') ?? undefined }
      : {};
  const next = advanceRssCursor(cursor, chosen.ids, chosen.newest, validators);
  logRejected(deps, config, rejected);
  return { kind: 'ok', items: chosen.items, rejected, cursor: JSON.stringify(next) };
}

function logRejected(deps: ConnectorDeps, config: RssConfig, rejected: ReadonlyArray<RejectedItem>): void {
  if (rejected.length > 0)
    deps.logger.warn({ sourceId: config.id, rejected: rejected.length, first: rejected[0] }, 'rss: items rejected');
}

async function testFeed(config: RssConfig, deps: ConnectorDeps, signal: AbortSignal): Promise<Result<string>> {
  const sent = await sendRequest(deps.fetch, {
    url: config.url,
    headers: conditionalHeaders(config, readRssCursor(null)),
    signal,
    timeoutMs: config.timeoutMs,
  });
  if (!sent.ok) return err(appError('unreachable', sent.failure.message));
  if (sent.response.status !== 200) return err(appError('http', `Feed answered HTTP ${sent.response.status}`));
  const parsed = parse(sent.response);
  if (!parsed.ok)
    return err(appError('not-a-feed', 'message' in parsed.outcome ? parsed.outcome.message : 'unreadable feed'));
  const { entries } = feedEntries(parsed.feed);
  return ok(`OK: ${parsed.feed.format.toUpperCase()} feed with ${entries.length} items`);
}

/** Builds an RSS/Atom/RDF/JSON Feed connector: conditional GET, bounded seen-id cursor, watchlist filter in the hub. */
export function createRssConnector(config: RssConfig, deps: ConnectorDeps): Connector {
  const logger = deps.logger.child({ module: 'rss', sourceId: config.id });
  return {
    id: config.id,
    kind: 'rss',
    label: config.label ?? new URL(config.url).host,
    pollIntervalMs: config.pollIntervalMs ?? RSS_DEFAULT_INTERVAL_MS,
    // Items are matched in the hub's attribute step; with `matchWatchlists` the ones matching no watchlist are dropped.
    attribution: { requireMatch: config.matchWatchlists },
    poll: (ctx) => pollFeed(config, { ...deps, logger }, ctx),
    testConnection: (signal) => testFeed(config, deps, signal),
  };
}

/** The RSS/Atom source type. No credentials: feeds are public. */
export const rssFactory: ConnectorFactory<RssConfig> = {
  type: 'rss',
  configSchema: RssConfigSchema,
  credentialFields: [],
  create: createRssConnector,
};
