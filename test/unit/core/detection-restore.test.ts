import { describe, expect, it } from 'vitest';
import { DETECT_TICK_MS } from '../../../electron/core/boot/create-core';
import { createDefaultIncidentEngine } from '../../../electron/core/incidents';
import { ManualClock } from '../../../electron/core/runtime/clock';
import { createLogger } from '../../../electron/core/runtime/logger';
import { openSqliteStore } from '../../../electron/core/store/sqlite/sqlite-store';
import type { Store } from '../../../electron/core/store/repository';
import { createTestCore } from '../../helpers/core';
import { rawMention } from '../../helpers/mentions';

const MINUTE = 60_000;
const START = Date.UTC(2026, 0, 5, 9, 0, 0);

/** A core with real detection over `store`, logging into `lines`. */
function coreOver(store: Store, clock: ManualClock, lines: string[]) {
  const detection = createDefaultIncidentEngine();
  const logger = createLogger('info', { write: (line: string) => void lines.push(line) });
  return { detection, core: createTestCore({ clock, store, detection, logger }) };
}

/** Minutes the engine has scored, read from its persisted state. */
const minutesProcessed = (state: unknown): number => (state as { minutesProcessed: number }).minutesProcessed;

/** Pushes a few mentions per minute for `minutes` minutes, ticking detection along. */
async function feed(core: ReturnType<typeof coreOver>['core'], clock: ManualClock, minutes: number): Promise<void> {
  for (let m = 0; m < minutes; m++) {
    const at = clock.now();
    await core.api.commit('push', [rawMention(m * 2, at), rawMention(m * 2 + 1, at + 1_000)], null);
    await clock.advance(MINUTE);
  }
  await clock.advance(2 * DETECT_TICK_MS);
}

describe('restoring the saved detection state', () => {
  it('starts anyway on a corrupt state: detection learns afresh, the reason is logged and shown as a health warning', async () => {
    const clock = new ManualClock(START);
    const store = await openSqliteStore(':memory:');
    await store.setState('detection', { version: 1, seq: 'garbage', series: [['not a key', {}]] });
    const lines: string[] = [];
    const { core, detection } = coreOver(store, clock, lines);
    await core.start();

    const status = await core.api.invoke('status:get', {});
    expect(status.ok && status.value.warnings).toEqual([
      expect.stringMatching(
        /^Detection state could not be restored \(.*seq.*\); detection is learning again from scratch$/,
      ),
    ]);
    const snapshot = await core.api.invoke('snapshot:get', {});
    expect(snapshot.ok && snapshot.value.status.warnings).toHaveLength(1);
    const logged = lines.map((l) => JSON.parse(l) as { level: number; msg: string; reason?: string });
    expect(logged).toContainEqual(
      expect.objectContaining({
        level: 40,
        msg: 'detection state could not be restored',
        reason: expect.stringContaining('seq'),
      }),
    );

    await feed(core, clock, 5);
    expect(minutesProcessed(detection.exportState())).toBeGreaterThan(0);
    await core.stop();
    await store.close();
  });

  it('names a malformed series key when the shape is right but a key is not', async () => {
    const engine = createDefaultIncidentEngine();
    const state = JSON.parse(JSON.stringify(engine.exportState())) as { series: unknown[] };
    state.series = [['["w"]', { det: {}, level: 0, seen: 0, recent: [], lastTrigger: null, baseline: 0 }]];
    const restored = engine.importState(state);
    expect(restored.ok).toBe(false);
    expect(!restored.ok && restored.error.message).toContain('malformed series key');
  });

  it('restores a valid saved state with no warning', async () => {
    const clock = new ManualClock(START);
    const store = await openSqliteStore(':memory:');
    const first = coreOver(store, clock, []);
    await first.core.start();
    await feed(first.core, clock, 5);
    await first.core.stop();
    const learned = minutesProcessed(await store.getState<unknown>('detection'));
    expect(learned).toBeGreaterThan(0);

    const lines: string[] = [];
    const second = coreOver(store, clock, lines);
    await second.core.start();
    const status = await second.core.api.invoke('status:get', {});
    expect(status.ok && status.value.warnings).toBeUndefined();
    expect(minutesProcessed(second.detection.exportState())).toBe(learned);
    expect(lines.join('')).not.toContain('could not be restored');
    await second.core.stop();
    await store.close();
  });
});
