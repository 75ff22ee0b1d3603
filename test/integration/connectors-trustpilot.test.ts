import { afterEach, describe, expect, it } from 'vitest';
import type { Connector } from '../../electron/core/connectors/connector';
import type { Watchlist } from '../../electron/core/connectors/factory';
import { parseSourceConfig } from '../../electron/core/connectors/registry';
import { trustpilotFactory } from '../../electron/core/connectors/trustpilot/trustpilot-factory';
import { ManualClock } from '../../electron/core/runtime/clock';
import { memoryVault } from '../../electron/core/runtime/credentials';
import { silentLogger } from '../../electron/core/runtime/logger';
import { startTrustpilotFake, type FakeTrustpilotReview, type TrustpilotFake } from '../fixtures/fakes/trustpilot-fake';
import { harnessSource } from '../helpers/source-harness';
import { commitThroughPipeline } from '../helpers/pipeline';

const KEY = 'tp-api-key-secret-77';
const BU = '507f191e810c19729de860ea';
const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const reviews = (n: number, from: number, prefix = 'a'): FakeTrustpilotReview[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `${prefix}${String(i).padStart(23, '0')}`,
    stars: i % 2 ? 1 : 5,
    title: i % 2 ? 'Card declined everywhere' : 'Lovely service',
    text: i % 2 ? 'My card payment was declined twice today' : 'Quick and friendly',
    name: `Customer ${i}`,
    createdAt: from + i * 1000,
  }));

let fake: TrustpilotFake | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

async function setup(entry: Record<string, unknown> = {}, watchlists: Watchlist[] = []) {
  const clock = new ManualClock(T0);
  fake = await startTrustpilotFake({ apiKey: KEY, businessUnitId: BU, now: () => clock.now() });
  const parsed = parseSourceConfig({ id: 'tp', type: 'trustpilot', baseUrl: fake.url, businessUnitId: BU, ...entry }, [
    trustpilotFactory,
  ]);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const vault = memoryVault({ tp: { apiKey: KEY } });
  const connector: Connector = parsed.value.factory.create(parsed.value.config, {
    clock,
    logger: silentLogger(),
    fetch: globalThis.fetch,
    credentials: vault,
    watchlists,
  });
  const { runner, committed, polled } = harnessSource(connector, clock);
  return { clock, connector, runner, committed, polled, vault, fake };
}

describe('Trustpilot connector through the runner', () => {
  it('reads the newest page with the API key and maps stars, title, text, consumer and createdAt', async () => {
    const s = await setup();
    s.fake.addReviews(reviews(150, T0 - 3_600_000));
    expect((await s.runner.pollOnce()).kind).toBe('ok');
    const [req] = s.fake.requests;
    expect(req?.path).toBe(`/v1/business-units/${BU}/reviews`);
    expect(req?.apikey).toBe(KEY);
    expect(Object.fromEntries(req?.query ?? [])).toEqual({ orderBy: 'createdat.desc', perPage: '100', page: '1' });
    expect(s.committed[0]).toHaveLength(100);
    expect(s.committed[0]?.[0]).toEqual({
      externalId: 'a00000000000000000000149',
      channel: 'trustpilot',
      url: 'https://www.trustpilot.com/reviews/a00000000000000000000149',
      author: { handle: 'Customer 149' },
      text: 'Card declined everywhere\n\nMy card payment was declined twice today',
      createdAt: T0 - 3_600_000 + 149_000,
      metadata: { rating: 1, language: 'en', verified: true },
    });
  });

  it('pages (links or nextPageToken) until known reviews', async () => {
    for (const useTokens of [false, true]) {
      const s = await setup();
      s.fake.useTokens = useTokens;
      s.fake.addReviews(reviews(5, T0 - 3_600_000));
      await s.runner.pollOnce();
      s.fake.addReviews(reviews(230, T0 - 60_000, 'b'));
      await s.runner.pollOnce();
      const later = s.fake.requests.slice(1).map((r) => r.query.get(useTokens ? 'nextPageToken' : 'page'));
      expect(later).toEqual(useTokens ? [null, 'Mg', 'Mw'] : ['1', '2', '3']);
      expect(s.committed[1]).toHaveLength(230);
      expect(new Set(s.committed[1]?.map((m) => m.externalId)).size).toBe(230);
      await s.runner.pollOnce();
      expect(s.committed[2]).toEqual([]);
      await fake?.close();
      fake = null;
    }
  });

  it('waits out a 429 (Retry-After) and never calls sooner', async () => {
    const s = await setup();
    s.fake.failNext({ status: 429, retryAfterSeconds: 90 });
    s.runner.start();
    let p = s.polled();
    await s.clock.advance(0);
    expect(await p).toMatchObject({
      state: 'rate-limited',
      rateLimitedUntil: T0 + 90_000,
      lastError: 'Trustpilot HTTP 429: Rate limit quota violation. Quota limit exceeded.',
    });
    await s.clock.advance(89_999);
    expect(s.fake.requests).toHaveLength(1);
    p = s.polled();
    await s.clock.advance(1);
    expect((await p).state).toBe('degraded');
    expect(s.fake.requests.map((r) => r.at - T0)).toEqual([0, 90_000]);
    await s.runner.stop();
  });

  it('retries a 500 with backoff, reports an invalid key as auth-error without the key, rejects malformed reviews alone', async () => {
    const s = await setup();
    s.fake.addReviews([
      ...reviews(2, T0 - 10_000),
      { id: 'bad', stars: 9, title: '', text: '', name: '', createdAt: T0, raw: { id: 'bad', stars: 9 } },
    ]);
    s.fake.failNext({ status: 500 });
    expect((await s.runner.pollOnce()).kind).toBe('transient');
    const out = await s.runner.pollOnce();
    expect(out.kind === 'ok' && out.rejected.length).toBe(1);
    expect(s.committed[0]).toHaveLength(2);
    await s.vault.set('tp', { apiKey: 'wrong-key-123456' });
    expect(await s.runner.pollOnce()).toEqual({ kind: 'auth-error', message: 'Trustpilot HTTP 401: Invalid ApiKey' });
    expect(JSON.stringify(s.runner.health())).not.toContain('wrong-key-123456');
    expect(s.runner.health()).toMatchObject({ state: 'auth-error', rejected: 1 });
  });

  it('filters by watchlist queries in the hub when asked, and tests the connection', async () => {
    const watchlists = [{ id: 'payments', name: 'Payments', query: 'declined OR "card payment"' }];
    const s = await setup({ filterByWatchlists: true }, watchlists);
    s.fake.addReviews(reviews(4, T0 - 10_000));
    await s.runner.pollOnce();
    const stored = await commitThroughPipeline(s.connector, watchlists, s.committed[0] ?? []);
    expect(stored.map((m) => [m.externalId, m.watchlist])).toEqual([
      ['a00000000000000000000003', 'payments'],
      ['a00000000000000000000001', 'payments'],
    ]);
    expect(await s.connector.testConnection?.(new AbortController().signal)).toEqual({
      ok: true,
      value: "Connected to Trustpilot: the business unit's reviews are readable.",
    });
  });
});
