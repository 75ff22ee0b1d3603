import { beforeEach, describe, expect, it } from 'vitest';
import { addToBatch, emptyBatch, isEmptyBatch } from '../../../../renderer/stores/delta-batch';
import { mayRun, roleAtLeast } from '../../../../renderer/stores/roles';
import { triageTarget, visibleMentions } from '../../../../renderer/stores/triage-slice';
import { createWallStore, type WallStore } from '../../../../renderer/stores/wall-store';
import { MAX_RECENT_BREACHES, isBreached } from '../../../../renderer/stores/workflow-slice';
import { makeActor, makeIncident, makeMention, makeSnapshot, makeWorkflow } from '../fixtures';

const T0 = 1_800_000_000_000;
const MINUTE = 60_000;
let store: WallStore;

beforeEach(() => {
  store = createWallStore({ now: 0, settings: { theme: 'dark', largeType: false } });
});

const breach = (incidentId: string, at: number, kind: 'acknowledge' | 'resolve' = 'acknowledge') =>
  ({ name: 'incident:sla-breach', payload: { incidentId, kind, dueAt: at - 1000, at } }) as const;

describe('roles', () => {
  it('orders executive < staff < supervisor < admin and gates commands by commandRoles', () => {
    expect(roleAtLeast('admin', 'supervisor')).toBe(true);
    expect(roleAtLeast('staff', 'supervisor')).toBe(false);
    expect(roleAtLeast('executive', 'executive')).toBe(true);
    expect(mayRun(makeActor('staff'), 'incident:acknowledge')).toBe(true);
    expect(mayRun(makeActor('staff'), 'incident:escalate')).toBe(false);
    expect(mayRun(makeActor('supervisor'), 'incident:merge')).toBe(true);
    expect(mayRun(makeActor('executive'), 'incident:note')).toBe(false);
    expect(mayRun(makeActor('executive'), 'incidents:measures')).toBe(true);
    expect(mayRun(null, 'incident:acknowledge')).toBe(false);
  });
});

describe('wall store: SLA breaches', () => {
  it('folds breach events into a batch (which is then not empty)', () => {
    const batch = addToBatch(addToBatch(emptyBatch(), breach('a', T0)), breach('b', T0 + 1));
    expect(isEmptyBatch(batch)).toBe(false);
    expect(batch.breaches.map((b) => b.incidentId)).toEqual(['a', 'b']);
  });

  it('marks the incident as breached and keeps a short newest-first list of recent breaches', () => {
    const incident = makeIncident('i1', T0, { workflow: makeWorkflow(T0) });
    store.getState().applySnapshot(makeSnapshot(T0, { incidents: [incident, makeIncident('legacy', T0)] }));
    store.getState().applyDeltas(addToBatch(emptyBatch(), breach('i1', T0 + 5 * MINUTE)));
    const s = store.getState();
    expect(s.incidents.get('i1')?.workflow?.sla.acknowledgeBreachedAt).toBe(T0 + 5 * MINUTE);
    // Kept with its incident's title, so the notice can name it once the incident has left the wall.
    expect(s.breaches).toEqual([{ ...breach('i1', T0 + 5 * MINUTE).payload, title: incident.title }]);
    let batch = emptyBatch();
    for (let n = 0; n < MAX_RECENT_BREACHES + 5; n++) batch = addToBatch(batch, breach(`x${n}`, T0 + n));
    store.getState().applyDeltas(batch);
    const after = store.getState().breaches;
    expect(after).toHaveLength(MAX_RECENT_BREACHES);
    expect(after[0]?.incidentId).toBe(`x${MAX_RECENT_BREACHES + 4}`);
  });

  it('counts an incident breached when marked, reported, or past its deadline on the hub clock', () => {
    const open = makeIncident('i1', T0, { workflow: makeWorkflow(T0) });
    expect(isBreached(open, [], T0 + 4 * MINUTE)).toBe(false);
    expect(isBreached(open, [], T0 + 5 * MINUTE + 1)).toBe(true);
    expect(isBreached(open, [breach('i1', T0).payload], T0)).toBe(true);
    const acked = makeIncident('i2', T0, { workflow: makeWorkflow(T0, { acknowledgedAt: T0 + MINUTE }) });
    expect(isBreached(acked, [], T0 + 10 * MINUTE)).toBe(false);
    expect(isBreached(acked, [], T0 + 3 * 60 * MINUTE)).toBe(true);
  });
});

describe('wall store: triage', () => {
  it('acts on the focused incident, else the top open one; [ ] move the focus in panel order', () => {
    store.getState().applySnapshot(
      makeSnapshot(T0, {
        incidents: [
          makeIncident('p3', T0, { severity: 'P3' }),
          makeIncident('p1', T0, { severity: 'P1' }),
          makeIncident('gone', T0, { severity: 'P1', state: 'resolved', resolvedAt: T0 }),
          makeIncident('merged', T0, { severity: 'P1', workflow: makeWorkflow(T0, { mergedInto: 'p1' }) }),
        ],
      }),
    );
    expect(triageTarget(store.getState())?.id).toBe('p1');
    store.getState().moveIncidentFocus(1);
    expect(triageTarget(store.getState())?.id).toBe('p3');
    store.getState().moveIncidentFocus(1);
    expect(triageTarget(store.getState())?.id).toBe('gone');
    store.getState().moveIncidentFocus(5);
    expect(triageTarget(store.getState())?.id).toBe('gone');
    store.getState().moveIncidentFocus(-2);
    expect(triageTarget(store.getState())?.id).toBe('p1');
  });

  it('filters the feed by text or author and moves the selection within what is shown', () => {
    const items = [
      makeMention(1, T0, { text: 'Login broken again' }),
      makeMention(2, T0 - 1, { text: 'love the new app' }),
      makeMention(3, T0 - 2, { text: 'cannot LOG IN' }),
    ];
    expect(visibleMentions(items, ' log ').map((m) => m.id)).toEqual(['sim:1', 'sim:3']);
    expect(visibleMentions(items, 'user2').map((m) => m.id)).toEqual(['sim:2']);
    store.getState().applySnapshot(makeSnapshot(T0, { mentions: items }));
    store.getState().setSearchQuery('log');
    store.getState().moveSelection(1);
    store.getState().moveSelection(1);
    expect(store.getState().selectedId).toBe('sim:3');
  });

  it('stores the incident a command returned and drops idle action states', () => {
    store.getState().applySnapshot(makeSnapshot(T0, { incidents: [makeIncident('i1', T0)] }));
    const acked = makeIncident('i1', T0, { workflow: makeWorkflow(T0, { state: 'acknowledged' }) });
    store.getState().upsertIncident(acked);
    expect(store.getState().incidents.get('i1')?.workflow?.state).toBe('acknowledged');
    store.getState().setActionState('i1', { pending: 'incident:escalate', error: null });
    expect(store.getState().actionStates.get('i1')?.pending).toBe('incident:escalate');
    store.getState().setActionState('i1', { pending: null, error: null });
    expect(store.getState().actionStates.has('i1')).toBe(false);
  });
});
