import { describe, expect, it } from 'vitest';
import {
  createDetector,
  DEFAULT_DETECTOR_PARAMS,
  DetectorStateSchema,
  explain,
  type DetectorState,
} from '../../../electron/core/detect';

const MINUTE = 60_000;
const START = Date.UTC(2026, 0, 5, 0, 0, 0); // a Monday, 00:00 UTC
const ALARM = DEFAULT_DETECTOR_PARAMS.fireLevel;

/** A seeded uniform generator (LCG), so every run sees the same series. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s + 0.5) / 4294967296;
  };
}

/** A Poisson draw (Knuth's method; fine for the small means used here). */
function poisson(lambda: number, u: () => number): number {
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = u();
  while (p > limit) {
    k++;
    p *= u();
  }
  return k;
}

/** Runs a fresh detector over per-minute values; returns every score and the final state. */
function run(values: ReadonlyArray<number>): { scores: number[]; state: DetectorState } {
  const detector = createDetector();
  const state = detector.newState();
  const scores = values.map((v, i) => detector.update(state, START + i * MINUTE, v));
  return { scores, state };
}

const max = (xs: ReadonlyArray<number>): number => xs.reduce((a, b) => Math.max(a, b), 0);

describe('online detector', () => {
  it('scores a step-up surge on a flat Poisson series high, and the flat part low', () => {
    const u = rng(1);
    const surgeAt = 3 * 1440;
    const values = Array.from({ length: surgeAt + 60 }, (_, i) => poisson(i >= surgeAt ? 25 : 5, u));
    const { scores } = run(values);
    const before = scores.slice(DEFAULT_DETECTOR_PARAMS.warmupPoints, surgeAt);
    expect(max(scores.slice(surgeAt, surgeAt + 10))).toBeGreaterThanOrEqual(ALARM);
    expect(max(before)).toBeLessThan(ALARM);
    expect(before.filter((s) => s > 0.5).length).toBeLessThan(before.length * 0.01);
  });

  it('does not fire on the morning rise of a daily rhythm it has learned', () => {
    const u = rng(2);
    const rate = (minuteOfDay: number): number => {
      const hour = minuteOfDay / 60;
      if (hour < 7) return 2;
      if (hour < 9) return 2 + (28 * (hour - 7)) / 2; // the morning rise, 07:00–09:00
      if (hour < 18) return 30;
      return hour < 20 ? 30 - (28 * (hour - 18)) / 2 : 2;
    };
    const days = 8;
    const values = Array.from({ length: days * 1440 }, (_, i) => poisson(rate(i % 1440), u));
    const { scores } = run(values);
    for (const day of [6, 7]) {
      const morning = scores.slice(day * 1440 + 6 * 60, day * 1440 + 10 * 60);
      expect(max(morning)).toBeLessThan(ALARM);
    }
  });

  it('does not fire on quiet weekends after it has seen a few weeks', () => {
    const u = rng(3);
    const weeks = 3;
    const values = Array.from({ length: weeks * 7 * 1440 }, (_, i) =>
      poisson(Math.floor(i / 1440) % 7 >= 5 ? 3 : 12, u),
    );
    const { scores } = run(values);
    const lastWeekend = scores.slice((2 * 7 + 5) * 1440, 3 * 7 * 1440);
    expect(max(lastWeekend)).toBeLessThan(ALARM);
  });

  it('does not fire on a single count of 1 or 2 in a sparse, zero-heavy series', () => {
    const u = rng(4);
    const values = Array.from({ length: 3 * 1440 }, () => poisson(0.05, u));
    const blips = [2000, 2600, 3300, 4000];
    blips.forEach((at, k) => {
      values[at] = k % 2 === 0 ? 2 : 1;
    });
    const { scores, state } = run(values);
    for (const at of blips) expect(scores[at]).toBeLessThan(ALARM);
    expect(max(scores.slice(DEFAULT_DETECTOR_PARAMS.warmupPoints))).toBeLessThan(ALARM);
    const next = explain(state, START + values.length * MINUTE, 0);
    expect(next.baseline).toBeGreaterThanOrEqual(0);
    expect(next.baseline).toBeLessThan(0.5);
  });

  it('does not fire on a lone spike of a size a noisy count series has produced before, but on a sustained surge', () => {
    // Like a NAB realTweets file: 5-minute counts around 80 with a daily swing and extra-Poisson noise,
    // and a one-point spike to 320 (×4) now and then: news that is over in five minutes.
    const FIVE = 5 * MINUTE;
    for (const seed of [2, 3, 4]) {
      const u = rng(seed);
      const values = Array.from({ length: 14 * 288 }, (_, i) => {
        const daily = 1 + 0.5 * Math.sin((2 * Math.PI * (i % 288)) / 288);
        return poisson(80 * daily * (0.75 + 0.5 * u()), u);
      });
      const spikes = [1000, 1500, 2000, 2500, 3000, 3500];
      for (const at of spikes) values[at] = 320;
      const surgeAt = 3700;
      for (let i = surgeAt; i < surgeAt + 36; i++) values[i] = Math.round(values[i]! * 2.5);
      const detector = createDetector();
      const state = detector.newState();
      const scores = values.map((v, i) => detector.update(state, START + i * FIVE, v));
      for (const at of spikes.slice(1)) expect(max(scores.slice(at, at + 3))).toBeLessThan(ALARM);
      expect(max(scores.slice(surgeAt, surgeAt + 12))).toBeGreaterThanOrEqual(ALARM);
    }
  });

  it('damps scores for a while after a fire, and scores at full strength again once released', () => {
    const u = rng(7);
    const surge = (from: number) => (i: number) => (i >= from && i < from + 15 ? 25 : 5);
    // A first surge fires; a second one 40 points later (inside the quiet period) is damped below the alarm.
    const first = 3 * 1440;
    const second = first + 40;
    const values = Array.from({ length: second + 30 }, (_, i) =>
      poisson(Math.max(surge(first)(i), surge(second)(i)), u),
    );
    const detector = createDetector();
    const damped = detector.newState();
    const released = detector.newState();
    const scores = { damped: [] as number[], released: [] as number[] };
    values.forEach((v, i) => {
      if (i === second) detector.release?.(released);
      scores.damped.push(detector.update(damped, START + i * MINUTE, v));
      scores.released.push(detector.update(released, START + i * MINUTE, v));
    });
    expect(max(scores.damped.slice(first, first + 15))).toBeGreaterThanOrEqual(ALARM);
    expect(max(scores.damped.slice(second, second + 15))).toBeLessThanOrEqual(
      DEFAULT_DETECTOR_PARAMS.refractoryDamping,
    );
    expect(max(scores.released.slice(second, second + 15))).toBeGreaterThanOrEqual(ALARM);
    // Releasing only ends the quiet period: everything the detector learned is the same.
    expect({ ...released, sinceFire: 0 }).toEqual({ ...damped, sinceFire: 0 });
  });

  it('continues identically after a JSON round trip of its state', () => {
    const u = rng(5);
    const values = Array.from({ length: 4000 }, (_, i) => poisson(i > 3500 ? 20 : 6, u));
    const detector = createDetector();
    const live = detector.newState();
    values.slice(0, 2000).forEach((v, i) => detector.update(live, START + i * MINUTE, v));
    const restored = DetectorStateSchema.parse(JSON.parse(JSON.stringify(live)));
    for (let i = 2000; i < values.length; i++) {
      const t = START + i * MINUTE;
      expect(detector.update(restored, t, values[i]!)).toBe(detector.update(live, t, values[i]!));
    }
    expect(restored).toEqual(live);
  });

  it('keeps a fixed-size state however many points it has seen', () => {
    const u = rng(6);
    const detector = createDetector();
    const state = detector.newState();
    const size = (): number => JSON.stringify(state).length;
    let i = 0;
    const feed = (count: number): void => {
      for (const end = i + count; i < end; i++) detector.update(state, START + i * MINUTE, poisson(8, u));
    };
    feed(3 * 7 * 1440);
    const afterThreeWeeks = size();
    feed(12 * 7 * 1440);
    expect(size()).toBeLessThanOrEqual(afterThreeWeeks * 1.05);
    expect(size()).toBeGreaterThanOrEqual(afterThreeWeeks * 0.95);
  });

  it('infers the sampling interval from timestamps', () => {
    const detector = createDetector();
    const state = detector.newState();
    for (let i = 0; i < 50; i++) detector.update(state, START + i * 5 * MINUTE, 10);
    expect(state.intervalMs).toBe(5 * MINUTE);
  });

  it('explains a point with the slot baseline and a z-score', () => {
    const u = rng(7);
    const { state } = run(Array.from({ length: 2 * 1440 }, () => poisson(5, u)));
    const t = START + 2 * 1440 * MINUTE;
    const surge = explain(state, t, 25);
    expect(surge.baseline).toBeGreaterThan(3.5);
    expect(surge.baseline).toBeLessThan(6.5);
    expect(surge.observed).toBe(25);
    expect(surge.zScore).toBeGreaterThan(3);
    expect(Math.abs(explain(state, t, 5).zScore)).toBeLessThan(1);
  });
});
