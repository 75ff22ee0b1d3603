import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/core/runtime/clock';
import { memoryVault } from '../../electron/core/runtime/credentials';
import { silentLogger } from '../../electron/core/runtime/logger';
import type { Connector, PollOutcome } from '../../electron/core/connectors/connector';
import type { ConnectorDeps, Watchlist } from '../../electron/core/connectors/factory';
import { blueskyFactory } from '../../electron/core/connectors/bluesky/bluesky-connector';
import { startBlueskyFake, type BlueskyFake, type FakePost } from '../fixtures/fakes/bluesky-fake';
import { startPollerHarness } from '../fixtures/fakes/rss-poller-harness';
import { AUTH_ERROR_WAIT_MS } from '../../electron/core/runtime/poller';

const clock = new ManualClock();
const NOW = clock.now();
const GOOD = { identifier: 'care.acme.test', appPassword: 'abcd-efgh-ijkl-mnop' };
const ACME: Watchlist = { id: 'acme', name: 'Acme', query: 'acme' };

const deps = (
  watchlists: ReadonlyArray<Watchlist> = [ACME],
  creds: Record<string, string> | null = GOOD,
): ConnectorDeps => ({
  clock,
  logger: silentLogger(),
  fetch: globalThis.fetch,
  credentials: memoryVault(creds ? { bsky: creds } : {}),
  watchlists,
});

function connector(fake: BlueskyFake, d = deps(), extra: Record<string, unknown> = {}): Connector {
  return blueskyFactory.create(
    blueskyFactory.configSchema.parse({ id: 'bsky', type: 'bluesky', baseUrl: fake.url, timeoutMs: 2000, ...extra }),
    d,
  );
}

const poll = (c: Connector, cursor: string | null): Promise<PollOutcome> =>
  c.poll({ signal: new AbortController().signal, now: NOW, cursor });
