import { afterEach, describe, expect, it } from 'vitest';
import { createSourceAdmin } from '../../electron/core/api/source-admin';
import type { Connector } from '../../electron/core/connectors/connector';
import type { Watchlist } from '../../electron/core/connectors/factory';
import { parseSourceConfig } from '../../electron/core/connectors/registry';
import { xFactory } from '../../electron/core/connectors/x/x-factory';
import { ManualClock } from '../../electron/core/runtime/clock';
import { memoryVault } from '../../electron/core/runtime/credentials';
import { silentLogger } from '../../electron/core/runtime/logger';
import type { WireResponse } from '../fixtures/fakes/faults';
import { startXFake, type FakeTweet, type XFake } from '../fixtures/fakes/x-fake';
import { spyPolls } from '../fixtures/fakes/poll-spy';
import { harnessSource } from '../helpers/source-harness';

const TOKEN = 'AAAAAAAAAAAAAAAAAAAAAbearer-secret-xyz';
const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const WATCH: Watchlist[] = [{ id: 'acme', name: 'Acme', query: 'acme (down OR outage) -refund' }];
const tweets = (n: number, firstId: number, text = 'acme is down'): FakeTweet[] =>
  Array.from({ length: n }, (_, i) => ({
    id: String(firstId + i),
    text: `${text} #${i}`,
    authorId: '42',
    createdAt: T0 - 60_000 + i,
  }));

let fake: XFake | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

async function setup(
  entry: Record<string, unknown> = {},
  watchlists: Watchlist[] = WATCH,
  initialCursor: string | null = null,
) {
  const clock = new ManualClock(T0);
  fake = await startXFake({ bearerToken: TOKEN, now: () => clock.now() });
  fake.addUsers([{ id: '42', username: 'angry_customer', name: 'Angry Customer', followers: 80_000, verified: true }]);
  const parsed = parseSourceConfig({ id: 'x-main', type: 'x', baseUrl: fake.url, ...entry }, [xFactory]);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const vault = memoryVault({ 'x-main': { bearerToken: TOKEN } });
  const deps = { clock, logger: silentLogger(), fetch: globalThis.fetch, credentials: vault, watchlists };
  const connector: Connector = parsed.value.factory.create(parsed.value.config, deps);
  const spy = spyPolls(connector, clock);
  const harness = harnessSource(spy.connector, clock, initialCursor);
  const { runner, committed, polled, cursor } = harness;
  const searches = () => (fake as XFake).requests.filter((r) => r.path === '/2/tweets/search/recent');
  return {
    clock,
    harness,
    connector,
    runner,
    committed,
    polled,
    vault,
    fake,
    searches,
    cursor,
    /** Hub time of each poll the runner started. */
    polls: spy.calls,
    rebuild: () => parsed.value.factory.create(parsed.value.config, deps),
  };
}

