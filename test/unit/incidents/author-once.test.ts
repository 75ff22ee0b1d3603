import { describe, expect, it } from 'vitest';
import { createDefaultIncidentEngine, createSeriesBuilder } from '../../../electron/core/incidents';
import type { Mention } from '../../../shared/mention';
import { MINUTE, T0, burst, chatter, mention, rng, run } from './helpers';

const options = { latenessMinutes: 0, historyMinutes: 30, maxGapMinutes: 120 };
const DOWN = { text: 'app is down, cannot log in', sentiment: 'negative', topics: ['outage', 'login'] } as const;

const WARM = T0 + 240 * MINUTE;
const quiet = (minute: number): Mention[] => chatter(minute, 4, rng(minute / MINUTE));
const complaint = (author: (i: number) => string) => (i: number) => ({
  text: [`can't log in to the app, error 503 again ${i}`, `still can't log in!! error 503 #${i}`][i % 2] ?? '',
  sentiment: 'negative' as const,
  topics: ['login'],
  author: author(i),
});

/** Four quiet hours, then twenty minutes of twenty login complaints a minute by `author(i)`. */
function surge(author: (minute: number, i: number) => string) {
  const engine = createDefaultIncidentEngine();
  run(engine, T0, WARM, quiet);
  run(engine, WARM, WARM + 20 * MINUTE, (m) => [
    ...quiet(m),
    ...burst(
      m,
      20,
      complaint((i) => author(m, i)),
    ),
  ]);
  return engine.list();
}

describe('each author counts once per series per window (Downdetector)', () => {
  it('counts twenty posts of one account as one, in every series it touches, and again the next minute', () => {
    const builder = createSeriesBuilder(options);
    for (let i = 0; i < 20; i++) builder.add(mention(T0 + i * 1_000, { ...DOWN, author: 'angry' }));
    builder.add(mention(T0 + 30_000, { text: 'love it', sentiment: 'positive', author: 'angry' }));
    builder.add(mention(T0 + 40_000, { ...DOWN, author: 'other' }));
    builder.add(mention(T0 + 40_000, { ...DOWN, author: 'angry', channel: 'reddit' }));
    builder.add(mention(T0 + MINUTE, { ...DOWN, author: 'angry' }));
    const rows = builder.close(T0 + 2 * MINUTE);
    const at = (minute: number, channel: string) =>
      rows.find((r) => r.minute === minute && r.channel === channel)?.counts;
    expect(at(T0, 'x')).toEqual({ total: 2, negative: 2, positive: 1, topics: { outage: 2, login: 2 } });
    // The same handle on another platform is another account.
    expect(at(T0, '*')).toEqual({ total: 3, negative: 3, positive: 1, topics: { outage: 3, login: 3 } });
    expect(at(T0 + MINUTE, 'x')).toEqual({ total: 1, negative: 1, positive: 0, topics: { outage: 1, login: 1 } });
  });

  it("uses the detector's window: the account counts again only once the window has passed", () => {
    const builder = createSeriesBuilder({ ...options, windowMinutes: 5 });
    for (let m = 0; m < 12; m++) builder.add(mention(T0 + m * MINUTE, { ...DOWN, author: 'angry' }));
    const totals = builder
      .close(T0 + 13 * MINUTE)
      .filter((r) => r.channel === 'x')
      .map((r) => r.counts.total);
    expect(totals).toEqual([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0]);
  });

  it('says a repeated post counted nowhere, so the open-minute path skips it too', () => {
    const builder = createSeriesBuilder(options);
    expect(builder.add(mention(T0, { ...DOWN, author: 'angry' }))).toBe(true);
    expect(builder.add(mention(T0 + 1_000, { ...DOWN, author: 'angry' }))).toBe(false);
    expect(builder.add(mention(T0 + 2_000, { text: 'still down', sentiment: 'negative', author: 'angry' }))).toBe(
      false,
    );
  });

  it('raises no incident for one account posting twenty complaints a minute, but does for twenty people', () => {
    expect(surge(() => 'angry')).toEqual([]);
    expect(surge((m, i) => `person-${m}-${i}`).map((i) => i.topics)).toEqual([['login']]);
  });
});
