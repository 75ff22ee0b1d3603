import { describe, expect, it } from 'vitest';
import type { RawMention } from '../../../../shared/mention';
import { RawMentionSchema } from '../../../../shared/mention';
import { generateRange, type SimulationOptions } from '../../../../electron/core/connectors/simulator/generate';
import { SIMULATOR_SCENARIO } from '../../../../electron/core/connectors/simulator/scenario';

const MIN = 60_000;
const OPTIONS: SimulationOptions = {
  seed: 7,
  brand: 'Nimbus Bank',
  ratePerMinute: 8,
  scenario: 'default',
  utcOffsetMinutes: 0,
};
/** Monday 2026-01-05 09:00 UTC. */
const START = Date.UTC(2026, 0, 5, 9, 0, 0);
const NEVER = Date.UTC(2100, 0, 1);

const LOGIN = /can'?t log|log ?in|logged out|error 503|is down|login/i;

const episode = (id: string) => {
  const found = SIMULATOR_SCENARIO.episodes.find((e) => e.id === id);
  if (!found) throw new Error(`no episode ${id}`);
  return found;
};

function countBy<T>(items: ReadonlyArray<T>, key: (item: T) => string): Map<string, number> {
  const out = new Map<string, number>();
  for (const item of items) out.set(key(item), (out.get(key(item)) ?? 0) + 1);
  return out;
}

