// @vitest-environment jsdom
import './setup-dom';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { IncidentsPanel } from '../../../../renderer/features/incidents/IncidentsPanel';
import { TEST_IDS } from '../../../../renderer/test-ids';
import type { Incident } from '../../../../shared/incident';
import type { Role } from '../../../../shared/workflow';
import { makeActor, makeIncident, makeSnapshot, makeWorkflow } from '../fixtures';
import { T0, mountWall } from './wall-harness';
import { workflowAnswers } from './workflow-hub';

const MINUTE = 60_000;

const login = (): Incident =>
  makeIncident('i-login', T0 - 2 * MINUTE, {
    title: 'Login failures spike',
    severity: 'P1',
    workflow: makeWorkflow(T0 - 2 * MINUTE),
  });
const checkout = (): Incident =>
  makeIncident('i-checkout', T0 - MINUTE, { title: 'Checkout errors', workflow: makeWorkflow(T0 - MINUTE) });

/** Mounts the panel as `role` and waits until the hub told the wall who it is. */
async function panelAs(role: Role, incidents: Incident[] = [login()], refuse?: Record<string, string>) {
  const mounted = await mountWall(<IncidentsPanel />, {
    snapshot: () => makeSnapshot(T0, { incidents }),
    answer: workflowAnswers({ actor: makeActor(role), incidents: () => incidents, refuse }),
  });
  await waitFor(() => expect(mounted.store.getState().actor?.role).toBe(role));
  const tile = (title: string) => screen.getByText(title).closest('article') as HTMLElement;
  return { ...mounted, tile };
}

const buttons = (tile: HTMLElement): string[] =>
  within(within(tile).getByTestId(TEST_IDS.incidentActions))
    .queryAllByRole('button')
    .map((b) => b.textContent ?? '');

const openForm = (): HTMLElement => screen.getByTestId(TEST_IDS.incidentForm);

const lastRequest = (hub: { requests: Array<{ name: string; payload: unknown }> }, name: string) =>
  hub.requests.filter((r) => r.name === name).at(-1)?.payload;

