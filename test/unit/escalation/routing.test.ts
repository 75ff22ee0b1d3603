import { describe, expect, it } from 'vitest';
import { EscalationConfigSchema, type EscalationConfig } from '../../../electron/core/escalation/escalation-config';
import {
  planRepeats,
  planTransition,
  routeMatches,
  type HistoryRow,
  type PlanInput,
} from '../../../electron/core/escalation/routing';
import { inWindow, windowEnd } from '../../../electron/core/escalation/time-window';
import type { Incident } from '../../../shared/incident';
import { sampleIncident, withWorkflow } from '../../fixtures/receivers/sample-incident';

/** Monday 5 January 2026, 09:00 UTC (10:00 in Paris). */
const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const MIN = 60_000;

function config(input: unknown): EscalationConfig {
  return EscalationConfigSchema.parse(input);
}

const TARGETS = [
  { id: 'slack-care', kind: 'slack' },
  { id: 'pd-identity', kind: 'pagerduty' },
  { id: 'mail-leads', kind: 'email', host: 'smtp.example.com', from: 'earshot@example.com', to: ['leads@example.com'] },
];

function input(
  cfg: EscalationConfig,
  incident: Incident,
  now: number,
  history: HistoryRow[] = [],
  counts = 0,
): PlanInput {
  return { config: cfg, incident, now, history, sentLastHour: () => counts };
}

const targetsOf = (planned: ReadonlyArray<{ targetId: string }>) => planned.map((p) => p.targetId).sort();

describe('route matching', () => {
  const incident = sampleIncident('a', T0);
  it('matches on severity, topic, watchlist and channel; an absent filter matches anything', () => {
    const base = { targets: ['slack-care'], on: ['opened'] as const, groupWaitSeconds: 0 };
    const m = (extra: object) => routeMatches({ ...base, on: ['opened'], ...extra }, incident, T0, 'UTC');
    expect(m({})).toBe(true);
    expect(m({ severities: ['P1'] })).toBe(false);
    expect(m({ severities: ['P1', 'P2'] })).toBe(true);
    expect(m({ topics: ['payments'] })).toBe(false);
    expect(m({ topics: ['payments', 'login'] })).toBe(true);
    expect(m({ watchlists: ['competitor'] })).toBe(false);
    expect(m({ channels: ['reddit'] })).toBe(true);
    expect(m({ channels: ['appstore'] })).toBe(false);
  });

  it('matches a time-of-day window in the configured time zone', () => {
    const office = {
      targets: ['slack-care'],
      on: ['opened' as const],
      groupWaitSeconds: 0,
      timeOfDay: { start: '08:00', end: '10:00' },
    };
    expect(routeMatches(office, incident, T0, 'UTC')).toBe(true); // 09:00 UTC
    expect(routeMatches(office, incident, T0, 'Europe/Paris')).toBe(false); // 10:00 in Paris
  });
});

