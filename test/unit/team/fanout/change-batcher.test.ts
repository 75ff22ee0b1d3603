import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../electron/core/runtime/clock';
import {
  ChangeBatcher,
  FLUSH_INTERVAL_MS,
  MAX_IDS_PER_EVENT,
} from '../../../../electron/core/team/fanout/change-batcher';
import type { LocalChange } from '../../../../electron/core/team/fanout/port';

function batcher() {
  const clock = new ManualClock();
  const flushes: Array<{ at: number; changes: ReadonlyArray<LocalChange> }> = [];
  const b = new ChangeBatcher(clock, (changes) => flushes.push({ at: clock.now(), changes }));
  return { clock, flushes, b };
}

describe('ChangeBatcher', () => {
  it("sends a quiet hub's first change on the timer's next turn, one change per kind, ids each once in order", async () => {
    const { clock, flushes, b } = batcher();
    const start = clock.now();
    b.add({ kind: 'mentions', ids: ['m1', 'm2'] });
    b.add({ kind: 'incidents', ids: ['i1'] });
    b.add({ kind: 'mentions', ids: ['m2', 'm3'] });
    expect(flushes).toEqual([]);
    await clock.advance(0);
    expect(flushes).toEqual([
      {
        at: start,
        changes: [
          { kind: 'mentions', ids: ['m1', 'm2', 'm3'] },
          { kind: 'incidents', ids: ['i1'] },
        ],
      },
    ]);
  });

  it('flushes at most once per interval however many changes come: 500 mentions a second is ten flushes', async () => {
    const { clock, flushes, b } = batcher();
    for (let n = 0; n < 500; n++) {
      b.add({ kind: 'mentions', ids: [`m${n}`] });
      await clock.advance(2);
    }
    await clock.advance(FLUSH_INTERVAL_MS);
    expect(flushes.length).toBeGreaterThanOrEqual(10);
    expect(flushes.length).toBeLessThanOrEqual(11);
    const gaps = flushes.slice(1).map((f, i) => f.at - (flushes[i]?.at ?? 0));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(FLUSH_INTERVAL_MS);
    expect(flushes.flatMap((f) => f.changes.flatMap((c) => c.ids))).toEqual(
      Array.from({ length: 500 }, (_, n) => `m${n}`),
    );
  });

  it('splits a burst bigger than one row over several changes of its kind; flush() sends now; nothing empty', async () => {
    const { clock, flushes, b } = batcher();
    b.add({ kind: 'handled', ids: [] });
    await clock.advance(FLUSH_INTERVAL_MS);
    expect(flushes).toEqual([]);
    const ids = Array.from({ length: MAX_IDS_PER_EVENT + 5 }, (_, n) => `m${n}`);
    b.add({ kind: 'mentions', ids });
    b.flush();
    expect(flushes[0]?.changes.map((c) => c.ids.length)).toEqual([MAX_IDS_PER_EVENT, 5]);
    expect(clock.pending()).toBe(0);
  });
});
