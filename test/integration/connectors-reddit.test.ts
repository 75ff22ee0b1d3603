import { afterEach, describe, expect, it } from 'vitest';
import type { Connector } from '../../electron/core/connectors/connector';
import type { Watchlist } from '../../electron/core/connectors/factory';
import { parseSourceConfig } from '../../electron/core/connectors/registry';
import { redditFactory } from '../../electron/core/connectors/reddit/reddit-factory';
import { ManualClock } from '../../electron/core/runtime/clock';
import { memoryVault } from '../../electron/core/runtime/credentials';
import { silentLogger } from '../../electron/core/runtime/logger';
import { startRedditFake, type FakeRedditPost, type RedditFake } from '../fixtures/fakes/reddit-fake';
import { spyPolls } from '../fixtures/fakes/poll-spy';
import { harnessSource } from '../helpers/source-harness';

const SECRET = 'sekrit-reddit-123';
const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const sec = (ms: number) => Math.floor(ms / 1000);
const posts = (n: number, from: number, prefix = 'p'): FakeRedditPost[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `${prefix}${i}`,
    title: `Acme post ${prefix}${i}`,
    selftext: 'app is down',
    created: sec(from) + i,
  }));

let fake: RedditFake | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

async function setup(entry: Record<string, unknown>, watchlists: Watchlist[] = []) {
  const clock = new ManualClock(T0);
  fake = await startRedditFake({ clientId: 'cid', clientSecret: SECRET, now: () => clock.now() });
  const parsed = parseSourceConfig(
    { id: 'reddit-main', type: 'reddit', baseUrl: fake.url, oauthBaseUrl: fake.url, subreddits: ['acme'], ...entry },
    [redditFactory],
  );
  if (!parsed.ok) throw new Error(parsed.error.message);
  const vault = memoryVault({ 'reddit-main': { clientId: 'cid', clientSecret: SECRET } });
  const connector: Connector = parsed.value.factory.create(parsed.value.config, {
    clock,
    logger: silentLogger(),
    fetch: globalThis.fetch,
    credentials: vault,
    watchlists,
  });
  const spy = spyPolls(connector, clock);
  const { runner, committed, polled, cursor } = harnessSource(spy.connector, clock);
  /** `polls`: hub time of each poll the runner started. */
  return { clock, connector, runner, committed, polled, vault, fake, cursor, polls: spy.calls };
}

