// @vitest-environment jsdom
import '../views/setup-dom';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { TEST_IDS } from '../../../../renderer/test-ids';
import { ExecutiveDisplay } from '../../../../renderer/views/ExecutiveDisplay';
import type { WallKpis, WallSeries } from '../../../../shared/wall';
import { makeActor, makeHealth, makeSnapshot } from '../fixtures';
import { T0, mountWall } from '../views/wall-harness';
import { workflowAnswers } from '../views/workflow-hub';

const M = 60_000;

const series = (over: Partial<WallSeries> = {}): WallSeries => ({
  from: T0 - 1439 * M,
  to: T0,
  points: [{ minute: T0 - M, total: 4, negative: 1, positive: 2 }],
  byChannel: [
    { minute: T0 - 50 * M, key: 'x', total: 2, negative: 0, positive: 1 },
    { minute: T0 - M, key: 'x', total: 4, negative: 1, positive: 2 },
  ],
  byTopic: [{ minute: T0 - M, key: 'login', total: 3, negative: 1, positive: 0 }],
  up: [{ from: T0 - 1439 * M, to: T0 }],
  ...over,
});
const kpis: WallKpis = {
  now: T0,
  windowMinutes: 60,
  net: { now: 0.1, usual: null },
  volume: { now: 6, usual: null },
  usualBasis: null,
  dataAt: T0 - 30_000,
};

function display(wall: () => WallSeries = () => series()) {
  const workflow = workflowAnswers({ actor: makeActor('staff'), incidents: () => [] });
  return mountWall(<ExecutiveDisplay />, {
    snapshot: () =>
      makeSnapshot(T0, {
        status: {
          version: '9.9.9',
          uptime: 1,
          mentions: 6,
          sources: [makeHealth('xsrc', { kind: 'x', lastItemAt: T0 - 20_000, lastSuccessAt: T0 - 10_000 })],
          mode: 'embedded',
        },
      }),
    answer: (name, payload) => {
      if (name === 'wall:series') return { ok: true, value: wall() };
      if (name === 'wall:kpis') return { ok: true, value: kpis };
      return workflow(name, payload);
    },
  });
}

const showScene = (name: string): void => {
  fireEvent.click(screen.getByRole('button', { name }));
};
const row = (channel: string): HTMLElement =>
  screen.getAllByTestId(TEST_IDS.channelRow).find((r) => r.dataset.channel === channel) as HTMLElement;

afterEach(() => window.history.replaceState({}, '', '/'));

describe('the display fed by deltas', () => {
  it("moves the channel and topic scenes with series:update batches, without re-reading the day's series", async () => {
    const { hub } = await display();
    await screen.findByTestId(TEST_IDS.sceneDots);
    showScene('channels');
    await waitFor(() => expect(row('x').textContent).toContain('6/h'));
    hub.push({
      name: 'series:update',
      payload: {
        points: [{ minute: T0, total: 10, negative: 0, positive: 5 }],
        byChannel: [{ minute: T0, key: 'x', total: 10, negative: 0, positive: 5 }],
        byTopic: [{ minute: T0, key: 'payments', total: 9, negative: 0, positive: 0 }],
      },
    });
    await waitFor(() => expect(row('x').textContent).toContain('16/h'));
    showScene('topics');
    const topic = await screen.findByText('payments');
    expect(topic.closest('li')?.dataset.direction).toBe('rising');
    expect(hub.requests.filter((r) => r.name === 'wall:series')).toHaveLength(1);
  });

  it("draws a source's past, recovered outage as a gap on its channel and marks the all-sources series partial", async () => {
    await display(() =>
      series({ sourcesDown: [{ sourceId: 'xsrc', kind: 'x', from: T0 - 40 * M - 5_000, to: T0 - 20 * M }] }),
    );
    await screen.findByTestId(TEST_IDS.sceneDots);
    showScene('channels');
    await waitFor(() => expect(within(row('x')).getAllByTestId(TEST_IDS.chartGap)).toHaveLength(1));
    // From the minute after its last good poll (40 before now) to its recovery (20 before): no data, not zeros.
    expect(row('x').querySelector('svg')?.getAttribute('aria-label')).toMatch(/21 minutes with no data/);
    expect(row('x').dataset.stale).toBe('false');
    showScene('topics');
    await waitFor(() => expect(screen.getAllByTestId(TEST_IDS.chartPartial).length).toBeGreaterThan(0));
    expect(screen.getByTestId(TEST_IDS.sentimentTimeline).querySelector('svg')?.getAttribute('aria-label')).toMatch(
      /partial while a source was down/,
    );
  });

  it('re-reads the series (for the down spans) when a source goes down and when it recovers', async () => {
    const { hub } = await display();
    await screen.findByTestId(TEST_IDS.sceneDots);
    const reads = (): number => hub.requests.filter((r) => r.name === 'wall:series').length;
    await waitFor(() => expect(reads()).toBe(1));
    const health = (state: 'ok' | 'failing') => ({
      name: 'sources:health',
      payload: { sources: [makeHealth('xsrc', { kind: 'x', state })] },
    });
    hub.push(health('failing'));
    await waitFor(() => expect(reads()).toBe(2));
    hub.push(health('failing'));
    hub.push(health('ok'));
    await waitFor(() => expect(reads()).toBe(3));
  });
});

describe("the display's scenes from the kiosk's address", () => {
  it('rotates only through the scenes named in scenes=, and says which names it ignored', async () => {
    window.history.replaceState({}, '', '/?wall=1&scenes=incidents,Topics,bogus');
    await display();
    const dots = await screen.findByTestId(TEST_IDS.sceneDots);
    expect(
      within(dots)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['topics', 'incidents']);
    expect(screen.getByTestId(TEST_IDS.displayScene).dataset.scene).toBe('topics');
    expect(screen.getByTestId(TEST_IDS.displayScenesNote).textContent).toBe(
      'Unknown scene "bogus" ignored; showing topics, incidents.',
    );
  });
});
