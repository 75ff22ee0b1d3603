// @vitest-environment jsdom
import './setup-dom';
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { IncidentsPanel } from '../../../../renderer/features/incidents/IncidentsPanel';
import { TEST_IDS } from '../../../../renderer/test-ids';
import type { Incident } from '../../../../shared/incident';
import { makeIncident, makeSnapshot } from '../fixtures';
import { T0, mountWall } from './wall-harness';

const MINUTE = 60_000;
const HOSTILE = '<img src="x" onerror="window.pwned = 1">refund NOW';

/** Mounts the panel on a snapshot holding `incidents`; resolves to the rendered tiles. */
async function panelOf(incidents: Incident[]) {
  const mounted = await mountWall(<IncidentsPanel />, { snapshot: () => makeSnapshot(T0, { incidents }) });
  const tiles = await screen.findAllByTestId(TEST_IDS.incidentTile);
  return { ...mounted, tiles };
}

const loginOutage = (): Incident => {
  const base = makeIncident('i-login', T0 - 12 * MINUTE, { title: 'Login failures spike', severity: 'P1' });
  return {
    ...base,
    channels: ['x', 'reddit'],
    evidence: {
      ...base.evidence,
      startedAt: T0 - 14 * MINUTE,
      sourceMix: [
        { channel: 'x', count: 30 },
        { channel: 'reddit', count: 6 },
      ],
      representativePosts: [
        { id: 'p1', channel: 'x', author: 'ana', text: HOSTILE, createdAt: T0 - 2 * MINUTE, duplicates: 4 },
      ],
    },
  };
};

describe('IncidentsPanel', () => {
  it('shows each incident with its severity, title, state and age; open first, then by severity', async () => {
    const { tiles } = await panelOf([
      makeIncident('i-p3', T0 - MINUTE, { title: 'Slow checkout', severity: 'P3' }),
      makeIncident('i-old', T0 - 40 * MINUTE, {
        title: 'Push notifications late',
        severity: 'P1',
        state: 'resolved',
        resolvedAt: T0 - 10 * MINUTE,
      }),
      loginOutage(),
    ]);
    const heads = tiles.map((t) => t.querySelector('.incident-head')?.textContent ?? '');
    expect(tiles.map((t) => t.dataset.severity)).toEqual(['P1', 'P3', 'P1']);
    expect(heads[0]).toMatch(/◆ P1\s*Login failures spike\s*open\s*open for 12m\s*x, reddit/);
    expect(heads[1]).toMatch(/● P3\s*Slow checkout\s*open\s*open for 1m/);
    expect(heads[2]).toMatch(/Push notifications late\s*resolved\s*lasted 30m/);
    expect(screen.getByText(/2 open/)).toBeTruthy();
  });

  it('opens the evidence card: observed vs usual, rising terms, source mix, quoted posts as text', async () => {
    const { tiles } = await panelOf([loginOutage()]);
    expect(screen.queryByTestId(TEST_IDS.evidenceCard)).toBeNull();
    fireEvent.click(within(tiles[0]!).getByRole('button', { name: 'Evidence' }));
    const card = await screen.findByTestId(TEST_IDS.evidenceCard);
    const facts = within(card);
    // Observed vs usual stated once, as the hub computed it, with the detector's score on its own scale.
    expect(
      facts.getByText(
        '14/min vs usual 1.2/min (12×) at 09:12 UTC; detector score 0.99 of 1 (alarm at 0.60) on topic:login',
      ),
    ).toBeTruthy();
    expect(card.textContent?.match(/\/min vs usual/g)).toHaveLength(1);
    expect(facts.getByText('14m ago')).toBeTruthy();
    expect(facts.getByText('20% usual → 70% now')).toBeTruthy();
    expect(facts.getByText('“log in” ×8.0')).toBeTruthy();
    expect(card.textContent).toContain('X 30');
    expect(card.textContent).toContain('Reddit 6');
    const quote = card.querySelector('blockquote');
    expect(quote?.textContent).toContain('@ana · 2m ago · +4 similar');
    expect(quote?.textContent).toContain(HOSTILE);
    expect(card.querySelector('img, script')).toBeNull();
    fireEvent.click(within(tiles[0]!).getByRole('button', { name: 'Hide evidence' }));
    expect(screen.queryByTestId(TEST_IDS.evidenceCard)).toBeNull();
  });

  it('adds, updates and resolves incidents as the hub reports them', async () => {
    const { hub } = await panelOf([makeIncident('i1', T0 - MINUTE, { title: 'Card payments failing' })]);
    hub.push({
      name: 'incidents:changed',
      payload: {
        incidents: [
          makeIncident('i1', T0 - MINUTE, { title: 'Card payments failing', state: 'resolved', resolvedAt: T0 }),
          makeIncident('i2', T0, { title: 'App crashes on launch', severity: 'P1' }),
        ],
      },
    });
    const first = await screen.findByText('App crashes on launch');
    expect(first.closest('article')?.dataset.severity).toBe('P1');
    expect(screen.getAllByTestId(TEST_IDS.incidentTile)).toHaveLength(2);
    expect(screen.getByText(/1 open/)).toBeTruthy();
    expect(screen.getByText('Card payments failing').closest('article')?.textContent).toContain('resolved');
  });

  it('says so when there are no incidents', async () => {
    await mountWall(<IncidentsPanel />);
    expect(await screen.findByText(/No incidents\./)).toBeTruthy();
    expect(screen.getByText(/0 open/)).toBeTruthy();
  });
});
