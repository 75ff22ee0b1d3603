import type { Channel, RawMention } from '../../../../shared/mention';
import { assertNever } from '../../../../shared/assert-never';
import { Rng, hashInts } from './prng';
import { daytimeShiftMinutes, rhythmFactor, zoneOffsetMinutes } from './rhythm';
import { SIMULATOR_SCENARIO, episodeRate, type ScenarioEpisode, type SimulatorScenario } from './scenario';
import { personPool } from './authors';
import { buildPost, postContext, type Intent, type PostContext } from './post';

/** The knobs of a simulated brand. */
export interface SimulationOptions {
  readonly seed: number;
  /** Full brand name, e.g. "Nimbus Bank". */
  readonly brand: string;
  /** Mean posts per minute on weekdays between 09:00 and 21:00 local time, before scripted episodes. */
  readonly ratePerMinute: number;
  /** `quiet`: a third of the volume and no scripted episodes. */
  readonly scenario: 'default' | 'quiet';
  /** The brand's local time offset from UTC, for the day/night rhythm (unless `timeZone` is given). */
  readonly utcOffsetMinutes: number;
  /** The brand's IANA time zone ("Europe/London"): its day, DST included, sets the rhythm. */
  readonly timeZone?: string;
  /** Move the brand's day so the simulator's start falls in its daytime (a demo looks alive at any hour). */
  readonly daytimeStart?: boolean;
}

/** The offset (minutes) that turns hub time into the brand's rhythm time, fixed at the simulator's start. */
export function rhythmOffsetMinutes(options: SimulationOptions, start: number): number {
  const zone = options.timeZone === undefined ? options.utcOffsetMinutes : zoneOffsetMinutes(options.timeZone, start);
  return zone + (options.daytimeStart === true ? daytimeShiftMinutes(start, zone) : 0);
}

/** Channel mix of everyday posts: X the largest, then Reddit and the app stores. */
export const BASELINE_CHANNELS: Readonly<Record<Channel, number>> = {
  x: 0.38,
  reddit: 0.13,
  appstore: 0.12,
  googleplay: 0.12,
  trustpilot: 0.07,
  mastodon: 0.08,
  bluesky: 0.1,
  rss: 0,
  ingest: 0,
};

const BASELINE_INTENTS: Readonly<Record<Intent, number>> = {
  praise: 0.27,
  complaint: 0.26,
  question: 0.18,
  chatter: 0.22,
  foreign: 0.05,
  markup: 0.006,
  outage: 0,
  campaign: 0,
  'payment-glitch': 0,
};

const BUCKET_MS = 1000;

/**
 * Every simulated post with createdAt in (fromExclusive, toInclusive], oldest first. A pure function of
 * (options, start, range): time is cut into 1-second buckets whose content depends only on the seed, the
 * bucket and the start, so (a, b] followed by (b, c] is exactly (a, c]. Episodes are placed relative to
 * `start` (the hub time the simulator first ran).
 */
export function generateRange(
  options: SimulationOptions,
  start: number,
  fromExclusive: number,
  toInclusive: number,
): RawMention[] {
  if (toInclusive <= fromExclusive) return [];
  const ctx = postContext(options.brand, personPool(options.seed));
  const scenario = SIMULATOR_SCENARIO;
  const episodes = options.scenario === 'quiet' ? [] : scenario.episodes;
  const out: RawMention[] = [];
  const offset = rhythmOffsetMinutes(options, start);
  const first = Math.floor((fromExclusive + 1) / BUCKET_MS);
  const last = Math.floor(toInclusive / BUCKET_MS);
  for (let bucket = first; bucket <= last; bucket++) {
    const posts = bucketPosts({ ...options, utcOffsetMinutes: offset }, ctx, scenario, episodes, start, bucket);
    for (const post of posts) if (post.createdAt > fromExclusive && post.createdAt <= toInclusive) out.push(post);
  }
  return out;
}

function bucketPosts(
  options: SimulationOptions,
  ctx: PostContext,
  scenario: SimulatorScenario,
  episodes: ReadonlyArray<ScenarioEpisode>,
  start: number,
  bucket: number,
): RawMention[] {
  const t0 = bucket * BUCKET_MS;
  const mid = t0 + BUCKET_MS / 2;
  const posts: RawMention[] = [];
  const baseRate =
    options.ratePerMinute *
    (options.scenario === 'quiet' ? 0.33 : 1) *
    rhythmFactor(rhythmTime(scenario, start, mid), options.utcOffsetMinutes);
  emitStream(options, ctx, posts, {
    bucket,
    stream: 0,
    perMinute: baseRate,
    channels: BASELINE_CHANNELS,
    intents: BASELINE_INTENTS,
  });
  episodes.forEach((episode, index) => {
    const channels: Partial<Record<Channel, number>> = {};
    let perMinute = 0;
    for (const ch of episode.channels) {
      const rate = episodeRate(scenario, episode, ch, start, mid);
      channels[ch.channel] = (channels[ch.channel] ?? 0) + rate;
      perMinute += rate;
    }
    if (perMinute <= 0) return;
    emitStream(options, ctx, posts, {
      bucket,
      stream: index + 1,
      perMinute,
      channels,
      intents: episodeIntents(episode),
    });
  });
  return posts.sort((a, b) => a.createdAt - b.createdAt || (a.externalId < b.externalId ? -1 : 1));
}

/**
 * The time whose rhythm applies at `t`. The pre-history before `start` is held at the start's level: a
 * detector warming up on it would otherwise take the morning climb for a burst.
 */
function rhythmTime(scenario: SimulatorScenario, start: number, t: number): number {
  const prehistoryStart = start - scenario.prehistoryMinutes * 60_000;
  return t >= prehistoryStart && t < start ? start : t;
}

interface StreamSpec {
  readonly bucket: number;
  readonly stream: number;
  readonly perMinute: number;
  readonly channels: Readonly<Partial<Record<Channel, number>>>;
  readonly intents: Readonly<Partial<Record<Intent, number>>>;
}

function emitStream(options: SimulationOptions, ctx: PostContext, into: RawMention[], spec: StreamSpec): void {
  const countRng = new Rng(hashInts(options.seed, spec.bucket, spec.stream));
  const count = countRng.poisson((spec.perMinute * BUCKET_MS) / 60_000);
  for (let i = 0; i < count; i++) {
    const rng = new Rng(hashInts(options.seed, spec.bucket, spec.stream, i, 0x51));
    const createdAt = spec.bucket * BUCKET_MS + rng.int(BUCKET_MS);
    const channel = rng.weighted(spec.channels as Record<Channel, number>);
    const intent = rng.weighted(spec.intents as Record<Intent, number>);
    const externalId = `sim-${options.seed}-${spec.bucket}-${spec.stream}-${i}`;
    into.push(buildPost(ctx, rng, { intent, channel, createdAt, externalId }));
  }
}

function episodeIntents(episode: ScenarioEpisode): Partial<Record<Intent, number>> {
  switch (episode.id) {
    case 'login-outage':
      return { outage: 1 };
    case 'cashback-campaign':
      return { campaign: 0.85, chatter: 0.1, praise: 0.05 };
    case 'payment-glitch':
      return { 'payment-glitch': 1 };
    default:
      return assertNever(episode.id, 'episode');
  }
}
