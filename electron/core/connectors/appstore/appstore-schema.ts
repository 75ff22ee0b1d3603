import { z } from 'zod';
import type { RawMention } from '../../../../shared/mention';
import { clipText } from '../http';

const label = z.object({ label: z.string() });

/** The feed envelope: `entry` may be an array, a single object, or missing (no reviews). */
export const FeedSchema = z.object({
  feed: z.object({
    entry: z.union([z.array(z.unknown()), z.record(z.string(), z.unknown())]).optional(),
  }),
});

/** A review entry (app-metadata entries have no `im:rating` and are skipped before this). */
export const ReviewEntrySchema = z.object({
  id: label,
  author: z.object({ name: label }),
  updated: label,
  'im:rating': z.object({ label: z.string().regex(/^[1-5]$/) }),
  'im:version': label.optional(),
  title: label,
  content: label,
});
export type ReviewEntry = z.infer<typeof ReviewEntrySchema>;

/** The entries of a feed page as a list, whatever shape Apple sent. */
export function entriesOf(feed: z.infer<typeof FeedSchema>): ReadonlyArray<unknown> {
  const e = feed.feed.entry;
  if (e === undefined) return [];
  return Array.isArray(e) ? e : [e];
}

/** True for the app-metadata entry some pages start with (it has `im:name`, not `im:rating`). */
export function isAppMetadata(entry: unknown): boolean {
  return typeof entry === 'object' && entry !== null && !('im:rating' in entry) && 'im:name' in entry;
}

/** A validated review as a mention: title and body together, rating and version in metadata. */
export function reviewToMention(r: ReviewEntry, country: string, appId: string): RawMention {
  const title = r.title.label.trim();
  const body = r.content.label.trim();
  return {
    externalId: r.id.label,
    channel: 'appstore',
    url: `https://apps.apple.com/${country}/app/id${appId}?see-all=reviews`,
    author: { handle: r.author.name.label },
    text: clipText(title ? `${title}\n\n${body}` : body),
    createdAt: Date.parse(r.updated.label),
    metadata: { rating: Number(r['im:rating'].label), version: r['im:version']?.label ?? null, country },
  };
}
