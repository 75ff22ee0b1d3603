import { appError, err, ok, type Result } from '../../../../shared/result';
import { combine, type QueryNode } from './ast';

type Token =
  | { readonly t: 'word'; readonly value: string; readonly pos: number; readonly negated: boolean }
  | { readonly t: 'phrase'; readonly value: string; readonly pos: number; readonly negated: boolean }
  | { readonly t: 'and' | 'or' | 'not' | 'rparen'; readonly pos: number }
  | { readonly t: 'lparen'; readonly pos: number; readonly negated: boolean };

/** Longest query we accept: protects the parser and keeps mapped queries within API limits. */
export const MAX_QUERY_LENGTH = 1000;

/**
 * Parses a boolean watchlist query: AND, OR, NOT (upper case), parentheses, "quoted phrases",
 * -exclusions and implicit AND between adjacent terms. AND binds tighter than OR.
 * Errors name the column, e.g. `unclosed "(" at column 7`.
 */
export function parseQuery(text: string): Result<QueryNode> {
  if (text.length > MAX_QUERY_LENGTH)
    return err(appError('query-too-long', `query is longer than ${MAX_QUERY_LENGTH} characters`));
  const tokens = tokenize(text);
  if (!tokens.ok) return tokens;
  if (tokens.value.length === 0) return err(appError('query-empty', 'query is empty'));
  const parser = new Parser(tokens.value);
  return parser.parseAll();
}

function tokenize(text: string): Result<ReadonlyArray<Token>> {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const negated = ch === '-' && i + 1 < text.length && /[^\s-]/.test(text[i + 1] as string);
    const start = negated ? i + 1 : i;
    const c = text[start] as string;
    if (c === '(') {
      out.push({ t: 'lparen', pos: i, negated });
      i = start + 1;
    } else if (c === ')') {
      out.push({ t: 'rparen', pos: i });
      i = start + 1;
    } else if (c === '"') {
      const end = text.indexOf('"', start + 1);
      if (end < 0) return err(appError('query-syntax', `unclosed quote at column ${i + 1}`));
      const value = text
        .slice(start + 1, end)
        .trim()
        .replace(/\s+/g, ' ');
      if (value.length === 0) return err(appError('query-syntax', `empty phrase at column ${i + 1}`));
      out.push({ t: 'phrase', value, pos: i, negated });
      i = end + 1;
    } else {
      let end = start;
      while (end < text.length && !/[\s()"]/.test(text[end] as string)) end++;
      const value = text.slice(start, end);
      out.push(wordToken(value, i, negated));
      i = end;
    }
  }
  return ok(out);
}

function wordToken(value: string, pos: number, negated: boolean): Token {
  if (!negated && (value === 'AND' || value === 'OR' || value === 'NOT')) {
    return { t: value === 'AND' ? 'and' : value === 'OR' ? 'or' : 'not', pos };
  }
  return { t: 'word', value, pos, negated };
}

class Parser {
  private i = 0;
  constructor(private readonly tokens: ReadonlyArray<Token>) {}

  parseAll(): Result<QueryNode> {
    const node = this.parseOr();
    if (!node.ok) return node;
    const rest = this.tokens[this.i];
    if (rest) return err(appError('query-syntax', `unexpected ${describe(rest)} at column ${rest.pos + 1}`));
    return node;
  }

  private parseOr(): Result<QueryNode> {
    const parts: QueryNode[] = [];
    for (;;) {
      const part = this.parseAnd();
      if (!part.ok) return part;
      parts.push(part.value);
      if (this.peek()?.t !== 'or') return ok(combine('or', parts));
      this.i++;
    }
  }

  private parseAnd(): Result<QueryNode> {
    const parts: QueryNode[] = [];
    for (;;) {
      const part = this.parseUnary();
      if (!part.ok) return part;
      parts.push(part.value);
      const next = this.peek();
      if (next?.t === 'and') {
        this.i++;
        continue;
      }
      if (!next || next.t === 'or' || next.t === 'rparen') return ok(combine('and', parts));
    }
  }

  private parseUnary(): Result<QueryNode> {
    const tok = this.peek();
    if (!tok) return err(appError('query-syntax', 'query ends where a term was expected'));
    this.i++;
    switch (tok.t) {
      case 'not': {
        const child = this.parseUnary();
        return child.ok ? ok({ kind: 'not', child: child.value }) : child;
      }
      case 'word':
        return ok(negate({ kind: 'term', value: tok.value }, tok.negated));
      case 'phrase':
        return ok(negate({ kind: 'phrase', value: tok.value }, tok.negated));
      case 'lparen':
        return this.parseGroup(tok.pos, tok.negated);
      case 'and':
      case 'or':
      case 'rparen':
        return err(appError('query-syntax', `unexpected ${describe(tok)} at column ${tok.pos + 1}`));
    }
  }

  private parseGroup(pos: number, negated: boolean): Result<QueryNode> {
    if (this.peek()?.t === 'rparen') return err(appError('query-syntax', `empty parentheses at column ${pos + 1}`));
    const inner = this.parseOr();
    if (!inner.ok) return inner;
    if (this.peek()?.t !== 'rparen') return err(appError('query-syntax', `unclosed "(" at column ${pos + 1}`));
    this.i++;
    return ok(negate(inner.value, negated));
  }

  private peek(): Token | undefined {
    return this.tokens[this.i];
  }
}

function negate(node: QueryNode, negated: boolean): QueryNode {
  return negated ? { kind: 'not', child: node } : node;
}

function describe(tok: Token): string {
  switch (tok.t) {
    case 'and':
      return '"AND"';
    case 'or':
      return '"OR"';
    case 'not':
      return '"NOT"';
    case 'lparen':
      return '"("';
    case 'rparen':
      return '")"';
    case 'word':
    case 'phrase':
      return `"${tok.value}"`;
  }
}
