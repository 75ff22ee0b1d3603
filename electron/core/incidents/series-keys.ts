import { z } from 'zod';
import type { Channel } from '../../../shared/mention';
import { ChannelSchema } from '../../../shared/mention';

/** The channel a series is about, or "*" for the sum across sources. */
export type SeriesChannel = Channel | '*';
export const SeriesChannelSchema = z.union([ChannelSchema, z.literal('*')]);

/** Map keys of a (watchlist, channel) pair and of one series (watchlist, channel, family), as JSON tuples. */
const PairSchema = z.tuple([z.string(), SeriesChannelSchema]);
const SeriesKeySchema = z.tuple([z.string(), SeriesChannelSchema, z.string()]);

export const pairKey = (watchlist: string, channel: SeriesChannel): string => JSON.stringify([watchlist, channel]);
export const parsePair = (key: string): [string, SeriesChannel] => PairSchema.parse(JSON.parse(key));
export const seriesKey = (watchlist: string, channel: SeriesChannel, family: string): string =>
  JSON.stringify([watchlist, channel, family]);

/** A series key's parts, or null for a malformed key (as a restored state may hold). */
export function parseSeriesKey(key: string): [string, SeriesChannel, string] | null {
  try {
    const parsed = SeriesKeySchema.safeParse(JSON.parse(key));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
