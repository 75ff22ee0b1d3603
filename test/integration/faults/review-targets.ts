import { appStoreFactory } from '../../../electron/core/connectors/appstore/appstore-factory';
import { googlePlayFactory } from '../../../electron/core/connectors/googleplay/googleplay-connector';
import { rssFactory } from '../../../electron/core/connectors/rss/rss-connector';
import { trustpilotFactory } from '../../../electron/core/connectors/trustpilot/trustpilot-factory';
import { startAppStoreFake } from '../../fixtures/fakes/appstore-fake';
import type { Fault } from '../../fixtures/fakes/faults';
import { startGooglePlayFake, type FakeReview } from '../../fixtures/fakes/googleplay-fake';
import { rssXml, startRssFake, type FakeFeedItem } from '../../fixtures/fakes/rss-fake';
import { startTrustpilotFake } from '../../fixtures/fakes/trustpilot-fake';
import { common, depsFor, itemTime, retryAfterHeaders, type TargetFactory } from './target';
import { HUGE_BYTES, renamedKey, statusFault } from './wire';

const APP = '389801252';
const BU = '507f191e810c19729de860ea';
const TP_KEY = 'tp-fault-key-1234';
const PLAY = 'com.acme.mobile';

/** App Store reviews RSS-JSON: no reset header (Retry-After); drift renames the rating, so each review is refused. */
export const appStoreTarget: TargetFactory = async (clock, timeoutMs) => {
  const fake = await startAppStoreFake({ appId: APP, now: () => clock.now() });
  fake.faults.now = () => clock.now();
  const config = appStoreFactory.configSchema.parse({
    id: 'ios',
    type: 'appstore',
    appId: APP,
    baseUrl: fake.url,
    ...common(timeoutMs),
  });
  const ids: string[] = [];
  return {
    connector: appStoreFactory.create(config, depsFor(clock, {}, [])),
    faults: fake.faults,
    serve(n) {
      const start = ids.length;
      const reviews = Array.from({ length: n }, (_, i) => ({
        id: `1000${String(start + i).padStart(4, '0')}`,
        author: `user${start + i}`,
        title: 'Cannot log in',
        content: `Login fails ${start + i}`,
        rating: 1,
        updated: itemTime(clock, start + i),
      }));
      fake.addReviews('us', reviews);
      ids.push(...reviews.map((r) => r.id));
    },
    served: () => ids,
    keyOf: (m) => m.externalId,
    tooMany: (resetAt) => statusFault(429, 'Too Many Requests', retryAfterHeaders(resetAt)),
    drift: renamedKey('im:rating', 'im:stars'),
    twoPages: 55,
    close: () => fake.close(),
  };
};

/** Trustpilot public reviews: Retry-After on 429; drift renames the `reviews` array. */
export const trustpilotTarget: TargetFactory = async (clock, timeoutMs) => {
  const fake = await startTrustpilotFake({ apiKey: TP_KEY, businessUnitId: BU, now: () => clock.now() });
  fake.faults.now = () => clock.now();
  const config = trustpilotFactory.configSchema.parse({
    id: 'tp',
    type: 'trustpilot',
    businessUnitId: BU,
    baseUrl: fake.url,
    ...common(timeoutMs),
  });
  const ids: string[] = [];
  return {
    connector: trustpilotFactory.create(config, depsFor(clock, { tp: { apiKey: TP_KEY } }, [])),
    faults: fake.faults,
    serve(n) {
      const start = ids.length;
      const reviews = Array.from({ length: n }, (_, i) => ({
        id: `a${String(start + i).padStart(23, '0')}`,
        stars: 1,
        title: 'Card declined',
        text: `Declined again ${start + i}`,
        name: `Customer ${start + i}`,
        createdAt: itemTime(clock, start + i),
      }));
      fake.addReviews(reviews);
      ids.push(...reviews.map((r) => r.id));
    },
    served: () => ids,
    keyOf: (m) => m.externalId,
    tooMany: (resetAt) => statusFault(429, 'Too Many Requests', retryAfterHeaders(resetAt)),
    drift: renamedKey('reviews', 'items'),
    twoPages: 105,
    close: () => fake.close(),
  };
};

