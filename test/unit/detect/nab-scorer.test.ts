import { describe, expect, it } from 'vitest';
import {
  NO_DETECTION_THRESHOLD,
  normalize,
  optimizeThreshold,
  probationaryLength,
  scaledSigmoid,
  scoreFileAt,
  type NabProfile,
  type ScoredFile,
} from '../../bench/nab/scorer';

const standard: NabProfile = { tp: 1, fp: 0.11, tn: 1, fn: 1 };
const lowFp: NabProfile = { tp: 1, fp: 0.22, tn: 1, fn: 1 };
const lowFn: NabProfile = { tp: 1, fp: 0.11, tn: 1, fn: 2 };

/** n rows of score 0 except the given rows. */
function scores(n: number, at: Record<number, number>): number[] {
  return Array.from({ length: n }, (_, i) => at[i] ?? 0);
}

// Hand values: S(x) = 2/(1+e^(5x)) − 1.
// S(−1) = 2/(1+e^−5) − 1 = 0.986614; S(−0.6) = 2/(1+e^−3) − 1 = 0.905148 → ratio 0.917429.
// S(−0.8) = 2/(1+e^−4) − 1 = 0.964028 → ratio 0.977107. S(0.5) = 2/(1+e^2.5) − 1 = −0.848284.
describe('NAB scorer rules', () => {
  it('reproduces the reference sigmoid values', () => {
    expect(scaledSigmoid(-1)).toBeCloseTo(0.98661, 5);
    expect(scaledSigmoid(-0.5)).toBeCloseTo(0.84828, 5);
    expect(scaledSigmoid(0)).toBe(0);
    expect(scaledSigmoid(1)).toBeCloseTo(-0.98661, 5);
  });

  it('sets the probationary period to min(floor(0.15 n), 750)', () => {
    expect(probationaryLength(20)).toBe(3);
    expect(probationaryLength(4032)).toBe(604);
    expect(probationaryLength(15902)).toBe(750);
  });

  // n = 20 → P = 3; one window [10, 14], width 5.
  const windows = [{ start: 10, end: 14 }];

  it('gives a detection at the first row of a window exactly A_TP', () => {
    const file: ScoredFile = { scores: scores(20, { 10: 1 }), windows };
    expect(scoreFileAt(file, 0.5, standard).raw).toBeCloseTo(1, 12);
  });

  it('scores later detections by the scaled sigmoid, earliest detection only', () => {
    // Row 12: x = −(14 − 12 + 1)/5 = −0.6; row 13 adds nothing.
    const file: ScoredFile = { scores: scores(20, { 12: 1, 13: 1 }), windows };
    const outcome = scoreFileAt(file, 0.5, standard);
    expect(outcome.raw).toBeCloseTo(0.917429, 5);
    expect(outcome.truePositives).toBe(1);
    expect(outcome.falsePositives).toBe(0);
  });

  it('ignores probationary rows and charges A_FN for a missed window', () => {
    const file: ScoredFile = { scores: scores(20, { 2: 1 }), windows };
    expect(scoreFileAt(file, 0.5, standard).raw).toBe(-1);
    expect(scoreFileAt(file, 0.5, lowFn).raw).toBe(-2);
  });

  it('charges −A_FP before any window and a sigmoid-weighted A_FP after one', () => {
    // Row 5: before the window → −0.11. Row 16: x = (16 − 14)/(5 − 1) = 0.5 → 0.11·S(0.5) = −0.093311.
    const before: ScoredFile = { scores: scores(20, { 5: 1, 10: 1 }), windows };
    expect(scoreFileAt(before, 0.5, standard).raw).toBeCloseTo(1 - 0.11, 12);
    expect(scoreFileAt(before, 0.5, lowFp).raw).toBeCloseTo(1 - 0.22, 12);
    const after: ScoredFile = { scores: scores(20, { 10: 1, 16: 1 }), windows };
    expect(scoreFileAt(after, 0.5, standard).raw).toBeCloseTo(1 - 0.093311, 5);
  });

  it('charges the full −A_FP when x > 3 after the last window', () => {
    // n = 40, row 27: x = (27 − 14)/4 = 3.25 > 3.
    const file: ScoredFile = { scores: scores(40, { 10: 1, 27: 1 }), windows };
    expect(scoreFileAt(file, 0.5, standard).raw).toBeCloseTo(1 - 0.11, 12);
  });

  it('normalises against the null and perfect detectors', () => {
    expect(normalize(-116, 116, standard)).toBe(0);
    expect(normalize(116, 116, standard)).toBe(100);
    expect(normalize(0, 116, standard)).toBe(50);
    expect(normalize(-232, 116, lowFn)).toBe(0);
    expect(normalize(116, 116, lowFn)).toBe(100);
  });
});

describe('corpus threshold optimisation', () => {
  // File A: window [10, 14], 0.9 at row 11 (x = −0.8), 0.5 at row 5 (before the window).
  // File B: no windows, 0.7 at row 8. Candidates: 1.1 → −1; 0.9 → 0.977107; 0.7 → −0.11 more; 0.5 → −0.22 more.
  const files: ScoredFile[] = [
    { scores: scores(20, { 5: 0.5, 11: 0.9 }), windows: [{ start: 10, end: 14 }] },
    { scores: scores(20, { 8: 0.7 }), windows: [] },
  ];

  it('picks the threshold that maximises the corpus raw score', () => {
    const result = optimizeThreshold(files, standard);
    expect(result.threshold).toBe(0.9);
    expect(result.raw).toBeCloseTo(0.977107, 5);
    expect(result.normalized).toBeCloseTo((100 * (0.977107 + 1)) / 2, 3);
    expect(result.truePositives).toBe(1);
    expect(result.falsePositives).toBe(0);
  });

  it('falls back to no detections when every detection loses points', () => {
    const onlyFalse: ScoredFile[] = [{ scores: scores(20, { 8: 0.7 }), windows: [] }];
    const result = optimizeThreshold(onlyFalse, standard);
    expect(result.threshold).toBe(NO_DETECTION_THRESHOLD);
    expect(result.raw).toBe(0);
  });

  it('breaks ties towards the highest threshold', () => {
    // 0.6 at row 13 sits in the already-hit window: same raw score, so 0.9 is kept.
    const tie: ScoredFile[] = [{ scores: scores(20, { 11: 0.9, 13: 0.6 }), windows: [{ start: 10, end: 14 }] }];
    expect(optimizeThreshold(tie, standard).threshold).toBe(0.9);
  });

  it('agrees with an exhaustive search over every candidate threshold', () => {
    let seed = 7;
    const rand = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const random: ScoredFile[] = [0, 1, 2].map((k) => ({
      scores: Array.from({ length: 200 }, () => Math.round(rand() * 50) / 50),
      windows:
        k === 2
          ? []
          : [
              { start: 60 + 20 * k, end: 80 + 20 * k },
              { start: 150, end: 170 },
            ],
    }));
    for (const profile of [standard, lowFp, lowFn]) {
      const candidates = [
        ...new Set(random.flatMap((f) => f.scores.slice(probationaryLength(f.scores.length)))),
        NO_DETECTION_THRESHOLD,
      ];
      const total = (t: number): number => random.reduce((a, f) => a + scoreFileAt(f, t, profile).raw, 0);
      const best = Math.max(...candidates.map(total));
      expect(optimizeThreshold(random, profile).raw).toBeCloseTo(best, 9);
    }
  });
});
