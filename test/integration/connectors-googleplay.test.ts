import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/core/runtime/clock';
import { memoryVault } from '../../electron/core/runtime/credentials';
import { silentLogger } from '../../electron/core/runtime/logger';
import type { Connector, PollOutcome } from '../../electron/core/connectors/connector';
import type { ConnectorDeps, Watchlist } from '../../electron/core/connectors/factory';
import { googlePlayFactory } from '../../electron/core/connectors/googleplay/googleplay-connector';
import { startGooglePlayFake, type FakeReview, type GooglePlayFake } from '../fixtures/fakes/googleplay-fake';
import { startPollerHarness } from '../fixtures/fakes/rss-poller-harness';
import { commitThroughPipeline } from '../helpers/pipeline';

const clock = new ManualClock();
const NOW = clock.now();
const APP = 'com.acme.mobile';

const deps = (
  watchlists: ReadonlyArray<Watchlist> = [{ id: 'acme', name: 'Acme', query: 'login OR crash' }],
): ConnectorDeps => ({
  clock,
  logger: silentLogger(),
  fetch: globalThis.fetch,
  credentials: memoryVault(),
  watchlists,
});

function connector(fake: GooglePlayFake, extra: Record<string, unknown> = {}): Connector {
  const config = googlePlayFactory.configSchema.parse({
    id: 'play',
    type: 'googleplay',
    enabled: true,
    appId: APP,
    baseUrl: fake.url,
    timeoutMs: 1500,
    ...extra,
  });
  return googlePlayFactory.create(config, deps());
}

const poll = (c: Connector, cursor: string | null, signal = new AbortController().signal): Promise<PollOutcome> =>
  c.poll({ signal, now: NOW, cursor });
