import type { Channel } from '../../../../shared/mention';

/** The simulator's stream ids: the everyday baseline and one per scripted episode. */
export type EpisodeId = 'login-outage' | 'cashback-campaign' | 'payment-glitch';

/** When one channel joins an episode and what share of the episode's volume it carries. */
export interface EpisodeChannel {
  readonly channel: Channel;
  /** Minutes after the episode's onset that this channel starts ramping. */
  readonly delayMinutes: number;
  /** Share of `peakPerMinute` at plateau. Shares of an episode sum to 1. */
  readonly share: number;
}

/** One scripted event: a ramp, a plateau and a linear decay, per channel, in hub time after the simulator's start. */
export interface ScenarioEpisode {
  readonly id: EpisodeId;
  /** `breakdown` episodes should raise an incident; `campaign` ones must not look like one. */
  readonly kind: 'breakdown' | 'campaign';
  readonly onsetMinutes: number;
  readonly rampMinutes: number;
  readonly plateauMinutes: number;
  readonly decayMinutes: number;
  /** Posts per minute across all its channels at plateau, on top of the baseline. */
  readonly peakPerMinute: number;
  readonly channels: ReadonlyArray<EpisodeChannel>;
  /** The failure topic the enricher should find (null for a campaign). */
  readonly expectedTopic: string | null;
  readonly expectedSentiment: 'negative' | 'positive';
  /** Terms that the episode's posts use; tests and the evidence card can look for them. */
  readonly terms: ReadonlyArray<string>;
}

/** The full script: episodes repeat every `cycleMinutes` after the simulator's start (never before it). */
export interface SimulatorScenario {
  readonly cycleMinutes: number;
  /**
   * Pre-history generated on the first poll (null cursor), at the start's level (no day/night ramp): the
   * wall has a chart at once, and the detector, which scores a series after 150 points, is warm for the outage.
   */
  readonly prehistoryMinutes: number;
  /** Longest window one poll will catch up after downtime; older simulated time is skipped. */
  readonly maxCatchUpMinutes: number;
  readonly episodes: ReadonlyArray<ScenarioEpisode>;
}

/**
 * The default script. With `--speed 60` one hub minute is one real second: the outage shows 8 s after
 * start, the campaign after a minute, and the cycle repeats every 6 real minutes.
 */
export const SIMULATOR_SCENARIO: SimulatorScenario = {
  cycleMinutes: 360,
  prehistoryMinutes: 180,
  maxCatchUpMinutes: 60,
  episodes: [
    {
      id: 'login-outage',
      kind: 'breakdown',
      onsetMinutes: 8,
      // A login failure hits every user at once: complaints jump within two minutes, X and the app stores
      // first (people are in the app), then Reddit and the federated networks (PRODUCT.md, minute by minute).
      rampMinutes: 1,
      plateauMinutes: 16,
      decayMinutes: 25,
      peakPerMinute: 48,
      channels: [
        { channel: 'x', delayMinutes: 0, share: 0.4 },
        { channel: 'appstore', delayMinutes: 0.5, share: 0.15 },
        { channel: 'googleplay', delayMinutes: 0.5, share: 0.15 },
        { channel: 'bluesky', delayMinutes: 1, share: 0.08 },
        { channel: 'reddit', delayMinutes: 1.5, share: 0.12 },
        { channel: 'mastodon', delayMinutes: 2, share: 0.05 },
        { channel: 'trustpilot', delayMinutes: 5, share: 0.05 },
      ],
      expectedTopic: 'login',
      expectedSentiment: 'negative',
      terms: ["can't log in", 'app is down', 'error 503', 'logged out', 'login'],
    },
    {
      id: 'cashback-campaign',
      kind: 'campaign',
      onsetMinutes: 60,
      rampMinutes: 3,
      plateauMinutes: 15,
      decayMinutes: 20,
      peakPerMinute: 30,
      channels: [
        { channel: 'x', delayMinutes: 0, share: 0.5 },
        { channel: 'bluesky', delayMinutes: 1, share: 0.15 },
        { channel: 'mastodon', delayMinutes: 2, share: 0.08 },
        { channel: 'reddit', delayMinutes: 4, share: 0.12 },
        { channel: 'appstore', delayMinutes: 6, share: 0.08 },
        { channel: 'googleplay', delayMinutes: 6, share: 0.07 },
      ],
      expectedTopic: null,
      expectedSentiment: 'positive',
      terms: ['#NimbusCashback', 'cashback', 'launch'],
    },
    {
      id: 'payment-glitch',
      kind: 'breakdown',
      onsetMinutes: 110,
      // A small glitch: ten minutes on one channel, short of the 15 sustained minutes that make a one-source P1.
      rampMinutes: 2,
      plateauMinutes: 4,
      decayMinutes: 4,
      peakPerMinute: 8,
      channels: [{ channel: 'x', delayMinutes: 0, share: 1 }],
      expectedTopic: 'payment',
      expectedSentiment: 'negative',
      terms: ['payment failed', 'transfer', 'refund', 'pending'],
    },
  ],
};

/** The episode envelope in [0, 1] at `minutesSinceOnset` (of one channel, after its delay). */
export function envelope(episode: ScenarioEpisode, minutesSinceOnset: number): number {
  const { rampMinutes: ramp, plateauMinutes: plateau, decayMinutes: decay } = episode;
  const m = minutesSinceOnset;
  if (m < 0) return 0;
  if (m < ramp) return m / ramp;
  if (m < ramp + plateau) return 1;
  if (m < ramp + plateau + decay) return 1 - (m - ramp - plateau) / decay;
  return 0;
}

/** Posts per minute of `episode` on `channel` at hub time `t`, for a simulator started at `start`. */
export function episodeRate(
  scenario: SimulatorScenario,
  episode: ScenarioEpisode,
  channel: EpisodeChannel,
  start: number,
  t: number,
): number {
  if (t < start) return 0;
  const cycleMs = scenario.cycleMinutes * 60_000;
  const minutesIntoCycle = ((t - start) % cycleMs) / 60_000;
  const since = minutesIntoCycle - episode.onsetMinutes - channel.delayMinutes;
  return episode.peakPerMinute * channel.share * envelope(episode, since);
}
