import { describe, expect, it } from 'vitest';
import { createDefaultIncidentEngine, createIncidentEngine } from '../../../electron/core/incidents';
import type { IncidentEngine } from '../../../electron/core/incidents';
import type { Detector } from '../../../electron/core/detect/detector';
import type { Incident } from '../../../shared/incident';
import type { Mention } from '../../../shared/mention';
import { MINUTE, T0, chatter, mention, rng, run } from './helpers';

/** The open minute of detection: a burst is announced before its minute closes, and the closed minute settles it. */
const WARM = T0 + 240 * MINUTE;
/** The tick that closes minute `m` (its half-minute grace for late posts over). */
const closes = (m: number): number => m + MINUTE + 31_000;

const quiet = (minute: number): Mention[] => chatter(minute, 4, rng(minute / MINUTE));
const complaint = (t: number, i: number): Mention =>
  mention(t, {
    text: [`can't log in to the app, error 503 again ${i}`, `still can't log in!! error 503 #${i}`][i % 2] ?? '',
    sentiment: 'negative',
    topics: ['login'],
  });

/** What the open minute announced after one post of a burst. */
interface Announcement {
  readonly post: number;
  readonly incidents: ReadonlyArray<Incident>;
}

/** Feeds `n` login complaints, one every half second from `from`, looking at the open minute after each. */
function burst(engine: IncidentEngine, from: number, n: number, first = 0): Announcement[] {
  const out: Announcement[] = [];
  for (let i = 0; i < n; i++) {
    const t = from + i * 500;
    engine.ingest([complaint(t, first + i)]);
    const incidents = engine.evaluateOpen(t);
    if (incidents.length > 0) out.push({ post: i + 1, incidents });
  }
  return out;
}

function warmEngine(engine: IncidentEngine): IncidentEngine {
  run(engine, T0, WARM, quiet);
  engine.ingest(quiet(WARM));
  return engine;
}

