// @vitest-environment jsdom
import './setup-dom';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { IncidentsPanel } from '../../../../renderer/features/incidents/IncidentsPanel';
import { TEST_IDS } from '../../../../renderer/test-ids';
import type { Incident } from '../../../../shared/incident';
import { makeActor, makeIncident, makeSnapshot, makeWorkflow } from '../fixtures';
import { T0, mountWall } from './wall-harness';
import { workflowAnswers } from './workflow-hub';

const MINUTE = 60_000;

async function panelWith(incidents: Incident[]) {
  const mounted = await mountWall(<IncidentsPanel />, {
    snapshot: () => makeSnapshot(T0, { incidents }),
    answer: workflowAnswers({ actor: makeActor('supervisor'), incidents: () => incidents }),
  });
  const tiles = await screen.findAllByTestId(TEST_IDS.incidentTile);
  return { ...mounted, tiles };
}

const sla = (tile: HTMLElement) => within(tile).getByTestId(TEST_IDS.slaTimer);

describe('incident SLA timer', () => {
  it('counts down to the acknowledge deadline on the hub clock and turns breached when it passes', async () => {
    const { hub, tiles } = await panelWith([makeIncident('i1', T0 - MINUTE, { workflow: makeWorkflow(T0 - MINUTE) })]);
    const tile = tiles[0]!;
    expect(sla(tile).textContent).toBe('◷ ack within 4m 00s');
    expect(sla(tile).dataset.breached).toBe('false');
    hub.push({ name: 'clock:tick', payload: { now: T0 + 3 * MINUTE + 55_000, mentions: 0 } });
    await waitFor(() => expect(sla(tile).textContent).toBe('◷ ack within 0m 05s'));
    hub.push({ name: 'clock:tick', payload: { now: T0 + 4 * MINUTE + 30_000, mentions: 0 } });
    await waitFor(() => expect(sla(tile).dataset.breached).toBe('true'));
    expect(sla(tile).textContent).toBe('⚠ SLA breached: ack overdue by 0m 30s');
  });

  it('marks the incident breached when the hub reports the breach, and then times the resolve deadline', async () => {
    const acked = makeWorkflow(T0 - MINUTE, { state: 'acknowledged', acknowledgedAt: T0 });
    const { hub, tiles } = await panelWith([
      makeIncident('i1', T0 - MINUTE, { workflow: makeWorkflow(T0 - MINUTE) }),
      makeIncident('i2', T0 - MINUTE, { severity: 'P3', workflow: acked }),
    ]);
    expect(sla(tiles[1]!).textContent).toBe('◷ resolve within 1h 59m');
    hub.push({ name: 'incident:sla-breach', payload: { incidentId: 'i1', kind: 'acknowledge', dueAt: T0, at: T0 } });
    await waitFor(() => expect(sla(tiles[0]!).dataset.breached).toBe('true'));
    expect(sla(tiles[0]!).textContent).toContain('SLA breached');
  });

  it('shows no timer once resolved', async () => {
    const done = makeWorkflow(T0 - MINUTE, { state: 'resolved', resolvedAt: T0 });
    const { tiles } = await panelWith([makeIncident('i1', T0 - MINUTE, { workflow: done })]);
    expect(within(tiles[0]!).queryByTestId(TEST_IDS.slaTimer)).toBeNull();
  });
});

describe('incident notes, audit and deliveries', () => {
  const actor = makeActor('supervisor', { name: 'Rita', desk: 'floor-2' });
  const workflow = makeWorkflow(T0 - 10 * MINUTE, {
    state: 'escalated',
    owner: 'Rita',
    notes: [{ id: 'n1', at: T0 - 2 * MINUTE, author: 'Rita', text: '<b>paged</b> identity on-call' }],
    audit: [
      { at: T0 - 5 * MINUTE, actor, action: 'incident:acknowledge', detail: '' },
      { at: T0 - 3 * MINUTE, actor, action: 'incident:escalate', detail: 'to pd' },
    ],
    deliveries: [
      {
        targetId: 'pd',
        targetKind: 'pagerduty',
        transition: 'escalated',
        status: 'sent',
        attempts: 1,
        createdAt: T0 - 3 * MINUTE,
        lastAttemptAt: T0 - 3 * MINUTE,
        lastError: null,
      },
      {
        targetId: 'care-slack',
        targetKind: 'slack',
        transition: 'escalated',
        status: 'failed',
        attempts: 4,
        createdAt: T0 - 3 * MINUTE,
        lastAttemptAt: T0 - MINUTE,
        lastError: 'HTTP 500 from Slack',
      },
    ],
  });

  it('lists notes as text, the audit log collapsed, and each delivery with status, attempts and last error', async () => {
    const { tiles } = await panelWith([makeIncident('i1', T0 - 10 * MINUTE, { workflow })]);
    const tile = tiles[0]!;
    const notes = within(tile).getByTestId(TEST_IDS.notesList);
    expect(notes.textContent).toBe('Rita · 2m ago: <b>paged</b> identity on-call');
    expect(notes.querySelector('b')).toBeNull();
    expect(within(tile).getByTestId(TEST_IDS.incidentOwner).textContent).toBe('owner Rita');
    expect(within(tile).queryByTestId(TEST_IDS.deliveryLog)).toBeNull();
    fireEvent.click(within(tile).getByRole('button', { name: 'Evidence' }));
    const rows = within(tile).getAllByTestId(TEST_IDS.deliveryRow);
    expect(rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent))).toEqual([
      ['pd (pagerduty)', 'escalated', 'sent · 3m ago', '1', '—'],
      ['care-slack (slack)', 'escalated', 'failed · 1m ago', '4', 'HTTP 500 from Slack'],
    ]);
    const audit = within(tile).getByTestId(TEST_IDS.auditLog) as HTMLDetailsElement;
    expect(audit.open).toBe(false);
    expect(within(audit).getByText('Audit log (2)')).toBeTruthy();
    const entries = [...audit.querySelectorAll('li')].map((li) => li.textContent ?? '');
    expect(entries[0]).toMatch(/Rita \(supervisor @ floor-2\) incident:acknowledge$/);
    expect(entries[1]).toMatch(/Rita \(supervisor @ floor-2\) incident:escalate — to pd$/);
  });
});
