import type { Channel, RawMention } from '../../../../shared/mention';
import { assertNever } from '../../../../shared/assert-never';
import type { Rng } from './prng';
import { authorOn, blueskyHandle, pickPerson, type SimPerson } from './authors';
import { brandNames, fillTemplate, humanize, withHashtags, type BrandNames } from './text';
import { CHATTER, COMPLAINTS, PRAISE, QUESTIONS } from './corpus/everyday';
import { CAMPAIGN, CAMPAIGN_TITLES, OUTAGE, OUTAGE_TITLES, PAYMENT_GLITCH } from './corpus/episodes';
import { MARKUP, NON_ENGLISH, REVIEW_TITLES } from './corpus/extras';
import { SLOTS } from './corpus/slots';

/** What a simulated post is about; everyday intents plus one per scripted episode. */
export type Intent =
  'praise' | 'complaint' | 'question' | 'chatter' | 'foreign' | 'markup' | 'outage' | 'campaign' | 'payment-glitch';

/** Everything a post needs besides its own random stream. */
export interface PostContext {
  readonly names: BrandNames;
  readonly people: ReadonlyArray<SimPerson>;
}

/** Builds a post context for a brand name and a population. */
export const postContext = (brand: string, people: ReadonlyArray<SimPerson>): PostContext => ({
  names: brandNames(brand),
  people,
});

const TEMPLATES: Readonly<Record<Intent, ReadonlyArray<string>>> = {
  praise: PRAISE,
  complaint: COMPLAINTS,
  question: QUESTIONS,
  chatter: CHATTER,
  foreign: NON_ENGLISH,
  markup: MARKUP,
  outage: OUTAGE,
  campaign: CAMPAIGN,
  'payment-glitch': PAYMENT_GLITCH,
};

const X_EPOCH = 1_288_834_974_657;

/** One simulated post on `channel`, created at `createdAt`. Pure given `rng`'s state. */
export function buildPost(
  ctx: PostContext,
  rng: Rng,
  spec: { readonly intent: Intent; readonly channel: Channel; readonly createdAt: number; readonly externalId: string },
): RawMention {
  const { intent, channel, createdAt, externalId } = spec;
  const person = pickPerson(ctx.people, rng);
  const author = authorOn(person, channel);
  const raw = fillTemplate(rng.pick(TEMPLATES[intent]), rng, ctx.names);
  const social = channel === 'x' || channel === 'mastodon' || channel === 'bluesky';
  const shaped = intent === 'markup' ? raw : humanize(social ? withHashtags(raw, rng) : raw, rng, moodOf(intent));
  const text = channel === 'x' && shaped.length > 280 ? `${shaped.slice(0, 279)}…` : shaped;
  const extras = channelExtras(rng, intent, channel, person, createdAt, ctx.names);
  return { externalId, channel, author, text, createdAt, ...extras };
}

type Extras = Pick<RawMention, 'url' | 'metadata'>;

function channelExtras(
  rng: Rng,
  intent: Intent,
  channel: Channel,
  person: SimPerson,
  createdAt: number,
  names: BrandNames,
): Extras {
  switch (channel) {
    case 'x': {
      const id = (BigInt(createdAt - X_EPOCH) << 22n) + BigInt(rng.int(4_000_000));
      return { url: `https://x.com/${person.base}/status/${id}`, metadata: { likes: likes(rng), reposts: rng.int(4) } };
    }
    case 'reddit': {
      const subreddit = rng.pick(SLOTS.subreddit ?? ['{brand}Bank']).replace('{brand}', names.brand.replace(/\W/g, ''));
      const postId = rng.int(2 ** 31).toString(36);
      const kind = rng.chance(0.3) ? 'post' : 'comment';
      return {
        url: `https://www.reddit.com/r/${subreddit}/comments/${postId}/`,
        metadata: { subreddit, score: likes(rng), kind },
      };
    }
    case 'appstore':
    case 'googleplay':
    case 'trustpilot':
      return { metadata: reviewMetadata(rng, intent, channel) };
    case 'mastodon':
      return {
        url: `https://${person.host}/@${person.base}/${createdAt}${rng.between(10, 99)}`,
        metadata: { boosts: rng.int(3) },
      };
    case 'bluesky':
      return {
        url: `https://bsky.app/profile/${blueskyHandle(person)}/post/3l${rng.int(2 ** 31).toString(36)}`,
        metadata: { likes: likes(rng) },
      };
    case 'rss':
    case 'ingest':
      return {};
    default:
      return assertNever(channel, 'channel');
  }
}

function moodOf(intent: Intent): 'positive' | 'negative' | 'neutral' {
  switch (intent) {
    case 'praise':
    case 'campaign':
      return 'positive';
    case 'complaint':
    case 'outage':
    case 'payment-glitch':
      return 'negative';
    case 'question':
    case 'chatter':
    case 'foreign':
    case 'markup':
      return 'neutral';
    default:
      return assertNever(intent, 'intent');
  }
}

function likes(rng: Rng): number {
  return Math.floor(Math.pow(rng.next(), 4) * 300);
}

function reviewMetadata(rng: Rng, intent: Intent, channel: Channel): Record<string, string | number> {
  const rating = ratingFor(rng, intent);
  const title = titleFor(rng, intent);
  if (channel === 'trustpilot') return { rating, title };
  return { rating, title, appVersion: rng.pick(SLOTS.version ?? ['4.12.1']) };
}

function ratingFor(rng: Rng, intent: Intent): number {
  switch (intent) {
    case 'praise':
    case 'campaign':
      return rng.chance(0.8) ? 5 : 4;
    case 'complaint':
    case 'payment-glitch':
      return rng.chance(0.7) ? 1 : 2;
    case 'outage':
      return 1;
    case 'question':
      return rng.between(3, 4);
    case 'chatter':
    case 'markup':
      return rng.between(3, 5);
    case 'foreign':
      return rng.between(1, 5);
    default:
      return assertNever(intent, 'intent');
  }
}

function titleFor(rng: Rng, intent: Intent): string {
  switch (intent) {
    case 'praise':
      return rng.pick(REVIEW_TITLES.praise);
    case 'complaint':
    case 'payment-glitch':
      return rng.pick(REVIEW_TITLES.complaint);
    case 'outage':
      return rng.pick(OUTAGE_TITLES);
    case 'campaign':
      return rng.pick(CAMPAIGN_TITLES);
    case 'question':
    case 'foreign':
      return rng.pick(REVIEW_TITLES.question);
    case 'chatter':
    case 'markup':
      return rng.pick(REVIEW_TITLES.chatter);
    default:
      return assertNever(intent, 'intent');
  }
}
