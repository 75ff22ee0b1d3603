import { describe, expect, it } from 'vitest';
import {
  compileQuery,
  matches,
  parseQuery,
  toBlueskyQueries,
  toMastodonTags,
  toRedditQuery,
  toXQuery,
  type QueryNode,
} from '../../../../electron/core/connectors/query';

function parse(q: string): QueryNode {
  const r = parseQuery(q);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('parseQuery', () => {
  it('builds an AST with implicit AND binding tighter than OR', () => {
    expect(parse('acme login OR "log in" -refund')).toEqual({
      kind: 'or',
      children: [
        {
          kind: 'and',
          children: [
            { kind: 'term', value: 'acme' },
            { kind: 'term', value: 'login' },
          ],
        },
        {
          kind: 'and',
          children: [
            { kind: 'phrase', value: 'log in' },
            { kind: 'not', child: { kind: 'term', value: 'refund' } },
          ],
        },
      ],
    });
  });

  it('handles NOT, explicit AND, parentheses and negated groups', () => {
    expect(parse('acme AND (down OR outage) NOT test -(a b)')).toEqual({
      kind: 'and',
      children: [
        { kind: 'term', value: 'acme' },
        {
          kind: 'or',
          children: [
            { kind: 'term', value: 'down' },
            { kind: 'term', value: 'outage' },
          ],
        },
        { kind: 'not', child: { kind: 'term', value: 'test' } },
        {
          kind: 'not',
          child: {
            kind: 'and',
            children: [
              { kind: 'term', value: 'a' },
              { kind: 'term', value: 'b' },
            ],
          },
        },
      ],
    });
  });

  it.each([
    ['', 'query is empty'],
    ['acme (down', 'unclosed "(" at column 6'],
    ['acme "log in', 'unclosed quote at column 6'],
    ['acme OR', 'query ends where a term was expected'],
    ['OR acme', 'unexpected "OR" at column 1'],
    ['acme )', 'unexpected ")" at column 6'],
    ['acme ()', 'empty parentheses at column 6'],
  ])('reports %j readably', (q, message) => {
    const r = parseQuery(q);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toBe(message);
  });
});

describe('matches', () => {
  it('is case-insensitive and word-boundary aware', () => {
    const q = parse('bank');
    expect(matches(q, 'My BANK is down')).toBe(true);
    expect(matches(q, 'online banking is down')).toBe(false);
    expect(matches(q, '#Bank down again')).toBe(true);
    expect(matches(parse('bank*'), 'online banking is down')).toBe(true);
  });

  it('matches phrases as consecutive words', () => {
    const q = parse('"log in"');
    expect(matches(q, "Can't LOG  IN since 9am")).toBe(true);
    expect(matches(q, 'log me in')).toBe(false);
  });

  it('applies AND, OR and exclusions', () => {
    const m = compileQuery(parse('acme (outage OR down OR "error 503") -refund'));
    expect(m('Acme app down again')).toBe(true);
    expect(m('acme: Error 503 on checkout')).toBe(true);
    expect(m('acme down, want a refund')).toBe(false);
    expect(m('acme is great')).toBe(false);
  });

  it('treats hyphenated terms as phrases and handles apostrophes', () => {
    expect(matches(parse('error-503'), 'got error 503')).toBe(true);
    expect(matches(parse("can't"), 'I can’t pay')).toBe(true);
  });
});

describe('mappers', () => {
  it('renders X syntax with pushed-down negation and options', () => {
    const r = toXQuery(parse('acme (outage OR "log in") NOT (refund OR promo)'), { lang: 'en' });
    expect(r).toEqual({ ok: true, value: 'acme (outage OR "log in") -refund -promo -is:retweet lang:en' });
    expect(toXQuery(parse('a OR b'))).toEqual({ ok: true, value: '(a OR b) -is:retweet' });
    expect(toXQuery(parse('#acme @acmehelp'), { excludeRetweets: false })).toEqual({
      ok: true,
      value: '#acme @acmehelp',
    });
    const neg = toXQuery(parse('-spam'));
    expect(neg.ok).toBe(false);
    const long = toXQuery(parse('x'.repeat(600)));
    expect(long.ok).toBe(false);
  });

  it('renders Reddit syntax', () => {
    expect(toRedditQuery(parse('acme (outage OR "log in") -refund'))).toBe(
      'acme AND (outage OR "log in") AND NOT refund',
    );
  });

  it('splits OR into Bluesky queries and flags hub filtering', () => {
    expect(toBlueskyQueries(parse('acme "log in"'))).toEqual({ queries: ['acme "log in"'], hubFilter: false });
    expect(toBlueskyQueries(parse('acme (down OR outage) -refund'))).toEqual({
      queries: ['acme down', 'acme outage'],
      hubFilter: true,
    });
    const wide = toBlueskyQueries(parse('acme (a OR b OR c) (d OR e OR f)'));
    expect(wide).toEqual({ queries: ['acme'], hubFilter: true });
  });

  it('maps to Mastodon hashtags', () => {
    expect(toMastodonTags(parse('acme'))).toEqual({ tags: ['acme'], hubFilter: false });
    expect(toMastodonTags(parse('"Acme Bank" OR acmebank -spam'))).toEqual({ tags: ['acmebank'], hubFilter: true });
  });
});
