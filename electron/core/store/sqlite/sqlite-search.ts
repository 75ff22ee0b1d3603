import type Database from 'better-sqlite3';
import { MentionSchema, type Mention } from '../../../../shared/mention';
import type { MentionPage, MentionSearch } from '../../../../shared/search';
import { decodeCursor, encodeCursor, searchSort, searchWords, type SearchPosition } from '../search-keys';

/** The filter columns a mention row carries besides its body (migration 4), from the mention itself. */
export function searchColumns(m: Mention): {
  sentiment: string;
  language: string;
  authorWeight: number;
  vip: number;
  topics: string;
} {
  const e = m.enrichment;
  const topics = e.topics.map((t) => t.topic).join(' ');
  return {
    sentiment: e.sentiment.label,
    language: e.language,
    authorWeight: e.authorWeight,
    vip: e.vip ? 1 : 0,
    topics: ` ${topics} `,
  };
}

/** The FTS5 query of a search's words: each quoted (no operator reaches FTS5), all required, the last a prefix. */
export function ftsQuery(words: ReadonlyArray<string>): string {
  return words.map((w, i) => `"${w.replaceAll('"', '')}"${i === words.length - 1 ? '*' : ''}`).join(' ');
}

type Params = Record<string, string | number>;

/** The WHERE clauses and parameters of a search's filters (not its text or cursor). */
function filterClauses(q: MentionSearch): { clauses: string[]; params: Params } {
  const clauses: string[] = [];
  const params: Params = {};
  const list = (column: string, name: string, values: ReadonlyArray<string> | undefined): void => {
    if (values === undefined) return;
    clauses.push(`m.${column} IN (SELECT value FROM json_each(@${name}))`);
    params[name] = JSON.stringify(values);
  };
  list('channel', 'channels', q.channels);
  list('source_id', 'sourceIds', q.sourceIds);
  const equal = (column: string, name: string, value: string | undefined): void => {
    if (value === undefined) return;
    clauses.push(`m.${column} = @${name}`);
    params[name] = value;
  };
  equal('watchlist', 'watchlist', q.watchlist);
  equal('sentiment', 'sentiment', q.sentiment);
  equal('language', 'language', q.language);
  if (q.topic !== undefined) {
    clauses.push(`instr(m.topics, @topic) > 0`);
    params.topic = ` ${q.topic} `;
  }
  if (q.vipOnly === true) clauses.push('m.vip = 1');
  if (q.minAuthorWeight !== undefined) {
    clauses.push('m.author_weight >= @minWeight');
    params.minWeight = q.minAuthorWeight;
  }
  if (q.from !== undefined) {
    clauses.push('m.created_at >= @from');
    params.from = q.from;
  }
  if (q.to !== undefined) {
    clauses.push('m.created_at < @to');
    params.to = q.to;
  }
  return { clauses, params };
}

/** The clause that starts a page after `at`, in the sort's order (descending keys). */
function afterClause(at: SearchPosition | null): { clause: string | null; params: Params } {
  if (at === null) return { clause: null, params: {} };
  const params: Params = { atTime: at.createdAt, atKey: at.key };
  if (at.sort === 'time') return { clause: '(m.created_at, m.seq) < (@atTime, @atKey)', params };
  return {
    clause: '(m.author_weight, m.created_at, m.seq) < (@atWeight, @atTime, @atKey)',
    params: { ...params, atWeight: at.weight ?? 0 },
  };
}

/** The SQL and parameters of one search page (`limit + 1` rows, to learn whether another page follows). */
export function searchSql(q: MentionSearch, at: SearchPosition | null): { sql: string; params: Params } {
  const filters = filterClauses(q);
  const after = afterClause(at);
  const words = searchWords(q.text);
  const clauses = [...filters.clauses, ...(after.clause === null ? [] : [after.clause])];
  const params: Params = { ...filters.params, ...after.params, limit: q.limit + 1 };
  let from = 'mentions AS m';
  if (words.length > 0) {
    from = 'mention_fts JOIN mentions AS m ON m.seq = mention_fts.rowid';
    clauses.unshift('mention_fts MATCH @match');
    params.match = ftsQuery(words);
  }
  const order =
    searchSort(q) === 'weight'
      ? 'm.author_weight DESC, m.created_at DESC, m.seq DESC'
      : 'm.created_at DESC, m.seq DESC';
  const where = clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '';
  // Sorting keys only, then reading the page's bodies: a sorter fed whole bodies is ~10x slower on common words.
  const sql = `WITH page AS (SELECT m.seq, m.created_at, m.author_weight FROM ${from} ${where} ORDER BY ${order} LIMIT @limit)
    SELECT page.seq, page.created_at, page.author_weight, b.body FROM page JOIN mentions AS b ON b.seq = page.seq
    ORDER BY ${order.replaceAll('m.', 'page.')}`;
  return { sql, params };
}

interface Row {
  readonly seq: number;
  readonly created_at: number;
  readonly author_weight: number;
  readonly body: string;
}

/** Most distinct prepared search statements kept (one per combination of filters used). */
const STATEMENT_CACHE = 64;

/** The SQLite store's `searchMentions`: FTS5 for text, keyset pages, one prepared statement per filter shape. */
export function sqliteSearch(db: Database.Database): (query: MentionSearch) => MentionPage {
  const statements = new Map<string, Database.Statement>();
  const prepare = (sql: string): Database.Statement => {
    const cached = statements.get(sql);
    if (cached) return cached;
    if (statements.size >= STATEMENT_CACHE) statements.clear();
    const statement = db.prepare(sql);
    statements.set(sql, statement);
    return statement;
  };
  return (query) => {
    const sort = searchSort(query);
    let at: SearchPosition | null = null;
    if (query.cursor !== undefined) {
      const decoded = decodeCursor(query.cursor, sort);
      if (!decoded.ok) throw new Error(decoded.error.message);
      at = decoded.value;
    }
    const { sql, params } = searchSql(query, at);
    const rows = prepare(sql).all(params) as Row[];
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    const next =
      rows.length > query.limit && last !== undefined
        ? encodeCursor({
            sort,
            createdAt: last.created_at,
            key: last.seq,
            ...(sort === 'weight' ? { weight: last.author_weight } : {}),
          })
        : null;
    return { items: page.map((r) => MentionSchema.parse(JSON.parse(r.body))), next };
  };
}
