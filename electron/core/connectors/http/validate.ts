import type { z } from 'zod';
import type { RawMention } from '../../../../shared/mention';
import { RawMentionSchema } from '../../../../shared/mention';
import type { RejectedItem } from '../connector';
import { sampleOf, zodReason } from './redact';

/** Items that passed validation and the ones refused, each alone. */
export interface Validated<T> {
  readonly items: ReadonlyArray<T>;
  readonly rejected: ReadonlyArray<RejectedItem>;
}

/** Validates each raw API item on its own: one malformed item is rejected, the rest go on. */
export function validateEach<T>(raw: ReadonlyArray<unknown>, schema: z.ZodType<T>): Validated<T> {
  const items: T[] = [];
  const rejected: RejectedItem[] = [];
  for (const item of raw) {
    const parsed = schema.safeParse(item);
    if (parsed.success) items.push(parsed.data);
    else rejected.push({ reason: zodReason(parsed.error.issues), sample: sampleOf(item) });
  }
  return { items, rejected };
}

/** Final check of a mapped mention against the shared model (lengths, ids); refuses it alone when it fails. */
export function checkMention(
  mention: RawMention,
  source: unknown,
): { ok: true; mention: RawMention } | { ok: false; rejected: RejectedItem } {
  const parsed = RawMentionSchema.safeParse(mention);
  if (parsed.success) return { ok: true, mention: parsed.data };
  return { ok: false, rejected: { reason: zodReason(parsed.error.issues), sample: sampleOf(source) } };
}

/** Clips text to the mention model's limit. */
export function clipText(text: string, max = 40_000): string {
  return text.length > max ? text.slice(0, max) : text;
}
