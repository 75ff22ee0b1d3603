import { z } from 'zod';
import { ActorSchema, AuditEntrySchema } from './workflow';
import { MentionPageSchema } from './search';

/** Most audit lines one handled mark keeps (the newest). */
export const MAX_HANDLED_AUDIT = 20;

/**
 * Whether a post was dealt with on the staff floor, by whom and when, with its short audit trail. Stored by the hub
 * apart from the post (a post is immutable), sent with every page, snapshot and as `mentions:handled`, so every desk
 * sees the same mark.
 */
export const HandledMarkSchema = z.object({
  mentionId: z.string().max(300),
  handled: z.boolean(),
  /** Hub time of the last change. */
  at: z.number().int(),
  by: ActorSchema,
  audit: z.array(AuditEntrySchema).max(MAX_HANDLED_AUDIT),
});
export type HandledMark = z.infer<typeof HandledMarkSchema>;

/** A search page as the contract carries it: the store's page and the handled marks of its posts. */
export const MentionResultsSchema = MentionPageSchema.extend({ handled: z.array(HandledMarkSchema) });
export type MentionResults = z.infer<typeof MentionResultsSchema>;

/** `mention:handled`: mark (or unmark) one stored post. */
export const MarkHandledSchema = z.object({ mentionId: z.string().min(1).max(300), handled: z.boolean() }).strict();
export type MarkHandled = z.infer<typeof MarkHandledSchema>;