describe('incident actions', () => {
  it('offers executives no action: they read', async () => {
    const exec = await panelAs('executive');
    expect(buttons(exec.tile('Login failures spike'))).toEqual([]);
    exec.unmount();
  });

  it('staff may acknowledge and note; supervisors see every workflow action', async () => {
    const staff = await panelAs('staff', [login(), checkout()]);
    expect(buttons(staff.tile('Login failures spike'))).toEqual(['Acknowledge', 'Note']);
    staff.unmount();
  });

  it('shows supervisors every action of a new incident', async () => {
    const { tile } = await panelAs('supervisor', [login(), checkout()]);
    expect(buttons(tile('Login failures spike'))).toEqual([
      'Acknowledge',
      'Escalate',
      'Resolve…',
      'Snooze',
      'Assign',
      'Note',
      'Merge',
      'Holding reply',
    ]);
  });

  it('acknowledges and escalates with the incident id, and shows the state the hub answers', async () => {
    const { hub, tile } = await panelAs('supervisor');
    fireEvent.click(within(tile('Login failures spike')).getByRole('button', { name: 'Acknowledge' }));
    await waitFor(() =>
      expect(within(tile('Login failures spike')).getByTestId(TEST_IDS.incidentState).textContent).toBe('acknowledged'),
    );
    expect(lastRequest(hub, 'incident:acknowledge')).toEqual({ id: 'i-login' });
    expect(buttons(tile('Login failures spike'))).not.toContain('Acknowledge');
    fireEvent.click(within(tile('Login failures spike')).getByRole('button', { name: 'Escalate' }));
    await waitFor(() => expect(lastRequest(hub, 'incident:escalate')).toEqual({ id: 'i-login' }));
  });

  it('resolves as a false alarm with a note, and reopens with a reason', async () => {
    const incidents = [login()];
    const { hub, tile } = await panelAs('supervisor', incidents);
    fireEvent.click(within(tile('Login failures spike')).getByRole('button', { name: 'Resolve…' }));
    const form = screen.getByRole('form', { name: 'Resolve the incident' });
    fireEvent.click(within(form).getByLabelText(/False alarm/));
    fireEvent.change(within(form).getByLabelText(/Resolution note/), { target: { value: 'bot storm' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Resolve' }));
    await waitFor(() => expect(screen.queryByRole('form')).toBeNull());
    expect(lastRequest(hub, 'incident:resolve')).toEqual({ id: 'i-login', falseAlarm: true, note: 'bot storm' });
    expect(buttons(tile('Login failures spike'))).toEqual(['Reopen', 'Note']);
    fireEvent.click(within(tile('Login failures spike')).getByRole('button', { name: 'Reopen' }));
    fireEvent.change(screen.getByLabelText('Why reopen'), { target: { value: 'still failing' } });
    fireEvent.click(within(openForm()).getByRole('button', { name: 'Reopen' }));
    await waitFor(() =>
      expect(lastRequest(hub, 'incident:reopen')).toEqual({ id: 'i-login', reason: 'still failing' }),
    );
  });

  it('snoozes until a time on the hub clock with a reason', async () => {
    const { hub, tile } = await panelAs('supervisor');
    fireEvent.click(within(tile('Login failures spike')).getByRole('button', { name: 'Snooze' }));
    fireEvent.change(screen.getByLabelText('For'), { target: { value: '60' } });
    fireEvent.change(screen.getByLabelText('Reason'), { target: { value: 'vendor fixing' } });
    fireEvent.click(within(openForm()).getByRole('button', { name: 'Snooze' }));
    await waitFor(() =>
      expect(lastRequest(hub, 'incident:snooze')).toEqual({
        id: 'i-login',
        until: T0 + 60 * MINUTE,
        reason: 'vendor fixing',
      }),
    );
  });

  it('assigns an owner (defaulting to me), adds a note, and merges into another open incident', async () => {
    const { hub, tile } = await panelAs('supervisor', [login(), checkout()]);
    fireEvent.click(within(tile('Login failures spike')).getByRole('button', { name: 'Assign' }));
    expect((screen.getByLabelText('Owner') as HTMLInputElement).value).toBe('Dana supervisor');
    fireEvent.change(screen.getByLabelText('Owner'), { target: { value: 'Sam' } });
    fireEvent.click(within(openForm()).getByRole('button', { name: 'Assign' }));
    await waitFor(() =>
      expect(within(tile('Login failures spike')).getByTestId(TEST_IDS.incidentOwner).textContent).toBe('owner Sam'),
    );
    expect(lastRequest(hub, 'incident:assign')).toEqual({ id: 'i-login', owner: 'Sam' });

    fireEvent.click(within(tile('Login failures spike')).getByRole('button', { name: 'Note' }));
    fireEvent.change(screen.getByLabelText('Note'), { target: { value: 'identity team paged' } });
    fireEvent.click(within(openForm()).getByRole('button', { name: 'Add note' }));
    await waitFor(() =>
      expect(lastRequest(hub, 'incident:note')).toEqual({ id: 'i-login', text: 'identity team paged' }),
    );

    fireEvent.click(within(tile('Checkout errors')).getByRole('button', { name: 'Merge' }));
    const select = screen.getByLabelText('Merge into (the survivor)') as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual(['P1 Login failures spike']);
    fireEvent.click(within(openForm()).getByRole('button', { name: 'Merge' }));
    await waitFor(() => expect(lastRequest(hub, 'incident:merge')).toEqual({ id: 'i-checkout', into: 'i-login' }));
  });

  it('pins a holding reply that staff can copy, rendered as text', async () => {
    const hostile = '<img src=x onerror="window.pwned=1">We know login is failing';
    const supervisor = await panelAs('supervisor');
    fireEvent.click(within(supervisor.tile('Login failures spike')).getByRole('button', { name: 'Holding reply' }));
    fireEvent.change(screen.getByLabelText(/Holding reply/), { target: { value: hostile } });
    fireEvent.click(within(openForm()).getByRole('button', { name: 'Pin reply' }));
    const reply = await screen.findByTestId(TEST_IDS.holdingReply);
    expect(reply.textContent).toContain(hostile);
    expect(reply.querySelector('img')).toBeNull();
    expect(lastRequest(supervisor.hub, 'incident:holding-reply')).toEqual({ id: 'i-login', text: hostile });
  });

  it('lets staff copy the pinned holding reply; executives only read it', async () => {
    const writeText = vi.fn(async (_text: string) => undefined);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    onTestFinished(() => void vi.unstubAllGlobals());
    const pinned = () => [
      makeIncident('i-login', T0, {
        title: 'Login failures spike',
        workflow: makeWorkflow(T0, { holdingReply: 'We are on it' }),
      }),
    ];
    const staff = await panelAs('staff', pinned());
    fireEvent.click(within(screen.getByTestId(TEST_IDS.holdingReply)).getByRole('button', { name: 'Copy' }));
    expect(await screen.findByText('Copied')).toBeTruthy();
    expect(writeText).toHaveBeenCalledWith('We are on it');
    staff.unmount();
    await panelAs('executive', pinned());
    const reply = await screen.findByTestId(TEST_IDS.holdingReply);
    expect(reply.textContent).toBe('Holding reply: We are on it');
    expect(within(reply).queryByRole('button')).toBeNull();
  });

  it('shows the hub refusal readably next to the action', async () => {
    const { tile } = await panelAs('supervisor', [login()], {
      'incident:escalate': 'forbidden: supervisor or above may escalate',
    });
    fireEvent.click(within(tile('Login failures spike')).getByRole('button', { name: 'Escalate' }));
    const error = await within(tile('Login failures spike')).findByTestId(TEST_IDS.incidentActionError);
    expect(error.textContent).toBe('Escalate failed: forbidden: supervisor or above may escalate');
    expect(error.getAttribute('role')).toBe('alert');
  });
});
