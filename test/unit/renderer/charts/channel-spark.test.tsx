// @vitest-environment jsdom
import '../views/setup-dom';
import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ChannelSpark } from '../../../../renderer/charts/ChannelSpark';
import { layoutSpark, sparkShapes } from '../../../../renderer/charts/spark-layout';
import { TEST_IDS } from '../../../../renderer/test-ids';

const M = 60_000;
const T0 = Date.UTC(2026, 0, 12, 12, 0, 0);
const FROM = T0 - 119 * M;

/** Two hours with posts in every minute but two runs of silence while the hub was down. */
const counts = new Map(Array.from({ length: 120 }, (_, i) => [FROM + i * M, { total: 5 + (i % 7), negative: 2 }]));
const hubDown = new Set([...[10, 11, 12].map((i) => FROM + i * M), FROM + 50 * M]);
for (const m of hubDown) counts.delete(m);

describe('ChannelSpark', () => {
  it('draws two hours as a few shapes, not an element per minute (a scene of channels mounts cheaply)', () => {
    const { container } = render(
      <ChannelSpark label="web" counts={counts} from={FROM} now={T0} hubDown={hubDown} silentSince={null} />,
    );
    const svg = container.querySelector('svg');
    expect(svg).not.toBeNull();
    // Two paths (volume, negative) and one rect per run of gap minutes.
    expect(svg!.querySelectorAll('*').length).toBeLessThanOrEqual(4);
    expect(container.querySelectorAll(`[data-testid="${TEST_IDS.chartGap}"]`)).toHaveLength(2);
    expect(svg!.getAttribute('aria-label')).toBe('web, 4 minutes with no data');
  });

  it('folds the bars into one path per series and a rect per run of gaps', () => {
    const bars = layoutSpark({ counts, from: FROM, now: T0, width: 600, height: 40, hubDown, silentSince: null });
    const shapes = sparkShapes(bars, 40);
    expect(shapes.gaps.map((g) => [g.minute, g.minutes])).toEqual([
      [FROM + 10 * M, 3],
      [FROM + 50 * M, 1],
    ]);
    const gap = bars.find((b) => b.minute === FROM + 10 * M)!;
    expect(shapes.gaps[0]!.x).toBe(gap.x);
    expect(shapes.gaps[0]!.width).toBeCloseTo(bars[12]!.x + bars[12]!.width - gap.x);
    // One closed bar per minute with posts, in both series.
    expect(shapes.total.match(/Z/g)).toHaveLength(116);
    expect(shapes.negative.match(/Z/g)).toHaveLength(116);
  });
});
