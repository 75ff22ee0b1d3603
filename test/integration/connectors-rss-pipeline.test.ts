import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../electron/core/core-types';
import type { ConnectorDeps } from '../../electron/core/connectors/factory';
import { mastodonFactory } from '../../electron/core/connectors/mastodon/mastodon-connector';
import { rssFactory } from '../../electron/core/connectors/rss/rss-connector';
import { createAttributor } from '../../electron/core/pipeline/attribute';
import { createEnricher } from '../../electron/core/pipeline/enrich';
import { ManualClock } from '../../electron/core/runtime/clock';
import { memoryVault } from '../../electron/core/runtime/credentials';
import { silentLogger } from '../../electron/core/runtime/logger';
import { openSqliteStore } from '../../electron/core/store/sqlite/sqlite-store';
import type { Store } from '../../electron/core/store/repository';
import { fakeStatus, startMastodonFake, type MastodonFake } from '../fixtures/fakes/mastodon-fake';
import { rssXml, startRssFake, type RssFake } from '../fixtures/fakes/rss-fake';
import { createTestCore } from '../helpers/core';

const WATCHLISTS = [{ id: 'acme', name: 'Acme', query: 'acme' }];

/** The hub's core with real runners, the real enricher and SQLite, fed by RSS and Mastodon connectors on loopback fakes. */
function buildCore(clock: ManualClock, store: Store, rss: RssFake, masto: MastodonFake): Core {
  const deps: ConnectorDeps = {
    clock,
    logger: silentLogger(),
    fetch: globalThis.fetch,
    credentials: memoryVault(),
    watchlists: WATCHLISTS,
  };
  const feed = rssFactory.create(
    rssFactory.configSchema.parse({ id: 'forum', type: 'rss', url: `${rss.url}/feed.xml` }),
    deps,
  );
  const tags = mastodonFactory.create(
    mastodonFactory.configSchema.parse({ id: 'masto', type: 'mastodon', baseUrl: masto.url }),
    deps,
  );
  return createTestCore({
    clock,
    store,
    enricher: createEnricher(),
    sources: [
      { connector: feed, credentialFields: rssFactory.credentialFields },
      { connector: tags, credentialFields: mastodonFactory.credentialFields },
    ],
    attributor: createAttributor(WATCHLISTS),
  });
}

describe('RSS and Mastodon connectors inside the core (runners, enrichment, SQLite, restart)', () => {
  let rss: RssFake;
  let masto: MastodonFake;
  beforeEach(async () => {
    rss = await startRssFake();
    masto = await startMastodonFake();
  });
  afterEach(async () => {
    await rss.close();
    await masto.close();
  });

  it('stores enriched mentions with their cursors and resumes from them after a restart', async () => {
    const clock = new ManualClock();
    const now = clock.now();
    const store = await openSqliteStore(':memory:');
    rss.setDocument(
      rssXml([
        { guid: 'f-1', title: 'Acme login is broken again', html: '<p>Error 503 on login</p>', date: now - 60_000 },
      ]),
    );
    masto.post(
      'acme',
      fakeStatus('113000000000000001', '<p>I hate that acme app, it keeps crashing</p>', {
        createdAt: now - 30_000,
        followers: 80_000,
      }),
    );

    const first = buildCore(clock, store, rss, masto);
    await first.start();
    await clock.advance(0);
    await vi.waitFor(async () => expect(await store.countMentions()).toBe(2), { timeout: 10_000 });
    const stored = await store.recentMentions(10);
    expect(stored.map((m) => m.id).sort()).toEqual([
      'forum:f-1',
      'masto:https://mastodon.test/users/alice/statuses/113000000000000001',
    ]);
    const toot = stored.find((m) => m.sourceId === 'masto');
    expect(toot).toMatchObject({ channel: 'mastodon', watchlist: 'acme', author: { followers: 80_000 } });
    expect(toot?.enrichment.sentiment.label).toBe('negative');
    expect(JSON.parse((await store.getCursor('masto')) ?? '{}')).toEqual({
      v: 1,
      tags: { acme: '113000000000000001' },
    });
    const rssCursor = JSON.parse((await store.getCursor('forum')) ?? '{}') as { etag: string; seen: string[] };
    expect(rssCursor.seen).toEqual(['f-1']);
    await first.stop();

    const second = buildCore(clock, store, rss, masto);
    await second.start();
    await clock.advance(0);
    await vi.waitFor(() => expect(rss.requests).toHaveLength(2), { timeout: 10_000 });
    await vi.waitFor(() => expect(masto.requests).toHaveLength(2), { timeout: 10_000 });
    expect(rss.requests[1]?.headers['if-none-match']).toBe(rssCursor.etag);
    expect(masto.requests[1]?.query.get('min_id')).toBe('113000000000000001');
    await second.stop();
    expect(await store.countMentions()).toBe(2);
    await store.close();
  });
});
