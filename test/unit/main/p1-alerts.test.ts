import { describe, expect, it } from 'vitest';
import { p1AlertContent, p1AlertFilter } from '../../../electron/main/p1-alerts';
import { IncidentSchema, type Incident } from '../../../shared/incident';

const T0 = Date.UTC(2026, 0, 5, 9, 5);

function incident(id: string, over: Partial<Incident> = {}): Incident {
  return IncidentSchema.parse({
    id,
    title: 'Login failures',
    severity: 'P2',
    state: 'open',
    watchlist: 'nimbus',
    topics: ['login'],
    channels: ['x', 'appstore'],
    openedAt: T0,
    updatedAt: T0,
    resolvedAt: null,
    evidence: {
      series: 'topic:login',
      baselinePerMinute: 1.2,
      observedPerMinute: 14,
      statistic: 'score 0.998, 11.7x baseline',
      startedAt: T0 - 180_000,
      risingTerms: [
        { term: 'log in', lift: 9, count: 30 },
        { term: 'error 503', lift: 7, count: 12 },
        { term: 'logged out', lift: 5, count: 9 },
        { term: 'app', lift: 2, count: 9 },
      ],
      firstPost: null,
      representativePosts: [],
      sourceMix: [{ channel: 'x', count: 30 }],
      sentimentShift: { baselineNegativeShare: 0.2, observedNegativeShare: 0.8 },
      topics: [{ topic: 'login', count: 40 }],
    },
    ...over,
  });
}

describe('p1AlertFilter', () => {
  it('alerts once per open P1, including a P2 upgraded to P1', () => {
    const alerts = p1AlertFilter();
    expect(alerts([incident('a'), incident('b', { severity: 'P3' })])).toEqual([]);
    expect(alerts([incident('a', { severity: 'P1' })]).map((i) => i.id)).toEqual(['a']);
    expect(alerts([incident('a', { severity: 'P1', updatedAt: T0 + 60_000 })])).toEqual([]);
    expect(alerts([incident('c', { severity: 'P1' }), incident('d', { severity: 'P1' })]).map((i) => i.id)).toEqual([
      'c',
      'd',
    ]);
  });

  it('stays quiet for acknowledged, resolved and merged P1s', () => {
    const alerts = p1AlertFilter();
    expect(
      alerts([
        incident('ack', { severity: 'P1', state: 'acknowledged' }),
        incident('done', { severity: 'P1', state: 'resolved', resolvedAt: T0 }),
        incident('merged', { severity: 'P1', mergedInto: 'other' }),
      ]),
    ).toEqual([]);
  });
});

describe('p1AlertContent', () => {
  it('says what broke, how far above usual, where, and the top rising terms', () => {
    expect(p1AlertContent(incident('a', { severity: 'P1' }))).toEqual({
      title: 'P1: Login failures',
      body: '14/min vs 1.2 usual · x, appstore · "log in" "error 503" "logged out"',
    });
  });
});
