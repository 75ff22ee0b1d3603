import { z } from 'zod';
import type { RawMention } from '../../../../shared/mention';
import { clipText } from '../http';

/** A listing envelope; children are validated one by one. */
export const ListingSchema = z.object({
  kind: z.literal('Listing'),
  data: z.object({
    children: z.array(z.unknown()),
    after: z.string().nullable().optional(),
    before: z.string().nullable().optional(),
  }),
});

/** One submission (`t3`) as the listing carries it; only the fields Earshot uses. */
export const LinkSchema = z.object({
  kind: z.literal('t3'),
  data: z.object({
    id: z.string().min(1),
    name: z.string().regex(/^t3_/),
    title: z.string(),
    selftext: z.string().default(''),
    author: z.string(),
    subreddit: z.string(),
    created_utc: z.number(),
    permalink: z.string(),
    score: z.number().optional(),
    num_comments: z.number().optional(),
    over_18: z.boolean().optional(),
  }),
});
export type Link = z.infer<typeof LinkSchema>;

/** The token endpoint's success body. */
export const TokenSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string(),
  expires_in: z.number().positive(),
});

/** A validated submission as a mention. */
export function linkToMention(link: Link, watchlist: string | undefined): RawMention {
  const d = link.data;
  const text = d.selftext ? `${d.title}\n\n${d.selftext}` : d.title;
  return {
    externalId: d.name,
    channel: 'reddit',
    url: `https://www.reddit.com${d.permalink}`,
    author: { handle: d.author },
    text: clipText(text),
    createdAt: Math.round(d.created_utc * 1000),
    ...(watchlist ? { watchlist } : {}),
    metadata: {
      subreddit: d.subreddit,
      score: d.score ?? null,
      comments: d.num_comments ?? null,
      nsfw: d.over_18 ?? false,
    },
  };
}
