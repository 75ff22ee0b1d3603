import { createRestAPIClient, type mastodon } from 'masto';
import type { RawMention } from '../../../../shared/mention';
import { appError, err, ok, type Result } from '../../../../shared/result';
import type { Connector, PollContext, PollOutcome, RateLimitInfo, RejectedItem } from '../connector';
import type { ConnectorDeps, ConnectorFactory } from '../factory';
import { PageLoopGuard, outcomeError, redactSecrets, validateEach } from '../http';
import { toMastodonTags } from '../query';
import { planSearchRoutes, type SearchRoutes } from '../search-routes';
import { MASTODON_DEFAULT_INTERVAL_MS, MastodonConfigSchema, type MastodonConfig } from './mastodon-config';
import { compareIds, readMastodonCursor, writeMastodonCursor } from './mastodon-cursor';
import { mastodonErrorOutcome, mastodonRateLimit } from './mastodon-errors';
import { MastodonStatusSchema, statusToMention } from './mastodon-status';

const PAGE_SIZE = 40;

const idOf = (item: unknown): string[] =>
  typeof item === 'object' && item !== null && 'id' in item && typeof item.id === 'string' ? [item.id] : [];

interface TagPage {
  readonly raw: ReadonlyArray<unknown>;
  readonly rateLimit: RateLimitInfo | undefined;
  /** The Link header (the next page's address): the same one twice is a pagination loop. */
  readonly link: string | null;
}

/**
 * One tag's new statuses: from `since` upwards page by page (Link rel="prev", min_id), oldest page first so a
 * capped catch-up leaves no gap; a short page means caught up. A first run takes only the newest page.
 */
async function* tagPages(
  client: mastodon.rest.Client,
  tag: string,
  since: string | undefined,
  config: MastodonConfig,
): AsyncGenerator<TagPage> {
  const timeline = client.v1.timelines.tag.$select(tag);
  if (since === undefined) {
    const first = await timeline.list.$raw({ limit: PAGE_SIZE, local: config.local });
    yield { raw: first.data, rateLimit: mastodonRateLimit(first.headers), link: first.headers.get('link') };
    return;
  }
  const pages = timeline.list.$raw({ minId: since, limit: PAGE_SIZE, local: config.local }).setDirection('prev');
  let count = 0;
  for await (const page of pages) {
    yield { raw: page.data, rateLimit: mastodonRateLimit(page.headers), link: page.headers.get('link') };
    if (page.data.length < PAGE_SIZE || ++count >= config.maxPagesPerTag) return;
  }
}

interface Harvest {
  readonly items: Map<string, RawMention>;
  readonly rejected: RejectedItem[];
  readonly pageErrors: RejectedItem[];
  readonly newest: Record<string, string>;
  rateLimit: RateLimitInfo | undefined;
}

function absorb(harvest: Harvest, tag: string, raw: ReadonlyArray<unknown>, plan: SearchRoutes): void {
  const { items, rejected } = validateEach(raw, MastodonStatusSchema);
  harvest.rejected.push(...rejected);
  for (const status of items) {
    // The cursor moves only past statuses received and read, never past one refused (it comes again).
    const prev = harvest.newest[tag];
    if (prev === undefined || compareIds(status.id, prev) > 0) harvest.newest[tag] = status.id;
    const mention = statusToMention(status, tag, undefined);
    const watchlist = plan.claim(tag, mention.text);
    if (watchlist === null || harvest.items.has(mention.externalId)) continue;
    harvest.items.set(mention.externalId, watchlist ? { ...mention, watchlist } : mention);
  }
}

async function clientFor(
  config: MastodonConfig,
  deps: ConnectorDeps,
  signal: AbortSignal,
): Promise<{ client: mastodon.rest.Client; token: string | undefined }> {
  const token = (await deps.credentials.get(config.id))?.accessToken || undefined;
  // masto logs through console; "error" keeps its REST path silent (it only logs requests at info/debug).
  const client = createRestAPIClient({
    url: config.baseUrl ?? config.instanceUrl,
    ...(token ? { accessToken: token } : {}),
    timeout: config.timeoutMs,
    requestInit: { signal },
    log: 'error',
  });
  return { client, token };
}

