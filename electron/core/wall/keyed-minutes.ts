import type { Mention } from '../../../shared/mention';
import { MINUTE_MS, minuteOf } from '../../../shared/series';
import type { Breakdown, KeyedPoint } from '../../../shared/wall';
import type { Store } from '../store/repository';

/** Minutes kept in memory (three hours); an older minute touched again is read from the store again. */
export const KEYED_WINDOW_MINUTES = 3 * 60;

/** Per-minute counts by channel and by failure topic, for `series:update` deltas. */
export interface KeyedDelta {
  readonly byChannel: KeyedPoint[];
  readonly byTopic: KeyedPoint[];
}

/**
 * The display's per-minute counts by channel and by topic, counted as mentions are committed (like the volume's
 * minute points): a minute not in memory is read from the store once, before the commit that touches it, then
 * counted on. Callers serialize seeds and reads with commits (the aggregator's queue), so nothing counts twice and
 * a busy hub does not re-aggregate (and re-parse the topics of) a whole minute of posts for every delta.
 */
export interface KeyedMinutes {
  /** Reads the minutes not in memory from the store (call before the commit that touches them). */
  seed(minutes: ReadonlyArray<number>): Promise<void>;
  /** Counts newly stored mentions into their (seeded) minutes. */
  add(mentions: ReadonlyArray<Mention>): void;
  /** Every key's counts in these minutes (seeding the unknown ones), oldest minute first, keys in order. */
  points(minutes: ReadonlyArray<number>): Promise<KeyedDelta>;
}

type MinuteKeys = Map<string, KeyedPoint>;

const bump = (keys: MinuteKeys, minute: number, key: string, label: string): void => {
  const p = keys.get(key) ?? { minute, key, total: 0, negative: 0, positive: 0 };
  keys.set(key, {
    minute,
    key,
    total: p.total + 1,
    negative: p.negative + (label === 'negative' ? 1 : 0),
    positive: p.positive + (label === 'positive' ? 1 : 0),
  });
};

const sortedValues = (keys: MinuteKeys | undefined): KeyedPoint[] =>
  [...(keys?.values() ?? [])].sort((a, b) => a.key.localeCompare(b.key)).map((p) => ({ ...p }));

/** Sorted minutes as [first, last] runs whose neighbours lie at most an hour apart (pure). */
function runsOf(sorted: ReadonlyArray<number>): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  for (const m of sorted) {
    const last = runs.at(-1);
    if (last !== undefined && m - last[1] <= 60 * MINUTE_MS) last[1] = m;
    else runs.push([m, m]);
  }
  return runs;
}

/** Creates the keyed counts over a store. */
export function createKeyedMinutes(
  store: Pick<Store, 'breakdownSeries'>,
  windowMinutes = KEYED_WINDOW_MINUTES,
): KeyedMinutes {
  const known: Record<Breakdown, Map<number, MinuteKeys>> = { channel: new Map(), topic: new Map() };
  const forgetOld = (): void => {
    for (const by of [known.channel, known.topic]) {
      if (by.size <= windowMinutes + 30) continue;
      const oldest = [...by.keys()].sort((a, b) => b - a)[windowMinutes - 1] ?? -Infinity;
      for (const minute of by.keys()) if (minute < oldest) by.delete(minute);
    }
  };
  const seed = async (minutes: ReadonlyArray<number>): Promise<void> => {
    const unknown = [...new Set(minutes.map(minuteOf))].filter((m) => !known.channel.has(m) || !known.topic.has(m));
    // One query per breakdown for each run of nearby minutes (a first poll's backlog spans hours), not per minute.
    for (const [from, to] of runsOf(unknown.sort((a, b) => a - b))) {
      const [channels, topics] = await Promise.all([
        store.breakdownSeries(from, to, 'channel'),
        store.breakdownSeries(from, to, 'topic'),
      ]);
      for (const m of unknown.filter((u) => u >= from && u <= to)) {
        known.channel.set(m, new Map());
        known.topic.set(m, new Map());
      }
      for (const p of channels) known.channel.get(p.minute)?.set(p.key, p);
      for (const p of topics) known.topic.get(p.minute)?.set(p.key, p);
    }
    forgetOld();
  };
  return {
    seed,
    add(mentions) {
      for (const m of mentions) {
        const minute = minuteOf(m.createdAt);
        const channels = known.channel.get(minute);
        const topics = known.topic.get(minute);
        // Only a minute that was never seeded (a caller bug) is missing: the store still has the post.
        if (!channels || !topics) continue;
        const label = m.enrichment.sentiment.label;
        bump(channels, minute, m.channel, label);
        for (const topic of new Set(m.enrichment.topics.map((t) => t.topic))) bump(topics, minute, topic, label);
      }
    },
    async points(minutes) {
      const sorted = [...new Set(minutes.map(minuteOf))].sort((a, b) => a - b);
      await seed(sorted);
      return {
        byChannel: sorted.flatMap((m) => sortedValues(known.channel.get(m))),
        byTopic: sorted.flatMap((m) => sortedValues(known.topic.get(m))),
      };
    },
  };
}
