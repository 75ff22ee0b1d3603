// @vitest-environment jsdom
import './setup-dom';
import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { EvidenceTimeline, TimelineChart } from '../../../../renderer/features/incidents/EvidenceTimeline';
import { layoutTimeline, nearestIndex } from '../../../../renderer/features/incidents/timeline-layout';
import { TEST_IDS } from '../../../../renderer/test-ids';
import { T0 } from './wall-harness';

const MINUTE = 60_000;
const points = [1, 1, 2, 9, 14, 12].map((observed, i) => ({ minute: T0 + i * MINUTE, observed, baseline: 1.5 }));

describe('the evidence timeline', () => {
  it('lays observed and baseline out on shared scales: higher values sit higher, the start is marked', () => {
    const layout = layoutTimeline({ points, startedAt: T0 + 3 * MINUTE, width: 400, height: 160, formatTime: String });
    expect(layout.xs).toHaveLength(6);
    expect(layout.xs[0]).toBe(0);
    expect(layout.xs[5]).toBeCloseTo(layout.plotWidth);
    expect(layout.yOf(14)).toBeLessThan(layout.yOf(1.5));
    expect(layout.startX).toBeCloseTo(layout.xs[3] ?? NaN);
    expect(layout.observedPath.startsWith('M')).toBe(true);
    expect(nearestIndex(layout.xs, (layout.xs[2] ?? 0) + 3)).toBe(2);
    expect(nearestIndex([], 5)).toBeNull();
  });

  it('draws both lines from the card, sized by its container, named for screen readers', () => {
    render(<EvidenceTimeline timeline={points} startedAt={T0 + 3 * MINUTE} series="topic:login" />);
    const observed = screen.getByTestId(TEST_IDS.timelineObserved);
    expect(observed.getAttribute('d')).toMatch(/^M[\d.,LC-]+/);
    expect(screen.getByTestId(TEST_IDS.timelineBaseline).getAttribute('d')).toMatch(/^M/);
    expect(screen.getByRole('img').getAttribute('aria-label')).toMatch(
      /Observed vs usual on topic:login over 6 minutes: peak 14\/min at .* against 1\.5\/min usual/,
    );
  });

  it('shows one minute’s values on hover and with the arrow keys, and hides them on leave', () => {
    render(<TimelineChart points={points} startedAt={T0} series="negative" width={400} height={160} />);
    const svg = screen.getByRole('img');
    fireEvent.pointerMove(svg, { clientX: 2000, clientY: 10 });
    expect(screen.getByTestId(TEST_IDS.timelineTooltip).textContent).toMatch(/observed 12\/min · usual 1\.5\/min/);
    fireEvent.pointerLeave(svg);
    expect(screen.queryByTestId(TEST_IDS.timelineTooltip)).toBeNull();
    fireEvent.keyDown(svg, { key: 'ArrowRight' });
    expect(screen.getByTestId(TEST_IDS.timelineTooltip).textContent).toMatch(/observed 1\.0\/min/);
    fireEvent.keyDown(svg, { key: 'ArrowLeft' });
    fireEvent.keyDown(svg, { key: 'ArrowLeft' });
    expect(screen.getByTestId(TEST_IDS.timelineTooltip).textContent).toMatch(/observed 1\.0\/min/);
  });

  it('says so when an older card carries no timeline', () => {
    render(<EvidenceTimeline timeline={undefined} startedAt={T0} series="negative" />);
    expect(screen.getByTestId(TEST_IDS.evidenceTimeline).textContent).toMatch(/carries no per-minute timeline/);
    expect(screen.queryByTestId(TEST_IDS.timelineObserved)).toBeNull();
  });
});
