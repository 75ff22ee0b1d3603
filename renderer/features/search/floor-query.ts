import type { Channel, Mention, SentimentLabel } from '../../../shared/mention';
import type { MentionSearch } from '../../../shared/search';

/** The staff floor's filters (the search text lives in the triage slice's `searchQuery`). */
export interface FloorFilters {
  /** Empty: every channel. */
  readonly channels: ReadonlyArray<Channel>;
  readonly watchlist: string | null;
  readonly sentiment: SentimentLabel | null;
  readonly topic: string | null;
  readonly language: string | null;
  readonly vipOnly: boolean;
  /** Only authors at least this heavy (1 = an ordinary customer); null: anyone. */
  readonly minAuthorWeight: number | null;
  readonly sort: 'time' | 'weight';
}

/** No filter, newest first. */
export const NO_FILTERS: FloorFilters = {
  channels: [],
  watchlist: null,
  sentiment: null,
  topic: null,
  language: null,
  vipOnly: false,
  minAuthorWeight: null,
  sort: 'time',
};

/** How many posts one history page asks the hub for. */
export const HISTORY_PAGE = 100;

/** Folds accents and case, as the hub's full-text index does. */
const fold = (s: string): string => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** The words of a search as the hub reads them: runs of letters and digits (see electron/core/store/search-keys). */
export const queryWords = (text: string): string[] =>
  fold(text)
    .match(/[\p{L}\p{N}]+/gu)
    ?.slice(0, 16) ?? [];

/** True when no filter narrows and there is no search text: the plain live feed. */
export const isPlainFeed = (f: FloorFilters, text: string): boolean =>
  JSON.stringify(f) === JSON.stringify(NO_FILTERS) && queryWords(text).length === 0;

/** One key per distinct search: history pages belong to the key they were asked for. */
export const feedKey = (f: FloorFilters, text: string): string => JSON.stringify([f, queryWords(text)]);

/** Whether a buffered post matches the words like the hub's index would: all of them, the last as a prefix. */
function matchesWords(m: Mention, words: ReadonlyArray<string>): boolean {
  if (words.length === 0) return true;
  const tokens = queryWords(`${m.text} ${m.author.handle} ${m.author.name ?? ''}`);
  return words.every((w, i) => (i === words.length - 1 ? tokens.some((t) => t.startsWith(w)) : tokens.includes(w)));
}

/** Whether a buffered post passes the filters and words (the live part of the feed, filtered in the wall). */
export function matchesFloor(m: Mention, f: FloorFilters, words: ReadonlyArray<string>): boolean {
  const e = m.enrichment;
  if (f.channels.length > 0 && !f.channels.includes(m.channel)) return false;
  if (f.watchlist !== null && m.watchlist !== f.watchlist) return false;
  if (f.sentiment !== null && e.sentiment.label !== f.sentiment) return false;
  if (f.topic !== null && !e.topics.some((t) => t.topic === f.topic)) return false;
  if (f.language !== null && e.language !== f.language) return false;
  if (f.vipOnly && !e.vip) return false;
  if (f.minAuthorWeight !== null && e.authorWeight < f.minAuthorWeight) return false;
  return matchesWords(m, words);
}

/** The hub request for the next history page of a search (`to`: only posts older than the live buffer). */
export function historyRequest(f: FloorFilters, text: string, page: { cursor?: string; to?: number }): MentionSearch {
  const words = queryWords(text);
  return {
    limit: HISTORY_PAGE,
    sort: f.sort,
    ...(words.length > 0 ? { text: words.join(' ') } : {}),
    ...(f.channels.length > 0 ? { channels: [...f.channels] } : {}),
    ...(f.watchlist !== null ? { watchlist: f.watchlist } : {}),
    ...(f.sentiment !== null ? { sentiment: f.sentiment } : {}),
    ...(f.topic !== null ? { topic: f.topic } : {}),
    ...(f.language !== null ? { language: f.language } : {}),
    ...(f.vipOnly ? { vipOnly: true } : {}),
    ...(f.minAuthorWeight !== null ? { minAuthorWeight: f.minAuthorWeight } : {}),
    ...(page.cursor !== undefined ? { cursor: page.cursor } : {}),
    ...(page.to !== undefined ? { to: page.to } : {}),
  };
}

/** Heaviest author first, newest first among equals. */
const byWeight = (a: Mention, b: Mention): number =>
  b.enrichment.authorWeight - a.enrichment.authorWeight || b.createdAt - a.createdAt;

/** Pages read from the hub for one search. */
export interface HistoryPages {
  readonly items: ReadonlyArray<Mention>;
  /** The cursor of the next page; null at the end of history; undefined before the first page. */
  readonly next: string | null | undefined;
}

/**
 * The feed as shown. By time: the live posts that match, then the older history pages (asked for below the live
 * buffer). By weight: the hub's pages, with live posts merged in only down to the last page read (further down,
 * the next page brings them in order).
 */
export function mergeFeed(live: ReadonlyArray<Mention>, history: HistoryPages, sort: 'time' | 'weight'): Mention[] {
  const seen = new Set<string>();
  const once = (m: Mention): boolean => (seen.has(m.id) ? false : (seen.add(m.id), true));
  if (sort === 'time') return [...live, ...history.items].filter(once);
  const last = history.items.at(-1);
  const limited = history.next === null || last === undefined ? live : live.filter((m) => byWeight(m, last) <= 0);
  return [...history.items, ...limited].filter(once).sort(byWeight);
}
