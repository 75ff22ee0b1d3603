import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/core/runtime/clock';
import { memoryVault } from '../../electron/core/runtime/credentials';
import { silentLogger } from '../../electron/core/runtime/logger';
import type { Connector, PollOutcome } from '../../electron/core/connectors/connector';
import type { ConnectorDeps } from '../../electron/core/connectors/factory';
import { rssFactory } from '../../electron/core/connectors/rss/rss-connector';
import { atomXml, rssXml, startRssFake, type FakeFeedItem, type RssFake } from '../fixtures/fakes/rss-fake';
import { startPollerHarness } from '../fixtures/fakes/rss-poller-harness';
import { commitThroughPipeline } from '../helpers/pipeline';

const clock = new ManualClock();
const NOW = clock.now();
const MIN = 60_000;

const deps = (watchlists = [{ id: 'acme', name: 'Acme', query: 'acme OR login' }]): ConnectorDeps => ({
  clock,
  logger: silentLogger(),
  fetch: globalThis.fetch,
  credentials: memoryVault(),
  watchlists,
});

function connector(fake: RssFake, extra: Record<string, unknown> = {}, d = deps()): Connector {
  const config = rssFactory.configSchema.parse({
    id: 'forum',
    type: 'rss',
    enabled: true,
    url: `${fake.url}/feed.xml`,
    ...extra,
  });
  return rssFactory.create(config, d);
}

const poll = (c: Connector, cursor: string | null, signal = new AbortController().signal): Promise<PollOutcome> =>
  c.poll({ signal, now: NOW, cursor });

function okOf(outcome: PollOutcome): Extract<PollOutcome, { kind: 'ok' }> {
  if (outcome.kind !== 'ok') throw new Error(`expected ok, got ${outcome.kind}: ${JSON.stringify(outcome)}`);
  return outcome;
}

const items: FakeFeedItem[] = [
  {
    guid: 'topic-3',
    title: 'Acme app: cannot log in',
    html: '<p>Since 9am I get <b>error 503</b> &amp; a blank page.</p>',
    date: NOW - 2 * MIN,
    author: 'jdoe',
  },
  { guid: 'topic-2', title: 'Best hiking boots?', html: '<p>Unrelated chatter</p>', date: NOW - 5 * MIN },
  { guid: null, link: null, title: 'Acme broken', html: 'no id at all', date: NOW - 6 * MIN },
  {
    guid: null,
    link: 'https://forum.acme.test/t/linked',
    title: 'Acme login loop',
    html: 'stuck in a loop',
    date: NOW - 7 * MIN,
  },
  { guid: 'topic-0', title: 'Acme login problem from last year', html: 'old', date: NOW - 400 * 24 * 60 * MIN },
];

