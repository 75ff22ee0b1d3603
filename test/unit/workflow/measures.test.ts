import { describe, expect, it } from 'vitest';
import { computeMeasures, type Owned } from '../../../electron/core/workflow/measures';
import { newWorkflow } from '../../../electron/core/workflow/record';
import { DEFAULT_SLA } from '../../../electron/core/workflow/sla';
import type { Incident } from '../../../shared/incident';
import type { Workflow } from '../../../shared/workflow';
import { incident, MINUTE, T0 } from './fixtures';

const HOUR = 60 * MINUTE;

function owned(i: Incident, wf: Partial<Workflow>): Owned {
  return { incident: i, workflow: { ...newWorkflow(i, DEFAULT_SLA), ...wf } };
}

describe('measures', () => {
  it('leaves out merged incidents and automatic resolutions, and counts open at the end of the period', () => {
    const p1 = incident('p1', { severity: 'P1' });
    const history: Owned[] = [
      owned(p1, {
        state: 'resolved',
        acknowledgedAt: T0 + 2 * MINUTE,
        resolvedAt: T0 + HOUR,
        resolution: { kind: 'fixed', by: 'Dana', note: '' },
      }),
      owned(incident('auto', { severity: 'P1' }), {
        state: 'resolved',
        resolvedAt: T0 + 30 * MINUTE,
        resolution: { kind: 'auto', by: 'Earshot', note: '' },
      }),
      owned(incident('merged', { severity: 'P1' }), { state: 'resolved', resolvedAt: T0 + MINUTE, mergedInto: 'p1' }),
      // Resolved after the period ends: still open at `to`.
      owned(incident('late', { severity: 'P2', openedAt: T0 + HOUR }), {
        state: 'resolved',
        resolvedAt: T0 + 5 * HOUR,
        resolution: { kind: 'false-alarm', by: 'Dana', note: '' },
      }),
      // Opened before the period: not in its MTTA, but its breach in the period counts.
      owned(incident('old', { severity: 'P3', openedAt: T0 - 2 * HOUR }), {
        sla: {
          acknowledgeBy: T0 - HOUR,
          resolveBy: T0 + 22 * HOUR,
          acknowledgeBreachedAt: T0 - HOUR,
          resolveBreachedAt: null,
        },
      }),
      owned(incident('breached', { severity: 'P3', openedAt: T0 }), {
        sla: { acknowledgeBy: T0 + HOUR, resolveBy: null, acknowledgeBreachedAt: T0 + HOUR, resolveBreachedAt: null },
      }),
      // Opened after the period: nowhere.
      owned(incident('future', { openedAt: T0 + 4 * HOUR }), {}),
    ];
    const m = computeMeasures(history, T0, T0 + 2 * HOUR);
    expect(m.bySeverity).toEqual([
      { severity: 'P1', opened: 2, mttaMs: 2 * MINUTE, mttrMs: HOUR, slaBreaches: 0 },
      { severity: 'P2', opened: 1, mttaMs: null, mttrMs: null, slaBreaches: 0 },
      { severity: 'P3', opened: 1, mttaMs: null, mttrMs: null, slaBreaches: 1 },
      { severity: 'P4', opened: 0, mttaMs: null, mttrMs: null, slaBreaches: 0 },
    ]);
    expect(m.openByAge).toEqual([
      { id: 'old', severity: 'P3', ageMs: 4 * HOUR },
      { id: 'breached', severity: 'P3', ageMs: 2 * HOUR },
      { id: 'late', severity: 'P2', ageMs: HOUR },
    ]);
    expect(m.falseAlarmsByRule).toEqual([{ rule: 'topic:login', resolved: 2, falseAlarms: 0 }]);
  });
});