describe('planning a transition', () => {
  const cfg = config({
    targets: TARGETS,
    routes: [
      { targets: ['slack-care'], severities: ['P1', 'P2'] },
      { targets: ['pd-identity'], topics: ['login'], on: ['escalated'] },
      { targets: ['mail-leads'], severities: ['P1'] },
    ],
  });
  const incident = sampleIncident('a', T0);

  it('sends opened to matching routes that start on opened', () => {
    expect(targetsOf(planTransition(input(cfg, incident, T0), 'opened'))).toEqual(['slack-care']);
  });

  it('sends escalated to routes that start on escalation and to targets already told', () => {
    const told: HistoryRow[] = [
      { targetId: 'slack-care', transition: 'opened', seq: 0, status: 'sent', createdAt: T0 },
    ];
    expect(targetsOf(planTransition(input(cfg, incident, T0), 'escalated'))).toEqual(['pd-identity']);
    expect(targetsOf(planTransition(input(cfg, incident, T0, told), 'escalated'))).toEqual([
      'pd-identity',
      'slack-care',
    ]);
  });

  it('sends acknowledged and resolved only to targets already told (a conversation started is closed)', () => {
    const told: HistoryRow[] = [
      { targetId: 'pd-identity', transition: 'escalated', seq: 0, status: 'sent', createdAt: T0 },
      { targetId: 'mail-leads', transition: 'opened', seq: 0, status: 'failed', createdAt: T0 },
    ];
    expect(targetsOf(planTransition(input(cfg, incident, T0, told), 'acknowledged'))).toEqual(['pd-identity']);
    expect(targetsOf(planTransition(input(cfg, incident, T0, told), 'resolved'))).toEqual(['pd-identity']);
    expect(planTransition(input(cfg, incident, T0), 'resolved')).toEqual([]);
  });

  it('numbers a genuine second resolution (after a reopen) but not a replay of the first', () => {
    const actor = { id: 'u1', name: 'Dana', role: 'supervisor' as const, desk: 'desk 1' };
    const entry = (action: string) => ({ at: T0, actor, action, detail: '' });
    const once = withWorkflow(incident, { audit: [entry('incident:acknowledge'), entry('incident:resolve')] });
    const twice = withWorkflow(incident, {
      audit: [entry('incident:resolve'), entry('incident:reopen'), entry('incident:resolve')],
    });
    const told: HistoryRow[] = [
      { targetId: 'slack-care', transition: 'opened', seq: 0, status: 'sent', createdAt: T0 },
    ];
    expect(planTransition(input(cfg, incident, T0, told), 'resolved')[0]?.seq).toBe(0);
    expect(planTransition(input(cfg, once, T0, told), 'resolved')[0]?.seq).toBe(0);
    expect(planTransition(input(cfg, twice, T0, told), 'resolved')[0]?.seq).toBe(1);
    expect(planTransition(input(cfg, twice, T0, told), 'acknowledged')[0]?.seq).toBe(0);
  });

  it('holds an opened notification for the route’s group wait', () => {
    const grouped = config({ targets: TARGETS, routes: [{ targets: ['slack-care'], groupWaitSeconds: 30 }] });
    expect(planTransition(input(grouped, incident, T0), 'opened')).toEqual([
      { targetId: 'slack-care', transition: 'opened', seq: 0, notBefore: T0 + 30_000, suppressed: null },
    ]);
  });
});

describe('quiet hours', () => {
  const quiet = (mode: 'hold' | 'drop') =>
    config({
      timeZone: 'Europe/London',
      targets: TARGETS,
      routes: [{ targets: ['mail-leads'], quietHours: { start: '22:00', end: '07:00', mode } }],
    });
  const night = Date.UTC(2026, 0, 5, 23, 30); // 23:30 in London (GMT in January)

  it('holds a non-P1 notification until the quiet hours end (07:00 local)', () => {
    const [planned] = planTransition(input(quiet('hold'), sampleIncident('a', night), night), 'opened');
    expect(planned?.notBefore).toBe(Date.UTC(2026, 0, 6, 7, 0));
    expect(planned?.suppressed).toBeNull();
  });

  it('drops it instead when the route says so, keeping it in the log', () => {
    const [planned] = planTransition(input(quiet('drop'), sampleIncident('a', night), night), 'opened');
    expect(planned?.suppressed).toBe('dropped: quiet hours');
  });

  it('lets a P1 through at once', () => {
    const p1 = sampleIncident('a', night, { severity: 'P1' });
    expect(planTransition(input(quiet('hold'), p1, night), 'opened')[0]?.notBefore).toBe(night);
  });

  it('follows the time zone: 21:30 UTC is 22:30 in Paris (quiet) but 21:30 in London (not)', () => {
    const at = Date.UTC(2026, 0, 5, 21, 30);
    const window = { start: '22:00', end: '07:00' };
    expect(inWindow(at, window, 'Europe/Paris')).toBe(true);
    expect(inWindow(at, window, 'Europe/London')).toBe(false);
    expect(windowEnd(at, window, 'Europe/Paris')).toBe(Date.UTC(2026, 0, 6, 6, 0));
  });
});

