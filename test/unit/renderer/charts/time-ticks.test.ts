import { describe, expect, it } from 'vitest';
import { layoutTimeline } from '../../../../renderer/features/incidents/timeline-layout';
import { tickStepMinutes, timeTicks } from '../../../../renderer/charts/time-ticks';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 2, 3, 10, 4);
const hhmm = (t: number): string => new Date(t).toISOString().slice(11, 16);

describe('time axis ticks', () => {
  it('gives a young incident (three minutes of data) whole-minute ticks, each label once', () => {
    const points = [0, 1, 2].map((i) => ({ minute: T0 + i * MINUTE, observed: 3 + i, baseline: 1 }));
    const layout = layoutTimeline({ points, startedAt: T0, width: 400, height: 160, formatTime: hhmm });
    const labels = layout.xTicks.map((t) => t.label);
    expect(labels).toEqual(['10:04', '10:05', '10:06']);
    expect(new Set(labels).size).toBe(labels.length);
    const xs = layout.xTicks.map((t) => t.at);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
  });

  it('labels a one-point timeline once per minute, never twice', () => {
    const layout = layoutTimeline({
      points: [{ minute: T0, observed: 4, baseline: 1 }],
      startedAt: T0,
      width: 400,
      height: 160,
      formatTime: hhmm,
    });
    expect(layout.xTicks.map((t) => t.label)).toEqual(['10:04', '10:05']);
  });

  it('chooses the step by the span: at most the asked count, on whole multiples of the step', () => {
    expect(tickStepMinutes(3 * MINUTE, 4)).toBe(1);
    expect(tickStepMinutes(20 * MINUTE, 4)).toBe(5);
    expect(tickStepMinutes(90 * MINUTE, 4)).toBe(30);
    expect(tickStepMinutes(6 * 60 * MINUTE, 4)).toBe(120);
    const ticks = timeTicks(T0, T0 + 20 * MINUTE, 4, hhmm);
    expect(ticks.map((t) => t.label)).toEqual(['10:05', '10:10', '10:15', '10:20']);
  });

  it('drops a repeated label when the formatter is coarser than the step', () => {
    const hour = (t: number): string => new Date(t).toISOString().slice(11, 13);
    const labels = timeTicks(T0, T0 + 30 * MINUTE, 10, hour).map((t) => t.label);
    expect(labels).toEqual(['10']);
  });
});
