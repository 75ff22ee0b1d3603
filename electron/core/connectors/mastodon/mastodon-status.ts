import { z } from 'zod';
import type { RawMention } from '../../../../shared/mention';
import { htmlToText } from '../html-to-text';

/**
 * The fields of a Mastodon Status we use, as masto hands them over (its serializer camel-cases the
 * snake_case API JSON). Unknown fields pass through untouched.
 */
export const MastodonStatusSchema = z.object({
  id: z.string().min(1).max(100),
  uri: z.string().min(1).max(2000),
  url: z.string().max(2000).nullish(),
  createdAt: z.iso.datetime({ offset: true }),
  content: z.string().max(200_000),
  spoilerText: z.string().max(10_000).default(''),
  language: z.string().max(16).nullish(),
  visibility: z.string().optional(),
  repliesCount: z.number().int().nonnegative().optional(),
  reblogsCount: z.number().int().nonnegative().optional(),
  favouritesCount: z.number().int().nonnegative().optional(),
  account: z.object({
    id: z.string(),
    acct: z.string().min(1).max(300),
    displayName: z.string().max(300).optional(),
    followersCount: z.number().int().nonnegative().optional(),
    bot: z.boolean().nullish(),
  }),
});
export type MastodonStatus = z.infer<typeof MastodonStatusSchema>;

/** Plain text of a status: the content warning first (it is what readers see), then the body. */
export function statusText(status: MastodonStatus): string {
  const body = htmlToText(status.content);
  const warning = status.spoilerText.trim();
  return (warning ? `CW: ${warning}\n\n${body}` : body).slice(0, 40_000);
}

/** A status as the hub's raw mention. The external id is the status URI: global across instances. */
export function statusToMention(status: MastodonStatus, tag: string, watchlist: string | undefined): RawMention {
  const externalId = status.uri.length <= 200 ? status.uri : `${status.account.acct}/${status.id}`.slice(0, 200);
  return {
    externalId,
    channel: 'mastodon',
    url: (status.url ?? status.uri).slice(0, 2000),
    text: statusText(status),
    createdAt: Date.parse(status.createdAt),
    author: {
      handle: `@${status.account.acct}`.slice(0, 200),
      ...(status.account.displayName ? { name: status.account.displayName } : {}),
      ...(status.account.followersCount !== undefined ? { followers: status.account.followersCount } : {}),
    },
    ...(watchlist ? { watchlist } : {}),
    metadata: {
      tag,
      statusId: status.id,
      language: status.language ?? null,
      spoiler: status.spoilerText.length > 0,
      reblogs: status.reblogsCount ?? 0,
      favourites: status.favouritesCount ?? 0,
      bot: status.account.bot ?? false,
    },
  };
}