async function pollTags(
  config: MastodonConfig,
  deps: ConnectorDeps,
  plan: SearchRoutes,
  ctx: PollContext,
): Promise<PollOutcome> {
  if (plan.terms.length === 0)
    return { kind: 'config-error', message: 'No hashtags to follow: set "tags" or add a watchlist.' };
  const cursor = readMastodonCursor(ctx.cursor);
  const { client, token } = await clientFor(config, deps, ctx.signal);
  const harvest: Harvest = {
    items: new Map(),
    rejected: [],
    pageErrors: [],
    newest: { ...cursor },
    rateLimit: undefined,
  };
  try {
    for (const tag of plan.terms) {
      const loop = new PageLoopGuard('Mastodon');
      for await (const page of tagPages(client, tag, cursor[tag], config)) {
        if (loop.repeats(page.link, page.raw.flatMap(idOf))) {
          harvest.pageErrors.push(loop.error());
          break;
        }
        absorb(harvest, tag, page.raw, plan);
        harvest.rateLimit = page.rateLimit ?? harvest.rateLimit;
        if (harvest.rateLimit && harvest.rateLimit.remaining <= 0) break;
      }
      if (harvest.rateLimit && harvest.rateLimit.remaining <= 0) break;
    }
  } catch (error) {
    return mastodonErrorOutcome(error, ctx.now, ctx.signal, (text) => redactSecrets(text, [token]));
  }
  if (harvest.rejected.length > 0)
    deps.logger.warn({ rejected: harvest.rejected.length, first: harvest.rejected[0] }, 'mastodon: statuses rejected');
  return {
    kind: 'ok',
    items: [...harvest.items.values()],
    rejected: harvest.rejected,
    cursor: writeMastodonCursor(harvest.newest, plan.terms),
    ...(harvest.pageErrors.length > 0 ? { pageErrors: harvest.pageErrors } : {}),
    ...(harvest.rateLimit ? { rateLimit: harvest.rateLimit } : {}),
  };
}

async function testTag(
  config: MastodonConfig,
  deps: ConnectorDeps,
  plan: SearchRoutes,
  signal: AbortSignal,
): Promise<Result<string>> {
  const tag = plan.terms[0];
  if (tag === undefined) return err(appError('config', 'No hashtags to follow: set "tags" or add a watchlist.'));
  const { client, token } = await clientFor(config, deps, signal);
  try {
    const page = await client.v1.timelines.tag.$select(tag).list({ limit: PAGE_SIZE });
    return ok(`OK: ${page.length} recent statuses for #${tag}`);
  } catch (error) {
    const outcome = mastodonErrorOutcome(error, deps.clock.now(), signal, (text) => redactSecrets(text, [token]));
    return outcomeError(outcome);
  }
}

/** Builds a Mastodon connector: public hashtag timelines via masto, min_id catch-up paging, per-tag cursor. */
export function createMastodonConnector(config: MastodonConfig, deps: ConnectorDeps): Connector {
  const logger = deps.logger.child({ module: 'mastodon', sourceId: config.id });
  const plan = planSearchRoutes(config.tags, deps.watchlists, (ast) => {
    const tags = toMastodonTags(ast);
    return { terms: tags.tags, hubFilter: tags.hubFilter };
  });
  const scoped = { ...deps, logger };
  return {
    id: config.id,
    kind: 'mastodon',
    label: config.label ?? `Mastodon ${new URL(config.baseUrl ?? config.instanceUrl).host}`,
    pollIntervalMs: config.pollIntervalMs ?? MASTODON_DEFAULT_INTERVAL_MS,
    ...(plan.attribution ? { attribution: plan.attribution } : {}),
    poll: (ctx) => pollTags(config, scoped, plan, ctx),
    testConnection: (signal) => testTag(config, scoped, plan, signal),
  };
}

/** The Mastodon source type. `accessToken` is optional: most instances serve public tag timelines without one. */
export const mastodonFactory: ConnectorFactory<MastodonConfig> = {
  type: 'mastodon',
  configSchema: MastodonConfigSchema,
  credentialFields: ['accessToken'],
  optionalCredentialFields: ['accessToken'],
  create: createMastodonConnector,
};
