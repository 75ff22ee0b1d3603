import { describe, expect, it } from 'vitest';
import { createDefaultIncidentEngine } from '../../../electron/core/incidents';
import type { Mention } from '../../../shared/mention';
import { MINUTE, T0, burst, chatter, rng, run } from './helpers';

/** The same scenarios as the grouping tests, with the project's real detector and its seasonal baseline. */
const WARM = T0 + 240 * MINUTE;

const quiet = (minute: number): Mention[] => chatter(minute, 4, rng(minute / MINUTE));
const complaint = (channel: 'x' | 'reddit') => (i: number) => ({
  text: [`can't log in to the app, error 503 again ${i}`, `still can't log in!! error 503 #${i}`][i % 2] ?? '',
  sentiment: 'negative' as const,
  topics: ['login'],
  channel,
});

describe('incident engine with the real detector', () => {
  it('makes a login surge on X alone P2, then P1 once sustained for 15 minutes', () => {
    const engine = createDefaultIncidentEngine();
    run(engine, T0, WARM, quiet);
    run(engine, WARM, WARM + 8 * MINUTE, (m) => [...quiet(m), ...burst(m, 10, complaint('x'))]);
    const early = engine.list();
    expect(early.map((i) => [i.severity, i.topics])).toEqual([['P2', ['login']]]);
    run(engine, WARM + 8 * MINUTE, WARM + 25 * MINUTE, (m) => [...quiet(m), ...burst(m, 10, complaint('x'))]);
    expect(engine.list().map((i) => i.severity)).toEqual(['P1']);
  });

  it('makes it P1 within minutes when Reddit corroborates', () => {
    const engine = createDefaultIncidentEngine();
    run(engine, T0, WARM, quiet);
    run(engine, WARM, WARM + 8 * MINUTE, (m) => [
      ...quiet(m),
      ...burst(m, 10, complaint('x')),
      ...burst(m, 5, complaint('reddit')),
    ]);
    const [incident, ...others] = engine.list();
    expect(others).toEqual([]);
    expect(incident?.severity).toBe('P1');
    expect(incident?.channels).toEqual(['x', 'reddit']);
  });

  it('keeps a positive campaign burst P4 and opens nothing when the source falls silent', () => {
    const engine = createDefaultIncidentEngine();
    run(engine, T0, WARM, quiet);
    run(engine, WARM, WARM + 30 * MINUTE, (m) => [
      ...quiet(m),
      ...burst(m, 20, (i) => ({ text: `love the new nimbus card, so easy ${i}`, sentiment: 'positive' })),
    ]);
    expect(engine.list().map((i) => i.severity)).toEqual(['P4']);
    const silent = run(engine, WARM + 30 * MINUTE, WARM + 150 * MINUTE, () => []);
    expect(silent.filter((i) => i.state !== 'resolved')).toEqual([]);
    expect(engine.list().map((i) => i.severity)).toEqual(['P4']);
  });
});
