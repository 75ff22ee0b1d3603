import type { Mention } from '../../../shared/mention';
import type { MentionPage, MentionSearch } from '../../../shared/search';
import type { Store } from '../store/repository';
import type { SearchMentions } from './mentions-export';

/** Stored mentions read per scan step. */
const SCAN_STEP = 1000;
/** The most mentions one page may scan before it answers (with a cursor to go on): bounds one call's work. */
const SCAN_BUDGET = 20_000;

/** Whether `m` passes every filter of `q` except the period and paging (the text filter as FTS would: all words, last a prefix). */
export function matchesSearch(m: Mention, q: MentionSearch): boolean {
  const e = m.enrichment;
  if (q.channels !== undefined && !q.channels.includes(m.channel)) return false;
  if (q.sourceIds !== undefined && !q.sourceIds.includes(m.sourceId)) return false;
  if (q.watchlist !== undefined && m.watchlist !== q.watchlist) return false;
  if (q.sentiment !== undefined && e.sentiment.label !== q.sentiment) return false;
  if (q.topic !== undefined && !e.topics.some((t) => t.topic === q.topic)) return false;
  if (q.language !== undefined && e.language !== q.language) return false;
  if (q.vipOnly === true && !e.vip) return false;
  if (q.minAuthorWeight !== undefined && e.authorWeight < q.minAuthorWeight) return false;
  return q.text === undefined || matchesText(m.text, q.text);
}

function matchesText(text: string, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const tokens = text.toLowerCase().split(/[^\p{L}\p{N}]+/u);
  return words.every((w, i) => tokens.some((t) => (i === words.length - 1 ? t.startsWith(w) : t === w)));
}

const parseCursor = (cursor: string | undefined): { at: number; id: string } | null => {
  const m = cursor === undefined ? null : /^(\d+):(.+)$/.exec(cursor);
  return m === null ? null : { at: Number(m[1]), id: m[2] ?? '' };
};

/**
 * A stand-in for the store's indexed search (helper "floor" adds `mentions:search` with FTS5): scans stored
 * mentions oldest first through `mentionsBetween` and filters them here, with the same query and page shape.
 * Exports use it until the store answers searches itself; `sort: 'weight'` is read in time order.
 */
export function scanSearch(store: Pick<Store, 'mentionsBetween'>): SearchMentions {
  return async (q: MentionSearch): Promise<MentionPage> => {
    let after = parseCursor(q.cursor);
    const to = q.to ?? Number.MAX_SAFE_INTEGER;
    const watchlist = q.watchlist === undefined ? {} : { watchlist: q.watchlist };
    const items: Mention[] = [];
    let scanned = 0;
    for (;;) {
      const from = after?.at ?? q.from ?? 0;
      const batch = await store.mentionsBetween({ from, to, limit: SCAN_STEP, ...watchlist });
      const fresh = batch.filter((m) => after === null || m.createdAt > after.at || m.id > after.id);
      for (const m of fresh) {
        scanned += 1;
        if (matchesSearch(m, q)) items.push(m);
        if (items.length === q.limit || scanned >= SCAN_BUDGET) return { items, next: `${m.createdAt}:${m.id}` };
      }
      const last = batch.at(-1);
      if (last === undefined || batch.length < SCAN_STEP) return { items, next: null };
      // A whole step inside one millisecond would read the same rows again: step past that millisecond.
      after = fresh.length === 0 ? { at: last.createdAt + 1, id: '' } : { at: last.createdAt, id: last.id };
    }
  };
}
