import { MeasuresSchema } from '../../shared/workflow';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core-types';
import { ManualClock } from '../../electron/core/runtime/clock';
import type { Store } from '../../electron/core/store/repository';
import { openSqliteStore } from '../../electron/core/store/sqlite/sqlite-store';
import type { EventPayload, HubEvent } from '../../shared/contract';
import type { Incident } from '../../shared/incident';
import { createTestCore } from '../helpers/core';
import { actor, incident, MINUTE, recordingEscalation, scriptedDetection, T0 } from '../unit/workflow/fixtures';

const sup = actor('supervisor', 'Dana');
const staff = actor('staff', 'Ravi');
const dirs: string[] = [];
const running: Array<() => Promise<void>> = [];

interface Hub {
  readonly core: Core;
  readonly store: Store;
  readonly clock: ManualClock;
  readonly detection: ReturnType<typeof scriptedDetection>;
  readonly escalation: ReturnType<typeof recordingEscalation>;
  readonly events: HubEvent[];
  /** Lets one detection tick (every 30 s of hub time) happen. */
  tick(): Promise<void>;
  invoke: Core['api']['dispatch'];
}

async function startHub(file = ':memory:', clock = new ManualClock(T0)): Promise<Hub> {
  const store = await openSqliteStore(file);
  const detection = scriptedDetection();
  const escalation = recordingEscalation();
  const core = createTestCore({ clock, store, detection, escalation });
  const events: HubEvent[] = [];
  core.events.subscribe((e) => void events.push(e));
  await core.start();
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    await core.stop();
    await store.close();
  };
  running.push(stop);
  // Detection ticks 31 s after start, then every 30 s of hub time.
  let nextTick = clock.now() + 31_000;
  const tick = async (): Promise<void> => {
    while (nextTick <= clock.now()) nextTick += 30_000;
    await clock.advance(nextTick - clock.now());
  };
  return {
    core,
    store,
    clock,
    detection,
    escalation,
    events,
    tick,
    invoke: (name, payload, who) => core.api.dispatch(name, payload, who),
  };
}

