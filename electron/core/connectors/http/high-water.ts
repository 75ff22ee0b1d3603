import { z } from 'zod';

/**
 * A "newest seen" mark for feeds sorted newest first without an id cursor (reviews): the newest
 * timestamp plus the ids seen at exactly that instant, so ties are neither lost nor repeated.
 */
export const HighWaterSchema = z.object({
  newestAt: z.number(),
  idsAtNewest: z.array(z.string()).max(200),
});
export type HighWater = z.infer<typeof HighWaterSchema>;

/** True when an item is newer than the mark (or there is no mark yet). */
export function isNewerThan(mark: HighWater | undefined, id: string, at: number): boolean {
  if (!mark) return true;
  return at > mark.newestAt || (at === mark.newestAt && !mark.idsAtNewest.includes(id));
}

/** Moves the mark past the given items. */
export function advanceHighWater(
  mark: HighWater | undefined,
  items: ReadonlyArray<{ readonly id: string; readonly at: number }>,
): HighWater | undefined {
  let next = mark;
  for (const it of items) {
    if (!next || it.at > next.newestAt) next = { newestAt: it.at, idsAtNewest: [it.id] };
    else if (it.at === next.newestAt && !next.idsAtNewest.includes(it.id))
      next = { ...next, idsAtNewest: [...next.idsAtNewest, it.id].slice(-200) };
  }
  return next;
}

/** Parses a JSON cursor with a schema; null or unreadable gives `fallback` (start afresh). */
export function readJsonCursor<T>(raw: string | null, schema: z.ZodType<T>, fallback: T): T {
  if (raw === null) return fallback;
  try {
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : fallback;
  } catch {
    return fallback;
  }
}
