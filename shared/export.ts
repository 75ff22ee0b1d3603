import { z } from 'zod';
import { MentionSearchSchema } from './search';

/** The most rows one `mentions:export` may hold: bounds the hub's work and the size of one answer. */
export const MAX_EXPORT_ROWS = 20_000;

/** The filter of an export: a mention search (the feed's current filter) without its paging. */
export const ExportFilterSchema = MentionSearchSchema.omit({ cursor: true, limit: true });
export type ExportFilterRequest = z.infer<typeof ExportFilterSchema>;

/** `mentions:export`: every mention the filter matches, as CSV or JSON lines, up to a row cap. */
export const MentionExportRequestSchema = z
  .object({
    filter: ExportFilterSchema,
    format: z.enum(['csv', 'jsonl']),
    /** Default 10,000; at most MAX_EXPORT_ROWS. */
    maxRows: z.number().int().min(1).max(MAX_EXPORT_ROWS).optional(),
  })
  .strict();

/** The export as a file to save, with how many rows it holds and whether the cap cut it (said in `message`). */
export const MentionExportSchema = z.object({
  filename: z.string(),
  content: z.string(),
  rows: z.number().int().nonnegative(),
  truncated: z.boolean(),
  message: z.string(),
});
export type MentionExportFile = z.infer<typeof MentionExportSchema>;

/** `incident:postmortem`: one incident's post-mortem as HTML (rendered by the hub, escaped) or PDF. */
export const PostmortemRequestSchema = z
  .object({ id: z.string().min(1).max(100), format: z.enum(['html', 'pdf']) })
  .strict();

/** A file to save: text as is (`utf8`) or bytes in base64 (a PDF). */
export const ExportFileSchema = z.object({
  filename: z.string(),
  contentType: z.string(),
  encoding: z.enum(['utf8', 'base64']),
  content: z.string(),
});
export type ExportFile = z.infer<typeof ExportFileSchema>;
