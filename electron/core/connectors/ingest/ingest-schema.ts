import { z } from 'zod';
import { ChannelSchema, type RawMention } from '../../../../shared/mention';

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
 * handle string or an object; `channel` defaults to "ingest".
 */
export const IngestItemSchema = z
  .object({
    externalId: z.string().min(1).max(200),
    text: z.string().min(1).max(40_000),
    createdAt: EpochOrIso,
    author: AuthorInput.optional(),
    url: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .optional(),
    channel: ChannelSchema.default('ingest'),
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

/** Converts a validated item to the model every connector hands over. */
export function toRawMention(item: IngestItem): RawMention {
  return {
    externalId: item.externalId,
    channel: item.channel,
    text: item.text,
    createdAt: item.createdAt,
    author: item.author ?? { handle: 'anonymous' },
    ...(item.url !== undefined ? { url: item.url } : {}),
    ...(item.watchlist !== undefined ? { watchlist: item.watchlist } : {}),
    ...(item.metadata !== undefined ? { metadata: item.metadata } : {}),
  };
}
