// @vitest-environment jsdom
import './setup-dom';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SupervisorBoard } from '../../../../renderer/views/SupervisorBoard';
import { TEST_IDS } from '../../../../renderer/test-ids';
import type { Incident } from '../../../../shared/incident';
import { makeActor, makeIncident, makeSnapshot, makeWorkflow } from '../fixtures';
import { T0, mountWall } from './wall-harness';

const MINUTE = 60_000;

const timeline = [2, 3, 11, 15].map((observed, i) => ({ minute: T0 - (4 - i) * MINUTE, observed, baseline: 2 }));

const incidents = (): Incident[] => [
  makeIncident('i-p1', T0 - 10 * MINUTE, {
    title: 'Login failures spike',
    severity: 'P1',
    evidence: { ...makeIncident('x', T0).evidence, timeline, startedAt: T0 - 2 * MINUTE },
    workflow: makeWorkflow(T0 - 10 * MINUTE, {
      owner: 'Ravi',
      deliveries: [
        {
          targetId: 'pd',
          targetKind: 'pagerduty',
          transition: 'opened',
          status: 'failed',
          attempts: 3,
          createdAt: T0 - 9 * MINUTE,
          lastAttemptAt: T0 - 8 * MINUTE,
          lastError: 'HTTP 503',
        },
      ],
    }),
  }),
  makeIncident('i-p2a', T0 - 5 * MINUTE, {
    workflow: makeWorkflow(T0 - 5 * MINUTE, { state: 'acknowledged', acknowledgedAt: T0 - 4 * MINUTE }),
  }),
  makeIncident('i-p2b', T0 - 3 * MINUTE, { workflow: makeWorkflow(T0 - 3 * MINUTE) }),
];

let saved: Blob[] = [];
beforeEach(() => {
  saved = [];
  URL.createObjectURL = vi.fn((blob: Blob) => {
    saved.push(blob);
    return 'blob:test';
  });
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
});
afterEach(() => vi.restoreAllMocks());

const answer = (name: string, payload: unknown): unknown => {
  if (name === 'session:whoami') return { ok: true, value: makeActor('supervisor') };
  if (name === 'incidents:measures') return undefined;
  if (name === 'incident:postmortem') {
    const { id, format } = payload as { id: string; format: string };
    if (format === 'pdf')
      return { ok: false, error: { code: 'unavailable', message: 'PDF export is not available on this hub' } };
    return {
      ok: true,
      value: {
        filename: `earshot-postmortem-${id}.html`,
        contentType: 'text/html',
        encoding: 'utf8',
        content: '<h1>pm</h1>',
      },
    };
  }
  return undefined;
};

describe('the supervisor board', () => {
  it('counts incidents by severity and state, and past-SLA ones', async () => {
    await mountWall(<SupervisorBoard />, { snapshot: () => makeSnapshot(T0, { incidents: incidents() }), answer });
    const summary = await screen.findByTestId(TEST_IDS.boardSummary);
    await waitFor(() => expect(summary.querySelector('[data-cell="P2:new"]')?.textContent).toBe('1'));
    expect(summary.querySelector('[data-cell="P1:new"]')?.textContent).toBe('1');
    expect(summary.querySelector('[data-cell="P2:acknowledged"]')?.textContent).toBe('1');
    expect(summary.querySelector('[data-cell="P3:new"]')?.textContent).toBe('0');
    // The P1 opened 10 minutes ago with a 5-minute acknowledge SLA.
    expect(summary.textContent).toMatch(/1 past SLA/);
  });

  it('details the incident the keys act on: its timeline drawn, delivery log, evidence; follows focus', async () => {
    const { store } = await mountWall(<SupervisorBoard />, {
      snapshot: () => makeSnapshot(T0, { incidents: incidents() }),
      answer,
    });
    const detail = await screen.findByTestId(TEST_IDS.boardDetail);
    await waitFor(() => expect(detail.dataset.incidentId).toBe('i-p1'));
    expect(within(detail).getByTestId(TEST_IDS.timelineObserved).getAttribute('d')).toMatch(/^M/);
    const row = within(detail).getByTestId(TEST_IDS.deliveryRow);
    expect(row.dataset.status).toBe('failed');
    expect(row.textContent).toMatch(/pd.*pagerduty.*opened.*failed.*3.*HTTP 503/);
    expect(within(detail).getByTestId(TEST_IDS.evidenceCard)).toBeTruthy();
    store.getState().focusIncident('i-p2b');
    await waitFor(() => expect(screen.getByTestId(TEST_IDS.boardDetail).dataset.incidentId).toBe('i-p2b'));
    expect(screen.getByTestId(TEST_IDS.boardDetail).textContent).toMatch(
      /no per-minute timeline.*Deliveries: none yet/,
    );
  });

  it('downloads the post-mortem the hub renders, and shows the hub’s refusal of a PDF', async () => {
    const { hub } = await mountWall(<SupervisorBoard />, {
      snapshot: () => makeSnapshot(T0, { incidents: incidents() }),
      answer,
    });
    const detail = await screen.findByTestId(TEST_IDS.boardDetail);
    await waitFor(() => expect(detail.dataset.incidentId).toBe('i-p1'));
    fireEvent.click(within(detail).getByTestId(TEST_IDS.postmortemHtml));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(hub.requests).toContainEqual({ name: 'incident:postmortem', payload: { id: 'i-p1', format: 'html' } });
    expect(saved[0]?.type).toBe('text/html');
    expect(await saved[0]?.text()).toBe('<h1>pm</h1>');
    fireEvent.click(within(detail).getByTestId(TEST_IDS.postmortemPdf));
    expect((await within(detail).findByRole('alert')).textContent).toMatch(/PDF export is not available/);
  });

  it('with no incidents, says how incidents arrive', async () => {
    await mountWall(<SupervisorBoard />, { answer });
    expect((await screen.findByTestId(TEST_IDS.boardDetail)).textContent).toMatch(/No open incident/);
  });
});
