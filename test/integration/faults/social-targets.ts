import { blueskyFactory } from '../../../electron/core/connectors/bluesky/bluesky-connector';
import { mastodonFactory } from '../../../electron/core/connectors/mastodon/mastodon-connector';
import { redditFactory } from '../../../electron/core/connectors/reddit/reddit-factory';
import { xFactory } from '../../../electron/core/connectors/x/x-factory';
import { startBlueskyFake } from '../../fixtures/fakes/bluesky-fake';
import { fakeStatus, startMastodonFake } from '../../fixtures/fakes/mastodon-fake';
import { startRedditFake } from '../../fixtures/fakes/reddit-fake';
import { startXFake } from '../../fixtures/fakes/x-fake';
import { common, depsFor, itemTime, sec, type TargetFactory } from './target';
import { renamedKey, statusFault } from './wire';

const X_TOKEN = 'AAAAAAAAAAAAAAAAAAAAAfault-bearer';

/** X v2 recent search: `x-rate-limit-reset` in epoch seconds; drift renames the `data` array. */
export const xTarget: TargetFactory = async (clock, timeoutMs) => {
  const fake = await startXFake({ bearerToken: X_TOKEN, now: () => clock.now() });
  fake.faults.now = () => clock.now();
  fake.addUsers([{ id: '42', username: 'acme_fan', name: 'Acme Fan', followers: 10, verified: false }]);
  const config = xFactory.configSchema.parse({ id: 'x', type: 'x', baseUrl: fake.url, ...common(timeoutMs) });
  const ids: string[] = [];
  return {
    connector: xFactory.create(config, depsFor(clock, { x: { bearerToken: X_TOKEN } })),
    faults: fake.faults,
    serve(n) {
      const start = ids.length;
      const tweets = Array.from({ length: n }, (_, i) => ({
        id: String(5000 + start + i),
        text: `acme is down ${start + i}`,
        authorId: '42',
        createdAt: itemTime(clock, start + i),
      }));
      fake.addTweets(tweets);
      ids.push(...tweets.map((t) => t.id));
    },
    served: () => ids,
    keyOf: (m) => m.externalId,
    tooMany: (resetAt) =>
      statusFault(
        429,
        'Too Many Requests',
        resetAt === undefined
          ? {}
          : { 'x-rate-limit-limit': '450', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(sec(resetAt)) },
      ),
    drift: renamedKey('data', 'tweets'),
    twoPages: 105,
    close: () => fake.close(),
  };
};

/** Reddit /new: `x-ratelimit-reset` in seconds from now; a 401 fetches a fresh token once, in the same poll. */
export const redditTarget: TargetFactory = async (clock, timeoutMs) => {
  const fake = await startRedditFake({ clientId: 'cid', clientSecret: 'fault-secret', now: () => clock.now() });
  fake.faults.now = () => clock.now();
  fake.faults.match = (req) => !(req.url ?? '').startsWith('/api/v1/access_token');
  const config = redditFactory.configSchema.parse({
    id: 'reddit',
    type: 'reddit',
    mode: 'new',
    subreddits: ['acme'],
    baseUrl: fake.url,
    oauthBaseUrl: fake.url,
    ...common(timeoutMs),
  });
  const ids: string[] = [];
  return {
    connector: redditFactory.create(
      config,
      depsFor(clock, { reddit: { clientId: 'cid', clientSecret: 'fault-secret' } }),
    ),
    faults: fake.faults,
    serve(n) {
      const start = ids.length;
      const posts = Array.from({ length: n }, (_, i) => ({
        id: `p${start + i}`,
        title: `Acme post ${start + i}`,
        created: sec(itemTime(clock, start + i)),
      }));
      fake.addPosts('acme', posts);
      ids.push(...posts.map((p) => p.id));
    },
    served: () => ids,
    keyOf: (m) => m.externalId.replace(/^t3_/, ''),
    tooMany: (resetAt, now) =>
      statusFault(
        429,
        'Too Many Requests',
        resetAt === undefined
          ? {}
          : {
              'x-ratelimit-remaining': '0',
              'x-ratelimit-used': '600',
              'x-ratelimit-reset': String(Math.round((resetAt - now) / 1000)),
            },
      ),
    drift: renamedKey('children', 'items'),
    twoPages: 105,
    differs: { '401': { states: ['ok'], maxGapMs: 0 } },
    close: () => fake.close(),
  };
};

