import { describe, expect, it } from 'vitest';
import { DEFAULT_DETECTOR_PARAMS } from '../../../electron/core/detect';
import { belowTargets, formatSensitivity, movedParams, NAB_TARGETS } from '../../../test/bench/nab/sensitivity';

describe('NAB sensitivity table', () => {
  it('moves one parameter at a time, rounding integers and refusing moves outside the schema', () => {
    const up = movedParams(DEFAULT_DETECTOR_PARAMS, 'levelRate', 1.2);
    expect(up?.levelRate).toBeCloseTo(DEFAULT_DETECTOR_PARAMS.levelRate * 1.2, 12);
    expect({ ...up, levelRate: DEFAULT_DETECTOR_PARAMS.levelRate }).toEqual(DEFAULT_DETECTOR_PARAMS);
    const points = movedParams(DEFAULT_DETECTOR_PARAMS, 'refractoryPoints', 0.8);
    expect(points?.refractoryPoints).toBe(Math.round(DEFAULT_DETECTOR_PARAMS.refractoryPoints * 0.8));
    expect(movedParams({ ...DEFAULT_DETECTOR_PARAMS, levelRate: 1 }, 'levelRate', 1.2)).toBeUndefined();
    expect(movedParams({ ...DEFAULT_DETECTOR_PARAMS, warmupPoints: 2 }, 'warmupPoints', 1.2)).toBeUndefined();
  });

  it('moves a real parameter by exactly ±20 % even when its value is a whole number', () => {
    const base = { ...DEFAULT_DETECTOR_PARAMS, clip: 3, evidenceHalf: 5 };
    expect(movedParams(base, 'clip', 0.8)?.clip).toBeCloseTo(2.4, 12);
    expect(movedParams(base, 'evidenceHalf', 1.2)?.evidenceHalf).toBeCloseTo(6, 12);
    expect(movedParams(base, 'clip', 1.2)?.clip).toBeCloseTo(3.6, 12);
  });

  it('prints the baseline and one line per variant with its change in standard score', () => {
    const base = { standard: 71, lowFp: 63, lowFn: 76, tweetsStandard: 71 };
    const text = formatSensitivity(
      [{ param: 'clip', factor: 0.8, value: 2.4, figures: { ...base, standard: 68.5 } }],
      base,
    );
    const lines = text.trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain('71.00');
    expect(lines[2]).toMatch(/^clip\s+−20%\s+2\.4\s+68\.50\s+63\.00\s+76\.00\s+71\.00\s+-2\.50\s+below: standard$/);
    expect(lines[3]).toMatch(/^1 of 1 variants fall below a target/);
  });

  it('names a parameter whose move is not valid instead of leaving it out', () => {
    const base = { standard: 71, lowFp: 63, lowFn: 76, tweetsStandard: 71 };
    const text = formatSensitivity([{ param: 'refractoryDamping', factor: 1.2, value: 1.2, figures: undefined }], base);
    expect(text).toMatch(/refractoryDamping\s+\+20%\s+1\.2\s+\(not a valid different value; not run\)/);
    expect(text).toContain('0 of 0 variants');
  });

  it('lists the figures below the §5 targets', () => {
    expect(belowTargets(NAB_TARGETS)).toEqual([]);
    expect(belowTargets({ ...NAB_TARGETS, lowFn: 74.9, tweetsStandard: 69 })).toEqual(['low_FN', 'tweets']);
  });
});