function okOf(outcome: PollOutcome): Extract<PollOutcome, { kind: 'ok' }> {
  if (outcome.kind !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(outcome)}`);
  return outcome;
}

const review = (n: number, extra: Partial<FakeReview> = {}): FakeReview => ({
  id: `gp:AOqpTOH${String(n).padStart(6, '0')}xYz`,
  userName: `User ${n}`,
  score: (n % 5) + 1,
  text: `review ${n}: app crash on login`,
  date: NOW - 3_600_000 + n * 1000 + 123,
  ...extra,
});

describe('Google Play connector (google-play-scraper) against a loopback batchexecute', () => {
  let fake: GooglePlayFake;
  beforeEach(async () => {
    fake = await startGooglePlayFake();
  });
  afterEach(() => fake.close());

  it('reads the newest reviews through the real library and maps ratings, versions and replies', async () => {
    fake.setReviews(APP, [
      review(1, { text: 'Great app', reply: 'Thanks!' }),
      review(2, { version: '5.13.1' }),
      review(3, { raw: ['gp:broken', null, 9] }),
      review(4, { text: null }),
      review(5, { date: NOW - 10 * 24 * 3_600_000 }),
    ]);
    const c = connector(fake);
    const out = okOf(await poll(c, null));
    expect(out.items).toHaveLength(2);
    expect(out.items.find((m) => m.externalId === review(2).id)).toEqual({
      externalId: review(2).id,
      channel: 'googleplay',
      text: 'review 2: app crash on login',
      createdAt: review(2).date,
      author: { handle: 'User 2' },
      url: `https://play.google.com/store/apps/details?id=${APP}&reviewId=${review(2).id}`,
      metadata: { appId: APP, rating: 3, version: '5.13.1', thumbsUp: 4, replied: false },
    });
    expect(out.items.find((m) => m.text === 'Great app')).toMatchObject({ metadata: { replied: true, rating: 2 } });
    // The connector claims no watchlist; the hub matches "crash on login" to acme and keeps "Great app" too
    // (reviews are never dropped), under the hub's default watchlist: the first one.
    const watchlists = [{ id: 'first', name: 'First', query: 'refund' }, ...deps().watchlists];
    const stored = await commitThroughPipeline(c, watchlists, out.items);
    expect(out.items.every((m) => m.watchlist === undefined)).toBe(true);
    expect(Object.fromEntries(stored.map((m) => [m.text, m.watchlist]))).toEqual({
      'review 2: app crash on login': 'acme',
      'Great app': 'first',
    });
    expect(out.rejected).toHaveLength(1);
    expect(fake.calls[0]).toMatchObject({ appId: APP, count: 150, token: null });
    expect(fake.calls[0]?.query.get('hl')).toBe('en');
    expect(fake.calls[0]?.query.get('gl')).toBe('us');
  });

  it('pages with nextPaginationToken after a burst until it reaches a known review', async () => {
    fake.setReviews(APP, [review(1)]);
    const c = connector(fake);
    const first = okOf(await poll(c, null));
    fake.setReviews(
      APP,
      Array.from({ length: 200 }, (_, i) => review(i + 1)),
    );
    const second = okOf(await poll(c, first.cursor));
    expect(second.items).toHaveLength(199);
    expect(fake.calls.slice(1).map((call) => call.token)).toEqual([null, 'tok150']);
    const third = okOf(await poll(c, second.cursor));
    expect(third.items).toEqual([]);
    expect(fake.calls).toHaveLength(4);
  });

  it('continues a burst beyond the page budget from the saved pagination token on later polls', async () => {
    fake.setReviews(APP, [review(1)]);
    const c = connector(fake, { maxPages: 1 });
    let cursor = okOf(await poll(c, null)).cursor;
    fake.setReviews(
      APP,
      Array.from({ length: 401 }, (_, i) => review(i + 1)),
    );
    const got: string[] = [];
    for (let i = 0; i < 3; i++) {
      const out = okOf(await poll(c, cursor));
      got.push(...out.items.map((m) => m.externalId));
      cursor = out.cursor;
    }
    expect(new Set(got).size).toBe(400);
    expect(got).toHaveLength(400);
    expect(JSON.parse(cursor ?? '').resume).toBeUndefined();
    expect(fake.calls.slice(1).map((call) => call.token)).toEqual([null, null, 'tok150', null, 'tok300']);
  });

  it('maps 429, 5xx, a changed wire format and a hung request to runtime outcomes', async () => {
    const c = connector(fake);
    fake.setReviews(APP, [review(1)]);
    fake.script(
      { status: 429, body: '<html>Too Many Requests</html>' },
      { status: 500, body: '<html>Error</html>' },
      { status: 200, body: ")]}'\n\n<html>changed</html>" },
    );
    expect(await poll(c, null)).toMatchObject({ kind: 'rate-limited', until: NOW + 30 * 60_000 });
    expect(await poll(c, null)).toMatchObject({ kind: 'transient', message: expect.stringContaining('HTTP 500') });
    expect(await poll(c, null)).toMatchObject({
      kind: 'transient',
      message: expect.stringContaining('unexpected format'),
    });
    fake.hang(1);
    expect(await poll(c, null)).toMatchObject({ kind: 'transient', message: expect.stringContaining('Timeout') });
  });

  it('aborts a pending request when the poll signal fires', async () => {
    fake.hang(1);
    const ctrl = new AbortController();
    const pending = poll(connector(fake, { timeoutMs: 10_000 }), null, ctrl.signal);
    // Abort once the request is in flight (the fake holds it), so the abort must reach the request itself.
    await fake.faults.received(1);
    ctrl.abort();
    expect(await pending).toEqual({ kind: 'transient', message: 'Google Play: aborted' });
  });

  it('returns nothing for an app without reviews and tests the connection', async () => {
    expect(okOf(await poll(connector(fake, { appId: 'com.unknown.app' }), null)).items).toEqual([]);
    fake.setReviews(APP, [review(1), review(2)]);
    expect(await connector(fake).testConnection?.(new AbortController().signal)).toEqual({
      ok: true,
      value: `OK: 2 recent reviews for ${APP} (best-effort source)`,
    });
  });

  it('is off by default in config', () => {
    expect(googlePlayFactory.configSchema.parse({ id: 'p', type: 'googleplay', appId: APP }).enabled).toBe(false);
  });
});

describe('Google Play connector under the real poller (ManualClock)', () => {
  let fake: GooglePlayFake;
  beforeEach(async () => {
    fake = await startGooglePlayFake();
  });
  afterEach(() => fake.close());

  it('waits 30 minutes after Google answers 429, then resumes', async () => {
    const clk = new ManualClock();
    fake.setReviews(APP, [review(1)]);
    const c = googlePlayFactory.create(
      googlePlayFactory.configSchema.parse({
        id: 'play',
        type: 'googleplay',
        enabled: true,
        appId: APP,
        baseUrl: fake.url,
      }),
      { ...deps(), clock: clk },
    );
    const h = startPollerHarness(c, clk);
    fake.script({ status: 429, body: '<html>Too Many Requests</html>' });
    expect(await h.step(0)).toMatchObject({ state: 'rate-limited', rateLimitedUntil: clk.now() + 30 * 60_000 });
    await clk.advance(30 * 60_000 - 1);
    expect(fake.calls).toHaveLength(1);
    expect(await h.step(1)).toMatchObject({ lastSuccessAt: clk.now() });
    expect(h.committed).toHaveLength(1);
    await h.runner.stop();
  });
});
