import { describe, expect, it } from 'vitest';
import { createIncidentEngine, exportIncident } from '../../../electron/core/incidents';
import type { IncidentEngine } from '../../../electron/core/incidents';
import { IncidentSchema } from '../../../shared/incident';
import type { Mention } from '../../../shared/mention';
import { MINUTE, T0, burst, chatter, rng, run, thresholdDetector } from './helpers';

const WARM = T0 + 200 * MINUTE;
const WORDS = ['login', 'transfer', 'statement', 'card', 'savings'];

const loginComplaint = (i: number, channel: 'x' | 'reddit' = 'x') => ({
  text:
    [
      `can't log in to the app, error 503 again ${i}`,
      `@nimbus I keep getting logged out, error 503 #${i}`,
      `Still can't log in!! error 503 https://t.co/x${i}`,
    ][i % 3] ?? '',
  sentiment: 'negative' as const,
  topics: ['login'],
  channel,
});

function engineWith(params = {}): IncidentEngine {
  return createIncidentEngine({ detector: thresholdDetector, params });
}

function background(seed: number, perMinute = 4): (minute: number) => Mention[] {
  return (minute) => chatter(minute, perMinute, rng(seed * 100_003 + minute / MINUTE));
}

describe('incident engine', () => {
  it('opens one P2 for a login surge on one channel, and escalates to P1 once it is sustained 15 minutes', () => {
    const engine = engineWith();
    const quiet = background(1);
    run(engine, T0, WARM, quiet);
    const early = run(engine, WARM, WARM + 6 * MINUTE, (m) => [...quiet(m), ...burst(m, 10, (i) => loginComplaint(i))]);
    const opened = early.filter((i) => i.topics.includes('login'));
    expect(opened.length).toBeGreaterThan(0);
    expect(opened.at(-1)?.severity).toBe('P2');
    const first = opened[0];
    // Two anomalous minutes, the second scored on the first tick after its half-minute grace for late posts.
    expect((first?.openedAt ?? 0) - WARM).toBe(2 * MINUTE + 1);
    const later = run(engine, WARM + 6 * MINUTE, WARM + 25 * MINUTE, (m) => [
      ...quiet(m),
      ...burst(m, 10, (i) => loginComplaint(i)),
    ]);
    const all = engine.list().filter((i) => i.state !== 'resolved');
    expect(all).toHaveLength(1);
    expect(all[0]?.severity).toBe('P1');
    expect(later.some((i) => i.severity === 'P1')).toBe(true);
    const card = all[0]?.evidence;
    expect(card?.series).toBe('topic:login');
    expect(card?.observedPerMinute).toBeGreaterThanOrEqual(8);
    expect(card?.baselinePerMinute).toBeLessThan(1);
    expect(card?.startedAt).toBe(WARM);
    expect(card?.risingTerms.map((t) => t.term)).toEqual(expect.arrayContaining(['error 503']));
    expect(card?.risingTerms.some((t) => t.term.includes('log'))).toBe(true);
    expect(card?.firstPost?.createdAt).toBe(WARM);
    expect(card?.representativePosts.length).toBeLessThanOrEqual(5);
    expect(card?.representativePosts[0]?.duplicates).toBeGreaterThan(10);
    expect(card?.sourceMix).toEqual([{ channel: 'x', count: expect.any(Number) }]);
    expect(card?.sentimentShift.observedNegativeShare).toBeGreaterThan(card?.sentimentShift.baselineNegativeShare ?? 1);
    expect(card?.topics[0]?.topic).toBe('login');
  });

  it('makes a surge corroborated by two channels P1 within minutes', () => {
    const engine = engineWith();
    const quiet = background(2);
    run(engine, T0, WARM, quiet);
    run(engine, WARM, WARM + 6 * MINUTE, (m) => [
      ...quiet(m),
      ...burst(m, 8, (i) => loginComplaint(i, 'x')),
      ...burst(m, 6, (i) => loginComplaint(i, 'reddit')),
    ]);
    const open = engine.list().filter((i) => i.state === 'open');
    expect(open).toHaveLength(1);
    expect(open[0]?.severity).toBe('P1');
    expect(open[0]?.channels).toEqual(['x', 'reddit']);
  });

  it('calls a sharp negative shift without a failure topic P2, and a milder one P3', () => {
    const sharp = engineWith();
    run(sharp, T0, WARM, background(9));
    run(sharp, WARM, WARM + 10 * MINUTE, (m) => [
      ...background(9)(m),
      ...burst(m, 8, (i) => ({ text: `worst bank ever, so angry right now ${i}`, sentiment: 'negative' })),
    ]);
    expect(sharp.list().map((i) => [i.severity, i.evidence.series, i.topics])).toEqual([['P2', 'negative', []]]);
    const mild = engineWith();
    run(mild, T0, WARM, background(10));
    run(mild, WARM, WARM + 10 * MINUTE, (m) => [
      ...background(10)(m),
      ...burst(m, 20, (i) => ({
        text: `the app feels slow today, ${WORDS[i % 5]} ${i}`,
        sentiment: i % 5 < 2 ? 'negative' : 'neutral',
      })),
    ]);
    const [incident] = mild.list();
    expect(incident?.severity).toBe('P3');
    const shift = incident?.evidence.sentimentShift;
    expect((shift?.observedNegativeShare ?? 0) - (shift?.baselineNegativeShare ?? 0)).toBeGreaterThan(0.1);
  });

  it('calls a positive campaign burst P4 and never P1, however long it lasts', () => {
    const engine = engineWith();
    const quiet = background(3);
    run(engine, T0, WARM, quiet);
    const changes = run(engine, WARM, WARM + 40 * MINUTE, (m) => [
      ...quiet(m),
      ...burst(m, 30, (i) => ({
        text: `love the new nimbus card, so easy ${i}`,
        sentiment: 'positive',
        channel: i % 2 ? 'x' : 'reddit',
      })),
    ]);
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.every((i) => i.severity === 'P4')).toBe(true);
    expect(engine.list().map((i) => i.severity)).toEqual(['P4']);
    expect(engine.list()[0]?.title).toBe('nimbus: volume burst');
  });

  it('opens nothing when a source goes silent or a sparse series blips', () => {
    const engine = engineWith();
    const quiet = background(4, 6);
    run(engine, T0, WARM, quiet);
    const silent = run(engine, WARM, WARM + 60 * MINUTE, () => []);
    expect(silent).toEqual([]);
    const blips = run(engine, WARM + 60 * MINUTE, WARM + 120 * MINUTE, (m) =>
      (m - WARM) % (20 * MINUTE) === 0 ? burst(m, 2, (i) => loginComplaint(i)) : quiet(m),
    );
    expect(blips).toEqual([]);
    expect(engine.list()).toEqual([]);
  });

  it('resolves by itself after the quiet period, then holds a cooldown before opening again', () => {
    const engine = engineWith({ resolveQuietMinutes: 10, cooldownMinutes: 30 });
    const quiet = background(5);
    const surge = (m: number) => [...quiet(m), ...burst(m, 10, (i) => loginComplaint(i))];
    run(engine, T0, WARM, quiet);
    run(engine, WARM, WARM + 5 * MINUTE, surge);
    const after = run(engine, WARM + 5 * MINUTE, WARM + 25 * MINUTE, quiet);
    const resolved = after.find((i) => i.state === 'resolved');
    expect(resolved?.resolvedAt).toBeGreaterThanOrEqual(WARM + 15 * MINUTE);
    expect(engine.list().filter((i) => i.state !== 'resolved')).toEqual([]);
    const inCooldown = run(engine, WARM + 25 * MINUTE, WARM + 32 * MINUTE, surge);
    expect(inCooldown.filter((i) => i.id !== resolved?.id)).toEqual([]);
    run(engine, WARM + 32 * MINUTE, WARM + 60 * MINUTE, quiet);
    const again = run(engine, WARM + 60 * MINUTE, WARM + 65 * MINUTE, surge);
    expect(again.some((i) => i.id !== resolved?.id && i.state === 'open')).toBe(true);
  });

  it('merges incidents that are the same breakdown seen in two topic series', () => {
    const engine = engineWith();
    const quiet = background(6);
    run(engine, T0, WARM, quiet);
    run(engine, WARM, WARM + 3 * MINUTE, (m) => [...quiet(m), ...burst(m, 10, (i) => loginComplaint(i))]);
    run(engine, WARM + 3 * MINUTE, WARM + 10 * MINUTE, (m) => [
      ...quiet(m),
      ...burst(m, 10, (i) => loginComplaint(i)),
      ...burst(m, 8, (i) => ({
        text: `app down? can't log in, error 503 ${i}`,
        sentiment: 'negative',
        topics: ['outage'],
      })),
    ]);
    const visible = engine.list().filter((i) => i.state !== 'resolved');
    expect(visible).toHaveLength(1);
    expect(visible[0]?.topics).toEqual(['login', 'outage']);
  });

  it('survives a restart: exported state imported into a new engine continues identically', () => {
    const a = engineWith();
    const b = engineWith();
    const quiet = background(7);
    const surge = (m: number) => [...quiet(m), ...burst(m, 10, (i) => loginComplaint(i))];
    run(a, T0, WARM, quiet);
    run(a, WARM, WARM + 4 * MINUTE, surge);
    const saved = JSON.parse(JSON.stringify(a.exportState())) as unknown;
    expect(b.importState(saved)).toEqual({ ok: true, value: undefined });
    expect(b.list()).toEqual(a.list());
    const tail = (m: number) => surge(m).map((x) => ({ ...x }));
    const fromA = run(a, WARM + 4 * MINUTE, WARM + 30 * MINUTE, tail);
    expect(run(b, WARM + 4 * MINUTE, WARM + 30 * MINUTE, tail).map((i) => i.severity)).toEqual(
      fromA.map((i) => i.severity),
    );
    expect(b.importState({ version: 2 }).ok).toBe(false);
  });

  it('exports an incident as schema-valid JSON', () => {
    const engine = engineWith();
    const quiet = background(8);
    run(engine, T0, WARM, quiet);
    run(engine, WARM, WARM + 5 * MINUTE, (m) => [...quiet(m), ...burst(m, 10, (i) => loginComplaint(i))]);
    const incident = engine.list()[0];
    expect(incident).toBeDefined();
    const json = exportIncident(incident!);
    expect(IncidentSchema.parse(JSON.parse(json))).toEqual(JSON.parse(json));
    expect(json).toContain('https://example.test/x/');
  });
});
