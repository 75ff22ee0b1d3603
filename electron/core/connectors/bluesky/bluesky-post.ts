import { z } from 'zod';
import type { RawMention } from '../../../../shared/mention';

const AT_POST_URI = /^at:\/\/([^/]+)\/app\.bsky\.feed\.post\/([A-Za-z0-9._:~-]{1,512})$/;

/** The fields of an app.bsky.feed.defs#postView we use. `record` is open in the lexicon, so it is checked here. */
export const BlueskyPostSchema = z.object({
  uri: z.string().regex(AT_POST_URI, 'an at:// post URI'),
  cid: z.string().min(1),
  author: z.object({
    did: z.string().startsWith('did:'),
    handle: z.string().min(1).max(253),
    displayName: z.string().max(640).optional(),
  }),
  record: z.object({
    text: z.string().max(3000),
    createdAt: z.iso.datetime({ offset: true }),
    langs: z.array(z.string()).optional(),
  }),
  indexedAt: z.iso.datetime({ offset: true }),
  replyCount: z.number().int().optional(),
  repostCount: z.number().int().optional(),
  likeCount: z.number().int().optional(),
});
export type BlueskyPost = z.infer<typeof BlueskyPostSchema>;

/** The time Bluesky sorts and filters by (`sortAt`): the earlier of createdAt and indexedAt. */
export function sortAt(post: BlueskyPost): number {
  return Math.min(Date.parse(post.record.createdAt), Date.parse(post.indexedAt));
}

/** The public web link of a post: https://bsky.app/profile/{handle}/post/{rkey}. */
export function postUrl(post: BlueskyPost): string {
  const rkey = AT_POST_URI.exec(post.uri)?.[2] ?? '';
  return `https://bsky.app/profile/${post.author.handle}/post/${rkey}`;
}

/** A post as the hub's raw mention; the at:// URI is the external id. */
export function postToMention(
  post: BlueskyPost,
  followers: number | undefined,
  watchlist: string | undefined,
): RawMention {
  return {
    externalId: post.uri.slice(0, 200),
    channel: 'bluesky',
    url: postUrl(post),
    text: post.record.text,
    createdAt: Date.parse(post.record.createdAt),
    author: {
      handle: `@${post.author.handle}`,
      ...(post.author.displayName ? { name: post.author.displayName.slice(0, 300) } : {}),
      ...(followers !== undefined ? { followers } : {}),
    },
    ...(watchlist ? { watchlist } : {}),
    metadata: {
      did: post.author.did,
      cid: post.cid,
      language: post.record.langs?.[0] ?? null,
      likes: post.likeCount ?? 0,
      reposts: post.repostCount ?? 0,
      replies: post.replyCount ?? 0,
    },
  };
}