/** The batchexecute answer padded with an extra envelope entry google-play-scraper skips. */
const playHuge: Fault = {
  kind: 'rewrite',
  rewrite: (res) => ({ ...res, body: `${res.body.slice(0, -1)},["padding","${'x'.repeat(HUGE_BYTES)}"]]` }),
};

/** Each review's positional array shifted by one: Google moving its fields, as it does without notice. */
const playDrift: Fault = {
  kind: 'rewrite',
  rewrite: (res) => {
    const prefix = ")]}'\n\n";
    const outer = JSON.parse(res.body.slice(prefix.length)) as unknown[][];
    const entry = outer[0] as unknown[];
    const payload = JSON.parse(String(entry[2])) as [unknown[][], unknown];
    payload[0] = payload[0].map((review) => [null, ...review]);
    entry[2] = JSON.stringify(payload);
    return { ...res, body: `${prefix}${JSON.stringify(outer)}` };
  },
};

/**
 * Google Play (google-play-scraper): Google sends no reset time, and the scraper keeps no headers, so a 429 or a 403
 * (scraping blocked) waits 30 minutes; a 401 (which a public endpoint never means as "bad credentials") is transient.
 */
export const googlePlayTarget: TargetFactory = async (clock, timeoutMs) => {
  const fake = await startGooglePlayFake();
  fake.faults.now = () => clock.now();
  const config = googlePlayFactory.configSchema.parse({
    id: 'play',
    type: 'googleplay',
    appId: PLAY,
    watchlist: 'acme',
    baseUrl: fake.url,
    ...common(timeoutMs),
  });
  const reviews: FakeReview[] = [];
  const blocked = { states: ['rate-limited' as const], minGapMs: 30 * 60_000 };
  return {
    connector: googlePlayFactory.create(config, depsFor(clock)),
    faults: fake.faults,
    serve(n) {
      const start = reviews.length;
      for (let i = start; i < start + n; i++)
        reviews.push({
          id: `gp:AOqpTOH${String(i).padStart(6, '0')}xYz`,
          userName: `User ${i}`,
          score: 1,
          text: `app crash on login ${i}`,
          date: itemTime(clock, i),
        });
      fake.setReviews(PLAY, reviews);
    },
    served: () => reviews.map((r) => r.id),
    keyOf: (m) => m.externalId,
    tooMany: (resetAt) => statusFault(429, 'Too Many Requests', retryAfterHeaders(resetAt)),
    drift: playDrift,
    huge: playHuge,
    twoPages: 155,
    differs: {
      '429 reset in the future': blocked,
      '429 reset already past': blocked,
      '429 without reset': blocked,
      '403': blocked,
      '401': { states: ['degraded'], maxGapMs: 5_000 },
    },
    close: () => fake.close(),
  };
};

/** An RSS feed: Retry-After on 429; drift renames `<guid>` (the items' only id), so each item is refused. */
export const rssTarget: TargetFactory = async (clock, timeoutMs) => {
  const fake = await startRssFake();
  fake.faults.now = () => clock.now();
  const config = rssFactory.configSchema.parse({
    id: 'forum',
    type: 'rss',
    url: `${fake.url}/feed.xml`,
    ...common(timeoutMs),
  });
  const items: FakeFeedItem[] = [];
  const publish = (): void => fake.setDocument(rssXml([...items].reverse()));
  publish();
  return {
    connector: rssFactory.create(config, depsFor(clock)),
    faults: fake.faults,
    serve(n) {
      const start = items.length;
      for (let i = start; i < start + n; i++)
        items.push({
          guid: `topic-${i}`,
          link: null,
          title: `Acme outage ${i}`,
          html: 'down',
          date: itemTime(clock, i),
        });
      publish();
    },
    served: () => items.map((i) => i.guid ?? ''),
    keyOf: (m) => m.externalId,
    tooMany: (resetAt) => statusFault(429, 'Too Many Requests', retryAfterHeaders(resetAt)),
    drift: {
      kind: 'rewrite',
      rewrite: (res) => ({ ...res, body: res.body.replace(/<(\/?)guid/g, '<$1uid') }),
    },
    close: () => fake.close(),
  };
};
