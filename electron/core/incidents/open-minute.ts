import type { Channel, Mention } from '../../../shared/mention';
import { minuteOf } from '../../../shared/series';
import type { MinuteCounts, SeriesChannel } from './series';
import { countInto, emptyCounts } from './series';
import { familiesOfCounts, familiesOfPost, valueOf, type FamilyKey } from './family';

/** One series (watchlist, channel or "*", family) of one open minute whose count so far changed. */
export interface OpenEntry {
  readonly watchlist: string;
  readonly channel: SeriesChannel;
  readonly minute: number;
  readonly family: FamilyKey;
}

/** What an open minute of one watchlist holds so far: across sources and per channel. */
export interface OpenMinuteCounts {
  readonly star: MinuteCounts;
  readonly channels: ReadonlyMap<Channel, MinuteCounts>;
}

/**
 * The counts so far of the minutes detection has not closed yet, per watchlist across sources (and per channel
 * for evidence), with the entries that changed since they were last taken. O(1) per mention and family; only
 * open minutes are kept. Never persisted: after a restart an open minute's count starts again from zero, which
 * can only delay an early opening, never cause one.
 */
export interface OpenMinutes {
  /** Counts a mention of a minute that is still open. */
  add(mention: Mention): void;
  /** The count so far of one series in one open minute (0 when unknown). */
  value(watchlist: string, channel: SeriesChannel, minute: number, family: string): number;
  /** The counts so far of one open minute of a watchlist. */
  counts(watchlist: string, minute: number): OpenMinuteCounts | undefined;
  /** The entries changed since the last call, or every entry when `all`; either way the changes are forgotten. */
  take(all: boolean): OpenEntry[];
  /** Forgets every minute up to and including `minute` (it closed). */
  closeThrough(minute: number): void;
}

/** The families a mention counts in, as the closed series count them: volume, negative, its topics unless positive. */
const familiesOfMention = (m: Mention): FamilyKey[] =>
  familiesOfPost(m.enrichment.sentiment.label, new Set(m.enrichment.topics.map((x) => x.topic)));

/** Creates an empty tally of open minutes. */
export function createOpenMinutes(): OpenMinutes {
  const byWatchlist = new Map<string, Map<number, { star: MinuteCounts; channels: Map<Channel, MinuteCounts> }>>();
  const dirty = new Map<string, OpenEntry>();

  const slot = (watchlist: string, minute: number): { star: MinuteCounts; channels: Map<Channel, MinuteCounts> } => {
    const minutes = byWatchlist.get(watchlist) ?? new Map();
    byWatchlist.set(watchlist, minutes);
    const existing = minutes.get(minute);
    if (existing) return existing;
    const made = { star: emptyCounts(), channels: new Map<Channel, MinuteCounts>() };
    minutes.set(minute, made);
    return made;
  };

  return {
    add(mention) {
      const minute = minuteOf(mention.createdAt);
      const s = slot(mention.watchlist, minute);
      countInto(s.star, mention);
      const channel = s.channels.get(mention.channel) ?? emptyCounts();
      s.channels.set(mention.channel, channel);
      countInto(channel, mention);
      for (const family of familiesOfMention(mention)) {
        for (const series of ['*', mention.channel] as const) {
          const key = `${mention.watchlist}\u0001${series}\u0001${minute}\u0001${family}`;
          if (!dirty.has(key)) dirty.set(key, { watchlist: mention.watchlist, channel: series, minute, family });
        }
      }
    },
    value: (watchlist, channel, minute, family) => {
      const s = byWatchlist.get(watchlist)?.get(minute);
      const counts = channel === '*' ? s?.star : s?.channels.get(channel);
      return counts ? valueOf(counts, family) : 0;
    },
    counts: (watchlist, minute) => byWatchlist.get(watchlist)?.get(minute),
    take(all) {
      const out: OpenEntry[] = [];
      if (all) {
        for (const [watchlist, minutes] of byWatchlist)
          for (const [minute, s] of minutes)
            for (const [channel, counts] of [['*', s.star] as const, ...s.channels])
              for (const family of familiesOfCounts(counts))
                if (valueOf(counts, family) > 0) out.push({ watchlist, channel, minute, family });
      } else out.push(...dirty.values());
      dirty.clear();
      return out;
    },
    closeThrough(minute) {
      for (const [watchlist, minutes] of byWatchlist) {
        for (const m of minutes.keys()) if (m <= minute) minutes.delete(m);
        if (minutes.size === 0) byWatchlist.delete(watchlist);
      }
    },
  };
}
