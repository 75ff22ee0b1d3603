import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../electron/core/runtime/clock';
import type { Store } from '../../../electron/core/store/repository';
import { openSqliteStore } from '../../../electron/core/store/sqlite/sqlite-store';
import { createTestCore } from '../../helpers/core';
import { incident, MINUTE, scriptedDetection, T0 } from './fixtures';

describe('the SLA timer', () => {
  it('forgets the deadline of an incident whose workflow is gone instead of firing for it again and again', async () => {
    const clock = new ManualClock(T0);
    const real = await openSqliteStore(':memory:');
    const gone = { value: false };
    const store: Store = { ...real, getWorkflow: async (id) => (gone.value ? null : real.getWorkflow(id)) };
    const detection = scriptedDetection();
    const core = createTestCore({ clock, store, detection });
    await core.start();
    detection.report(incident('inc_a'));
    await clock.advance(31_000);
    gone.value = true;
    const due = T0 + 15 * MINUTE;
    let atDeadline = 0;
    const schedule = clock.setTimeout.bind(clock);
    clock.setTimeout = (fn, ms) =>
      schedule(() => {
        if (clock.now() === due && ++atDeadline > 10) throw new Error('the SLA timer keeps firing at its deadline');
        fn();
      }, ms);
    await clock.advance(20 * MINUTE);
    // The 1 s clock tick and the SLA check: a few timers at the deadline, not an endless loop.
    expect(atDeadline).toBeLessThanOrEqual(3);
    await core.stop();
    await real.close();
  });
});
