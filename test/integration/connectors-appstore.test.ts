import { afterEach, describe, expect, it } from 'vitest';
import type { Connector } from '../../electron/core/connectors/connector';
import type { Watchlist } from '../../electron/core/connectors/factory';
import { parseSourceConfig } from '../../electron/core/connectors/registry';
import { appStoreFactory } from '../../electron/core/connectors/appstore/appstore-factory';
import { ManualClock } from '../../electron/core/runtime/clock';
import { memoryVault } from '../../electron/core/runtime/credentials';
import { silentLogger } from '../../electron/core/runtime/logger';
import { startAppStoreFake, type AppStoreFake, type FakeReview } from '../fixtures/fakes/appstore-fake';
import { harnessSource } from '../helpers/source-harness';
import { commitThroughPipeline } from '../helpers/pipeline';

const APP = '389801252';
const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const reviews = (n: number, from: number, prefix = '1000'): FakeReview[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `${prefix}${String(i).padStart(4, '0')}`,
    author: `user${i}`,
    title: i % 2 ? 'Cannot log in' : 'Great app',
    content: i % 2 ? 'Login fails with error 503 since the update' : 'Works fine',
    rating: i % 2 ? 1 : 5,
    updated: from + i * 1000,
  }));

let fake: AppStoreFake | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

async function setup(entry: Record<string, unknown> = {}, watchlists: Watchlist[] = []) {
  const clock = new ManualClock(T0);
  fake = await startAppStoreFake({ appId: APP, now: () => clock.now() });
  const parsed = parseSourceConfig({ id: 'ios', type: 'appstore', baseUrl: fake.url, appId: APP, ...entry }, [
    appStoreFactory,
  ]);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const connector: Connector = parsed.value.factory.create(parsed.value.config, {
    clock,
    logger: silentLogger(),
    fetch: globalThis.fetch,
    credentials: memoryVault(),
    watchlists,
  });
  const { runner, committed, polled } = harnessSource(connector, clock);
  /** The committed batches as the hub's pipeline stores them (attributed by the connector's policy). */
  const stored = async (batch = 0) => commitThroughPipeline(connector, watchlists, committed[batch] ?? []);
  return { clock, connector, runner, committed, polled, fake, stored };
}

describe('App Store reviews connector through the runner', () => {
  it('reads page 1 first, skips the metadata entry, maps rating/title/content/author/updated', async () => {
    const s = await setup();
    s.fake.addReviews('us', reviews(120, T0 - 3_600_000));
    expect((await s.runner.pollOnce()).kind).toBe('ok');
    expect(s.fake.requests.map((r) => r.path)).toEqual([
      `/us/rss/customerreviews/page=1/id=${APP}/sortby=mostrecent/json`,
    ]);
    expect(s.committed[0]).toHaveLength(50);
    expect(s.committed[0]?.[0]).toEqual({
      externalId: '10000119',
      channel: 'appstore',
      url: `https://apps.apple.com/us/app/id${APP}?see-all=reviews`,
      author: { handle: 'user119' },
      text: 'Cannot log in\n\nLogin fails with error 503 since the update',
      createdAt: T0 - 3_600_000 + 119_000,
      metadata: { rating: 1, version: '5.2.1', country: 'us' },
    });
    expect(s.runner.health()).toMatchObject({ state: 'ok', rejected: 0 });
  });

  it('pages until it reaches known reviews, and reads nothing twice', async () => {
    const s = await setup();
    s.fake.addReviews('us', reviews(10, T0 - 3_600_000));
    await s.runner.pollOnce();
    s.fake.addReviews('us', reviews(70, T0 - 60_000, '2000'));
    await s.runner.pollOnce();
    expect(s.fake.requests.slice(1).map((r) => r.path.match(/page=(\d+)/)?.[1])).toEqual(['1', '2']);
    expect(s.committed[1]).toHaveLength(70);
    await s.runner.pollOnce();
    expect(s.committed[2]).toEqual([]);
  });

  it('accepts a single entry served as an object and a feed with no entry at all', async () => {
    const s = await setup();
    s.fake.withMetadata = false;
    await s.runner.pollOnce();
    expect(s.committed[0]).toEqual([]);
    s.fake.addReviews('us', reviews(1, T0));
    await s.runner.pollOnce();
    expect(s.committed[1]?.map((m) => m.externalId)).toEqual(['10000000']);
  });

  it('rejects a malformed review alone', async () => {
    const s = await setup();
    s.fake.addReviews('us', [
      ...reviews(3, T0 - 10_000),
      {
        id: 'x',
        author: 'a',
        title: 't',
        content: 'c',
        rating: 1,
        updated: T0,
        raw: { id: { label: '9' }, 'im:rating': { label: '9' } },
      },
    ]);
    const out = await s.runner.pollOnce();
    expect(out.kind === 'ok' && out.rejected.length).toBe(1);
    expect(s.committed[0]).toHaveLength(3);
    expect(s.runner.health().rejected).toBe(1);
  });

  it('honours Retry-After on a 503 and reports 403 as auth-error', async () => {
    const s = await setup();
    s.fake.failNext({ status: 503, retryAfterSeconds: 120 });
    s.runner.start();
    let p = s.polled();
    await s.clock.advance(0);
    expect(await p).toMatchObject({ state: 'degraded', lastError: 'App Store HTTP 503' });
    await s.clock.advance(119_999);
    expect(s.fake.requests).toHaveLength(1);
    p = s.polled();
    await s.clock.advance(1);
    expect((await p).state).toBe('degraded');
    expect(s.fake.requests.map((r) => r.at - T0)).toEqual([0, 120_000]);
    await s.runner.stop();
    s.fake.failNext({ status: 403 });
    expect((await s.runner.pollOnce()).kind).toBe('auth-error');
  });

  it('filters by watchlist queries in the hub when asked, and reads every storefront', async () => {
    const s = await setup({ countries: ['us', 'gb'], filterByWatchlists: true }, [
      { id: 'login', name: 'Login', query: '"log in" OR login' },
    ]);
    s.fake.addReviews('us', reviews(4, T0 - 10_000));
    s.fake.addReviews('gb', reviews(2, T0 - 10_000, '3000'));
    await s.runner.pollOnce();
    expect((await s.stored()).map((m) => [m.externalId, m.watchlist, m.metadata?.country])).toEqual([
      ['10000003', 'login', 'us'],
      ['10000001', 'login', 'us'],
      ['30000001', 'login', 'gb'],
    ]);
    const test = await s.connector.testConnection?.(new AbortController().signal);
    expect(test?.ok).toBe(true);
  });
});
