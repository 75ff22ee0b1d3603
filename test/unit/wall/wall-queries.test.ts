import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/core-types';
import { ManualClock } from '../../../electron/core/runtime/clock';
import { openSqliteStore } from '../../../electron/core/store/sqlite/sqlite-store';
import type { Store } from '../../../electron/core/store/repository';
import { addSpan, minuteIsUp, UPTIME_STATE_KEY } from '../../../electron/core/wall/uptime-log';
import type { Enrichment, SentimentLabel } from '../../../shared/mention';
import { createTestCore } from '../../helpers/core';
import { mention, NEUTRAL_ENRICHMENT } from '../../helpers/mentions';

const MINUTE = 60_000;
const WEEK = 7 * 24 * 60 * MINUTE;
const T0 = Date.UTC(2026, 0, 12, 9, 0, 0);
const open: Array<{ core: Core; store: Store }> = [];

const enrich = (label: SentimentLabel, topics: ReadonlyArray<string> = []): Enrichment => ({
  ...NEUTRAL_ENRICHMENT,
  sentiment: { label, score: label === 'negative' ? -0.8 : label === 'positive' ? 0.8 : 0, confidence: 0.9 },
  topics: topics.map((topic) => ({ topic, terms: [topic] })),
});

async function hub(clock: ManualClock, store?: Store): Promise<{ core: Core; store: Store }> {
  const s = store ?? (await openSqliteStore(':memory:'));
  const core = createTestCore({ clock, store: s });
  await core.start();
  const entry = { core, store: s };
  open.push(entry);
  return entry;
}

afterEach(async () => {
  for (const { core, store } of open.splice(0)) {
    await core.stop();
    await store.close().catch(() => undefined);
  }
});

describe('wall:series', () => {
  it('breaks the day down by channel and by topic, and says when the hub was up', async () => {
    const clock = new ManualClock(T0);
    const { core, store } = await hub(clock);
    await store.commitBatch(
      'src',
      [
        mention(1, T0 - 2 * MINUTE, { channel: 'x', enrichment: enrich('negative', ['login']) }),
        mention(2, T0 - 2 * MINUTE + 5, { channel: 'reddit', enrichment: enrich('positive') }),
        mention(3, T0 - MINUTE, { channel: 'x', enrichment: enrich('negative', ['login', 'payments']) }),
      ],
      null,
    );
    await clock.advance(3 * MINUTE);
    const result = await core.api.invoke('wall:series', { minutes: 10 });
    if (!result.ok) throw new Error(result.error.message);
    const s = result.value;
    expect(s.points).toHaveLength(10);
    expect(s.byChannel).toEqual([
      { minute: T0 - 2 * MINUTE, key: 'reddit', total: 1, negative: 0, positive: 1 },
      { minute: T0 - 2 * MINUTE, key: 'x', total: 1, negative: 1, positive: 0 },
      { minute: T0 - MINUTE, key: 'x', total: 1, negative: 1, positive: 0 },
    ]);
    expect(s.byTopic.filter((p) => p.key === 'login').map((p) => p.total)).toEqual([1, 1]);
    expect(s.byTopic.find((p) => p.key === 'payments')?.minute).toBe(T0 - MINUTE);
    // Up since T0 (the core started then): the minutes before are not "zero", they are unknown.
    expect(s.up).toEqual([{ from: T0, to: T0 + 3 * MINUTE }]);
    expect(minuteIsUp(s.up, T0 - 3 * MINUTE)).toBe(false);
    expect(minuteIsUp(s.up, T0 + MINUTE)).toBe(true);
  });

  it('remembers the spans across a restart, leaving the downtime as a gap', async () => {
    const clock = new ManualClock(T0);
    const first = await hub(clock);
    await clock.advance(5 * MINUTE);
    await first.core.stop();
    open.splice(0);
    await clock.advance(10 * MINUTE);
    const second = await hub(clock, first.store);
    await clock.advance(2 * MINUTE);
    const result = await second.core.api.invoke('wall:series', { minutes: 30 });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.up).toEqual([
      { from: T0, to: T0 + 5 * MINUTE },
      { from: T0 + 15 * MINUTE, to: T0 + 17 * MINUTE },
    ]);
    expect(minuteIsUp(result.value.up, T0 + 10 * MINUTE)).toBe(false);
    expect(await first.store.getState(UPTIME_STATE_KEY)).toHaveLength(2);
  });

  it('keeps spans bounded and in order', () => {
    let spans = addSpan([], { from: 0, to: 10 });
    for (let i = 1; i < 700; i += 1) spans = addSpan(spans, { from: i * 100, to: i * 100 + 50 });
    expect(spans.length).toBeLessThanOrEqual(500);
    expect(spans[spans.length - 1]).toEqual({ from: 69_900, to: 69_950 });
  });
});

describe('wall:kpis', () => {
  it('gives net sentiment and volume for the last hour against the same hour in past weeks', async () => {
    const clock = new ManualClock(T0);
    const { core, store } = await hub(clock);
    const labels: SentimentLabel[] = ['positive', 'positive', 'negative', 'neutral'];
    // Now: 2 positive, 1 negative, 1 neutral → net +0.25. A week ago: 1 positive, 1 negative → net 0.
    await store.commitBatch(
      'src',
      labels.map((l, i) => mention(i, T0 - (i + 1) * MINUTE, { enrichment: enrich(l) })),
      null,
    );
    await store.commitBatch(
      'src',
      [
        mention(10, T0 - WEEK - 5 * MINUTE, { enrichment: enrich('positive') }),
        mention(11, T0 - WEEK - 6 * MINUTE, { enrichment: enrich('negative') }),
      ],
      null,
    );
    const result = await core.api.invoke('wall:kpis', {});
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value).toMatchObject({
      now: T0,
      windowMinutes: 60,
      net: { now: 0.25, usual: 0 },
      volume: { now: 4, usual: 2 },
      usualBasis: 'hour-of-week',
      dataAt: T0 - MINUTE,
    });
  });

  it('falls back to past days, then says it has no usual yet', async () => {
    const clock = new ManualClock(T0);
    const { core, store } = await hub(clock);
    const empty = await core.api.invoke('wall:kpis', {});
    expect(empty.ok && empty.value).toMatchObject({ net: { now: null, usual: null }, usualBasis: null, dataAt: null });
    await store.commitBatch(
      'src',
      [mention(1, T0 - 24 * 60 * MINUTE - MINUTE, { enrichment: enrich('negative') })],
      null,
    );
    const daily = await core.api.invoke('wall:kpis', {});
    expect(daily.ok && daily.value).toMatchObject({
      net: { usual: -1 },
      volume: { usual: 1 },
      usualBasis: 'hour-of-day',
    });
  });
});
