import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../electron/core/runtime/clock';
import { openSqliteStore } from '../../../electron/core/store/sqlite/sqlite-store';
import type { Core } from '../../../electron/core/core-types';
import type { Store } from '../../../electron/core/store/repository';
import type { HubEvent } from '../../../shared/contract';
import type { Actor } from '../../../shared/workflow';
import { createTestCore } from '../../helpers/core';
import { mention } from '../../helpers/mentions';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const STAFF: Actor = { id: 'ana', name: 'Ana', role: 'staff', desk: 'web 10.0.0.2' };
const EXEC: Actor = { id: 'cy', name: 'Cy', role: 'executive', desk: 'tv' };
const running: Array<{ core: Core; store: Store }> = [];

async function hub(): Promise<{ core: Core; events: HubEvent[] }> {
  const clock = new ManualClock(T0 + 3_600_000);
  const store = await openSqliteStore(':memory:');
  // History well before anything a snapshot would carry, then 600 newer posts.
  await store.commitBatch('src', [mention(1, T0, { text: 'refund still missing after the outage' })], null);
  const recent = Array.from({ length: 600 }, (_, i) => mention(100 + i, T0 + 60_000 + i * 1000));
  await store.commitBatch('src', recent, null);
  const core = createTestCore({ clock, store });
  await core.start();
  const events: HubEvent[] = [];
  core.events.subscribe((e) => events.push(e));
  running.push({ core, store });
  return { core, events };
}

afterEach(async () => {
  for (const { core, store } of running.splice(0)) {
    await core.stop();
    await store.close();
  }
});

describe('mentions:search and mention:handled', () => {
  it('finds a post older than the snapshot, for an executive too, and pages with the cursor', async () => {
    const { core } = await hub();
    const snapshot = await core.api.invoke('snapshot:get', {});
    expect(snapshot.ok && snapshot.value.mentions.some((m) => m.id === 'src:ext-1')).toBe(false);
    const found = await core.api.dispatch('mentions:search', { text: 'refund outa', limit: 10 }, EXEC);
    expect(found).toMatchObject({ ok: true, value: { next: null, handled: [] } });
    expect(found.ok && (found.value as { items: Array<{ id: string }> }).items.map((m) => m.id)).toEqual(['src:ext-1']);
    const first = await core.api.invoke('mentions:search', { limit: 200 });
    const second =
      first.ok && first.value.next
        ? await core.api.invoke('mentions:search', { limit: 200, cursor: first.value.next })
        : null;
    expect(second?.ok && second.value.items[0]?.createdAt).toBeLessThan(
      first.ok ? (first.value.items.at(-1)?.createdAt ?? 0) : 0,
    );
  });

  it('refuses a damaged cursor or an empty period with a readable error', async () => {
    const { core } = await hub();
    expect(await core.api.invoke('mentions:search', { limit: 5, cursor: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request', message: expect.stringMatching(/cursor/) },
    });
    expect(await core.api.invoke('mentions:search', { limit: 5, from: T0, to: T0 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
  });

  it('stores a handled mark, tells every client and carries it in snapshots and search pages', async () => {
    const { core, events } = await hub();
    const marked = await core.api.dispatch('mention:handled', { mentionId: 'src:ext-699', handled: true }, STAFF);
    expect(marked).toMatchObject({
      ok: true,
      value: { mentionId: 'src:ext-699', handled: true, by: STAFF, at: T0 + 3_600_000 },
    });
    expect(events).toContainEqual({ name: 'mentions:handled', payload: { marks: [marked.ok && marked.value] } });
    const snapshot = await core.api.invoke('snapshot:get', {});
    expect(snapshot.ok && snapshot.value.handled?.map((m) => m.mentionId)).toEqual(['src:ext-699']);
    const page = await core.api.invoke('mentions:search', { limit: 1 });
    expect(page.ok && page.value.handled.map((m) => m.handled)).toEqual([true]);
  });

  it('refuses to mark a post that is not stored, and an executive may not mark', async () => {
    const { core, events } = await hub();
    expect(await core.api.dispatch('mention:handled', { mentionId: 'src:nope', handled: true }, STAFF)).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    expect(await core.api.dispatch('mention:handled', { mentionId: 'src:ext-1', handled: true }, EXEC)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(events.filter((e) => e.name === 'mentions:handled')).toEqual([]);
  });
});