describe('RSS connector against a loopback feed server', () => {
  let fake: RssFake;
  beforeEach(async () => {
    fake = await startRssFake();
    fake.setDocument(rssXml(items));
  });
  afterEach(() => fake.close());

  it('turns matching items into mentions, rejects id-less items alone and skips old ones', async () => {
    const c = connector(fake);
    const out = okOf(await poll(c, null));
    // The connector claims no watchlist: the hub's attribute step matches each item and drops the misses.
    const stored = await commitThroughPipeline(c, deps().watchlists, out.items);
    expect(stored.map((m) => [m.externalId, m.watchlist])).toEqual([
      ['topic-3', 'acme'],
      ['https://forum.acme.test/t/linked', 'acme'],
    ]);
    expect(out.items[0]).toEqual({
      externalId: 'topic-3',
      channel: 'rss',
      text: 'Acme app: cannot log in\n\nSince 9am I get error 503 & a blank page.',
      createdAt: Math.floor((NOW - 2 * MIN) / 1000) * 1000,
      author: { handle: 'jdoe' },
      url: 'https://forum.acme.test/t/topic-3',
    });
    expect(out.rejected).toHaveLength(1);
    expect(out.rejected[0]?.reason).toContain('neither guid/id nor link');
    const cursor = JSON.parse(out.cursor ?? '{}') as { etag: string; seen: string[] };
    expect(cursor.etag).toMatch(/^W\/"/);
    expect(cursor.seen).toContain('topic-2');
  });

  it('sends conditional GETs, accepts 304 with the cursor unchanged, then returns only new items', async () => {
    const c = connector(fake);
    const first = okOf(await poll(c, null));
    const second = okOf(await poll(c, first.cursor));
    expect(second.items).toEqual([]);
    expect(second.cursor).toBe(first.cursor);
    expect(fake.requests[1]?.headers['if-none-match']).toBe(JSON.parse(first.cursor ?? '{}').etag);
    expect(fake.requests[1]?.headers['if-modified-since']).toBeDefined();
    fake.setDocument(
      rssXml([{ guid: 'topic-4', title: 'Acme outage again', html: 'down', date: NOW - MIN }, ...items]),
    );
    const third = okOf(await poll(c, second.cursor));
    expect(third.items.map((i) => i.externalId)).toEqual(['topic-4']);
  });

  it('keeps no validators from a document with no readable item (a renamed element), so its items still come', async () => {
    const c = connector(fake);
    fake.faults.push({
      kind: 'rewrite',
      rewrite: (res) => ({ ...res, body: res.body.replaceAll('<item>', '<post>').replaceAll('</item>', '</post>') }),
    });
    const drifted = okOf(await poll(c, null));
    expect(drifted.items).toEqual([]);
    const after = okOf(await poll(c, drifted.cursor));
    expect(fake.requests[1]?.headers['if-none-match']).toBeUndefined();
    expect(after.items.map((m) => m.externalId)).toContain('topic-3');
  });

  it('keeps every item when watchlist matching is off (status pages) and reads Atom', async () => {
    fake.setDocument(
      atomXml([
        {
          guid: 'tag:status.acme.test,2005:Incident/1',
          title: 'Degraded performance',
          html: '<p><strong>Investigating</strong> - We are looking into it.</p>',
          date: NOW - MIN,
          link: 'https://status.acme.test/incidents/1',
        },
      ]),
      'application/atom+xml',
      '/history.atom',
    );
    const c = connector(fake, { url: `${fake.url}/history.atom`, matchWatchlists: false });
    const out = okOf(await poll(c, null));
    expect(out.items).toEqual([
      {
        externalId: 'tag:status.acme.test,2005:Incident/1',
        channel: 'rss',
        text: 'Degraded performance\n\nInvestigating - We are looking into it.',
        createdAt: NOW - MIN,
        author: { handle: 'forum' },
        url: 'https://status.acme.test/incidents/1',
      },
    ]);
  });

  it('reads a JSON Feed served as application/feed+json', async () => {
    const feed = {
      version: 'https://jsonfeed.org/version/1.1',
      title: 'Acme blog',
      items: [
        {
          id: 'post-9',
          url: 'https://blog.acme.test/9',
          title: 'Acme login changes',
          content_html: '<p>New <b>login</b> flow</p>',
          date_published: new Date(NOW - MIN).toISOString(),
        },
      ],
    };
    fake.setDocument(JSON.stringify(feed), 'application/feed+json', '/feed.json');
    const c = connector(fake, { url: `${fake.url}/feed.json` });
    const out = okOf(await poll(c, null));
    expect((await commitThroughPipeline(c, deps().watchlists, out.items)).map((m) => m.watchlist)).toEqual(['acme']);
    expect(out.items).toEqual([
      {
        externalId: 'post-9',
        channel: 'rss',
        text: 'Acme login changes\n\nNew login flow',
        createdAt: NOW - MIN,
        author: { handle: 'forum' },
        url: 'https://blog.acme.test/9',
      },
    ]);
  });

  it('maps 429 (Retry-After), 5xx, 404, an HTML page and timeouts to runtime outcomes', async () => {
    const c = connector(fake, { timeoutMs: 1000 });
    fake.script(
      { status: 429, body: 'Too Many Requests', headers: { 'retry-after': '120' } },
      { status: 503, body: '<html>Service Unavailable</html>', headers: { 'content-type': 'text/html' } },
      { status: 200, body: '<!doctype html><html><body>Login</body></html>', headers: { 'content-type': 'text/html' } },
    );
    expect(await poll(c, null)).toMatchObject({ kind: 'rate-limited', until: NOW + 120_000 });
    expect(await poll(c, null)).toMatchObject({ kind: 'transient' });
    expect(await poll(c, null)).toMatchObject({ kind: 'config-error' });
    const missing = connector(fake, { url: `${fake.url}/nope.xml` });
    expect(await poll(missing, null)).toMatchObject({ kind: 'config-error' });
    fake.hang(1);
    const timedOut = await poll(c, null);
    expect(timedOut).toMatchObject({ kind: 'transient' });
    expect(timedOut.kind === 'transient' && timedOut.message).toContain('timed out');
  });

  it('stops when the poll is aborted', async () => {
    fake.hang(1);
    const ctrl = new AbortController();
    const pending = poll(connector(fake), null, ctrl.signal);
    // Abort once the request is in flight (the fake holds it), so the abort must reach the request itself.
    await fake.faults.received(1);
    ctrl.abort();
    const out = await pending;
    expect(out.kind === 'transient' && out.message).toContain('aborted');
  });

  it('tests the connection without a cursor and reports a non-feed readably', async () => {
    const c = connector(fake);
    expect(await c.testConnection?.(new AbortController().signal)).toEqual({
      ok: true,
      value: 'OK: RSS feed with 4 items',
    });
    fake.script({ status: 200, body: '<html><body>Sign in</body></html>', headers: { 'content-type': 'text/html' } });
    const bad = await c.testConnection?.(new AbortController().signal);
    expect(bad?.ok).toBe(false);
  });

  it('passes everything through when no watchlists are configured', async () => {
    const out = okOf(await poll(connector(fake, {}, deps([])), null));
    expect(out.items.map((i) => i.externalId)).toEqual(['topic-3', 'topic-2', 'https://forum.acme.test/t/linked']);
    expect(out.items.every((i) => i.watchlist === undefined)).toBe(true);
  });
});

describe('RSS connector under the real poller (ManualClock)', () => {
  let fake: RssFake;
  beforeEach(async () => {
    fake = await startRssFake();
    fake.setDocument(rssXml(items));
  });
  afterEach(() => fake.close());

  it('honours Retry-After on 503 over a shorter jittered backoff, then polls at the configured interval', async () => {
    const clk = new ManualClock();
    const c = rssFactory.create(
      rssFactory.configSchema.parse({ id: 'forum', type: 'rss', url: `${fake.url}/feed.xml`, pollIntervalMs: 120_000 }),
      { ...deps(), clock: clk },
    );
    const h = startPollerHarness(c, clk);
    fake.script({ status: 503, body: 'busy', headers: { 'retry-after': '30' } }, { status: 500, body: 'oops' });
    expect((await h.step(0)).state).toBe('degraded');
    await clk.advance(29_999);
    expect(fake.requests).toHaveLength(1);
    await h.step(1);
    expect(fake.requests).toHaveLength(2);
    await clk.advance(4_999);
    expect(fake.requests).toHaveLength(2);
    const ok = await h.step(1);
    expect(ok.lastSuccessAt).toBe(clk.now());
    const stored = await commitThroughPipeline(c, deps().watchlists, h.committed);
    expect(stored.map((m) => m.externalId)).toEqual(['topic-3', 'https://forum.acme.test/t/linked']);
    await clk.advance(119_999);
    expect(fake.requests).toHaveLength(3);
    await h.step(1);
    expect(fake.requests[3]?.headers['if-none-match']).toBeDefined();
    expect(await commitThroughPipeline(c, deps().watchlists, h.committed)).toHaveLength(2);
    await h.runner.stop();
  });
});
