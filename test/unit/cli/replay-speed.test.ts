import { describe, expect, it } from 'vitest';
import { chooseSpeed } from '../../../electron/cli/replay-speed';
import type { ReplayIndex } from '../../../electron/core';

const DAY = 86_400_000;

/** An index whose rows span `spanMs` (only the first and last times matter here). */
const spanning = (spanMs: number): ReplayIndex =>
  ({ total: 2, times: Float64Array.from([0, spanMs]) }) as unknown as ReplayIndex;

function sink() {
  let text = '';
  return { isTTY: false, columns: 100, write: (s: string) => ((text += s), true), text: () => text };
}

describe('replay speed without --speed', () => {
  it('picks an automatic speed for a two-week file and says how long it takes and how to choose', () => {
    const out = sink();
    const speed = chooseSpeed(null, spanning(14 * DAY), out);
    expect(speed).toBe(4032);
    expect(out.text()).toMatch(/spans 336h00m of posts: at the default 60x that takes 5h36m/);
    expect(out.text()).toMatch(/Replaying at 4,032x \(about 5m00s\); pass --speed N to choose/);
  });

  it('keeps the default for a short file, and any speed given, silently', () => {
    const out = sink();
    expect(chooseSpeed(null, spanning(5 * 3_600_000), out)).toBe(60);
    expect(chooseSpeed(60, spanning(14 * DAY), out)).toBe(60);
    expect(out.text()).toBe('');
  });
});
