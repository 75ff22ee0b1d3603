import { z } from 'zod';
import type { RawMention } from '../../../../shared/mention';

/** A review as google-play-scraper returns it (already mapped from the batchexecute arrays). */
export const GooglePlayReviewSchema = z.object({
  id: z.string().min(1).max(200),
  userName: z.string().max(200).nullish(),
  date: z.iso.datetime({ offset: true }),
  score: z.number().int().min(1).max(5),
  text: z.string().max(40_000).nullish(),
  url: z.string().max(2000).nullish(),
  replyText: z.string().nullish(),
  version: z.string().max(50).nullish(),
  thumbsUp: z.number().int().nonnegative().nullish(),
});
export type GooglePlayReview = z.infer<typeof GooglePlayReviewSchema>;

/** The page shape: reviews (validated one by one later) and the token for the next, older page. */
export const ReviewPageSchema = z.object({
  data: z.array(z.unknown()),
  nextPaginationToken: z.string().nullish(),
});

/** A review as the hub's raw mention; the star rating and app version go to metadata. */
export function reviewToMention(review: GooglePlayReview, appId: string): RawMention {
  return {
    externalId: review.id,
    channel: 'googleplay',
    text: (review.text ?? '').trim(),
    createdAt: Date.parse(review.date),
    author: { handle: (review.userName ?? 'A Google user').slice(0, 200) },
    ...(review.url ? { url: review.url } : {}),
    metadata: {
      appId,
      rating: review.score,
      version: review.version ?? null,
      thumbsUp: review.thumbsUp ?? 0,
      replied: Boolean(review.replyText),
    },
  };
}
