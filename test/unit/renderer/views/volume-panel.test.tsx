// @vitest-environment jsdom
import { ELEMENT_BOX } from './setup-dom';
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { VolumePanel } from '../../../../renderer/charts/VolumePanel';
import { TEST_IDS } from '../../../../renderer/test-ids';
import type { SeriesPoint } from '../../../../shared/series';
import { makeSnapshot } from '../fixtures';
import { T0, mountWall } from './wall-harness';

const MINUTE = 60_000;
const NOW = Math.floor(T0 / MINUTE) * MINUTE + 30_000;

/** The last `n` minutes up to NOW, `total` and `negative` rising by one a minute. */
const minutes = (n: number): SeriesPoint[] =>
  Array.from({ length: n }, (_, i) => ({
    minute: NOW - 30_000 - (n - 1 - i) * MINUTE,
    total: 10 + i,
    negative: i,
    positive: 1,
  }));

const legend = (): string => screen.getByTestId(TEST_IDS.volumeChart).querySelector('.legend')?.textContent ?? '';

describe('VolumePanel', () => {
  it('draws the per-minute volume sized to its box, with the latest figures in the legend', async () => {
    await mountWall(<VolumePanel />, { snapshot: () => makeSnapshot(NOW, { series: minutes(30) }) });
    const chart = await screen.findByRole('img', { name: 'Volume per minute: latest 39 total, 29 negative' });
    expect(chart.getAttribute('width')).toBe(String(ELEMENT_BOX.width));
    expect(chart.getAttribute('height')).toBe(String(ELEMENT_BOX.height));
    expect(chart.querySelector('path.chart-total')?.getAttribute('d')).toMatch(/^M/);
    expect(chart.querySelector('path.chart-negative')?.getAttribute('d')).toMatch(/^M/);
    expect(legend()).toBe('total 39/minnegative 29/min');
  });

  it('follows series updates pushed by the hub', async () => {
    const { hub } = await mountWall(<VolumePanel />, {
      snapshot: () => makeSnapshot(NOW, { series: minutes(3) }),
    });
    await screen.findByRole('img', { name: /latest 12 total/ });
    hub.push({
      name: 'series:update',
      payload: { points: [{ minute: NOW - 30_000 + MINUTE, total: 80, negative: 64, positive: 2 }] },
    });
    hub.push({ name: 'clock:tick', payload: { now: NOW + MINUTE, mentions: 0 } });
    expect(await screen.findByRole('img', { name: 'Volume per minute: latest 80 total, 64 negative' })).toBeTruthy();
    expect(legend()).toBe('total 80/minnegative 64/min');
  });

  it('reads "no data yet" before the first minute', async () => {
    await mountWall(<VolumePanel />);
    expect(await screen.findByRole('img', { name: 'Volume per minute: no data yet' })).toBeTruthy();
    expect(legend()).toBe('total 0/minnegative 0/min');
  });
});