describe('Reddit connector through the runner', () => {
  it('reads /new with app-only OAuth, then only newer posts via before=', async () => {
    const s = await setup({ mode: 'new' });
    s.fake.addPosts('acme', posts(3, T0 - 60_000));
    const first = await s.runner.pollOnce();
    expect(first.kind).toBe('ok');
    expect(s.committed[0]?.map((m) => m.externalId)).toEqual(['t3_p2', 't3_p1', 't3_p0']);
    expect(s.committed[0]?.[0]).toMatchObject({
      channel: 'reddit',
      url: 'https://www.reddit.com/r/acme/comments/p2/slug/',
      text: 'Acme post p2\n\napp is down',
      createdAt: (sec(T0 - 60_000) + 2) * 1000,
      metadata: { subreddit: 'acme', score: 3, comments: 1, nsfw: false },
    });
    const api = s.fake.requests.filter((r) => r.path === '/r/acme/new');
    expect(api[0]?.query.get('limit')).toBe('100');
    expect(api[0]?.query.get('raw_json')).toBe('1');
    expect(api[0]?.headers['user-agent']).toContain('earshot');
    s.fake.addPosts('acme', posts(2, T0, 'q'));
    await s.runner.pollOnce();
    expect(s.fake.requests.filter((r) => r.path === '/r/acme/new')[1]?.query.get('before')).toBe('t3_p2');
    expect(s.committed[1]?.map((m) => m.externalId)).toEqual(['t3_q1', 't3_q0']);
    expect(s.fake.tokensIssued).toBe(1);
    expect(s.runner.health()).toMatchObject({ state: 'ok', lastItemAt: (sec(T0) + 1) * 1000, rejected: 0 });
  });

  it('pages newer posts with before= when more than 100 arrived', async () => {
    const s = await setup({ mode: 'new' });
    s.fake.addPosts('acme', posts(1, T0 - 600_000, 'old'));
    await s.runner.pollOnce();
    s.fake.addPosts('acme', posts(150, T0 - 300_000));
    await s.runner.pollOnce();
    expect(s.committed[1]).toHaveLength(150);
    expect(new Set(s.committed[1]?.map((m) => m.externalId)).size).toBe(150);
    const befores = s.fake.requests.filter((r) => r.path === '/r/acme/new').map((r) => r.query.get('before'));
    // 150 newer: the 100 closest to the anchor, then the remaining 50 (a short page ends the poll).
    expect(befores).toEqual([null, 't3_old0', 't3_p99']);
  });

  it('re-anchors when the before= post was removed (Reddit then answers empty pages)', async () => {
    const s = await setup({ mode: 'new' });
    s.fake.addPosts('acme', posts(2, T0 - 60_000));
    await s.runner.pollOnce();
    s.fake.removePost('acme', 'p1');
    s.fake.addPosts('acme', posts(1, T0, 'new'));
    await s.runner.pollOnce();
    expect(s.committed[1]?.map((m) => m.externalId)).toEqual(['t3_new0']);
  });

  it('rejects a malformed child alone and keeps going', async () => {
    const s = await setup({ mode: 'new' });
    s.fake.addPosts('acme', [
      ...posts(2, T0 - 60_000),
      { id: 'bad', title: 'x', created: sec(T0) - 1, raw: { kind: 't3', data: { id: 'bad', title: 42 } } },
    ]);
    const out = await s.runner.pollOnce();
    expect(out.kind === 'ok' && out.rejected.length).toBe(1);
    expect(s.committed[0]).toHaveLength(2);
    expect(s.runner.health().rejected).toBe(1);
  });

  it('after a 429 with x-ratelimit-reset, no request reaches Reddit before the reset', async () => {
    const s = await setup({ mode: 'new' });
    s.fake.addPosts('acme', posts(1, T0 - 60_000));
    s.fake.failNext({ status: 429, resetSeconds: 300 });
    s.runner.start();
    const polled = s.polled();
    await s.clock.advance(0);
    const h = await polled;
    expect(h).toMatchObject({ state: 'rate-limited', rateLimitedUntil: T0 + 300_000 });
    const count = s.fake.requests.length;
    await s.clock.advance(300_000 - 1);
    // The runner starts a poll within microtasks of its timer (advance lets them settle): none started early.
    expect(s.polls).toEqual([T0]);
    expect(s.fake.requests.length).toBe(count);
    const next = s.polled();
    await s.clock.advance(1);
    expect((await next).state).toBe('degraded');
    expect(s.polls).toEqual([T0, T0 + 300_000]);
    const after = s.fake.requests.slice(count);
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((r) => r.at >= T0 + 300_000)).toBe(true);
    await s.runner.stop();
  });

  it('waits for the window reset when x-ratelimit-remaining hits 0', async () => {
    const s = await setup({ mode: 'new' });
    s.fake.rateLimit = { remaining: 1, used: 599, resetSeconds: 500 };
    s.runner.start();
    const p = s.polled();
    await s.clock.advance(0);
    await p;
    await s.clock.advance(500_000 - 1);
    // The runner starts a poll within microtasks of its timer (advance lets them settle): none started early.
    expect(s.polls).toEqual([T0]);
    expect(s.fake.requests.filter((r) => r.path === '/r/acme/new')).toHaveLength(1);
    const p2 = s.polled();
    await s.clock.advance(1);
    await p2;
    expect(s.polls).toEqual([T0, T0 + 500_000]);
    expect(s.fake.requests.filter((r) => r.path === '/r/acme/new')).toHaveLength(2);
    await s.runner.stop();
  });

  it('retries a 503 with backoff: 2.5 s then 5 s (random 0.5)', async () => {
    const s = await setup({ mode: 'new' });
    s.fake.failNext({ status: 503 }, { status: 503 });
    s.runner.start();
    let p = s.polled();
    await s.clock.advance(0);
    await p; // token request got the 503
    p = s.polled();
    await s.clock.advance(2_500);
    expect((await p).state).toBe('degraded');
    p = s.polled();
    await s.clock.advance(5_000);
    expect((await p).state).toBe('degraded');
    expect(s.committed).toHaveLength(1);
    const times = s.fake.requests.filter((r) => r.method === 'POST').map((r) => r.at - T0);
    expect(times).toEqual([0, 2_500, 7_500]);
    await s.runner.stop();
  });

  it('reports auth-error for wrong credentials without leaking them', async () => {
    const s = await setup({ mode: 'new' });
    await s.vault.set('reddit-main', { clientSecret: 'wrong-secret-999' });
    const out = await s.runner.pollOnce();
    expect(out.kind).toBe('auth-error');
    const h = s.runner.health();
    expect(h.state).toBe('auth-error');
    expect(h.lastError).toBe('Reddit token HTTP 401: Unauthorized');
    expect(JSON.stringify(h)).not.toContain('wrong-secret-999');
  });

  it('fetches a new token once when the API answers 401, then succeeds', async () => {
    const s = await setup({ mode: 'new' });
    await s.runner.pollOnce();
    s.fake.revokeTokens();
    const out = await s.runner.pollOnce();
    expect(out.kind).toBe('ok');
    expect(s.fake.tokensIssued).toBe(2);
  });

  it('searches each subreddit per watchlist with the mapped query and attributes the watchlist', async () => {
    const s = await setup({ subreddits: ['acme', 'fintech'] }, [
      { id: 'acme', name: 'Acme', query: 'acme (down OR outage) -refund' },
    ]);
    s.fake.addPosts('fintech', [{ id: 'f1', title: 'Acme down?', created: sec(T0) - 5 }]);
    const out = await s.runner.pollOnce();
    expect(out.kind).toBe('ok');
    const searches = s.fake.requests.filter((r) => r.path.endsWith('/search'));
    expect(searches.map((r) => r.path)).toEqual(['/r/acme/search', '/r/fintech/search']);
    expect(searches[0]?.query.get('q')).toBe('acme AND (down OR outage) AND NOT refund');
    expect(searches[0]?.query.get('restrict_sr')).toBe('1');
    expect(searches[0]?.query.get('sort')).toBe('new');
    expect(s.committed[0]).toMatchObject([{ externalId: 't3_f1', watchlist: 'acme' }]);
    await s.runner.pollOnce();
    expect(s.committed[1]).toEqual([]);
  });

  it('tests the connection', async () => {
    const s = await setup({ mode: 'new' });
    const r = await s.connector.testConnection?.(new AbortController().signal);
    expect(r).toEqual({ ok: true, value: 'Connected to Reddit: r/acme is readable.' });
    s.fake.failNext({ status: 403 });
    const denied = await s.connector.testConnection?.(new AbortController().signal);
    expect(denied?.ok).toBe(false);
  });
});