/** A Mastodon hashtag timeline (masto): `x-ratelimit-reset` is an ISO date; drift renames `content`. */
export const mastodonTarget: TargetFactory = async (clock, timeoutMs) => {
  const fake = await startMastodonFake();
  fake.faults.now = () => clock.now();
  const config = mastodonFactory.configSchema.parse({
    id: 'masto',
    type: 'mastodon',
    baseUrl: fake.url,
    ...common(timeoutMs),
  });
  const ids: string[] = [];
  return {
    connector: mastodonFactory.create(config, depsFor(clock)),
    faults: fake.faults,
    serve(n) {
      const start = ids.length;
      const statuses = Array.from({ length: n }, (_, i) =>
        fakeStatus(String(113_000_000_000_000_000n + BigInt(start + i)), `<p>acme broken ${start + i}</p>`, {
          createdAt: itemTime(clock, start + i),
        }),
      );
      fake.post('acme', ...statuses);
      ids.push(...statuses.map((s) => s.id));
    },
    served: () => ids,
    keyOf: (m) => String(m.metadata?.statusId),
    tooMany: (resetAt) =>
      statusFault(
        429,
        'Too many requests',
        resetAt === undefined
          ? {}
          : {
              'x-ratelimit-limit': '300',
              'x-ratelimit-remaining': '0',
              'x-ratelimit-reset': new Date(resetAt).toISOString(),
            },
      ),
    drift: renamedKey('content', 'body'),
    twoPages: 45,
    close: () => fake.close(),
  };
};

/** Bluesky searchPosts (@atproto/api): `ratelimit-reset` in epoch seconds; a 401 logs in again in the same poll. */
export const blueskyTarget: TargetFactory = async (clock, timeoutMs) => {
  const fake = await startBlueskyFake();
  fake.faults.now = () => clock.now();
  fake.faults.match = (req) => (req.url ?? '').startsWith('/xrpc/app.bsky.feed.searchPosts');
  const config = blueskyFactory.configSchema.parse({
    id: 'bsky',
    type: 'bluesky',
    baseUrl: fake.url,
    fetchFollowers: false,
    ...common(timeoutMs),
  });
  const rkeys: string[] = [];
  return {
    connector: blueskyFactory.create(
      config,
      depsFor(clock, { bsky: { identifier: 'care.acme.test', appPassword: 'abcd-efgh-ijkl-mnop' } }),
    ),
    faults: fake.faults,
    serve(n) {
      const start = rkeys.length;
      const posts = Array.from({ length: n }, (_, i) => ({
        rkey: `3lbx${String(start + i).padStart(9, '0')}`,
        handle: 'jane.bsky.social',
        text: `acme app broken ${start + i}`,
        createdAt: itemTime(clock, start + i),
      }));
      fake.add(...posts);
      rkeys.push(...posts.map((p) => p.rkey));
    },
    served: () => rkeys,
    keyOf: (m) => m.externalId.split('/').pop() ?? '',
    tooMany: (resetAt) =>
      statusFault(
        429,
        'Rate Limit Exceeded',
        resetAt === undefined
          ? {}
          : { 'ratelimit-limit': '3000', 'ratelimit-remaining': '0', 'ratelimit-reset': String(sec(resetAt)) },
      ),
    drift: renamedKey('posts', 'results'),
    twoPages: 105,
    differs: { '401': { states: ['ok'], maxGapMs: 0 } },
    close: () => fake.close(),
  };
};
