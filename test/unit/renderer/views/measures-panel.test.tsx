// @vitest-environment jsdom
import './setup-dom';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { MeasuresPanel } from '../../../../renderer/features/measures/MeasuresPanel';
import { startOfDay } from '../../../../renderer/features/measures/measures-view';
import { TEST_IDS } from '../../../../renderer/test-ids';
import type { Incident } from '../../../../shared/incident';
import type { Measures } from '../../../../shared/workflow';
import { makeActor, makeIncident, makeSnapshot, makeWorkflow } from '../fixtures';
import { T0, mountWall } from './wall-harness';
import { workflowAnswers } from './workflow-hub';

const MINUTE = 60_000;

const measures = (mttaMs: number | null): Measures => ({
  from: startOfDay(T0),
  to: T0,
  bySeverity: [
    { severity: 'P1', opened: 2, mttaMs, mttrMs: 42 * MINUTE, slaBreaches: 1 },
    { severity: 'P2', opened: 0, mttaMs: null, mttrMs: null, slaBreaches: 0 },
  ],
  openByAge: [{ id: 'i1', severity: 'P1', ageMs: 12 * MINUTE }],
  falseAlarmsByRule: [{ rule: 'topic:login', resolved: 4, falseAlarms: 1 }],
});

describe('MeasuresPanel', () => {
  it("asks for today's measures on the hub clock and refreshes them when incidents change", async () => {
    const incident = makeIncident('i1', T0 - 12 * MINUTE, { title: 'Login failures', workflow: makeWorkflow(T0) });
    let mtta: number | null = 3 * MINUTE;
    const { hub } = await mountWall(<MeasuresPanel />, {
      snapshot: () => makeSnapshot(T0, { incidents: [incident] }),
      answer: workflowAnswers({ actor: makeActor('executive'), incidents: () => [], measures: () => measures(mtta) }),
    });
    const row = async (sev: string) =>
      (await screen.findAllByTestId(TEST_IDS.measuresRow)).find((r) => r.dataset.severity === sev)!;
    const cell = async (sev: string, m: string) => (await row(sev)).querySelector(`[data-measure="${m}"]`)?.textContent;
    await waitFor(async () => expect(await cell('P1', 'mtta')).toBe('3m'));
    expect(await cell('P1', 'mttr')).toBe('42m');
    expect(await cell('P2', 'mtta')).toBe('—');
    expect([...(await row('P1')).children].map((c) => c.textContent)).toEqual(['◆ P1', '2', '3m', '42m', '1']);
    expect(screen.getByTestId(TEST_IDS.openByAge).textContent).toBe('P1 Login failures · open 12m');
    expect(screen.getByText('False alarms: topic:login 1/4')).toBeTruthy();
    const asked = hub.requests.filter((r) => r.name === 'incidents:measures');
    expect(asked).toEqual([{ name: 'incidents:measures', payload: { from: startOfDay(T0) } }]);

    hub.push({ name: 'clock:tick', payload: { now: T0 + 1000, mentions: 0 } });
    mtta = 4 * MINUTE;
    const acked: Incident = { ...incident, workflow: makeWorkflow(T0, { state: 'acknowledged', acknowledgedAt: T0 }) };
    hub.push({ name: 'incidents:changed', payload: { incidents: [acked] } });
    await waitFor(async () => expect(await cell('P1', 'mtta')).toBe('4m'));
    expect(hub.requests.filter((r) => r.name === 'incidents:measures')).toHaveLength(2);
  });

  it('lists recent SLA breaches and says when the hub cannot give measures', async () => {
    const incident = makeIncident('i1', T0, { title: 'Login failures' });
    const { hub, store } = await mountWall(<MeasuresPanel />, {
      snapshot: () => makeSnapshot(T0, { incidents: [incident] }),
      answer: (name) =>
        name === 'incidents:measures'
          ? { ok: false, error: { code: 'unknown-command', message: 'not served' } }
          : undefined,
    });
    expect((await screen.findByRole('status')).textContent).toBe('Measures unavailable: not served');
    hub.push({ name: 'incident:sla-breach', payload: { incidentId: 'i1', kind: 'acknowledge', dueAt: T0, at: T0 } });
    const list = await screen.findByTestId(TEST_IDS.recentBreaches);
    expect(within(list).getByText('⚠ Login failures: not acknowledged in time')).toBeTruthy();

    // Resolved, and gone from the wall 30 minutes later: the notice still names it.
    hub.push({
      name: 'incidents:changed',
      payload: { incidents: [{ ...incident, state: 'resolved', resolvedAt: T0 }] },
    });
    hub.push({ name: 'clock:tick', payload: { now: T0 + 31 * MINUTE, mentions: 0 } });
    await waitFor(() => expect(store.getState().incidents.has('i1')).toBe(false));
    expect(screen.getByTestId(TEST_IDS.recentBreaches).textContent).toBe('⚠ Login failures: not acknowledged in time');
  });
});
