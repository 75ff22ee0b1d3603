import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/core/runtime/clock';
import { memoryVault } from '../../electron/core/runtime/credentials';
import { silentLogger } from '../../electron/core/runtime/logger';
import type { Connector, PollOutcome } from '../../electron/core/connectors/connector';
import type { ConnectorDeps, Watchlist } from '../../electron/core/connectors/factory';
import { mastodonFactory } from '../../electron/core/connectors/mastodon/mastodon-connector';
import { fakeStatus, startMastodonFake, type MastodonFake } from '../fixtures/fakes/mastodon-fake';
import { startPollerHarness } from '../fixtures/fakes/rss-poller-harness';
import { commitThroughPipeline } from '../helpers/pipeline';

const clock = new ManualClock();
const NOW = clock.now();
const ACME: Watchlist = { id: 'acme', name: 'Acme', query: 'acme' };

function deps(
  watchlists: ReadonlyArray<Watchlist> = [ACME],
  creds: Record<string, Record<string, string>> = {},
): ConnectorDeps {
  return { clock, logger: silentLogger(), fetch: globalThis.fetch, credentials: memoryVault(creds), watchlists };
}

function connector(fake: MastodonFake, extra: Record<string, unknown> = {}, d = deps()): Connector {
  const config = mastodonFactory.configSchema.parse({
    id: 'masto',
    type: 'mastodon',
    baseUrl: fake.url,
    timeoutMs: 2000,
    ...extra,
  });
  return mastodonFactory.create(config, d);
}

const poll = (c: Connector, cursor: string | null): Promise<PollOutcome> =>
  c.poll({ signal: new AbortController().signal, now: NOW, cursor });

