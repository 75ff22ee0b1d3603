import { MentionSchema, type Mention } from '../../../../shared/mention';
import type { MentionPage, MentionSearch } from '../../../../shared/search';
import { decodeCursor, encodeCursor, searchSort, searchWords, type SearchPosition } from '../search-keys';
import type { Queryable } from './connection';

/** Lower-cased, accents removed ("Café" -> "cafe"), compatibility forms unified: how both sides of a search are folded. */
const fold = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .normalize('NFKC')
    .toLowerCase();

/**
 * The words the full-text index holds for a mention: its text and author (handle, name), folded, split into runs
 * of letters and digits (as FTS5's unicode61 does), joined by spaces. PostgreSQL's 'simple' parser then finds
 * just these words, so a host name or an e-mail address is indexed by its parts, as the query splits them.
 */
export function searchText(m: Mention): string {
  const words = fold(`${m.text} ${m.author.handle} ${m.author.name ?? ''}`).match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.join(' ');
}

/** The tsquery of a search's words: each folded and quoted, all required (&), the last a prefix (:*). */
export function tsQuery(words: ReadonlyArray<string>): string {
  const folded = words.flatMap((w) => fold(w).match(/[\p{L}\p{N}]+/gu) ?? []);
  return folded.map((w, i) => `'${w}'${i === folded.length - 1 ? ':*' : ''}`).join(' & ');
}

/** Builds a parameter list: `add(value)` returns its placeholder. */
function parameters(): { values: unknown[]; add(value: unknown): string } {
  const values: unknown[] = [];
  return {
    values,
    add(value) {
      values.push(value);
      return `$${values.length}`;
    },
  };
}

/** The WHERE clauses of a search: its filters, its text, and where its page starts. */
function clauses(q: MentionSearch, at: SearchPosition | null, p: ReturnType<typeof parameters>): string[] {
  const out: string[] = [];
  if (q.channels !== undefined) out.push(`m.channel = ANY(${p.add(q.channels)}::text[])`);
  if (q.sourceIds !== undefined) out.push(`m.source_id = ANY(${p.add(q.sourceIds)}::text[])`);
  if (q.watchlist !== undefined) out.push(`m.watchlist = ${p.add(q.watchlist)}`);
  if (q.sentiment !== undefined) out.push(`m.sentiment = ${p.add(q.sentiment)}`);
  if (q.language !== undefined) out.push(`m.language = ${p.add(q.language)}`);
  if (q.topic !== undefined) out.push(`strpos(m.topics, ${p.add(` ${q.topic} `)}) > 0`);
  if (q.vipOnly === true) out.push('m.vip');
  if (q.minAuthorWeight !== undefined) out.push(`m.author_weight >= ${p.add(q.minAuthorWeight)}`);
  if (q.from !== undefined) out.push(`m.created_at >= ${p.add(q.from)}`);
  if (q.to !== undefined) out.push(`m.created_at < ${p.add(q.to)}`);
  const words = searchWords(q.text);
  const query = tsQuery(words);
  if (query !== '') out.push(`m.search @@ to_tsquery('simple', ${p.add(query)})`);
  if (at?.sort === 'time') out.push(`(m.created_at, m.seq) < (${p.add(at.createdAt)}, ${p.add(at.key)})`);
  if (at?.sort === 'weight') {
    out.push(
      `(m.author_weight, m.created_at, m.seq) < (${p.add(at.weight ?? 0)}, ${p.add(at.createdAt)}, ${p.add(at.key)})`,
    );
  }
  return out;
}

interface Row {
  readonly seq: number;
  readonly created_at: number;
  readonly author_weight: number;
  readonly body: string;
}

/**
 * The PostgreSQL store's `searchMentions`: the tsvector index for text, the filter columns, keyset pages on
 * (created_at, seq) or (author_weight, created_at, seq), newest first; the same cursors as SQLite's. Every value
 * is a parameter. A cursor that does not decode is rejected.
 */
export async function searchMentions(db: Queryable, query: MentionSearch): Promise<MentionPage> {
  const sort = searchSort(query);
  let at: SearchPosition | null = null;
  if (query.cursor !== undefined) {
    const decoded = decodeCursor(query.cursor, sort);
    if (!decoded.ok) throw new Error(decoded.error.message);
    at = decoded.value;
  }
  const p = parameters();
  const where = clauses(query, at, p);
  const order = sort === 'weight' ? 'author_weight DESC, created_at DESC, seq DESC' : 'created_at DESC, seq DESC';
  // Sorting keys only, then reading the page's bodies (as SQLite does).
  const sql = `WITH page AS (SELECT m.seq, m.created_at, m.author_weight FROM mentions AS m
      ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order} LIMIT ${p.add(query.limit + 1)})
    SELECT page.seq, page.created_at, page.author_weight, b.body FROM page JOIN mentions AS b ON b.seq = page.seq
    ORDER BY ${order.replace(/(\w+) DESC/g, 'page.$1 DESC')}`;
  const { rows } = await db.query<Row>(sql, p.values);
  const items = rows.slice(0, query.limit);
  const last = items[items.length - 1];
  const next =
    rows.length > query.limit && last !== undefined
      ? encodeCursor({
          sort,
          createdAt: last.created_at,
          key: last.seq,
          ...(sort === 'weight' ? { weight: last.author_weight } : {}),
        })
      : null;
  return { items: items.map((r) => MentionSchema.parse(JSON.parse(r.body))), next };
}
