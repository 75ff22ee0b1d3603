import { z } from 'zod';
import type { RawMention } from '../../../../shared/mention';
import { clipText } from '../http';
import { decodeEntities } from '../html-to-text';

/** The recent-search envelope; `data` items are validated one by one. */
export const SearchPageSchema = z.object({
  data: z.array(z.unknown()).optional(),
  includes: z.object({ users: z.array(z.unknown()).optional() }).optional(),
  meta: z.object({
    newest_id: z.string().optional(),
    oldest_id: z.string().optional(),
    result_count: z.number().int().nonnegative(),
    next_token: z.string().optional(),
  }),
});

/** A post with the fields requested by `tweet.fields=created_at,lang,public_metrics,author_id`. */
export const TweetSchema = z.object({
  id: z.string().regex(/^\d{1,20}$/),
  text: z.string(),
  author_id: z.string(),
  created_at: z.iso.datetime({ offset: true }),
  lang: z.string().optional(),
  public_metrics: z
    .object({ retweet_count: z.number(), reply_count: z.number(), like_count: z.number(), quote_count: z.number() })
    .partial()
    .optional(),
});
export type Tweet = z.infer<typeof TweetSchema>;

/** An expanded author (`expansions=author_id&user.fields=public_metrics,verified`). */
export const UserSchema = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string().optional(),
  verified: z.boolean().optional(),
  public_metrics: z.object({ followers_count: z.number().int().nonnegative() }).partial().optional(),
});
export type User = z.infer<typeof UserSchema>;

/** A validated post and its author (when expanded) as a mention. */
export function tweetToMention(t: Tweet, user: User | undefined, watchlist: string): RawMention {
  const handle = user?.username ?? t.author_id;
  const m = t.public_metrics;
  return {
    externalId: t.id,
    channel: 'x',
    url: `https://x.com/${user ? user.username : 'i/web'}/status/${t.id}`,
    author: {
      handle,
      ...(user?.name ? { name: user.name } : {}),
      ...(user?.public_metrics?.followers_count !== undefined
        ? { followers: user.public_metrics.followers_count }
        : {}),
      ...(user?.verified !== undefined ? { verified: user.verified } : {}),
    },
    // X sends tweet text HTML-escaped (&amp; &lt; &gt;); the hub keeps plain text.
    text: clipText(decodeEntities(t.text)),
    createdAt: Date.parse(t.created_at),
    watchlist,
    metadata: {
      lang: t.lang ?? null,
      likes: m?.like_count ?? null,
      reposts: m?.retweet_count ?? null,
      replies: m?.reply_count ?? null,
      quotes: m?.quote_count ?? null,
    },
  };
}
