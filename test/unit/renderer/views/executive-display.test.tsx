// @vitest-environment jsdom
import './setup-dom';
import { act, fireEvent, renderHook, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { useRotation } from '../../../../renderer/features/display/use-rotation';
import { DrillDownPanel } from '../../../../renderer/features/drilldown/DrillDownPanel';
import { transportSearch, type SearchMentions } from '../../../../renderer/features/drilldown/search-port';
import { TEST_IDS } from '../../../../renderer/test-ids';
import { ExecutiveDisplay } from '../../../../renderer/views/ExecutiveDisplay';
import type { Incident } from '../../../../shared/incident';
import { ok } from '../../../../shared/result';
import type { MentionSearch } from '../../../../shared/search';
import type { WallKpis, WallSeries } from '../../../../shared/wall';
import type { Measures } from '../../../../shared/workflow';
import type { Transport } from '../../../../renderer/transport/transport';
import { makeActor, makeHealth, makeIncident, makeMention, makeSnapshot, makeWorkflow } from '../fixtures';
import { T0, mountWall } from './wall-harness';
import { workflowAnswers } from './workflow-hub';

const M = 60_000;

const series = (): WallSeries => ({
  from: T0 - 1439 * M,
  to: T0,
  points: [{ minute: T0 - M, total: 4, negative: 1, positive: 2 }],
  byChannel: [{ minute: T0 - M, key: 'x', total: 4, negative: 1, positive: 2 }],
  byTopic: [{ minute: T0 - M, key: 'login', total: 3, negative: 1, positive: 0 }],
  up: [{ from: T0 - 30 * M, to: T0 }],
});
const kpis = (): WallKpis => ({
  now: T0,
  windowMinutes: 60,
  net: { now: 0.25, usual: 0.05 },
  volume: { now: 240, usual: 100 },
  usualBasis: 'hour-of-week',
  dataAt: T0 - 30_000,
});
const measures = (): Measures => ({
  from: T0 - 12 * 60 * M,
  to: T0,
  bySeverity: [{ severity: 'P1', opened: 1, mttaMs: 3 * M, mttrMs: null, slaBreaches: 0 }],
  openByAge: [],
  falseAlarmsByRule: [],
});

function display(incidents: () => Incident[] = () => []) {
  const workflow = workflowAnswers({ actor: makeActor('staff'), incidents, measures });
  return mountWall(<ExecutiveDisplay />, {
    snapshot: () =>
      makeSnapshot(T0, {
        incidents: incidents(),
        mentions: [makeMention(1, T0 - 20_000)],
        status: {
          version: '9.9.9',
          uptime: 1,
          mentions: 1,
          sources: [makeHealth('sim', { lastItemAt: T0 - 20_000 })],
          mode: 'embedded',
        },
      }),
    answer: (name, payload) => {
      if (name === 'wall:series') return { ok: true, value: series() };
      if (name === 'wall:kpis') return { ok: true, value: kpis() };
      if (name === 'mentions:search') {
        return {
          ok: true,
          value: { items: [makeMention(7, T0 - M, { text: 'the post behind it' })], next: null, handled: [] },
        };
      }
      return workflow(name, payload);
    },
  });
}

const tile = (kpi: string): HTMLElement =>
  screen.getAllByTestId(TEST_IDS.kpiTile).find((t) => t.dataset.kpi === kpi) as HTMLElement;

describe('the executive display', () => {
  it('shows net sentiment and volume against usual, open incidents and MTTA/MTTR, each with its data age', async () => {
    await display();
    await waitFor(() => expect(within(tile('net-sentiment')).getByTestId(TEST_IDS.kpiFigure).textContent).toBe('+25'));
    expect(tile('net-sentiment').textContent).toContain('20 above usual (+5)');
    expect(within(tile('volume')).getByTestId(TEST_IDS.kpiFigure).textContent).toBe('240');
    expect(tile('volume').textContent).toContain('2.4× usual (100)');
    expect(within(tile('net-sentiment')).getByTestId(TEST_IDS.tileAge).textContent).toBe('data 21s old');
    await waitFor(() => expect(within(tile('response')).getByTestId(TEST_IDS.kpiFigure).textContent).toBe('3m / —'));
    expect(tile('net-sentiment').dataset.stale).toBe('false');
  });

  it('lets a P1 nobody acknowledged take the display over until someone acknowledges it', async () => {
    let incidents = [
      makeIncident('p1', T0 - 2 * M, { title: 'Login down', severity: 'P1', workflow: makeWorkflow(T0 - 2 * M) }),
    ];
    const { hub, store } = await display(() => incidents);
    const takeover = await screen.findByTestId(TEST_IDS.p1Takeover);
    await waitFor(() => expect(store.getState().actor?.role).toBe('staff'));
    expect(takeover.textContent).toContain('Login down');
    expect(screen.getByTestId(TEST_IDS.displayScene).dataset.scene).toBe('takeover');
    fireEvent.click(within(takeover).getByRole('button', { name: 'Acknowledge' }));
    await waitFor(() => expect(hub.requests.some((r) => r.name === 'incident:acknowledge')).toBe(true));
    incidents = [
      { ...incidents[0]!, workflow: makeWorkflow(T0 - 2 * M, { state: 'acknowledged', acknowledgedAt: T0 }) },
    ];
    hub.push({ name: 'incidents:changed', payload: { incidents } });
    await waitFor(() => expect(screen.queryByTestId(TEST_IDS.p1Takeover)).toBeNull());
    expect(screen.getByTestId(TEST_IDS.displayScene).dataset.scene).toBe('overview');
  });

  it('freezes and says since when once it loses the hub, and marks its tiles stale', async () => {
    const { hub } = await display();
    await waitFor(() => expect(within(tile('net-sentiment')).getByTestId(TEST_IDS.kpiFigure).textContent).toBe('+25'));
    hub.dropClients();
    const banner = await screen.findByTestId(TEST_IDS.hubLost);
    expect(banner.textContent).toMatch(/Lost the hub at .*frozen/);
    expect(tile('net-sentiment').dataset.stale).toBe('true');
    expect(tile('net-sentiment').textContent).toContain('STALE');
  });

  it('opens the posts behind a KPI in the drill-down panel', async () => {
    await display();
    await waitFor(() => expect(within(tile('volume')).getByTestId(TEST_IDS.kpiFigure).textContent).toBe('240'));
    fireEvent.click(within(tile('volume')).getByRole('button'));
    const panel = await screen.findByTestId(TEST_IDS.drillPanel);
    expect(await within(panel).findByText('the post behind it')).toBeTruthy();
    fireEvent.keyDown(window, { key: 'Escape' });
    expect(screen.queryByTestId(TEST_IDS.drillPanel)).toBeNull();
  });
});

describe('the drill-down panel', () => {
  it('lists the posts of the target a page at a time, text as text', async () => {
    const calls: MentionSearch[] = [];
    const search: SearchMentions = async (q) => {
      calls.push(q);
      return q.cursor === undefined
        ? ok({ items: [makeMention(1, T0, { text: '<b>first</b>' })], next: 'page-2' })
        : ok({ items: [makeMention(2, T0 - M, { text: 'second' })], next: null });
    };
    const onClose = vi.fn();
    const { render } = await import('@testing-library/react');
    render(
      <DrillDownPanel
        target={{ title: 'Reddit · 10:00–11:00', from: T0 - 60 * M, to: T0, channels: ['reddit'] }}
        search={search}
        onClose={onClose}
      />,
    );
    const rows = await screen.findAllByTestId(TEST_IDS.drillRow);
    expect(rows[0]?.querySelector('.drill-text')?.textContent).toBe('<b>first</b>');
    expect(rows[0]?.querySelector('b')).toBeNull();
    expect(calls[0]).toMatchObject({ from: T0 - 60 * M, to: T0, channels: ['reddit'], sort: 'time' });
    fireEvent.click(screen.getByRole('button', { name: 'Older posts' }));
    await waitFor(() => expect(screen.getAllByTestId(TEST_IDS.drillRow)).toHaveLength(2));
    expect(calls[1]?.cursor).toBe('page-2');
    fireEvent.click(screen.getByRole('button', { name: 'Close the posts' }));
    expect(onClose).toHaveBeenCalled();
  });

  it('asks the hub’s mentions:search through the transport and hands the panel the page', async () => {
    const invoke = vi.fn(async () => ok({ items: [], next: 'c2', handled: [] }));
    const transport = {
      kind: 'websocket',
      invoke,
      start: () => undefined,
      stop: () => undefined,
    } as unknown as Transport;
    const result = await transportSearch(transport)({ limit: 5, channels: ['x'] });
    expect(invoke).toHaveBeenCalledWith('mentions:search', { limit: 5, channels: ['x'] });
    expect(result).toEqual(ok({ items: [], next: 'c2' }));
  });
});

describe('the rotation', () => {
  it('advances every interval and holds while taken over', () => {
    vi.useFakeTimers();
    try {
      const { result, rerender } = renderHook(({ held }) => useRotation(5_000, held), {
        initialProps: { held: false },
      });
      expect(result.current[0]).toBe('overview');
      act(() => {
        vi.advanceTimersByTime(5_000);
      });
      expect(result.current[0]).toBe('channels');
      rerender({ held: true });
      act(() => {
        vi.advanceTimersByTime(60_000);
      });
      expect(result.current[0]).toBe('channels');
      rerender({ held: false });
      act(() => {
        vi.advanceTimersByTime(5_000);
      });
      expect(result.current[0]).toBe('topics');
    } finally {
      vi.useRealTimers();
    }
  });
});