describe('generateRange', () => {
  it('is deterministic for a seed and a range, and differs across seeds', () => {
    const a = generateRange(OPTIONS, START, START, START + 20 * MIN);
    const b = generateRange(OPTIONS, START, START, START + 20 * MIN);
    const other = generateRange({ ...OPTIONS, seed: 8 }, START, START, START + 20 * MIN);
    expect(a.length).toBeGreaterThan(50);
    expect(b).toEqual(a);
    expect(other.map((m) => m.text)).not.toEqual(a.map((m) => m.text));
  });

  it('splits without duplicates or gaps: (a,b] then (b,c] equals (a,c]', () => {
    const a = START - 5 * MIN;
    const b = START + 7 * MIN + 333;
    const c = START + 31 * MIN + 1;
    const split = [...generateRange(OPTIONS, START, a, b), ...generateRange(OPTIONS, START, b, c)];
    const whole = generateRange(OPTIONS, START, a, c);
    expect(split).toEqual(whole);
    expect(new Set(whole.map((m) => m.externalId)).size).toBe(whole.length);
    for (const m of whole) {
      expect(m.createdAt).toBeGreaterThan(a);
      expect(m.createdAt).toBeLessThanOrEqual(c);
    }
  });

  it('emits valid RawMentions, oldest first', () => {
    const posts = generateRange(OPTIONS, START, START, START + 30 * MIN);
    for (const p of posts) expect(RawMentionSchema.safeParse(p).success).toBe(true);
    const times = posts.map((p) => p.createdAt);
    expect(times).toEqual([...times].sort((x, y) => x - y));
  });

  it('follows a day/night and weekday/weekend rhythm', () => {
    const count = (from: number) => generateRange(OPTIONS, NEVER, from, from + 2 * 60 * MIN).length;
    const night = count(Date.UTC(2026, 0, 6, 2, 0));
    const day = count(Date.UTC(2026, 0, 6, 12, 0));
    const weekendDay = count(Date.UTC(2026, 0, 10, 12, 0));
    expect(night * 3).toBeLessThan(day);
    expect(weekendDay).toBeLessThan(day);
    // daytime mean is ~8/min: two hours should be near 960
    expect(day).toBeGreaterThan(800);
    expect(day).toBeLessThan(1200);
  });

  it('writes varied, realistic posts across every social channel', () => {
    const posts = generateRange(OPTIONS, NEVER, START, START + 6 * 60 * MIN);
    const first = posts.slice(0, 1000);
    expect(new Set(first.map((p) => p.text)).size).toBeGreaterThanOrEqual(200);
    expect(posts.some((p) => /lorem|ipsum/i.test(p.text))).toBe(false);
    const channels = countBy(posts, (p) => p.channel);
    for (const ch of ['x', 'reddit', 'appstore', 'googleplay', 'trustpilot', 'mastodon', 'bluesky']) {
      expect(channels.get(ch) ?? 0).toBeGreaterThan(0);
    }
    const largest = [...channels.entries()].sort((p, q) => q[1] - p[1])[0];
    expect(largest?.[0]).toBe('x');
    expect(posts.some((p) => /[äöüéèçãñ¿]/i.test(p.text))).toBe(true);
    expect(posts.some((p) => p.text.includes('<') && p.text.includes('>'))).toBe(true);
  });

  it('adds channel metadata: star ratings and titles on reviews, subreddits on Reddit', () => {
    const posts = generateRange(OPTIONS, NEVER, START, START + 3 * 60 * MIN);
    const reviews = posts.filter(
      (p) => p.channel === 'appstore' || p.channel === 'googleplay' || p.channel === 'trustpilot',
    );
    expect(reviews.length).toBeGreaterThan(20);
    for (const r of reviews) {
      expect(r.metadata?.rating).toBeGreaterThanOrEqual(1);
      expect(r.metadata?.rating).toBeLessThanOrEqual(5);
      expect(typeof r.metadata?.title).toBe('string');
    }
    const reddit = posts.filter((p) => p.channel === 'reddit');
    expect(reddit.every((p) => typeof p.metadata?.subreddit === 'string' && p.url?.includes('/r/'))).toBe(true);
  });

  it('has a heavy-tailed follower distribution with a few verified big accounts', () => {
    const posts = generateRange(OPTIONS, NEVER, START, START + 12 * 60 * MIN).filter((p) => p.channel === 'x');
    const followers = posts.map((p) => p.author.followers ?? 0).sort((a, b) => a - b);
    const median = followers[Math.floor(followers.length / 2)] ?? 0;
    expect(median).toBeGreaterThan(20);
    expect(median).toBeLessThan(1000);
    expect(posts.filter((p) => (p.author.followers ?? 0) >= 50_000).length).toBeGreaterThan(0);
    expect(posts.filter((p) => p.author.verified).length).toBeGreaterThan(0);
    expect(new Set(posts.map((p) => p.author.handle)).size).toBeLessThan(posts.length);
  });

  it('shows the scripted login outage as a surge of login terms on several channels, X first', () => {
    const outage = episode('login-outage');
    const onset = START + outage.onsetMinutes * MIN;
    const plateauFrom = onset + (outage.rampMinutes + 6) * MIN;
    const before = generateRange(OPTIONS, START, onset - 10 * MIN, onset).filter((p) => LOGIN.test(p.text));
    const during = generateRange(OPTIONS, START, plateauFrom, plateauFrom + 10 * MIN).filter((p) => LOGIN.test(p.text));
    const beforeBy = countBy(before, (p) => p.channel);
    const duringBy = countBy(during, (p) => p.channel);
    const surging = [...duringBy.entries()].filter(([ch, n]) => n >= 10 && n >= 5 * ((beforeBy.get(ch) ?? 0) + 1));
    expect(surging.length).toBeGreaterThanOrEqual(2);
    expect(during.length).toBeGreaterThan(150);

    const early = generateRange(OPTIONS, START, onset, onset + 30_000).filter((p) => LOGIN.test(p.text));
    expect(early.every((p) => p.channel === 'x')).toBe(true);
    const reviews = during.filter((p) => p.channel === 'appstore' || p.channel === 'googleplay');
    expect(reviews.length).toBeGreaterThan(0);
    expect(reviews.every((p) => p.metadata?.rating === 1 || !LOGIN.test(String(p.metadata?.title)))).toBe(true);

    const after = generateRange(OPTIONS, START, onset + 60 * MIN, onset + 70 * MIN).filter((p) => LOGIN.test(p.text));
    expect(after.length).toBeLessThan(during.length / 10);
  });

  it('makes the campaign a positive burst without breakdown terms', () => {
    const campaign = episode('cashback-campaign');
    const from = START + (campaign.onsetMinutes + campaign.rampMinutes + 2) * MIN;
    const posts = generateRange(OPTIONS, START, from, from + 10 * MIN);
    const tagged = posts.filter((p) => /#NimbusCashback|cashback/i.test(p.text));
    expect(tagged.length).toBeGreaterThan(150);
    expect(tagged.filter((p) => LOGIN.test(p.text) || /fail|refund|error/i.test(p.text))).toEqual([]);
    const rated = tagged.filter((p) => typeof p.metadata?.rating === 'number');
    expect(rated.every((p) => (p.metadata?.rating as number) >= 4)).toBe(true);
    const quietBefore = generateRange(OPTIONS, START, START - 25 * MIN, START - 15 * MIN);
    expect(posts.length).toBeGreaterThan(2 * quietBefore.length);
  });

  it('confines the payment glitch to one channel', () => {
    const glitch = episode('payment-glitch');
    const from = START + (glitch.onsetMinutes + glitch.rampMinutes) * MIN;
    const posts = generateRange(OPTIONS, START, from, from + 8 * MIN).filter((p) =>
      /payment failed|pending/i.test(p.text),
    );
    expect(posts.length).toBeGreaterThan(30);
    const channels = countBy(posts, (p) => p.channel);
    expect((channels.get('x') ?? 0) / posts.length).toBeGreaterThan(0.9);
  });

  it('has no scripted episodes in the quiet scenario, and a third of the volume', () => {
    const quiet = { ...OPTIONS, scenario: 'quiet' as const };
    const outage = episode('login-outage');
    const from = START + (outage.onsetMinutes + outage.rampMinutes) * MIN;
    const posts: RawMention[] = generateRange(quiet, START, from, from + 10 * MIN);
    expect(posts.filter((p) => /error 503/i.test(p.text)).length).toBeLessThan(3);
    const normal = generateRange(OPTIONS, NEVER, from, from + 10 * MIN).length;
    expect(posts.length).toBeLessThan(normal * 0.6);
  });
});

describe('pre-history', () => {
  it('holds the rate at the start level before the start, so a cold detector sees no morning ramp', () => {
    const start = Date.UTC(2026, 0, 6, 9, 0, 0);
    const first = generateRange(OPTIONS, start, start - 180 * MIN, start - 120 * MIN).length;
    const last = generateRange(OPTIONS, start, start - 60 * MIN, start).length;
    expect(first).toBeGreaterThan(last * 0.8);
    const unflattened = generateRange(OPTIONS, NEVER, start - 180 * MIN, start - 120 * MIN).length;
    expect(unflattened).toBeLessThan(first * 0.6);
  });
});
