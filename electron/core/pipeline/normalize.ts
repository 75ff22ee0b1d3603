import type { Author, Mention, RawMention } from '../../../shared/mention';

/** Longest text we keep; longer posts (Reddit self-posts, long reviews) are cut with an ellipsis. */
export const MAX_TEXT_LENGTH = 10_000;
/** A post dated further in the future than this is treated as received now (clock skew, bad data). */
const MAX_FUTURE_SKEW_MS = 5 * 60_000;

// Control characters other than tab and newline; bidi overrides that can disguise text on the wall.
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/g;

/** Cleans a post's text: unsafe control and bidi-override characters removed, whitespace trimmed, length capped. */
export function cleanText(text: string): string {
  const cleaned = text.replace(UNSAFE_CHARS, '').replace(/\r\n?/g, '\n').trim();
  return cleaned.length > MAX_TEXT_LENGTH ? `${cleaned.slice(0, MAX_TEXT_LENGTH - 1)}…` : cleaned;
}

/** Cleans a one-line label (a handle, a display name): unsafe characters removed, whitespace runs made one space. */
export function cleanLabel(label: string): string {
  return label.replace(UNSAFE_CHARS, '').replace(/\s+/g, ' ').trim();
}

/** The author with a handle and name that cannot disguise themselves (bidi overrides) or break a line. */
export function cleanAuthor(author: Author): Author {
  const handle = cleanLabel(author.handle) || 'anonymous';
  return { ...author, handle, ...(author.name !== undefined ? { name: cleanLabel(author.name) } : {}) };
}

/** What normalizing needs to know besides the raw item. */
export interface NormalizeContext {
  readonly sourceId: string;
  readonly receivedAt: number;
}

/** A post in the one mention model before enrichment and attribution; `claimedWatchlist` is the source's own. */
export type NormalizedMention = Omit<Mention, 'enrichment' | 'language' | 'watchlist'> & {
  readonly claimedWatchlist?: string;
};

/** Turns a validated raw item into the one mention model: id, cleaned text, sane times, safe link. Pure. */
export function normalizeMention(raw: RawMention, ctx: NormalizeContext): NormalizedMention {
  const text = cleanText(raw.text);
  const createdAt = raw.createdAt > ctx.receivedAt + MAX_FUTURE_SKEW_MS ? ctx.receivedAt : raw.createdAt;
  const author = cleanAuthor(raw.author);
  return {
    id: `${ctx.sourceId}:${raw.externalId}`,
    sourceId: ctx.sourceId,
    channel: raw.channel,
    externalId: raw.externalId,
    ...(raw.url !== undefined && isWebUrl(raw.url) ? { url: raw.url } : {}),
    author,
    text,
    createdAt,
    receivedAt: ctx.receivedAt,
    metadata: raw.metadata ?? {},
    ...(raw.watchlist !== undefined ? { claimedWatchlist: raw.watchlist } : {}),
  };
}

/** Only http(s) links are kept: a post's URL is untrusted input that the wall may open. */
export function isWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}
