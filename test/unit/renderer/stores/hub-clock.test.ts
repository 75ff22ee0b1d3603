import { describe, expect, it } from 'vitest';
import { anchorHubClock, estimateHubTime, observeHubTime } from '../../../../renderer/stores/hub-clock';

const H = 1_800_000_000_000;

describe('hub clock estimate', () => {
  it('runs at real time from its first anchor', () => {
    const c = anchorHubClock(H, 0);
    expect(estimateHubTime(c, 2_500)).toBe(H + 2_500);
    expect(estimateHubTime(c, -10)).toBe(H);
  });

  it('learns a sped-up hub clock from observations at least a second apart', () => {
    let c = anchorHubClock(H, 0);
    c = observeHubTime(c, H + 100, 200);
    expect(c).toEqual(anchorHubClock(H, 0));
    for (let i = 1; i <= 12; i++) c = observeHubTime(c, H + i * 60_000, i * 1_000);
    expect(c.rate).toBeCloseTo(60, 1);
    expect(estimateHubTime(c, 12_500)).toBeCloseTo(H + 12 * 60_000 + 30_000, -2);
  });

  it('never runs backwards when the hub clock pauses', () => {
    let c = anchorHubClock(H, 0);
    c = observeHubTime(c, H - 5_000, 1_000);
    expect(c.rate).toBeGreaterThanOrEqual(0);
    expect(estimateHubTime(c, 2_000)).toBeGreaterThanOrEqual(H - 5_000);
  });
});
