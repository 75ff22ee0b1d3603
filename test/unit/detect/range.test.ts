import { describe, expect, it } from 'vitest';
import {
  createDetector,
  DEFAULT_DETECTOR_PARAMS,
  DetectorStateSchema,
  newDetectorState,
} from '../../../electron/core/detect';
import { rangeNovelty } from '../../../electron/core/detect/range';

const MINUTE = 60_000;
const START = Date.UTC(2026, 0, 5, 0, 0, 0);
const P = DEFAULT_DETECTOR_PARAMS;

/** A deterministic sawtooth between 0 and 10 (never outside that range). */
const saw = (i: number): number => (i * 7) % 11;

describe('range novelty', () => {
  it('is true only after warm-up, beyond the range by more than the tolerance, with a large residual', () => {
    const seen = (n: number) => ({ ...newDetectorState(), n, low: 0, high: 10 });
    const warm = P.warmupPoints + 1;
    const inside = 10 + 10 * P.rangeTolerance * 0.8; // beyond the range, but within the tolerance
    const large = P.rangeMinZCounts + 1;
    expect(rangeNovelty(seen(warm), P, inside, large)).toBe(false);
    expect(rangeNovelty(seen(warm), P, 11, P.rangeMinZCounts * 0.6)).toBe(false); // beyond it, but an ordinary residual
    expect(rangeNovelty(seen(warm), P, 11, large)).toBe(true);
    expect(rangeNovelty(seen(warm), P, -1, -large)).toBe(true);
    expect(rangeNovelty(seen(P.warmupPoints), P, 50, 9)).toBe(false);
  });

  it('asks a count series for a larger residual than a measurement series', () => {
    const z = (P.rangeMinZ + P.rangeMinZCounts) / 2;
    expect(P.rangeMinZ).toBeLessThan(P.rangeMinZCounts);
    const state = (counts: boolean) => ({ ...newDetectorState(), n: P.warmupPoints + 1, low: 0, high: 10, counts });
    expect(rangeNovelty(state(false), P, 11, z)).toBe(true); // a CPU % or latency at a level never seen
    expect(rangeNovelty(state(true), P, 11, z)).toBe(false); // a count record that Poisson noise sets
    expect(rangeNovelty(state(true), P, 11, P.rangeMinZCounts)).toBe(true);
  });

  it('records every value in the range, novel or not', () => {
    const s = { ...newDetectorState(), n: P.warmupPoints + 1, low: 0, high: 10 };
    rangeNovelty(s, P, 10.4, 0);
    expect(s.high).toBe(10.4);
    rangeNovelty(s, P, -3, -9);
    expect(s.low).toBe(-3);
    rangeNovelty(s, P, 5, 0);
    expect([s.low, s.high]).toEqual([-3, 10.4]);
  });

  it('scores a value beyond everything the series has produced 1, where the likelihood alone stays low', () => {
    const detector = createDetector();
    const state = detector.newState();
    for (let i = 0; i < 3000; i++) detector.update(state, START + i * MINUTE, saw(i));
    expect(state.low).toBe(0);
    expect(state.high).toBe(10);
    expect(detector.update(state, START + 3000 * MINUTE, 18)).toBe(1);

    const without = createDetector({ rangeMinZ: 1e9, rangeMinZCounts: 1e9 });
    const other = without.newState();
    for (let i = 0; i < 3000; i++) without.update(other, START + i * MINUTE, saw(i));
    expect(without.update(other, START + 3000 * MINUTE, 18)).toBeLessThan(P.fireLevel);
  });

  it('picks up a state saved before the range existed and carries on', () => {
    const detector = createDetector();
    const state = detector.newState();
    for (let i = 0; i < 500; i++) detector.update(state, START + i * MINUTE, saw(i));
    const { low: _low, high: _high, ...old } = state;
    const restored = DetectorStateSchema.parse(JSON.parse(JSON.stringify(old)));
    expect(Number.isFinite(detector.update(restored, START + 500 * MINUTE, 5))).toBe(true);
    expect(restored.low).toBe(5);
    expect(restored.high).toBe(5);
  });
});
