import type { Mention } from '../../../shared/mention';
import type { MentionPage, MentionSearch } from '../../../shared/search';
import { csvLine } from './csv';

/** Rows one export holds unless the caller asks for fewer. */
export const DEFAULT_EXPORT_ROWS = 10_000;
/** The most rows one export may hold: bounds the hub's work and the size of one message. */
export const MAX_EXPORT_ROWS = 20_000;
/** The most characters one export may hold (about 16 MB of text), whatever the row cap. */
export const MAX_EXPORT_CHARS = 16_000_000;
/** Mentions read per store page while exporting. */
export const EXPORT_PAGE = 200;

/** Reads one page of a search: the store's (`mentions:search`) or a stand-in with the same shape. */
export type SearchMentions = (query: MentionSearch) => Promise<MentionPage>;

/** The filter an export applies: a search without its paging. */
export type ExportFilter = Omit<MentionSearch, 'cursor' | 'limit'>;

/** What an export made: the file, how many rows it holds, whether the cap cut it, and a sentence saying so. */
export interface MentionExport {
  readonly filename: string;
  readonly content: string;
  readonly rows: number;
  readonly truncated: boolean;
  readonly message: string;
}

/** The CSV columns, in order. */
export const CSV_COLUMNS = [
  'id',
  'created_at',
  'channel',
  'source_id',
  'watchlist',
  'author',
  'author_weight',
  'vip',
  'language',
  'sentiment',
  'sentiment_score',
  'topics',
  'url',
  'text',
] as const;

/** One mention as a CSV line, in CSV_COLUMNS order. */
export function mentionCsvLine(m: Mention): string {
  const e = m.enrichment;
  return csvLine([
    m.id,
    new Date(m.createdAt).toISOString(),
    m.channel,
    m.sourceId,
    m.watchlist,
    m.author.handle,
    e.authorWeight,
    e.vip,
    e.language,
    e.sentiment.label,
    e.sentiment.score,
    e.topics.map((t) => t.topic).join(' '),
    m.url ?? '',
    m.text,
  ]);
}

const stamp = (now: number): string => new Date(now).toISOString().slice(0, 16).replace(/[-:T]/g, '');

/**
 * Exports every mention the filter matches, page by page through `search` (the same query the feed runs),
 * as CSV (a header, one line per mention) or JSON lines (one stored mention per line). Stops at `maxRows` or
 * MAX_EXPORT_CHARS and says so: a cut export is never passed off as the whole.
 */
export async function exportMentions(input: {
  readonly search: SearchMentions;
  readonly filter: ExportFilter;
  readonly format: 'csv' | 'jsonl';
  readonly maxRows?: number;
  readonly now: number;
}): Promise<MentionExport> {
  const cap = Math.min(MAX_EXPORT_ROWS, input.maxRows ?? DEFAULT_EXPORT_ROWS);
  const line = input.format === 'csv' ? mentionCsvLine : (m: Mention): string => `${JSON.stringify(m)}\n`;
  const parts: string[] = input.format === 'csv' ? [csvLine(CSV_COLUMNS)] : [];
  let chars = parts[0]?.length ?? 0;
  let rows = 0;
  let cursor: string | undefined;
  let truncated = false;
  for (;;) {
    const limit = Math.min(EXPORT_PAGE, cap - rows + 1);
    const page = await input.search({ ...input.filter, limit, ...(cursor === undefined ? {} : { cursor }) });
    for (const m of page.items) {
      const text = line(m);
      if (rows >= cap || chars + text.length > MAX_EXPORT_CHARS) {
        truncated = true;
        break;
      }
      parts.push(text);
      chars += text.length;
      rows += 1;
    }
    if (truncated || page.next === null || page.items.length === 0) break;
    cursor = page.next;
  }
  const filename = `earshot-mentions-${stamp(input.now)}.${input.format}`;
  const message = truncated
    ? `Exported the first ${rows} matching mentions: the export stops at ${rows >= cap ? `${cap} rows` : 'about 16 MB'}. Narrow the filter (a shorter period, a source) to get the rest.`
    : `Exported ${rows} matching ${rows === 1 ? 'mention' : 'mentions'}.`;
  return { filename, content: parts.join(''), rows, truncated, message };
}