function okOf(outcome: PollOutcome): Extract<PollOutcome, { kind: 'ok' }> {
  if (outcome.kind !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(outcome)}`);
  return outcome;
}

const id = (n: number): string => String(113_000_000_000_000_000n + BigInt(n));
const status = (n: number, html = `<p>acme thing ${n}</p>`, extra: Partial<Parameters<typeof fakeStatus>[2]> = {}) =>
  fakeStatus(id(n), html, { createdAt: NOW - 60_000 + n, ...extra });

describe('Mastodon connector (masto) against a loopback Mastodon', () => {
  let fake: MastodonFake;
  beforeEach(async () => {
    fake = await startMastodonFake();
  });
  afterEach(() => fake.close());

  it('reads the newest page on a first run and converts HTML, spoilers and authors', async () => {
    fake.post(
      'acme',
      status(1),
      status(
        2,
        '<p>Can&#39;t log in <a href="https://mastodon.test/tags/acme" class="mention hashtag">#<span>acme</span></a></p><p>second<br>line</p>',
        {
          acct: 'bob@other.example',
          followers: 80_000,
          spoiler: 'rant',
        },
      ),
    );
    const out = okOf(await poll(connector(fake), null));
    expect(out.items).toHaveLength(2);
    expect(out.items[0]).toEqual({
      externalId: `https://mastodon.test/users/bob/statuses/${id(2)}`,
      channel: 'mastodon',
      url: `https://mastodon.test/@bob/${id(2)}`,
      text: "CW: rant\n\nCan't log in #acme\n\nsecond\nline",
      createdAt: NOW - 60_000 + 2,
      author: { handle: '@bob@other.example', name: 'Bob', followers: 80_000 },
      watchlist: 'acme',
      metadata: { tag: 'acme', statusId: id(2), language: 'en', spoiler: true, reblogs: 2, favourites: 5, bot: false },
    });
    expect(JSON.parse(out.cursor ?? '')).toEqual({ v: 1, tags: { acme: id(2) } });
    expect(out.rateLimit).toEqual({ limit: 300, remaining: 299, resetAt: Date.UTC(2026, 0, 5, 9, 5, 0) });
    expect(fake.requests[0]?.query.get('limit')).toBe('40');
  });

  it('catches up oldest-first through rel="prev" Link headers with no gap, capped per poll', async () => {
    fake.post('acme', status(1));
    const c = connector(fake, { maxPagesPerTag: 2 });
    const first = okOf(await poll(c, null));
    fake.post('acme', ...Array.from({ length: 95 }, (_, i) => status(i + 2)));
    const second = okOf(await poll(c, first.cursor));
    expect(second.items).toHaveLength(80);
    expect(new Set(second.items.map((m) => m.metadata?.statusId))).toEqual(
      new Set(Array.from({ length: 80 }, (_, i) => id(i + 2))),
    );
    expect(JSON.parse(second.cursor ?? '').tags.acme).toBe(id(81));
    const third = okOf(await poll(c, second.cursor));
    expect(third.items.map((m) => m.metadata?.statusId).sort()).toEqual(
      Array.from({ length: 15 }, (_, i) => id(i + 82)),
    );
    const fourth = okOf(await poll(c, third.cursor));
    expect(fourth.items).toEqual([]);
    expect(fourth.cursor).toBe(third.cursor);
    const minIds = fake.requests.slice(1).map((r) => r.query.get('min_id'));
    expect(minIds).toEqual([id(1), id(41), id(81), id(96)]);
  });

  it('maps watchlist queries to tags, filters in the hub, dedups across tags and rejects malformed statuses alone', async () => {
    const d = deps([{ id: 'acme-outage', name: 'Acme outage', query: 'acme AND (login OR outage)' }]);
    const both = status(3, '<p>#acme #outage everything down</p>');
    fake.post('acme', status(1, '<p>love my acme mug</p>'), status(2, '<p>acme login broken</p>'), both);
    fake.post('outage', both, { ...status(4), created_at: 'not a date' }, { id: id(5), content: 42 } as never);
    const out = okOf(await poll(connector(fake, {}, d), null));
    expect(out.items.map((m) => m.metadata?.statusId).sort()).toEqual([id(2), id(3)]);
    expect(out.items.every((m) => m.watchlist === 'acme-outage')).toBe(true);
    expect(out.rejected).toHaveLength(2);
    expect(out.rejected.map((r) => r.reason).join(' | ')).toContain('createdAt');
    // The refused statuses (4, 5) are newer than 3, but the cursor moves only past statuses it read.
    expect(JSON.parse(out.cursor ?? '').tags).toEqual({ acme: id(3), login: undefined, outage: id(3) });
    expect(fake.requests.map((r) => r.path)).toEqual([
      '/api/v1/timelines/tag/acme',
      '/api/v1/timelines/tag/login',
      '/api/v1/timelines/tag/outage',
    ]);
  });

  it('leaves explicit tags to the hub: matched against every watchlist, misses dropped, all kept without watchlists', async () => {
    const refunds: Watchlist = { id: 'w', name: 'w', query: 'refund' };
    fake.post('brand', status(1, '<p>where is my refund</p>'), status(2, '<p>hello</p>'));
    const c = connector(fake, { tags: ['brand'] }, deps([refunds]));
    const out = okOf(await poll(c, null));
    expect(out.items.map((m) => m.watchlist)).toEqual([undefined, undefined]);
    const stored = await commitThroughPipeline(c, [refunds], out.items);
    expect(stored.map((m) => [m.text, m.watchlist])).toEqual([['where is my refund', 'w']]);
    const open = connector(fake, { tags: ['brand'] }, deps([]));
    const all = okOf(await poll(open, null));
    expect(await commitThroughPipeline(open, [], all.items)).toHaveLength(2);
  });

  it('a page whose statuses all fail validation (a renamed field) leaves the cursor, so none is skipped', async () => {
    const c = connector(fake);
    fake.post('acme', status(1));
    const first = okOf(await poll(c, null));
    fake.post('acme', status(2), status(3));
    fake.faults.push({
      kind: 'rewrite',
      rewrite: (res) => ({ ...res, body: res.body.replaceAll('"content":', '"body":') }),
    });
    const drifted = okOf(await poll(c, first.cursor));
    expect(drifted.items).toEqual([]);
    expect(drifted.rejected).toHaveLength(2);
    expect(drifted.cursor).toBe(first.cursor);
    const after = okOf(await poll(c, drifted.cursor));
    expect(after.items.map((m) => m.metadata?.statusId).sort()).toEqual([id(2), id(3)]);
  });

  it('sends the stored access token and reports a rejected one as auth-error without leaking it', async () => {
    fake.requireToken('good-token-123');
    fake.post('acme', status(1));
    const withToken = connector(fake, {}, deps([ACME], { masto: { accessToken: 'good-token-123' } }));
    expect(okOf(await poll(withToken, null)).items).toHaveLength(1);
    expect(fake.requests[0]?.headers.authorization).toBe('Bearer good-token-123');
    const wrong = connector(fake, {}, deps([ACME], { masto: { accessToken: 'bad-token-456' } }));
    const out = await poll(wrong, null);
    expect(out).toEqual({ kind: 'auth-error', message: 'Mastodon HTTP 401: The access token is invalid' });
  });

  it('waits for x-ratelimit-reset (ISO) on 429 and stops early when the window is spent', async () => {
    const reset = NOW + 4 * 60_000;
    fake.setRateLimit(0, reset);
    expect(await poll(connector(fake), null)).toEqual({
      kind: 'rate-limited',
      until: reset,
      message: 'Mastodon HTTP 429: Too many requests',
    });
    fake.setRateLimit(1, reset);
    fake.post('acme', status(1));
    fake.post('login', status(2, '<p>acme login</p>'));
    const d = deps([{ id: 'w', name: 'w', query: 'acme OR login' }]);
    const out = okOf(await poll(connector(fake, {}, d), null));
    expect(out.rateLimit).toEqual({ limit: 300, remaining: 0, resetAt: reset });
    expect(out.items).toHaveLength(1);
    expect(fake.requests).toHaveLength(2);
  });

  it('treats 5xx JSON and HTML error pages as transient, unknown paths as config errors, and tests the connection', async () => {
    fake.script(
      { status: 503, body: JSON.stringify({ error: 'Service Unavailable' }) },
      { status: 502, body: '<html><body>502 Bad Gateway</body></html>', headers: { 'content-type': 'text/html' } },
      { status: 404, body: JSON.stringify({ error: 'Record not found' }) },
    );
    expect(await poll(connector(fake), null)).toMatchObject({
      kind: 'transient',
      message: 'Mastodon HTTP 503: Service Unavailable',
    });
    expect(await poll(connector(fake), null)).toMatchObject({ kind: 'transient' });
    expect(await poll(connector(fake), null)).toMatchObject({ kind: 'config-error' });
    fake.post('acme', status(1), status(2));
    expect(await connector(fake).testConnection?.(new AbortController().signal)).toEqual({
      ok: true,
      value: 'OK: 2 recent statuses for #acme',
    });
    expect(await poll(connector(fake, {}, deps([])), null)).toMatchObject({ kind: 'config-error' });
  });
});

