import { describe, expect, it } from 'vitest';
import { localUser, parseConfig } from '../../../electron/core/config';
import { openSqliteStore } from '../../../electron/core/store/sqlite/sqlite-store';
import { newWorkflow } from '../../../electron/core/workflow/record';
import { DEFAULT_SLA, breachDue, slaDeadlines, slaPolicy, tightenSla } from '../../../electron/core/workflow/sla';
import { incident, MINUTE, T0 } from './fixtures';

describe('SLA policy and the config file', () => {
  it('defaults to PRODUCT.md: P1 5 min / 2 h, P2 15 min / 4 h, P3 1 h / 1 day, P4 none', () => {
    expect(slaPolicy()).toEqual({
      P1: { acknowledgeMinutes: 5, resolveMinutes: 120 },
      P2: { acknowledgeMinutes: 15, resolveMinutes: 240 },
      P3: { acknowledgeMinutes: 60, resolveMinutes: 1440 },
      P4: { acknowledgeMinutes: null, resolveMinutes: null },
    });
    expect(slaDeadlines(DEFAULT_SLA, 'P4', T0)).toMatchObject({ acknowledgeBy: null, resolveBy: null });
  });

  it('takes per-severity targets from the config over the defaults, and refuses nonsense readably', () => {
    const parsed = parseConfig({ sla: { P2: { acknowledgeMinutes: 10 }, P4: { resolveMinutes: 2880 } } });
    expect(parsed.ok && slaPolicy(parsed.value.sla)).toMatchObject({
      P2: { acknowledgeMinutes: 10, resolveMinutes: 240 },
      P4: { acknowledgeMinutes: null, resolveMinutes: 2880 },
    });
    const bad = parseConfig({ sla: { P1: { acknowledgeMinutes: -5 } } });
    expect(bad.ok ? null : bad.error.message).toContain('sla.P1.acknowledgeMinutes');
    const unknown = parseConfig({ sla: { P9: {} } });
    expect(unknown.ok).toBe(false);
  });

  it('the local user: configured, or the OS user (or "Local user"), admin by default', () => {
    const parsed = parseConfig({});
    expect(parsed.ok && localUser(parsed.value.user, () => 'dana')).toEqual({
      id: 'local:dana',
      name: 'dana',
      role: 'admin',
    });
    expect(
      localUser({ role: 'admin' }, () => {
        throw new Error('no passwd entry');
      }).name,
    ).toBe('Local user');
    const staff = parseConfig({ user: { id: 'ravi', name: 'Ravi', role: 'staff' } });
    expect(staff.ok && localUser(staff.value.user)).toEqual({ id: 'ravi', name: 'Ravi', role: 'staff' });
    expect(parseConfig({ user: { role: 'owner' } }).ok).toBe(false);
  });

  it('a raise in severity starts the new clock then, never pushing a deadline later', () => {
    const sla = slaDeadlines(DEFAULT_SLA, 'P3', T0);
    expect(tightenSla(sla, DEFAULT_SLA, 'P1', T0 + 10 * MINUTE)).toMatchObject({
      acknowledgeBy: T0 + 15 * MINUTE,
      resolveBy: T0 + 130 * MINUTE,
    });
    expect(tightenSla(sla, DEFAULT_SLA, 'P2', T0 + 59 * MINUTE).acknowledgeBy).toBe(T0 + 60 * MINUTE);
  });

  it('breaches a running deadline once, at or after it is due, and never a met one', () => {
    const wf = newWorkflow(incident('inc_1', { severity: 'P1' }), DEFAULT_SLA);
    expect(breachDue(wf, T0 + 5 * MINUTE - 1).breaches).toEqual([]);
    const first = breachDue(wf, T0 + 5 * MINUTE);
    expect(first.breaches).toEqual([{ kind: 'acknowledge', dueAt: T0 + 5 * MINUTE }]);
    expect(breachDue(first.workflow, T0 + 6 * MINUTE).breaches).toEqual([]);
    const acked = { ...wf, state: 'acknowledged' as const, acknowledgedAt: T0 + MINUTE };
    expect(breachDue(acked, T0 + 121 * MINUTE).breaches).toEqual([{ kind: 'resolve', dueAt: T0 + 120 * MINUTE }]);
  });
});

describe('the store keeps detection and people apart', () => {
  it('never stores a workflow inside detection record, and writes both in one call when asked', async () => {
    const store = await openSqliteStore(':memory:');
    const wf = newWorkflow(incident('inc_1'), DEFAULT_SLA);
    await store.saveIncident({ ...incident('inc_1'), workflow: { ...wf, owner: 'stale' } });
    expect(await store.getIncident('inc_1')).toEqual(incident('inc_1'));
    expect(await store.getWorkflow('inc_1')).toBeNull();
    await store.saveIncident(incident('inc_1'), { ...wf, owner: 'Dana' });
    expect((await store.getWorkflow('inc_1'))?.owner).toBe('Dana');
    await store.saveIncident(incident('inc_1', { severity: 'P1' }));
    expect((await store.getWorkflow('inc_1'))?.owner).toBe('Dana');
    expect((await store.openWorkflows()).map((e) => e.incidentId)).toEqual(['inc_1']);
    await store.saveWorkflows([{ incidentId: 'inc_1', workflow: { ...wf, state: 'resolved', resolvedAt: T0 } }]);
    expect(await store.openWorkflows()).toEqual([]);
    expect([...(await store.getWorkflows(['inc_1', 'nope'])).keys()]).toEqual(['inc_1']);
    await store.close();
  });
});
