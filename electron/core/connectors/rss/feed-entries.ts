import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { AnyFeed } from 'feedsmith';
import { assertNever } from '../../../../shared/assert-never';
import type { RejectedItem } from '../connector';
import { htmlToText } from '../html-to-text';
import { sampleOf } from '../http/redact';
import { validateEach } from '../http/validate';

/** One feed item in a format-neutral shape, before watchlist matching. */
export interface FeedEntry {
  readonly id: string;
  readonly url?: string;
  readonly title: string;
  readonly text: string;
  /** Epoch ms of publication (or last update), undefined when the feed gives no usable date. */
  readonly date?: number;
  readonly author?: string;
}

const Str = z.string();
const TextConstruct = z.object({ value: Str.optional(), type: Str.optional() });
const Dc = z.object({ creators: z.array(Str).optional(), dates: z.array(Str).optional() }).optional();

const RssItem = z.object({
  title: Str.optional(),
  link: Str.optional(),
  description: Str.optional(),
  guid: z.object({ value: Str.min(1) }).optional(),
  pubDate: Str.optional(),
  authors: z.array(z.object({ name: Str.optional(), email: Str.optional() })).optional(),
  content: z.object({ encoded: Str.optional() }).optional(),
  dc: Dc,
});

const AtomEntry = z.object({
  id: Str.min(1),
  title: TextConstruct.optional(),
  updated: Str.optional(),
  published: Str.optional(),
  links: z.array(z.object({ href: Str, rel: Str.optional() })).optional(),
  summary: TextConstruct.optional(),
  content: TextConstruct.optional(),
  authors: z.array(z.object({ name: Str.optional() })).optional(),
});

const JsonItem = z.object({
  id: z.union([Str.min(1), z.number()]).transform(String),
  url: Str.optional(),
  title: Str.optional(),
  content_html: Str.optional(),
  content_text: Str.optional(),
  summary: Str.optional(),
  date_published: Str.optional(),
  date_modified: Str.optional(),
  authors: z.array(z.object({ name: Str.optional() })).optional(),
});

const MAX_TEXT = 40_000;

function stableId(raw: string): string {
  return raw.length <= 200 ? raw : `sha256:${createHash('sha256').update(raw).digest('hex')}`;
}

function dateOf(...candidates: ReadonlyArray<string | undefined>): number | undefined {
  for (const c of candidates) {
    const t = c === undefined ? NaN : Date.parse(c);
    if (Number.isFinite(t)) return t;
  }
  return undefined;
}

function textOf(construct: z.infer<typeof TextConstruct> | undefined): string {
  if (!construct?.value) return '';
  return construct.type === 'text' ? construct.value.trim() : htmlToText(construct.value);
}

function entry(id: string | undefined, fields: Omit<FeedEntry, 'id'>): FeedEntry | string {
  if (!id) return 'item has neither guid/id nor link';
  const body = [fields.title, fields.text].filter((s) => s.length > 0).join('\n\n');
  if (body.length === 0) return 'item has no title or content';
  return { ...fields, id: stableId(id), text: body.slice(0, MAX_TEXT) };
}

function fromRss(item: z.infer<typeof RssItem>): FeedEntry | string {
  const html = item.content?.encoded ?? item.description ?? '';
  const author = item.dc?.creators?.[0] ?? item.authors?.[0]?.name ?? item.authors?.[0]?.email;
  return entry(item.guid?.value ?? item.link, {
    title: htmlToText(item.title ?? ''),
    text: htmlToText(html),
    ...(item.link ? { url: item.link } : {}),
    ...optionalDate(dateOf(item.pubDate, item.dc?.dates?.[0])),
    ...(author ? { author } : {}),
  });
}

function fromAtom(e: z.infer<typeof AtomEntry>): FeedEntry | string {
  const link = e.links?.find((l) => !l.rel || l.rel === 'alternate')?.href;
  const author = e.authors?.[0]?.name;
  return entry(e.id, {
    title: textOf(e.title),
    text: textOf(e.content ?? e.summary),
    ...(link ? { url: link } : {}),
    ...optionalDate(dateOf(e.published, e.updated)),
    ...(author ? { author } : {}),
  });
}

function fromJson(item: z.infer<typeof JsonItem>): FeedEntry | string {
  const text = item.content_text ?? (item.content_html ? htmlToText(item.content_html) : (item.summary ?? ''));
  const author = item.authors?.[0]?.name;
  return entry(item.id, {
    title: item.title ?? '',
    text: text.trim(),
    ...(item.url ? { url: item.url } : {}),
    ...optionalDate(dateOf(item.date_published, item.date_modified)),
    ...(author ? { author } : {}),
  });
}

const optionalDate = (date: number | undefined): { date?: number } => (date === undefined ? {} : { date });

function collect<T>(
  raw: ReadonlyArray<unknown> | undefined,
  schema: z.ZodType<T>,
  convert: (value: T) => FeedEntry | string,
): { entries: FeedEntry[]; rejected: RejectedItem[] } {
  const valid = validateEach(raw ?? [], schema);
  const entries: FeedEntry[] = [];
  const rejected: RejectedItem[] = [...valid.rejected];
  for (const item of valid.items) {
    const result = convert(item);
    if (typeof result === 'string') rejected.push({ reason: result, sample: sampleOf(item) });
    else entries.push(result);
  }
  return { entries, rejected };
}

/** The entries of a parsed feed of any format; items failing validation are rejected alone. */
export function feedEntries(parsed: AnyFeed): { entries: FeedEntry[]; rejected: RejectedItem[] } {
  switch (parsed.format) {
    case 'rss':
      return collect(parsed.feed.items, RssItem, fromRss);
    case 'rdf':
      return collect(parsed.feed.items, RssItem, fromRss);
    case 'atom':
      return collect(parsed.feed.entries, AtomEntry, fromAtom);
    case 'json':
      return collect(parsed.feed.items, JsonItem, fromJson);
    default:
      return assertNever(parsed, 'feed format');
  }
}
