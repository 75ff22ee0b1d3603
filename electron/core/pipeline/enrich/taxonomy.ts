import { z } from 'zod';
import type { Result } from '../../../../shared/result';
import { appError, err, ok } from '../../../../shared/result';

/**
 * A term pattern: words separated by spaces, matched case-insensitively on whole words with apostrophes
 * ignored ("can't log in" = "cant log in"). A word ending in `*` matches any word starting with it
 * ("refund*"); `#` matches one digit ("error 5##").
 */
export const TermSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .refine((t) => /^[\p{L}\p{N}#'’*\s-]+$/u.test(t), 'letters, digits, spaces, apostrophes, # and a trailing * only');

/** One failure topic: an id (stable, used in series and incidents), a label for people, its terms. */
export const TopicSchema = z.object({
  id: z.string().regex(/^[a-z0-9_-]{1,64}$/),
  label: z.string().min(1).max(100),
  terms: z.array(TermSchema).min(1).max(1000),
  /** Patterns that, when present, veto this topic for the post ("down payment" is not an outage). */
  exclude: z.array(TermSchema).max(200).default([]),
});
export type Topic = z.infer<typeof TopicSchema>;

/** A brand's failure-topic taxonomy. */
export const TaxonomySchema = z.object({
  topics: z
    .array(TopicSchema)
    .max(100)
    .refine((ts) => new Set(ts.map((t) => t.id)).size === ts.length, 'topic ids must be unique'),
});
export type Taxonomy = z.infer<typeof TaxonomySchema>;

/**
 * A brand's edits to a base taxonomy: `topics` adds new topics or extends existing ones (more terms and
 * excludes; `replace: true` swaps the terms instead), `remove` drops topics by id.
 */
export const TaxonomyOverrideSchema = z.object({
  topics: z
    .array(
      z.object({
        id: z.string().regex(/^[a-z0-9_-]{1,64}$/),
        label: z.string().min(1).max(100).optional(),
        terms: z.array(TermSchema).max(1000).default([]),
        exclude: z.array(TermSchema).max(200).default([]),
        replace: z.boolean().default(false),
      }),
    )
    .max(100)
    .default([]),
  remove: z.array(z.string()).max(100).default([]),
});
export type TaxonomyOverride = z.input<typeof TaxonomyOverrideSchema>;

const unique = (xs: ReadonlyArray<string>): string[] => [...new Set(xs.map((x) => x.trim().toLowerCase()))];

/** Applies a brand's override (validated here: it comes from config) to a base taxonomy. */
export function mergeTaxonomy(base: Taxonomy, override: unknown): Result<Taxonomy> {
  const parsed = TaxonomyOverrideSchema.safeParse(override);
  if (!parsed.success) return err(appError('taxonomy.invalid', parsed.error.message));
  const edits = parsed.data;
  const removed = new Set(edits.remove);
  const topics: Topic[] = base.topics.filter((t) => !removed.has(t.id)).map((t) => ({ ...t }));
  for (const edit of edits.topics) {
    const i = topics.findIndex((t) => t.id === edit.id);
    const current = topics[i];
    if (current === undefined) {
      if (edit.terms.length === 0) return err(appError('taxonomy.empty-topic', `new topic "${edit.id}" needs terms`));
      topics.push({
        id: edit.id,
        label: edit.label ?? edit.id,
        terms: unique(edit.terms),
        exclude: unique(edit.exclude),
      });
      continue;
    }
    topics[i] = {
      id: current.id,
      label: edit.label ?? current.label,
      terms: unique(edit.replace ? edit.terms : [...current.terms, ...edit.terms]),
      exclude: unique([...current.exclude, ...edit.exclude]),
    };
  }
  const checked = TaxonomySchema.safeParse({ topics });
  return checked.success ? ok(checked.data) : err(appError('taxonomy.invalid', checked.error.message));
}

/** Validates a whole taxonomy from config or persisted JSON. */
export function parseTaxonomy(raw: unknown): Result<Taxonomy> {
  const parsed = TaxonomySchema.safeParse(raw);
  return parsed.success ? ok(parsed.data) : err(appError('taxonomy.invalid', parsed.error.message));
}
