import { z } from 'zod';
import type { RawMention } from '../../../../shared/mention';
import { clipText } from '../http';

/** A page of public reviews; each review is validated on its own. */
export const ReviewsPageSchema = z.object({
  reviews: z.array(z.unknown()),
  links: z.array(z.object({ href: z.string(), rel: z.string() }).loose()).optional(),
  nextPageToken: z.string().nullable().optional(),
});

/** One public review with the fields Earshot uses. */
export const ReviewSchema = z.object({
  id: z.string().min(1),
  stars: z.number().int().min(1).max(5),
  title: z.string().nullable().optional(),
  text: z.string(),
  language: z.string().nullable().optional(),
  createdAt: z.iso.datetime({ offset: true }),
  isVerified: z.boolean().optional(),
  consumer: z.object({ displayName: z.string(), id: z.string().optional(), numberOfReviews: z.number().optional() }),
});
export type Review = z.infer<typeof ReviewSchema>;

/** True when the page links to a next page. */
export const hasNextPage = (page: z.infer<typeof ReviewsPageSchema>): boolean =>
  Boolean(page.nextPageToken) || (page.links ?? []).some((l) => l.rel === 'next-page');

/** A validated review as a mention. */
export function reviewToMention(r: Review): RawMention {
  const title = (r.title ?? '').trim();
  return {
    externalId: r.id,
    channel: 'trustpilot',
    url: `https://www.trustpilot.com/reviews/${r.id}`,
    author: { handle: r.consumer.displayName },
    text: clipText(title ? `${title}\n\n${r.text}` : r.text),
    createdAt: Date.parse(r.createdAt),
    metadata: { rating: r.stars, language: r.language ?? null, verified: r.isVerified ?? null },
  };
}