describe('X connector (twitter-api-v2) through the runner', () => {
  it('first poll reads the newest page with the mapped query and expansions; then only newer posts via since_id', async () => {
    const s = await setup();
    s.fake.addTweets(tweets(150, 1000));
    expect((await s.runner.pollOnce()).kind).toBe('ok');
    const [first] = s.searches();
    expect(first?.authorization).toBe(`Bearer ${TOKEN}`);
    expect(first?.query.get('query')).toBe('acme (down OR outage) -refund -is:retweet');
    expect(first?.query.get('expansions')).toBe('author_id');
    expect(first?.query.get('user.fields')).toBe('public_metrics,verified');
    expect(first?.query.get('tweet.fields')).toBe('created_at,lang,public_metrics,author_id');
    expect(first?.query.get('max_results')).toBe('100');
    expect(first?.query.get('since_id')).toBeNull();
    expect(s.searches()).toHaveLength(1);
    expect(s.committed[0]).toHaveLength(100);
    expect(s.committed[0]?.[0]).toMatchObject({
      externalId: '1149',
      channel: 'x',
      url: 'https://x.com/angry_customer/status/1149',
      author: { handle: 'angry_customer', name: 'Angry Customer', followers: 80_000, verified: true },
      watchlist: 'acme',
      metadata: { lang: 'en', likes: 3, reposts: 1, replies: 2, quotes: 0 },
    });
    s.fake.addTweets(tweets(30, 2000));
    await s.runner.pollOnce();
    expect(s.searches()[1]?.query.get('since_id')).toBe('1149');
    expect(s.committed[1]?.map((m) => m.externalId)).toHaveLength(30);
    await s.runner.pollOnce();
    expect(s.searches()[2]?.query.get('since_id')).toBe('2029');
    expect(s.committed[2]).toEqual([]);
    await s.runner.pollOnce();
    expect(s.searches()[3]?.query.get('since_id')).toBe('2029');
    expect(s.runner.health()).toMatchObject({ state: 'ok', rejected: 0 });
  });

  it('follows next_token within a poll and resumes a capped backlog with until_id, skipping nothing', async () => {
    const s = await setup({ maxPages: 1 });
    s.fake.addTweets(tweets(1, 100));
    await s.runner.pollOnce();
    s.fake.addTweets(tweets(250, 1000));
    for (let i = 0; i < 3; i++) await s.runner.pollOnce();
    const later = s.searches().slice(1);
    expect(later.map((r) => [r.query.get('since_id'), r.query.get('until_id')])).toEqual([
      ['100', null],
      ['100', '1150'],
      ['100', '1050'],
    ]);
    const ids = s.committed
      .slice(1)
      .flat()
      .map((m) => Number(m.externalId));
    expect(ids).toHaveLength(250);
    expect(new Set(ids).size).toBe(250);
    await s.runner.pollOnce();
    expect(s.searches()[4]?.query.get('since_id')).toBe('1249');
    expect(s.searches()[4]?.query.get('until_id')).toBeNull();
  });

  it('refuses a page that claims results but has no data: the cursor stays, the posts come on the next poll', async () => {
    const s = await setup();
    const claim = (newest: string) => ({
      kind: 'rewrite' as const,
      rewrite: (res: WireResponse) => ({
        ...res,
        body: JSON.stringify({ meta: { result_count: 3, newest_id: newest } }),
      }),
    });
    s.fake.faults.push(claim('9999'));
    s.fake.addTweets(tweets(3, 100));
    expect(await s.runner.pollOnce()).toMatchObject({ kind: 'ok', items: [] });
    expect(JSON.parse(s.cursor() ?? '{}').watchlists?.acme?.since ?? null).toBeNull();
    await s.runner.pollOnce();
    expect(s.committed[1]?.map((m) => m.externalId)).toEqual(['102', '101', '100']);
    s.fake.addTweets(tweets(3, 200));
    s.fake.faults.push(claim('202'));
    await s.runner.pollOnce();
    expect(s.committed[2]).toEqual([]);
    expect(s.searches()[2]?.query.get('since_id')).toBe('102');
    expect(s.runner.health()).toMatchObject({
      state: 'degraded',
      rejected: 2,
      lastError: 'X search page claims 3 result(s) up to 202 but has no data',
    });
    await s.runner.pollOnce();
    expect(s.searches()[3]?.query.get('since_id')).toBe('102');
    expect(s.committed[3]?.map((m) => m.externalId)).toEqual(['202', '201', '200']);
    expect(JSON.parse(s.cursor() ?? '{}').watchlists.acme.since).toBe('202');
  });

  it('moves the cursor to the newest post it kept, not to the newest id the page claims', async () => {
    const s = await setup();
    s.fake.addTweets(tweets(2, 100));
    s.fake.faults.push({
      kind: 'rewrite',
      rewrite: (res) => {
        const body = JSON.parse(res.body) as { meta: Record<string, unknown> };
        return { ...res, body: JSON.stringify({ ...body, meta: { ...body.meta, newest_id: '5000' } }) };
      },
    });
    await s.runner.pollOnce();
    expect(JSON.parse(s.cursor() ?? '{}').watchlists.acme.since).toBe('101');
  });

  it('turns the HTML-escaped text X sends back into the plain text people wrote', async () => {
    const s = await setup();
    const typed = 'Fees & charges <again> on my acme card, down again & again';
    s.fake.addTweets([{ ...tweets(1, 3000)[0]!, text: typed }]);
    expect((await s.runner.pollOnce()).kind).toBe('ok');
    expect(s.committed[0]?.[0]?.text).toBe(typed);
  });

  it('pages with next_token in one poll up to maxPages', async () => {
    const s = await setup({ maxPages: 3 });
    s.fake.addTweets(tweets(1, 100));
    await s.runner.pollOnce();
    s.fake.addTweets(tweets(250, 1000));
    await s.runner.pollOnce();
    const pages = s.searches().slice(1);
    expect(pages).toHaveLength(3);
    expect(pages[1]?.query.get('next_token')).toBeTruthy();
    expect(s.committed[1]).toHaveLength(250);
  });

  it('after a 429 with x-rate-limit-reset = T, no request reaches X before T', async () => {
    const s = await setup();
    const resetSeconds = Math.floor(T0 / 1000) + 600;
    s.fake.failNext({ status: 429, resetAtSeconds: resetSeconds });
    s.runner.start();
    const p = s.polled();
    await s.clock.advance(0);
    expect(await p).toMatchObject({
      state: 'rate-limited',
      rateLimitedUntil: resetSeconds * 1000,
      lastError: 'X HTTP 429: Too Many Requests',
    });
    await s.clock.advance(resetSeconds * 1000 - T0 - 1);
    // The runner starts a poll within microtasks of its timer (advance lets them settle): none started early.
    expect(s.polls).toEqual([T0]);
    expect(s.searches()).toHaveLength(1);
    const p2 = s.polled();
    await s.clock.advance(1);
    await p2;
    expect(s.polls).toEqual([T0, resetSeconds * 1000]);
    expect(s.searches()).toHaveLength(2);
    expect(s.searches()[1]?.at).toBe(resetSeconds * 1000);
    await s.runner.stop();
  });

  it('after a 429 whose reset has already passed, or that has no reset, waits a growing floor: no hot loop', async () => {
    for (const resetAtSeconds of [Math.floor(T0 / 1000) - 60, undefined]) {
      const s = await setup();
      s.fake.addTweets(tweets(3, 700));
      s.fake.failNext(...Array.from({ length: 50 }, () => ({ status: 429 as const, resetAtSeconds })));
      await s.harness.runUntil(T0 + 60_000);
      const at = s.searches().map((r) => r.at - T0);
      expect(at).toEqual(resetAtSeconds === undefined ? [0, 60_000] : [0, 5_000, 15_000, 35_000]);
      expect(s.runner.health()).toMatchObject({ state: 'rate-limited', lastError: 'X HTTP 429: Too Many Requests' });
      await s.runner.stop();
      await fake?.close();
      fake = null;
    }
  });

  it('maps 401, 403 (client-not-enrolled) and 400 to auth and config errors without leaking the token', async () => {
    const s = await setup();
    s.fake.failNext({ status: 401 }, { status: 403 }, { status: 400 });
    expect(await s.runner.pollOnce()).toEqual({ kind: 'auth-error', message: 'X HTTP 401: Unauthorized' });
    const forbidden = await s.runner.pollOnce();
    expect(forbidden.kind).toBe('auth-error');
    expect(forbidden.kind === 'auth-error' && forbidden.message).toContain('attached to a Project');
    expect(await s.runner.pollOnce()).toMatchObject({
      kind: 'config-error',
      message: expect.stringContaining('One or more parameters'),
    });
    expect(s.runner.health().state).toBe('failing');
    await s.vault.set('x-main', { bearerToken: 'wrong-token-value' });
    const wrong = await s.runner.pollOnce();
    expect(wrong.kind).toBe('auth-error');
    expect(JSON.stringify(s.runner.health())).not.toMatch(/wrong-token-value|bearer-secret/);
  });

  it('retries a 503 with backoff and rejects a malformed post alone', async () => {
    const s = await setup();
    s.fake.addTweets([
      ...tweets(2, 500),
      { id: '600', text: 'x', authorId: '42', createdAt: T0, raw: { id: '600', text: 7 } },
    ]);
    s.fake.failNext({ status: 503 });
    s.runner.start();
    let p = s.polled();
    await s.clock.advance(0);
    expect((await p).state).toBe('degraded');
    p = s.polled();
    await s.clock.advance(2_500);
    const h = await p;
    expect(s.searches().map((r) => r.at - T0)).toEqual([0, 2_500]);
    expect(h.rejected).toBe(1);
    expect(s.committed[0]?.map((m) => m.externalId)).toEqual(['501', '500']);
    await s.runner.stop();
  });

  it('counts reads, estimates spend, stops at the daily cap until UTC midnight, and keeps the count across restarts', async () => {
    const s = await setup({ costPerReadUsd: 0.005, dailySpendCapUsd: 0.5 });
    s.fake.addTweets(tweets(120, 1000));
    s.runner.start();
    const p = s.polled();
    await s.clock.advance(0);
    await p;
    expect(s.connector.spend?.view(s.clock.now())).toEqual({
      readsToday: 100,
      estimatedUsdToday: 0.5,
      capUsdPerDay: 0.5,
    });
    const p2 = s.polled();
    await s.clock.advance(5 * 60_000);
    expect(await p2).toMatchObject({ state: 'degraded', lastError: 'daily spend cap reached' });
    expect(s.searches()).toHaveLength(1);
    const restarted = s.rebuild();
    restarted.restore?.(s.cursor());
    expect(restarted.spend?.view(s.clock.now()).readsToday).toBe(100);
    const midnight = Date.UTC(2026, 0, 6);
    const before = [...s.polls];
    await s.clock.advance(midnight - s.clock.now() - 1);
    // The runner starts a poll within microtasks of its timer (advance lets them settle): none before midnight.
    expect(s.polls).toEqual(before);
    expect(s.searches()).toHaveLength(1);
    const p3 = s.polled();
    await s.clock.advance(1);
    await p3;
    expect(s.polls.at(-1)).toBe(midnight);
    expect(s.searches()).toHaveLength(2);
    expect(s.connector.spend?.view(s.clock.now()).readsToday).toBe(0);
    await s.runner.stop();
  });

  it('counts every test-connection read against the daily cap and refuses a test at the cap, saying why', async () => {
    const s = await setup({ costPerReadUsd: 0.005, dailySpendCapUsd: 0.45 });
    s.fake.addTweets(tweets(40, 1000));
    const admin = createSourceAdmin(
      [{ connector: s.connector, credentialFields: ['bearerToken'] }],
      s.vault,
      s.clock,
      () => true,
    );
    const results = [];
    for (let i = 0; i < 90; i++) results.push(await admin.test('x-main'));
    expect(s.searches()).toHaveLength(9);
    expect(results.slice(0, 9).every((r) => r.ok)).toBe(true);
    expect(s.connector.spend?.view(s.clock.now())).toMatchObject({ readsToday: 90 });
    const refused = results[9];
    expect(refused?.ok).toBe(false);
    expect(refused?.message).toMatch(/daily spend cap reached .*90 reads today.*refused until midnight UTC/);
    const direct = await s.connector.testConnection?.(new AbortController().signal);
    expect(direct).toMatchObject({ ok: false, error: { message: expect.stringMatching(/X daily spend cap reached/) } });
    expect(s.searches()).toHaveLength(9);
    expect((await s.runner.pollOnce()).kind).toBe('ok');
    expect(s.searches()).toHaveLength(9);
  });

  it('times out a hung request (timeoutMs)', async () => {
    const s = await setup({ timeoutMs: 200 });
    s.fake.hangNext(1);
    const timedOut = await s.runner.pollOnce();
    expect(timedOut).toEqual({ kind: 'transient', message: 'X request failed: Request timeout.' });
    expect(s.runner.health().lastError).toBe('X request failed: Request timeout.');
  });

  it('aborts an in-flight request on stop, long before its own timeout', async () => {
    // The client would wait 2 minutes, the test only 30 s: only the runner's abort can end this poll in time.
    const s = await setup({ timeoutMs: 120_000 });
    s.fake.hangNext(1);
    s.runner.start();
    await s.clock.advance(0);
    await s.fake.faults.received(1, (r) => r.path === '/2/tweets/search/recent');
    await s.runner.stop();
    expect(s.searches()).toHaveLength(1);
    expect(s.committed).toEqual([]);
  });

  it('searches once per watchlist and tests the connection', async () => {
    const s = await setup({ lang: 'en' }, [...WATCH, { id: 'promo', name: 'Promo', query: '"acme rewards"' }]);
    await s.runner.pollOnce();
    expect(s.searches().map((r) => r.query.get('query'))).toEqual([
      'acme (down OR outage) -refund -is:retweet lang:en',
      '"acme rewards" -is:retweet lang:en',
    ]);
    const r = await s.connector.testConnection?.(new AbortController().signal);
    expect(r?.ok).toBe(true);
  });
});