describe('Mastodon connector timeouts and aborts', () => {
  let fake: MastodonFake;
  beforeEach(async () => {
    fake = await startMastodonFake();
  });
  afterEach(() => fake.close());

  it('gives up after timeoutMs, and at once when the poll is aborted', async () => {
    fake.hang(2);
    expect(await poll(connector(fake, { timeoutMs: 300 }), null)).toEqual({
      kind: 'transient',
      message: 'Mastodon: request timed out',
    });
    const ctrl = new AbortController();
    // Under load the timed-out request may never have reached the fake: count from what it has received so far.
    const before = fake.faults.requests.length;
    const pending = connector(fake, { timeoutMs: 10_000 }).poll({ signal: ctrl.signal, now: NOW, cursor: null });
    // Abort once this request is in flight (the fake holds it), so the abort must reach the request itself.
    await fake.faults.received(before + 1);
    ctrl.abort();
    expect(await pending).toEqual({ kind: 'transient', message: 'Mastodon: aborted' });
  });
});

describe('Mastodon connector under the real poller (ManualClock)', () => {
  let fake: MastodonFake;
  beforeEach(async () => {
    fake = await startMastodonFake();
  });
  afterEach(() => fake.close());

  it('waits exactly until x-ratelimit-reset after a 429 and backs off with jitter on 5xx', async () => {
    const clk = new ManualClock();
    const t0 = clk.now();
    fake.post('acme', status(1));
    const c = mastodonFactory.create(
      mastodonFactory.configSchema.parse({ id: 'masto', type: 'mastodon', baseUrl: fake.url, timeoutMs: 2000 }),
      { ...deps(), clock: clk },
    );
    const h = startPollerHarness(c, clk);
    expect((await h.step(0)).state).toBe('ok');
    expect(h.committed).toHaveLength(1);

    const reset = t0 + 60_000 + 240_000;
    fake.setRateLimit(0, reset);
    const limited = await h.step(60_000);
    expect(limited).toMatchObject({ state: 'rate-limited', rateLimitedUntil: reset });
    const before = fake.requests.length;
    await clk.advance(240_000 - 1);
    expect(fake.requests.length).toBe(before);
    fake.setRateLimit(300, reset + 300_000);
    fake.post('acme', status(2));
    expect(await h.step(1)).toMatchObject({ lastSuccessAt: reset, rateLimitedUntil: null });
    expect(h.committed).toHaveLength(2);

    fake.script(
      { status: 503, body: '{"error":"Service Unavailable"}' },
      { status: 503, body: '{"error":"Service Unavailable"}' },
    );
    expect((await h.step(60_000)).state).toBe('degraded');
    const afterFirst = fake.requests.length;
    await clk.advance(2_499);
    expect(fake.requests.length).toBe(afterFirst);
    await h.step(1);
    await clk.advance(4_999);
    expect(fake.requests.length).toBe(afterFirst + 1);
    const recovered = await h.step(1);
    expect(recovered.lastSuccessAt).toBe(clk.now());
    expect(JSON.parse(h.cursor() ?? '').tags.acme).toBe(id(2));
    await h.runner.stop();
  });
});
