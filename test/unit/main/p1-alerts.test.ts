import { describe, expect, it } from 'vitest';
import { alertWantsSound, incidentAlertFilter, p1AlertContent, p1AlertFilter } from '../../../electron/main/p1-alerts';
import { IncidentSchema, type Incident } from '../../../shared/incident';
import { workflowRecord } from '../../helpers/workflow';
import type { Workflow } from '../../../shared/workflow';

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

describe('incidentAlertFilter', () => {
  const workflow = (state: 'new' | 'acknowledged'): Workflow => workflowRecord({ state });

  it('tells supervisors of new P1 and P2, staff of P1 (and of an upgrade to P1), executives of nothing', () => {
    const supervisor = incidentAlertFilter(() => ({ role: 'supervisor', doNotDisturb: false }));
    const staff = incidentAlertFilter(() => ({ role: 'staff', doNotDisturb: false }));
    const executive = incidentAlertFilter(() => ({ role: 'executive', doNotDisturb: false }));
    const batch = [incident('p1', { severity: 'P1' }), incident('p2'), incident('p3', { severity: 'P3' })];
    expect(supervisor(batch).map((i) => i.id)).toEqual(['p1', 'p2']);
    expect(staff(batch).map((i) => i.id)).toEqual(['p1']);
    expect(executive(batch)).toEqual([]);
    expect(supervisor([incident('p2', { severity: 'P1' })]).map((i) => i.id)).toEqual(['p2']);
    expect(staff([incident('p2', { severity: 'P1' })]).map((i) => i.id)).toEqual(['p2']);
    expect(staff([incident('p2', { severity: 'P1' })])).toEqual([]);
  });

  it('stays quiet for incidents people already acknowledged, and under do-not-disturb', () => {
    let dnd = true;
    const alerts = incidentAlertFilter(() => ({ role: 'admin', doNotDisturb: dnd }));
    expect(alerts([incident('quiet', { severity: 'P1' })])).toEqual([]);
    dnd = false;
    expect(alerts([incident('quiet', { severity: 'P1' })])).toEqual([]);
    expect(alerts([incident('acked', { severity: 'P1', workflow: workflow('acknowledged') })])).toEqual([]);
    expect(alerts([incident('fresh', { severity: 'P1', workflow: workflow('new') })]).map((i) => i.id)).toEqual([
      'fresh',
    ]);
  });

  it('chimes for P1 only and titles each notification with its severity', () => {
    expect(alertWantsSound(incident('a', { severity: 'P1' }))).toBe(true);
    expect(alertWantsSound(incident('b'))).toBe(false);
    expect(p1AlertContent(incident('b')).title).toBe('P2: Login failures');
  });
});
