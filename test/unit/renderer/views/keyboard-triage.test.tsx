// @vitest-environment jsdom
import './setup-dom';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../../../renderer/app/App';
import { TEST_IDS } from '../../../../renderer/test-ids';
import type { Incident } from '../../../../shared/incident';
import type { Role } from '../../../../shared/workflow';
import { makeActor, makeIncident, makeMention, makeSnapshot, makeWorkflow } from '../fixtures';
import { T0, mountWall } from './wall-harness';
import { workflowAnswers } from './workflow-hub';

const MINUTE = 60_000;
const press = (key: string, target: Element | Window = window): void => void fireEvent.keyDown(target, { key });

const incidents = (): Incident[] => [
  makeIncident('i-login', T0 - 2 * MINUTE, { title: 'Login failures', severity: 'P1', workflow: makeWorkflow(T0) }),
  makeIncident('i-pay', T0 - MINUTE, { title: 'Payments failing', severity: 'P2', workflow: makeWorkflow(T0) }),
];

const mentions = () => [
  makeMention(1, T0 - 1000, { createdAt: T0 - 1000, text: 'cannot log in since 9' }),
  makeMention(2, T0 - 2000, { createdAt: T0 - 2000, text: 'payment declined twice' }),
  makeMention(3, T0 - 3000, { createdAt: T0 - 3000, text: 'log in loop on android' }),
];

async function wallAs(role: Role, list: Incident[] = incidents()) {
  const mounted = await mountWall(<App />, {
    snapshot: () => makeSnapshot(T0, { mentions: mentions(), incidents: list }),
    answer: workflowAnswers({ actor: makeActor(role), incidents: () => list }),
  });
  await screen.findByText('cannot log in since 9');
  await waitFor(() => expect(mounted.store.getState().actor?.role).toBe(role));
  const requests = (name: string) => mounted.hub.requests.filter((r) => r.name === name).map((r) => r.payload);
  const marked = () => screen.getByTestId(TEST_IDS.incidentTarget).closest('article')?.dataset.incidentId;
  return { ...mounted, requests, marked };
}

describe('keyboard triage', () => {
  it('acts on the marked incident: the top open one, moved with ] and [', async () => {
    const { requests, marked } = await wallAs('supervisor');
    expect(marked()).toBe('i-login');
    expect(screen.getByTestId(TEST_IDS.triageBar).textContent).toContain('keys act on: P1 Login failures');
    press('a');
    await waitFor(() => expect(requests('incident:acknowledge')).toEqual([{ id: 'i-login' }]));
    expect(await screen.findByText('Acknowledged: Login failures')).toBeTruthy();
    press(']');
    expect(marked()).toBe('i-pay');
    press('e');
    await waitFor(() => expect(requests('incident:escalate')).toEqual([{ id: 'i-pay' }]));
    press('[');
    expect(marked()).toBe('i-login');
  });

  it('r opens the resolve form with its button focused; n opens the note box; Escape closes', async () => {
    const { requests } = await wallAs('supervisor');
    press('r');
    const form = screen.getByRole('form', { name: 'Resolve the incident' });
    expect(form.closest('article')?.dataset.incidentId).toBe('i-login');
    const submit = within(form).getByRole('button', { name: 'Resolve' });
    expect(document.activeElement).toBe(submit);
    fireEvent.click(submit);
    await waitFor(() => expect(requests('incident:resolve')).toEqual([{ id: 'i-login', falseAlarm: false }]));
    press('n');
    const note = screen.getByLabelText('Note');
    expect(document.activeElement).toBe(note);
    press('a', note);
    expect(requests('incident:acknowledge')).toEqual([]);
    press('Escape', note);
    expect(screen.queryByRole('form')).toBeNull();
  });

  it('f flags the selected post to the chosen incident, or asks which when several are open', async () => {
    const { requests } = await wallAs('staff');
    press('f');
    expect(screen.getByTestId(TEST_IDS.triageNotice).textContent).toBe('Select a post first (j / k), then press f.');
    press('j');
    press('f');
    const chooser = screen.getByTestId(TEST_IDS.flagChooser);
    expect(
      within(chooser)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['P1 Login failures', 'P2 Payments failing', 'Cancel (Esc)']);
    fireEvent.click(within(chooser).getByRole('button', { name: 'P2 Payments failing' }));
    await waitFor(() => expect(requests('incident:flag-post')).toEqual([{ id: 'i-pay', mentionId: 'sim:1' }]));
    expect(screen.queryByTestId(TEST_IDS.flagChooser)).toBeNull();
    fireEvent.click(screen.getByText('Login failures'));
    press('j');
    press('f');
    await waitFor(() => expect(requests('incident:flag-post')).toHaveLength(2));
    expect(requests('incident:flag-post')[1]).toEqual({ id: 'i-login', mentionId: 'sim:2' });
  });

  it('f flags straight to the only open incident', async () => {
    const { requests } = await wallAs('staff', incidents().slice(0, 1));
    press('j');
    press('f');
    await waitFor(() => expect(requests('incident:flag-post')).toEqual([{ id: 'i-login', mentionId: 'sim:1' }]));
    expect(await screen.findByText('Flagged the post to: Login failures')).toBeTruthy();
  });

  it('refuses keys the role may not use, saying so, without asking the hub', async () => {
    const { requests } = await wallAs('staff');
    press('e');
    expect(screen.getByTestId(TEST_IDS.triageNotice).textContent).toBe('Your role (staff) may not escalate incidents.');
    press('r');
    expect(screen.queryByRole('form')).toBeNull();
    expect(requests('incident:escalate')).toEqual([]);
  });

  it('/ focuses the search, which filters the feed by text; j / k move within what is shown', async () => {
    const { requests } = await wallAs('staff');
    press('/');
    const search = screen.getByTestId(TEST_IDS.feedSearch);
    expect(document.activeElement).toBe(search);
    fireEvent.change(search, { target: { value: 'log in' } });
    const texts = () => screen.getAllByTestId(TEST_IDS.mentionText).map((t) => t.textContent);
    expect(texts()).toEqual(['cannot log in since 9', 'log in loop on android']);
    press('Escape', search);
    (search as HTMLInputElement).blur();
    press('j');
    press('j');
    const current = screen.getAllByTestId(TEST_IDS.mentionRow).find((r) => r.getAttribute('aria-current'));
    expect(current?.textContent).toContain('log in loop on android');
    fireEvent.change(search, { target: { value: 'nothing like this' } });
    expect(screen.queryAllByTestId(TEST_IDS.mentionRow)).toEqual([]);
    // Older posts are the hub's to search: the wall asks it once typing pauses.
    await waitFor(() => expect(requests('mentions:search').at(-1)).toMatchObject({ text: 'nothing like this' }));
  });
});