describe('incident engine: the open minute', () => {
  it('opens an incident for a burst inside a minute before that minute closes', () => {
    const engine = warmEngine(createDefaultIncidentEngine());
    const announced = burst(engine, WARM + 2_000, 30);
    const first = announced[0];
    expect(first?.incidents.map((i) => i.state)).toEqual(['open']);
    const incident = first!.incidents[0]!;
    expect(incident.openedAt).toBe(WARM + 2_000 + (first!.post - 1) * 500);
    expect(incident.openedAt).toBeLessThan(WARM + MINUTE);
    expect(incident.evidence.statistic).toContain('provisional');
    // The complaints are negative first (their share crosses first), then their topic: the same incident says so.
    const latest = announced.at(-1)!.incidents[0];
    expect(announced.flatMap((a) => a.incidents.map((i) => i.id))).toEqual(announced.map(() => incident.id));
    expect(latest?.topics).toEqual(['login']);
    expect(latest?.title).toBe('nimbus: login complaints surging');
    expect(engine.list().map((i) => i.id)).toEqual([incident.id]);

    // The closed path alone only hears of it once the minute has closed and its grace has passed.
    const closedOnly = warmEngine(createDefaultIncidentEngine());
    closedOnly.ingest(Array.from({ length: 30 }, (_, i) => complaint(WARM + 2_000 + i * 500, i)));
    expect(closedOnly.tick(WARM + 31_000)).toEqual([]);
    const late = closedOnly.tick(closes(WARM));
    expect(late.map((i) => i.topics)).toEqual([['login']]);
    expect(late[0]?.openedAt).toBeGreaterThanOrEqual(WARM + MINUTE + 30_000);
  });

  it('confirms it when the minute closes: the same incident, not a second one', () => {
    const engine = warmEngine(createDefaultIncidentEngine());
    const announced = burst(engine, WARM + 2_000, 30);
    const id = announced[0]?.incidents[0]?.id;
    const openedAt = announced[0]?.incidents[0]?.openedAt;
    expect(id).toBeDefined();
    const more = burst(engine, WARM + 20_000, 40, 30);
    expect(more.flatMap((a) => a.incidents.map((i) => i.id)).every((x) => x === id)).toBe(true);
    engine.tick(WARM + 31_000);
    const confirmed = engine.tick(closes(WARM));
    expect(confirmed.map((i) => i.id)).toEqual([id]);
    const [incident, ...others] = engine.list();
    expect(others).toEqual([]);
    expect(incident?.id).toBe(id);
    expect(incident?.state).toBe('open');
    expect(incident?.topics).toEqual(['login']);
    expect(incident?.openedAt).toBe(openedAt);
    expect(incident?.evidence.statistic).not.toContain('provisional');
    expect(incident?.evidence.firstPost?.createdAt).toBe(WARM + 2_000);
    // It goes on as any incident: the next minute of complaints updates the same one and opens no other.
    expect(burst(engine, WARM + MINUTE, 40, 100)).toEqual([]);
    engine.tick(closes(WARM + MINUTE));
    expect(engine.list().map((i) => i.id)).toEqual([id]);
  });

  it('keeps a provisional incident across a restart and settles it after', () => {
    const a = warmEngine(createDefaultIncidentEngine());
    const id = burst(a, WARM + 2_000, 30)[0]?.incidents[0]?.id;
    const b = createDefaultIncidentEngine();
    expect(b.importState(JSON.parse(JSON.stringify(a.exportState())) as unknown).ok).toBe(true);
    expect(b.list().map((i) => i.id)).toEqual([id]);
    b.tick(WARM + 31_000);
    b.tick(closes(WARM));
    expect(b.list().map((i) => [i.id, i.state])).toEqual([[id, 'open']]);
  });

  it('withdraws a provisional incident that the closed minute does not confirm, and does not reopen it early', () => {
    const engine = warmEngine(createIncidentEngine({ detector: changesItsMind }));
    const announced = burst(engine, WARM + 2_000, 20);
    const provisional = announced[0]?.incidents[0];
    expect(provisional?.state).toBe('open');
    // The minute ends far bigger than the stand-in detector's range: closed, it does not fire.
    burst(engine, WARM + 15_000, 60, 20);
    engine.tick(WARM + 31_000);
    const settled = engine.tick(closes(WARM));
    expect(settled.map((i) => [i.id, i.state])).toEqual([[provisional?.id, 'resolved']]);
    const withdrawn = settled[0];
    expect(withdrawn?.title).toMatch(/^Withdrawn: nimbus: /);
    expect(withdrawn?.evidence.statistic).toContain('withdrawn: the closed minute did not confirm it');
    expect(withdrawn?.resolvedAt).toBe(closes(WARM));
    expect(withdrawn?.mergedInto).toBeNull();
    expect(withdrawn?.withdrawn).toBe(true);
    expect(engine.list().filter((i) => i.state !== 'resolved')).toEqual([]);
    // A burst in the same watchlist within the open window is left to the closed path: no flapping alarms.
    expect(burst(engine, WARM + MINUTE + 2_000, 20, 100)).toEqual([]);
  });
});

/** Posts per minute from which the stand-in detector stops firing. */
const MIND_CHANGE = 40;

/**
 * A stand-in detector for the withdrawal path (the real one is monotone in the count, so the closed minute it
 * sees with more posts always confirms): it fires on a surge above its running mean but calls 40+ posts a glitch.
 */
const changesItsMind: Detector<{ n: number; sum: number }> = {
  newState: () => ({ n: 0, sum: 0 }),
  update(state, _timestamp, value) {
    const mean = state.n === 0 ? value : state.sum / state.n;
    state.n += 1;
    state.sum += value;
    return value >= mean + 4 * Math.sqrt(mean) + 3 && value < MIND_CHANGE ? 1 : 0;
  },
};
