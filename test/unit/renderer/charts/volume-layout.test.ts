import { describe, expect, it } from 'vitest';
import { denseMinutes, layoutVolume, VOLUME_MARGIN, VOLUME_WINDOW_MS } from '../../../../renderer/charts/volume-layout';

const M = 60_000;
const NOW = 1_800_000_000_000 - (1_800_000_000_000 % M) + 30_000;
const end = NOW - 30_000;

describe('volume chart layout', () => {
  it('fills missing minutes with zeros from the first known minute to now', () => {
    const dense = denseMinutes(
      [
        { minute: end - 3 * M, total: 4, negative: 1, positive: 0 },
        { minute: end - M, total: 2, negative: 2, positive: 0 },
      ],
      end - VOLUME_WINDOW_MS,
      end,
    );
    expect(dense.map((p) => p.total)).toEqual([4, 0, 2, 0]);
    expect(denseMinutes([], 0, end)).toEqual([]);
  });

  it('ignores minutes outside the two-hour window', () => {
    const dense = denseMinutes(
      [{ minute: end - VOLUME_WINDOW_MS - M, total: 9, negative: 0, positive: 0 }],
      end - VOLUME_WINDOW_MS,
      end,
    );
    expect(dense).toEqual([]);
  });

  it('computes paths and ticks sized to the box', () => {
    const points = Array.from({ length: 30 }, (_, i) => ({
      minute: end - i * M,
      total: 10 + i,
      negative: i,
      positive: 0,
    }));
    const layout = layoutVolume({ points, now: NOW, width: 600, height: 240, formatTime: (t) => String(t) });
    expect(layout.plotWidth).toBe(600 - VOLUME_MARGIN.left - VOLUME_MARGIN.right);
    expect(layout.plotHeight).toBe(240 - VOLUME_MARGIN.top - VOLUME_MARGIN.bottom);
    expect(layout.totalPath.startsWith('M')).toBe(true);
    expect(layout.negativePath.startsWith('M')).toBe(true);
    expect(layout.latest?.minute).toBe(end);
    expect(layout.yTicks[0]?.label).toBe('0');
    expect(Number(layout.yTicks[layout.yTicks.length - 1]?.label)).toBeGreaterThanOrEqual(39);
    for (const t of layout.xTicks) expect(t.at).toBeGreaterThanOrEqual(0);
    for (const t of layout.xTicks) expect(t.at).toBeLessThanOrEqual(layout.plotWidth);
  });

  it('draws nothing but axes when there is no data', () => {
    const layout = layoutVolume({ points: [], now: NOW, width: 300, height: 100, formatTime: String });
    expect(layout.totalPath).toBe('');
    expect(layout.latest).toBeNull();
  });
});