function okOf(outcome: PollOutcome): Extract<PollOutcome, { kind: 'ok' }> {
  if (outcome.kind !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(outcome)}`);
  return outcome;
}

const post = (n: number, text = `acme app broken ${n}`, extra: Partial<FakePost> = {}): FakePost => ({
  rkey: `3lbx${String(n).padStart(9, '0')}`,
  handle: n % 2 === 0 ? 'jane.bsky.social' : 'bob.example.com',
  text,
  createdAt: NOW - 3_600_000 + n * 1000,
  ...extra,
});

describe('Bluesky connector (@atproto/api) against a loopback PDS/AppView', () => {
  let fake: BlueskyFake;
  beforeEach(async () => {
    fake = await startBlueskyFake();
  });
  afterEach(() => fake.close());

  it('logs in, searches latest posts, maps them with follower counts and rejects malformed records alone', async () => {
    fake.add(
      post(1, 'acme login broken', { followers: 80_000 }),
      post(2),
      post(3, 'acme bad', { record: { $type: 'app.bsky.feed.post', text: 'no date' } }),
    );
    const out = okOf(await poll(connector(fake), null));
    expect(out.items).toHaveLength(2);
    const bob = out.items.find((m) => m.author.handle === '@bob.example.com');
    expect(bob).toMatchObject({
      channel: 'bluesky',
      text: 'acme login broken',
      url: 'https://bsky.app/profile/bob.example.com/post/3lbx000000001',
      createdAt: NOW - 3_600_000 + 1000,
      author: { handle: '@bob.example.com', name: 'bob', followers: 80_000 },
      watchlist: 'acme',
      metadata: { likes: 3, reposts: 1, replies: 0, language: 'en' },
    });
    expect(bob?.externalId).toMatch(/^at:\/\/did:plc:[0-9a-f]{24}\/app\.bsky\.feed\.post\/3lbx000000001$/);
    expect(out.rejected).toHaveLength(1);
    expect(out.rejected[0]?.reason).toContain('createdAt');
    expect(JSON.parse(out.cursor ?? '')).toEqual({ v: 1, q: { acme: { newest: NOW - 3_600_000 + 2000 } } });
    const search = fake.requests.find((r) => r.path.endsWith('searchPosts'));
    expect(Object.fromEntries(search?.query ?? [])).toEqual({ q: 'acme', sort: 'latest', limit: '100' });
    expect(search?.headers.authorization).toBe('Bearer access-1');
    expect(out.rateLimit).toMatchObject({ limit: 3000, resetAt: Date.UTC(2026, 0, 5, 9, 5, 0) });
  });

  it('resumes from the cursor with since (minus overlap) and pages through the cursor', async () => {
    fake.add(post(1));
    const c = connector(fake);
    const first = okOf(await poll(c, null));
    fake.add(...Array.from({ length: 150 }, (_, i) => post(i + 2)));
    const second = okOf(await poll(c, first.cursor));
    expect(second.items).toHaveLength(151);
    const searches = fake.requests.filter((r) => r.path.endsWith('searchPosts')).slice(1);
    expect(searches.map((r) => r.query.get('since'))).toEqual([
      new Date(NOW - 3_600_000 + 1000 - 120_000).toISOString(),
      new Date(NOW - 3_600_000 + 1000 - 120_000).toISOString(),
    ]);
    expect(searches.map((r) => r.query.get('cursor'))).toEqual([null, '100']);
    expect(JSON.parse(second.cursor ?? '').q.acme).toEqual({ newest: NOW - 3_600_000 + 151_000 });
    expect(fake.logins.count).toBe(1);
  });

  it('reads a burst larger than the page budget newest first, then the older rest from a backlog window', async () => {
    fake.add(post(1));
    const c = connector(fake, deps(), { maxPagesPerQuery: 1, fetchFollowers: false });
    const first = okOf(await poll(c, null));
    fake.add(...Array.from({ length: 250 }, (_, i) => post(i + 2)));
    const second = okOf(await poll(c, first.cursor));
    expect(second.items).toHaveLength(100);
    const at = (n: number): number => NOW - 3_600_000 + n * 1000;
    expect(JSON.parse(second.cursor ?? '').q.acme).toEqual({
      newest: at(251),
      backlog: { since: at(1), until: at(152) },
    });
    const third = okOf(await poll(c, second.cursor));
    const fourth = okOf(await poll(c, third.cursor));
    const fifth = okOf(await poll(c, fourth.cursor));
    const all = new Set([...second.items, ...third.items, ...fourth.items, ...fifth.items].map((m) => m.text));
    const missing = Array.from({ length: 250 }, (_, i) => post(i + 2).text).filter((t) => !all.has(t));
    expect(missing).toEqual([]);
    expect(JSON.parse(fifth.cursor ?? '').q.acme).toEqual({ newest: at(251) });
    const untils = fake.requests.filter((r) => r.path.endsWith('searchPosts')).map((r) => r.query.get('until'));
    expect(untils.filter((u) => u !== null).length).toBeGreaterThan(0);
  });

  it('refreshes an expired access token, and logs in again when the refresh token is dead too', async () => {
    fake.add(post(1));
    const c = connector(fake);
    okOf(await poll(c, null));
    fake.expireTokens(false);
    expect(okOf(await poll(c, null)).items).toHaveLength(1);
    expect(fake.logins).toEqual({ count: 1, refreshes: 1 });
    fake.expireTokens(true);
    expect(okOf(await poll(c, null)).items).toHaveLength(1);
    expect(fake.logins.count).toBe(2);
  });

  it('reports bad or missing credentials as auth errors', async () => {
    expect(await poll(connector(fake, deps([ACME], { ...GOOD, appPassword: 'wrong' })), null)).toEqual({
      kind: 'auth-error',
      message: 'Bluesky AuthenticationRequired: Invalid identifier or password',
    });
    expect(await poll(connector(fake, deps([ACME], null)), null)).toMatchObject({ kind: 'auth-error' });
  });

  it('waits for ratelimit-reset (epoch seconds) on 429; 5xx is transient, BadQueryString a config error', async () => {
    const c = connector(fake);
    okOf(await poll(c, null));
    const reset = Math.floor((NOW + 300_000) / 1000) * 1000;
    fake.setRateLimit(0, reset);
    expect(await poll(c, null)).toEqual({
      kind: 'rate-limited',
      until: reset,
      message: 'Bluesky RateLimitExceeded: Rate Limit Exceeded',
    });
    fake.setRateLimit(100, reset);
    fake.script({
      path: 'app.bsky.feed.searchPosts',
      status: 502,
      body: { error: 'UpstreamFailure', message: 'Upstream Failure' },
    });
    expect(await poll(c, null)).toMatchObject({
      kind: 'transient',
      message: 'Bluesky UpstreamFailure: Upstream Failure',
    });
    fake.script({
      path: 'app.bsky.feed.searchPosts',
      status: 400,
      body: { error: 'BadQueryString', message: 'Bad query' },
    });
    expect(await poll(c, null)).toMatchObject({ kind: 'config-error' });
  });

  it('maps OR queries to several searches and applies exclusions in the hub', async () => {
    fake.add(
      post(1, 'acme refund please'),
      post(2, 'acme outage'),
      post(3, 'contoso outage'),
      post(4, 'acmebank login fail'),
    );
    const d = deps([{ id: 'w', name: 'w', query: '(acme OR acmebank) -refund' }]);
    const out = okOf(await poll(connector(fake, d, { fetchFollowers: false }), null));
    expect(out.items.map((m) => m.text).sort()).toEqual(['acme outage', 'acmebank login fail']);
    expect(fake.requests.filter((r) => r.path.endsWith('searchPosts')).map((r) => r.query.get('q'))).toEqual([
      'acme',
      'acmebank',
    ]);
    expect(fake.requests.some((r) => r.path.endsWith('getProfiles'))).toBe(false);
  });

  it('gives up after timeoutMs, and at once when the poll is aborted', async () => {
    fake.hang(2);
    expect(await poll(connector(fake, deps(), { timeoutMs: 300 }), null)).toEqual({
      kind: 'transient',
      message: 'Bluesky: request timed out',
    });
    const ctrl = new AbortController();
    // Under load the timed-out search may never have reached the fake: count from what it has received so far.
    const isSearch = (r: { readonly path: string }) => r.path.endsWith('app.bsky.feed.searchPosts');
    const before = fake.faults.requests.filter(isSearch).length;
    const pending = connector(fake, deps(), { timeoutMs: 10_000 }).poll({
      signal: ctrl.signal,
      now: NOW,
      cursor: null,
    });
    // Abort once this search is in flight (the fake holds it), so the abort must reach the request itself.
    await fake.faults.received(before + 1, isSearch);
    ctrl.abort();
    expect(await pending).toEqual({ kind: 'transient', message: 'Bluesky: aborted' });
  });

  it('tests the connection with a fresh login', async () => {
    fake.add(post(1));
    expect(await connector(fake).testConnection?.(new AbortController().signal)).toEqual({
      ok: true,
      value: 'OK: logged in; 1 recent posts for "acme"',
    });
  });
});

describe('Bluesky connector under the real poller (ManualClock)', () => {
  let fake: BlueskyFake;
  beforeEach(async () => {
    fake = await startBlueskyFake();
  });
  afterEach(() => fake.close());

  it('waits until ratelimit-reset after a 429 and slows to the auth wait after a bad password', async () => {
    const clk = new ManualClock();
    const t0 = clk.now();
    fake.add(post(1));
    const make = (d: ConnectorDeps): Connector =>
      blueskyFactory.create(
        blueskyFactory.configSchema.parse({ id: 'bsky', type: 'bluesky', baseUrl: fake.url, timeoutMs: 2000 }),
        { ...d, clock: clk },
      );
    const h = startPollerHarness(make(deps()), clk);
    expect((await h.step(0)).state).toBe('ok');
    const reset = t0 + 60_000 + 180_000;
    fake.setRateLimit(0, reset);
    expect(await h.step(60_000)).toMatchObject({ state: 'rate-limited', rateLimitedUntil: reset });
    const n = fake.requests.length;
    await clk.advance(180_000 - 1);
    expect(fake.requests.length).toBe(n);
    fake.setRateLimit(100, reset + 300_000);
    expect(await h.step(1)).toMatchObject({ lastSuccessAt: reset });
    await h.runner.stop();

    const bad = startPollerHarness(make(deps([ACME], { ...GOOD, appPassword: 'nope' })), clk);
    expect((await bad.step(0)).state).toBe('auth-error');
    const m = fake.requests.length;
    await clk.advance(AUTH_ERROR_WAIT_MS - 1);
    expect(fake.requests.length).toBe(m);
    expect((await bad.step(1)).state).toBe('auth-error');
    expect(fake.requests.length).toBe(m + 1);
    await bad.runner.stop();
  });
});
