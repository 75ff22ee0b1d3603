import { describe, expect, it } from 'vitest';
import { BlueskyPostSchema, postUrl, sortAt } from '../../../../electron/core/connectors/bluesky/bluesky-post';

describe('Bluesky post helpers', () => {
  const post = BlueskyPostSchema.parse({
    uri: 'at://did:plc:abc123/app.bsky.feed.post/3lbxyz',
    cid: 'bafyrei',
    author: { did: 'did:plc:abc123', handle: 'jane.bsky.social' },
    record: { text: 'hi', createdAt: '2026-01-05T09:00:05Z' },
    indexedAt: '2026-01-05T09:00:03Z',
  });

  it('links to bsky.app by handle and rkey, and sorts by the earlier of createdAt and indexedAt', () => {
    expect(postUrl(post)).toBe('https://bsky.app/profile/jane.bsky.social/post/3lbxyz');
    expect(sortAt(post)).toBe(Date.parse('2026-01-05T09:00:03Z'));
  });

  it('refuses URIs that are not posts', () => {
    expect(BlueskyPostSchema.safeParse({ ...post, uri: 'at://did:plc:abc/app.bsky.feed.like/1' }).success).toBe(false);
  });
});
