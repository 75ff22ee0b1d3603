import { describe, expect, it } from 'vitest';
import type { Store } from '../../../electron/core/store/repository';
import { MAX_HANDLED_AUDIT } from '../../../shared/handled';
import type { Actor } from '../../../shared/workflow';
import { mention } from '../../helpers/mentions';
import { DIALECTS, storeHarness } from './harness';

// floor's handled-mark tests (test/unit/store/sqlite-handled.test.ts), against both dialects.

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const ANA: Actor = { id: 'ana', name: 'Ana', role: 'staff', desk: 'web 10.0.0.2' };
const BO: Actor = { id: 'bo', name: 'Bo', role: 'staff', desk: 'desktop' };

describe.each(DIALECTS)('handled marks in the %s store', (dialect) => {
  const h = storeHarness(dialect);

  async function seeded(where?: string): Promise<Store> {
    const store = await h.open(where);
    await store.commitBatch('src', [mention(1, T0), mention(2, T0 + 1000)], null);
    return store;
  }

  it('stores who marked a post handled and when, with an audit trail of changes', async () => {
    const store = await seeded();
    expect(await store.handledMarks(['src:ext-1'])).toEqual([]);
    const first = await store.setHandled({ mentionId: 'src:ext-1', handled: true, actor: ANA, at: T0 + 5 });
    expect(first).toMatchObject({ mentionId: 'src:ext-1', handled: true, at: T0 + 5, by: ANA });
    const second = await store.setHandled({ mentionId: 'src:ext-1', handled: false, actor: BO, at: T0 + 9 });
    expect(second?.audit.map((a) => [a.actor.id, a.detail])).toEqual([
      ['ana', 'marked handled'],
      ['bo', 'marked not handled'],
    ]);
    expect(await store.handledMarks(['src:ext-1', 'src:ext-2', 'nope'])).toEqual([second]);
  });

  it('refuses a post that is not stored, and forgets marks when their post is pruned', async () => {
    const store = await seeded();
    expect(await store.setHandled({ mentionId: 'src:ext-9', handled: true, actor: ANA, at: T0 })).toBeNull();
    await store.setHandled({ mentionId: 'src:ext-1', handled: true, actor: ANA, at: T0 });
    await store.setHandled({ mentionId: 'src:ext-2', handled: true, actor: ANA, at: T0 });
    expect(await store.prune(T0 + 500)).toBe(1);
    expect((await store.handledMarks(['src:ext-1', 'src:ext-2'])).map((m) => m.mentionId)).toEqual(['src:ext-2']);
  });

  it('keeps only the newest audit lines', async () => {
    const store = await seeded();
    for (let i = 0; i < MAX_HANDLED_AUDIT + 5; i++) {
      await store.setHandled({ mentionId: 'src:ext-2', handled: i % 2 === 0, actor: ANA, at: T0 + i });
    }
    const [mark] = await store.handledMarks(['src:ext-2']);
    expect(mark?.audit).toHaveLength(MAX_HANDLED_AUDIT);
    expect(mark?.audit.at(-1)?.at).toBe(T0 + MAX_HANDLED_AUDIT + 4);
  });

  it('appends both changes when two hubs mark one post at the same moment', async () => {
    const where = await h.location();
    const a = await seeded(where);
    const b = await h.open(where);
    await Promise.all([
      a.setHandled({ mentionId: 'src:ext-1', handled: true, actor: ANA, at: T0 + 5 }),
      b.setHandled({ mentionId: 'src:ext-1', handled: true, actor: BO, at: T0 + 5 }),
    ]);
    const [mark] = await a.handledMarks(['src:ext-1']);
    expect(mark?.audit.map((e) => e.actor.id).sort()).toEqual(['ana', 'bo']);
  });
});