describe('frequency caps and reminders', () => {
  const cfg = config({
    targets: TARGETS,
    maxPerTargetPerHour: 3,
    routes: [{ targets: ['slack-care', 'pd-identity'], repeatIntervalMinutes: 30 }],
  });
  const incident = sampleIncident('a', T0);
  const opened: HistoryRow[] = [
    { targetId: 'slack-care', transition: 'opened', seq: 0, status: 'sent', createdAt: T0 },
    { targetId: 'pd-identity', transition: 'opened', seq: 0, status: 'sent', createdAt: T0 },
  ];

  it('suppresses an opened notification over the per-target hourly cap, but never a follow-up', () => {
    const [capped] = planTransition(input(cfg, incident, T0, [], 3), 'opened');
    expect(capped?.suppressed).toBe('suppressed: 3 notifications to this target in the last hour');
    const resolved = planTransition(input(cfg, incident, T0, opened, 3), 'resolved');
    expect(resolved.map((p) => p.suppressed)).toEqual([null, null]);
  });

  it('reminds at most once per repeat interval, never PagerDuty', () => {
    const isPd = (id: string) => id === 'pd-identity';
    expect(planRepeats(input(cfg, incident, T0 + 29 * MIN, opened), isPd)).toEqual([]);
    const due = planRepeats(input(cfg, incident, T0 + 30 * MIN, opened), isPd);
    expect(due).toEqual([
      { targetId: 'slack-care', transition: 'repeat', seq: 1, notBefore: T0 + 30 * MIN, suppressed: null },
    ]);
    const reminded = [
      ...opened,
      {
        targetId: 'slack-care',
        transition: 'repeat' as const,
        seq: 1,
        status: 'sent' as const,
        createdAt: T0 + 30 * MIN,
      },
    ];
    expect(planRepeats(input(cfg, incident, T0 + 59 * MIN, reminded), isPd)).toEqual([]);
    expect(planRepeats(input(cfg, incident, T0 + 60 * MIN, reminded), isPd)[0]?.seq).toBe(2);
  });

  it('stops reminding once the incident is acknowledged, snoozed, resolved or merged', () => {
    const late = T0 + 90 * MIN;
    const never = (i: Incident) => planRepeats(input(cfg, i, late, opened), () => false);
    expect(never(incident)).toHaveLength(2);
    expect(never(withWorkflow(incident, { state: 'acknowledged' }))).toEqual([]);
    expect(never(withWorkflow(incident, { snooze: { until: late + MIN, reason: 'vendor on it' } }))).toEqual([]);
    expect(never(withWorkflow(incident, { snooze: { until: late - MIN, reason: 'over' } }))).toHaveLength(2);
    expect(never(withWorkflow(incident, { state: 'resolved' }))).toEqual([]);
    expect(never({ ...incident, mergedInto: 'b' })).toEqual([]);
  });

  it('a reminder counts against the cap too', () => {
    const [capped] = planRepeats(input(cfg, incident, T0 + 30 * MIN, opened, 3), () => false);
    expect(capped?.suppressed).toMatch(/^suppressed: 3 notifications/);
  });
});

describe('the escalation config', () => {
  it('refuses a route to an unknown target and duplicate ids, with the path', () => {
    const bad = EscalationConfigSchema.safeParse({ targets: TARGETS, routes: [{ targets: ['nope'] }] });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]).toMatchObject({ path: ['routes', 0, 'targets', 0], message: 'no target nope' });
    const dup = EscalationConfigSchema.safeParse({ targets: [TARGETS[0], TARGETS[0]] });
    expect(dup.error?.issues[0]?.message).toBe('duplicate target id slack-care');
  });

  it('refuses secrets in the config file: a target takes only its non-secret fields', () => {
    const withUrl = EscalationConfigSchema.safeParse({
      targets: [{ id: 's', kind: 'slack', url: 'https://hooks.slack.com/x' }],
    });
    expect(withUrl.success).toBe(false);
    const tz = EscalationConfigSchema.safeParse({ timeZone: 'Mars/Olympus' });
    expect(tz.error?.issues[0]?.message).toBe('an IANA time zone such as Europe/London');
  });
});
