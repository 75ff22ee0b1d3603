import { describe, expect, it } from 'vitest';
import { DEFAULT_DETECTOR_PARAMS } from '../../../electron/core/detect';
import { formatSensitivity, movedParams } from '../../../test/bench/nab/sensitivity';

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

  it('prints the baseline and one line per variant with its change in standard score', () => {
    const base = { standard: 70, lowFp: 60, lowFn: 75, tweetsStandard: 65 };
    const text = formatSensitivity(
      [{ param: 'clip', factor: 0.8, value: 2.4, figures: { ...base, standard: 68.5 } }],
      base,
    );
    const lines = text.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('70.00');
    expect(lines[2]).toMatch(/^clip\s+−20%\s+2\.4\s+68\.50\s+60\.00\s+75\.00\s+65\.00\s+-1\.50$/);
  });
});
