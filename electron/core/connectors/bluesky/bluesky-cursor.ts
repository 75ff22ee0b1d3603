import { z } from 'zod';
import { readJsonCursor } from '../http';

const WindowSchema = z.object({ since: z.number(), until: z.number() });
const QueryStateSchema = z.object({ newest: z.number(), backlog: WindowSchema.optional() });
const CursorSchema = z.object({ v: z.literal(1), q: z.record(z.string(), QueryStateSchema) });

/** A time range still to read, in epoch ms: posts after `since` and before `until`. */
export type SearchWindow = z.infer<typeof WindowSchema>;

/**
 * Per search: the newest post time seen, and a backlog window when a burst had more new posts than one
 * poll may read (newest first), so the older part is read on later polls and nothing is skipped.
 */
export type QueryState = z.infer<typeof QueryStateSchema>;

/** Reads the persisted cursor; unreadable JSON starts afresh (the store's dedup keeps that safe). */
export function readBlueskyCursor(raw: string | null): Readonly<Record<string, QueryState>> {
  return readJsonCursor(raw, CursorSchema.nullable(), null)?.q ?? {};
}

/** Serialises the states of the searches still configured. */
export function writeBlueskyCursor(
  states: Readonly<Record<string, QueryState>>,
  queries: ReadonlyArray<string>,
): string {
  const kept: Record<string, QueryState> = {};
  for (const q of queries) if (states[q]) kept[q] = states[q];
  return JSON.stringify({ v: 1, q: kept });
}
