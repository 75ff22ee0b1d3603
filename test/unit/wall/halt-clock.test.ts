import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../electron/core/runtime/clock';
import { haltableClock } from '../../../electron/core/runtime/halt-clock';

describe('a haltable clock (a finished replay stops hub time at the end of its file)', () => {
  it('follows its clock until halted, then stands still while its timers keep firing', async () => {
    const inner = new ManualClock(1_000);
    const clock = haltableClock(inner);
    await inner.advance(500);
    expect(clock.now()).toBe(1_500);
    expect(clock.halted).toBe(false);
    clock.halt(1_200);
    await inner.advance(10_000);
    expect(clock.now()).toBe(1_200);
    expect(clock.halted).toBe(true);
    let fired = 0;
    clock.setTimeout(() => (fired += 1), 1_000);
    await inner.advance(1_000);
    expect(fired).toBe(1);
    expect(clock.now()).toBe(1_200);
  });
});
