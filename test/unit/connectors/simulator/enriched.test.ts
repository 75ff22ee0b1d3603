import { describe, expect, it } from 'vitest';
import type { RawMention } from '../../../../shared/mention';
import { generateRange, type SimulationOptions } from '../../../../electron/core/connectors/simulator/generate';
import { SIMULATOR_SCENARIO } from '../../../../electron/core/connectors/simulator/scenario';
import { createEnricher } from '../../../../electron/core/pipeline/enrich';

const MIN = 60_000;
const OPTIONS: SimulationOptions = {
  seed: 11,
  brand: 'Nimbus Bank',
  ratePerMinute: 8,
  scenario: 'default',
  utcOffsetMinutes: 0,
};
const START = Date.UTC(2026, 0, 5, 9, 0, 0);
const enricher = createEnricher();

function profile(posts: ReadonlyArray<RawMention>) {
  const enriched = posts.map((p) =>
    enricher.enrich({ text: p.text, channel: p.channel, author: p.author, metadata: p.metadata ?? {} }),
  );
  const share = (f: (e: (typeof enriched)[number]) => boolean) =>
    enriched.filter(f).length / Math.max(1, enriched.length);
  return {
    n: posts.length,
    negative: share((e) => e.sentiment.label === 'negative'),
    positive: share((e) => e.sentiment.label === 'positive'),
    topic: (id: string) => share((e) => e.topics.some((t) => t.topic === id)),
    anyTopic: share((e) => e.topics.length > 0),
  };
}

function plateau(id: string): { from: number; to: number; topic: string | null } {
  const e = SIMULATOR_SCENARIO.episodes.find((x) => x.id === id);
  if (!e) throw new Error(id);
  const from = START + (e.onsetMinutes + e.rampMinutes + 1) * MIN;
  return { from, to: from + (e.plateauMinutes - 2) * MIN, topic: e.expectedTopic };
}

/** The scenario's promises, checked with the hub's real enricher (sentiment model and failure taxonomy). */
describe('simulated posts as the enricher reads them', () => {
  it('outage plateau: mostly negative and on the login topic', () => {
    const { from, to, topic } = plateau('login-outage');
    const p = profile(generateRange(OPTIONS, START, from, to));
    expect(topic).toBe('login');
    expect(p.n).toBeGreaterThan(200);
    expect(p.topic('login')).toBeGreaterThan(0.6);
    expect(p.negative).toBeGreaterThan(0.6);
  });

  it('campaign posts: positive or neutral, with no failure topic', () => {
    const { from, to } = plateau('cashback-campaign');
    const posts = generateRange(OPTIONS, START, from, to).filter((m) => /cashback/i.test(m.text));
    const p = profile(posts);
    expect(p.n).toBeGreaterThan(150);
    expect(p.negative).toBeLessThan(0.05);
    expect(p.positive).toBeGreaterThan(0.4);
    expect(p.anyTopic).toBeLessThan(0.05);
  });

  it('payment glitch posts: negative, on the payment topic', () => {
    const { from, to, topic } = plateau('payment-glitch');
    const posts = generateRange(OPTIONS, START, from, to).filter((m) => /payment|pending/i.test(m.text));
    const p = profile(posts);
    expect(topic).toBe('payment');
    expect(p.topic('payment')).toBeGreaterThan(0.7);
    expect(p.negative).toBeGreaterThan(0.6);
  });

  it('everyday posts: a realistic mix with little login talk', () => {
    const p = profile(generateRange(OPTIONS, START, START - 180 * MIN, START));
    expect(p.negative).toBeGreaterThan(0.15);
    expect(p.negative).toBeLessThan(0.5);
    expect(p.positive).toBeGreaterThan(0.15);
    expect(p.topic('login')).toBeLessThan(0.03);
  });
});