afterEach(async () => {
  for (const stop of running.splice(0)) await stop();
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

const changedEvents = (h: Hub): Array<EventPayload<'incidents:changed'>> =>
  h.events.flatMap((e) => (e.name === 'incidents:changed' ? [e.payload] : []));
const breaches = (h: Hub): Array<EventPayload<'incident:sla-breach'>> =>
  h.events.flatMap((e) => (e.name === 'incident:sla-breach' ? [e.payload] : []));

async function listed(h: Hub, id: string): Promise<Incident> {
  const list = await h.core.api.invoke('incidents:list', {});
  const found = list.ok ? list.value.find((i) => i.id === id) : undefined;
  if (!found) throw new Error(`incident ${id} not listed`);
  return found;
}

describe('the incident workflow in the hub', () => {
  it('starts a workflow when detection opens an incident, tells targets, and sends it merged', async () => {
    const h = await startHub();
    h.detection.report(incident('inc_a'));
    await h.tick();
    const sent = changedEvents(h).at(-1)?.incidents[0];
    expect(sent?.workflow).toMatchObject({
      state: 'new',
      owner: null,
      sla: { acknowledgeBy: T0 + 15 * MINUTE, resolveBy: T0 + 240 * MINUTE },
      audit: [{ action: 'detection:opened', actor: { id: 'hub' }, detail: expect.stringContaining('opened P2') }],
      deliveries: [{ transition: 'opened', targetKind: 'pagerduty' }],
    });
    expect(h.escalation.told).toEqual([{ id: 'inc_a', transition: 'opened', state: 'new' }]);
    const snapshot = await h.core.api.invoke('snapshot:get', {});
    expect(snapshot.ok && snapshot.value.incidents[0]?.workflow?.state).toBe('new');
  });

  it('keeps what people did when detection re-saves the incident', async () => {
    const h = await startHub();
    h.detection.report(incident('inc_a'));
    await h.tick();
    expect((await h.invoke('incident:acknowledge', { id: 'inc_a' }, staff)).ok).toBe(true);
    await h.invoke('incident:assign', { id: 'inc_a', owner: 'Dana' }, sup);
    await h.invoke('incident:note', { id: 'inc_a', text: 'identity team paged' }, staff);
    await h.invoke('incident:snooze', { id: 'inc_a', until: T0 + 60 * MINUTE, reason: 'vendor ETA' }, sup);
    await h.invoke('incident:holding-reply', { id: 'inc_a', text: 'We know login is failing.' }, sup);
    await h.invoke('incident:flag-post', { id: 'inc_a', mentionId: 'x:42' }, staff);
    h.detection.report(
      incident('inc_a', { severity: 'P1', channels: ['x', 'reddit'], updatedAt: T0 + MINUTE, title: 'worse' }),
    );
    await h.tick();
    const now = await listed(h, 'inc_a');
    expect(now).toMatchObject({ severity: 'P1', channels: ['x', 'reddit'], title: 'worse' });
    expect(now.workflow).toMatchObject({
      state: 'acknowledged',
      owner: 'Dana',
      acknowledgedAt: T0 + 31_000,
      snooze: { until: T0 + 60 * MINUTE, reason: 'vendor ETA' },
      holdingReply: 'We know login is failing.',
      notes: [{ author: 'Ravi', text: 'identity team paged' }],
      flaggedPosts: ['x:42'],
    });
    // The raise to P1 started P1's clock at the re-save (never later than P2's deadline).
    expect(now.workflow?.sla.resolveBy).toBe(T0 + 61_000 + 120 * MINUTE);
    expect(now.workflow?.audit.map((e) => [e.action, e.actor.name, e.actor.desk])).toEqual([
      ['detection:opened', 'Earshot', 'hub'],
      ['incident:acknowledge', 'Ravi', staff.desk],
      ['incident:assign', 'Dana', sup.desk],
      ['incident:note', 'Ravi', staff.desk],
      ['incident:snooze', 'Dana', sup.desk],
      ['incident:holding-reply', 'Dana', sup.desk],
      ['incident:flag-post', 'Ravi', staff.desk],
      ['detection:severity', 'Earshot', 'hub'],
    ]);
    expect(h.escalation.told.map((t) => t.transition)).toEqual(['opened', 'acknowledged']);
  });

  it('resolves automatically when detection goes quiet on an incident nobody touched', async () => {
    const h = await startHub();
    h.detection.report(incident('inc_a'));
    await h.tick();
    h.detection.report(incident('inc_a', { state: 'resolved', resolvedAt: T0 + 40 * MINUTE }));
    await h.tick();
    const now = await listed(h, 'inc_a');
    expect(now.workflow).toMatchObject({
      state: 'resolved',
      resolvedAt: T0 + 40 * MINUTE,
      resolution: { kind: 'auto', by: 'Earshot', note: 'detection went quiet' },
    });
    expect(h.escalation.told.map((t) => t.transition)).toEqual(['opened', 'resolved']);
  });

  it('leaves an owned incident as people left it when detection goes quiet, and says so in the audit log', async () => {
    const h = await startHub();
    h.detection.report(incident('inc_a'));
    await h.tick();
    await h.invoke('incident:escalate', { id: 'inc_a', note: 'paged identity' }, sup);
    h.detection.report(incident('inc_a', { state: 'resolved', resolvedAt: T0 + 40 * MINUTE }));
    await h.tick();
    const now = await listed(h, 'inc_a');
    expect(now.state).toBe('resolved');
    expect(now.workflow).toMatchObject({ state: 'escalated', resolvedAt: null, resolution: null, owner: 'Dana' });
    expect(now.workflow?.audit.at(-1)).toMatchObject({
      action: 'detection:quiet',
      detail: expect.stringContaining('propose resolution'),
    });
  });

  it('a snoozed new incident counts as touched: detection going quiet does not resolve it', async () => {
    const h = await startHub();
    h.detection.report(incident('inc_a'));
    await h.tick();
    await h.invoke('incident:snooze', { id: 'inc_a', until: T0 + 60 * MINUTE, reason: 'watching' }, sup);
    h.detection.report(incident('inc_a', { state: 'resolved', resolvedAt: T0 + 5 * MINUTE }));
    await h.tick();
    expect((await listed(h, 'inc_a')).workflow?.state).toBe('new');
  });

  it('breaches the acknowledge SLA exactly at the deadline, not before, once, and records it', async () => {
    const h = await startHub();
    h.detection.report(incident('inc_a'));
    await h.tick();
    const due = T0 + 15 * MINUTE;
    await h.clock.advance(due - 1 - h.clock.now());
    expect(breaches(h)).toEqual([]);
    await h.clock.advance(1);
    expect(breaches(h)).toEqual([{ incidentId: 'inc_a', kind: 'acknowledge', dueAt: due, at: due }]);
    await h.clock.advance(30 * MINUTE);
    expect(breaches(h)).toHaveLength(1);
    const now = await listed(h, 'inc_a');
    expect(now.workflow?.sla.acknowledgeBreachedAt).toBe(due);
    expect(now.workflow?.audit.at(-1)).toMatchObject({ at: due, action: 'sla:breach', actor: { id: 'hub' } });
    await h.clock.advance(T0 + 240 * MINUTE - h.clock.now());
    expect(breaches(h).map((b) => b.kind)).toEqual(['acknowledge', 'resolve']);
  });

  it('an acknowledgement before the deadline stops the acknowledge timer; resolving stops both', async () => {
    const h = await startHub();
    h.detection.report(incident('inc_a'), incident('inc_b', { severity: 'P1' }));
    await h.tick();
    await h.invoke('incident:acknowledge', { id: 'inc_a' }, staff);
    await h.invoke('incident:resolve', { id: 'inc_b' }, sup);
    await h.clock.advance(240 * MINUTE);
    expect(breaches(h)).toEqual([
      { incidentId: 'inc_a', kind: 'resolve', dueAt: T0 + 240 * MINUTE, at: T0 + 240 * MINUTE },
    ]);
  });

  it('refuses an invalid transition with a clear error and changes nothing', async () => {
    const h = await startHub();
    h.detection.report(incident('inc_a'));
    await h.tick();
    await h.invoke('incident:resolve', { id: 'inc_a', falseAlarm: true }, sup);
    const again = await h.invoke('incident:acknowledge', { id: 'inc_a' }, staff);
    expect(again).toEqual({
      ok: false,
      error: { code: 'invalid-transition', message: 'Cannot acknowledge incident inc_a: it is resolved.' },
    });
    const missing = await h.invoke('incident:acknowledge', { id: 'nope' }, staff);
    expect(missing.ok ? null : missing.error).toEqual({ code: 'not-found', message: 'No incident "nope".' });
    expect((await listed(h, 'inc_a')).workflow?.audit.map((e) => e.action)).toEqual([
      'detection:opened',
      'incident:resolve',
    ]);
  });

  it('merges two incidents: the merged one points to the survivor, which gains its flagged posts and notes', async () => {
    const h = await startHub();
    h.detection.report(incident('inc_a'), incident('inc_b', { openedAt: T0 + MINUTE }));
    await h.tick();
    await h.invoke('incident:flag-post', { id: 'inc_b', mentionId: 'x:7' }, staff);
    await h.invoke('incident:note', { id: 'inc_b', text: 'same outage, app reviews' }, staff);
    const merged = await h.invoke('incident:merge', { id: 'inc_b', into: 'inc_a' }, sup);
    expect(merged.ok && (merged.value as Incident).id).toBe('inc_a');
    const survivor = await listed(h, 'inc_a');
    expect(survivor.workflow).toMatchObject({ flaggedPosts: ['x:7'], notes: [{ text: 'same outage, app reviews' }] });
    expect((await listed(h, 'inc_b')).workflow).toMatchObject({ state: 'resolved', mergedInto: 'inc_a' });
    expect(
      changedEvents(h)
        .at(-1)
        ?.incidents.map((i) => i.id),
    ).toEqual(['inc_a', 'inc_b']);
    expect(h.escalation.told.at(-1)).toEqual({ id: 'inc_b', transition: 'resolved', state: 'resolved' });
    const exported = await h.core.api.invoke('incident:export', { id: 'inc_b' });
    expect(exported.ok && JSON.parse(exported.value.content).workflow.mergedInto).toBe('inc_a');
  });

  it('keeps the workflow and its SLA timer across a restart', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'earshot-workflow-'));
    dirs.push(dir);
    const file = join(dir, 'earshot.db');
    const clock = new ManualClock(T0);
    const first = await startHub(file, clock);
    first.detection.report(incident('inc_a', { severity: 'P1' }), incident('inc_b'));
    await first.tick();
    await first.invoke('incident:acknowledge', { id: 'inc_a' }, staff);
    await first.invoke('incident:note', { id: 'inc_a', text: 'before the restart' }, staff);
    await running.pop()?.();
    const second = await startHub(file, clock);
    expect((await listed(second, 'inc_a')).workflow).toMatchObject({
      state: 'acknowledged',
      owner: 'Ravi',
      notes: [{ text: 'before the restart' }],
    });
    await second.clock.advance(T0 + 15 * MINUTE - second.clock.now());
    expect(breaches(second)).toEqual([
      { incidentId: 'inc_b', kind: 'acknowledge', dueAt: T0 + 15 * MINUTE, at: T0 + 15 * MINUTE },
    ]);
  });

  it('answers measures for a period: MTTA/MTTR per severity, open by age, breaches, false alarms per rule', async () => {
    const h = await startHub();
    h.detection.report(
      incident('inc_a', { severity: 'P1' }),
      incident('inc_b', { severity: 'P1', evidence: { ...incident('x').evidence, series: 'negative' } }),
      incident('inc_c', { severity: 'P3' }),
    );
    await h.tick(); // T0 + 31 s
    await h.clock.advance(2 * MINUTE + 29_000); // T0 + 3 min
    await h.invoke('incident:acknowledge', { id: 'inc_a' }, staff);
    await h.clock.advance(MINUTE); // T0 + 4 min
    await h.invoke('incident:acknowledge', { id: 'inc_b' }, staff);
    await h.clock.advance(26 * MINUTE); // T0 + 30 min
    await h.invoke('incident:resolve', { id: 'inc_a' }, sup);
    await h.clock.advance(30 * MINUTE); // T0 + 60 min
    await h.invoke('incident:resolve', { id: 'inc_b', falseAlarm: true }, sup);
    const m = await h.invoke('incidents:measures', { from: T0, to: T0 + 120 * MINUTE }, actor('executive'));
    expect(m.ok && m.value).toEqual({
      from: T0,
      to: T0 + 120 * MINUTE,
      bySeverity: [
        { severity: 'P1', opened: 2, mttaMs: 3.5 * MINUTE, mttrMs: 45 * MINUTE, slaBreaches: 0 },
        { severity: 'P2', opened: 0, mttaMs: null, mttrMs: null, slaBreaches: 0 },
        { severity: 'P3', opened: 1, mttaMs: null, mttrMs: null, slaBreaches: 1 },
        { severity: 'P4', opened: 0, mttaMs: null, mttrMs: null, slaBreaches: 0 },
      ],
      openByAge: [{ id: 'inc_c', severity: 'P3', ageMs: 120 * MINUTE }],
      falseAlarmsByRule: [
        { rule: 'negative', resolved: 1, falseAlarms: 1 },
        { rule: 'topic:login', resolved: 1, falseAlarms: 0 },
      ],
    });
    // Without `to` the period ends at hub now: a resolution made this instant counts (a wall's hub time may lag).
    const soFar = await h.invoke('incidents:measures', { from: T0 }, actor('executive'));
    const sinceT0 = soFar.ok ? MeasuresSchema.parse(soFar.value) : null;
    expect(sinceT0?.to).toBe(h.clock.now() + 1);
    expect(sinceT0?.bySeverity[0]).toEqual({
      severity: 'P1',
      opened: 2,
      mttaMs: 3.5 * MINUTE,
      mttrMs: 45 * MINUTE,
      slaBreaches: 0,
    });
    const bad = await h.invoke('incidents:measures', { from: T0, to: T0 }, actor('executive'));
    expect(bad.ok ? null : bad.error.code).toBe('invalid-request');
  });
});
