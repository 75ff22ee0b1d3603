import { z } from 'zod';
import { ChannelSchema, ExternalIdSchema, type Channel, type RawMention } from '../../../../shared/mention';
import type { IngestChannelPolicy } from './ingest-factory';

/** Most items one ingest request may carry; the HTTP server separately caps the body at 1 MiB. */
export const INGEST_MAX_ITEMS = 1000;

/** The byte cap the host's HTTP server enforces on `POST /api/ingest/{sourceId}` bodies. */
export const INGEST_MAX_BYTES = 1024 * 1024;

const EpochOrIso = z.union([
  z.number().int().nonnegative(),
  z.iso.datetime({ offset: true }).transform((iso) => Date.parse(iso)),
]);

const AuthorInput = z.union([
  z
    .string()
    .min(1)
    .max(200)
    .transform((handle) => ({ handle })),
  z.object({
    handle: z.string().min(1).max(200),
    name: z.string().max(300).optional(),
    followers: z.number().int().nonnegative().optional(),
    verified: z.boolean().optional(),
  }),
]);

const MetadataInput = z
  .record(z.string().max(64), z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]))
  .refine((record) => Object.keys(record).length <= 50, 'metadata: at most 50 keys');

/**
 * One ingested record as senders post it. `createdAt` is ISO 8601 (with offset) or epoch ms; `author` is a
 * handle string or an object; `channel` is a claim the source's channel policy decides on (`resolveChannel`).
 */
export const IngestItemSchema = z
  .object({
    externalId: ExternalIdSchema,
    text: z.string().min(1).max(40_000),
    createdAt: EpochOrIso,
    author: AuthorInput.optional(),
    url: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .optional(),
    channel: ChannelSchema.optional(),
    watchlist: z.string().max(100).optional(),
    metadata: MetadataInput.optional(),
  })
  .strict();
export type IngestItem = z.infer<typeof IngestItemSchema>;

/** The request body: `{ mentions: [...] }` or one item object. Items are validated one by one afterwards. */
export const IngestEnvelopeSchema = z.union([
  z.object({ mentions: z.array(z.unknown()) }).strict(),
  z.record(z.string(), z.unknown()).refine((o) => !('mentions' in o), 'mentions must be an array'),
]);

/** The channel an item is stored under: its claim if the source allows it, else the source's own channel. */
export function resolveChannel(claimed: Channel | undefined, policy: IngestChannelPolicy): Channel {
  return claimed !== undefined && policy.allowedChannels.includes(claimed) ? claimed : policy.channel;
}

/** Converts a validated item to the model every connector hands over, on the channel the policy gives it. */
export function toRawMention(item: IngestItem, policy: IngestChannelPolicy): RawMention {
  return {
    externalId: item.externalId,
    channel: resolveChannel(item.channel, policy),
    text: item.text,
    createdAt: item.createdAt,
    author: item.author ?? { handle: 'anonymous' },
    ...(item.url !== undefined ? { url: item.url } : {}),
    ...(item.watchlist !== undefined ? { watchlist: item.watchlist } : {}),
    ...(item.metadata !== undefined ? { metadata: item.metadata } : {}),
  };
}
