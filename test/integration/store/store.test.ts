import { describe, expect, it } from 'vitest';
import { mention, NEUTRAL_ENRICHMENT } from '../../helpers/mentions';
import { workflowRecord } from '../../helpers/workflow';
import { actor, incident } from '../../unit/workflow/fixtures';
import type { Delivery } from '../../../shared/workflow';
import { DIALECTS, storeHarness } from './harness';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const neg = { ...NEUTRAL_ENRICHMENT, sentiment: { label: 'negative' as const, score: -0.8, confidence: 0.9 } };
const pos = { ...NEUTRAL_ENRICHMENT, sentiment: { label: 'positive' as const, score: 0.8, confidence: 0.9 } };

describe.each(DIALECTS)('the %s store: mentions and cursors', (dialect) => {
  const h = storeHarness(dialect);

  it('inserts idempotently by (source, external id) and saves the cursor in the same commit', async () => {
    const store = await h.open();
    const first = await store.commitBatch('src', [mention(1, T0), mention(2, T0 + 1)], 'c1');
    expect(first.inserted.map((m) => m.id)).toEqual(['src:ext-1', 'src:ext-2']);
    const again = await store.commitBatch('src', [mention(2, T0 + 1), mention(3, T0 + 2)], 'c2');
    expect(again.inserted.map((m) => m.id)).toEqual(['src:ext-3']);
    expect(again.duplicates).toBe(1);
    expect(await store.countMentions()).toBe(3);
    expect(await store.getCursor('src')).toBe('c2');
    expect(await store.getCursor('other')).toBeNull();
  });

  it('counts a mention repeated within one batch once, and an empty batch still saves its cursor', async () => {
    const store = await h.open();
    const result = await store.commitBatch('src', [mention(1, T0), mention(1, T0), mention(2, T0)], 'c1');
    expect(result.inserted.map((m) => m.id)).toEqual(['src:ext-1', 'src:ext-2']);
    expect(result.duplicates).toBe(1);
    expect(await store.commitBatch('src', [], 'c2')).toEqual({ inserted: [], duplicates: 0 });
    expect(await store.getCursor('src')).toBe('c2');
  });

  it('keeps the previous cursor when a batch carries none', async () => {
    const store = await h.open();
    await store.commitBatch('src', [mention(1, T0)], 'c1');
    await store.commitBatch('src', [mention(2, T0)], null);
    expect(await store.getCursor('src')).toBe('c1');
  });

  it('gives back each mention exactly as committed, every field', async () => {
    const store = await h.open();
    const rich = mention(7, T0, {
      url: 'https://x.com/ada/status/7?q=a&b=%20',
      author: { handle: 'ada', name: 'Ada “Lovelace” 👩‍💻', followers: 12_000, verified: true },
      text: "Can't log in — error 503 ça va? 日本語 \\ 'quotes' \"double\"",
      metadata: { rating: 1.5, subreddit: 'r/banking', pinned: false, edited: null },
      enrichment: { ...neg, topics: [{ topic: 'login', terms: ['log in', '503'] }], authorWeight: 3.25, vip: true },
    });
    await store.commitBatch('src', [rich], null);
    expect(await store.recentMentions(1)).toEqual([rich]);
  });

  it('reads newest-first, by time range and watchlist, and a zero-filled per-minute series', async () => {
    const store = await h.open();
    await store.commitBatch(
      'src',
      [
        mention(1, T0 + 5_000),
        mention(2, T0 + 10_000, { enrichment: neg }),
        mention(3, T0 + 125_000, { watchlist: 'other' }),
        mention(4, T0 + 130_000, { enrichment: pos }),
      ],
      null,
    );
    expect((await store.recentMentions(2)).map((m) => m.externalId)).toEqual(['ext-4', 'ext-3']);
    const window = await store.mentionsBetween({ from: T0, to: T0 + 60_000 });
    expect(window.map((m) => m.externalId)).toEqual(['ext-1', 'ext-2']);
    expect((await store.mentionsBetween({ from: T0, to: T0 + 200_000, watchlist: 'other' })).length).toBe(1);
    expect((await store.mentionsBetween({ from: T0, to: T0 + 200_000, limit: 3 })).length).toBe(3);
    expect(await store.volumeSeries(T0, T0 + 120_000)).toEqual([
      { minute: T0, total: 2, negative: 1, positive: 0 },
      { minute: T0 + 60_000, total: 0, negative: 0, positive: 0 },
      { minute: T0 + 120_000, total: 2, negative: 0, positive: 1 },
    ]);
  });

  it('orders ties at the same instant by id, byte-wise', async () => {
    const store = await h.open();
    const ids = ['B-1', 'a-1', 'Z-1', '_-1', 'b-1'];
    await store.commitBatch(
      'src',
      ids.map((externalId, n) => ({ ...mention(n, T0), id: `src:${externalId}`, externalId })),
      null,
    );
    const expected = [...ids].sort().map((e) => `src:${e}`);
    expect((await store.mentionsBetween({ from: T0, to: T0 + 1 })).map((m) => m.id)).toEqual(expected);
    expect((await store.recentMentions(10)).map((m) => m.id)).toEqual([...expected].reverse());
  });

  it('keeps everything across a close and reopen of the same database', async () => {
    const where = await h.location();
    const first = await h.open(where);
    await first.commitBatch('src', [mention(1, T0), mention(2, T0)], 'c2');
    await first.setState('detection', { a: 1 });
    await first.close();
    const second = await h.open(where);
    expect(await second.countMentions()).toBe(2);
    expect(await second.getCursor('src')).toBe('c2');
    expect(await second.getState('detection')).toEqual({ a: 1 });
    expect((await second.commitBatch('src', [mention(2, T0)], 'c2')).inserted).toHaveLength(0);
  });

  it('closes once, however often it is told to', async () => {
    const store = await h.open();
    await store.close();
    await expect(store.close()).resolves.toBeUndefined();
  });

  it('prunes mentions older than the retention horizon', async () => {
    const store = await h.open();
    await store.commitBatch('src', [mention(1, T0), mention(2, T0 + 86_400_000)], null);
    expect(await store.prune(T0 + 1)).toBe(1);
    expect(await store.countMentions()).toBe(1);
  });

  it("stamps a cursor's updated_at with the injected hub clock, not the process's", async () => {
    const where = await h.location();
    const at = Date.UTC(2015, 1, 17, 9, 0, 0);
    const timed = await h.open(where, { now: () => at });
    await timed.commitBatch('x-main', [mention(1, at)], 'cursor-1');
    const rows = await h.rows(where, "SELECT updated_at FROM cursors WHERE source_id = 'x-main'");
    expect(rows.map((r) => Number(r.updated_at))).toEqual([at]);
  });
});

describe.each(DIALECTS)('the %s store: incidents, workflows and state', (dialect) => {
  const h = storeHarness(dialect);

  it('saves detection’s record without its workflow, replaces it by id, and lists newest opened first', async () => {
    const store = await h.open();
    const a = incident('inc-a', { openedAt: T0 });
    const b = incident('inc-b', { openedAt: T0 + 60_000 });
    await store.saveIncident({ ...a, workflow: workflowRecord({ state: 'acknowledged' }) });
    await store.saveIncident(b);
    expect(await store.getIncident('inc-a')).toEqual(a);
    expect(await store.getWorkflow('inc-a')).toBeNull();
    await store.saveIncident({ ...a, state: 'resolved', resolvedAt: T0 + 5 });
    expect((await store.getIncident('inc-a'))?.state).toBe('resolved');
    expect((await store.listIncidents()).map((i) => i.id)).toEqual(['inc-b', 'inc-a']);
    expect((await store.listIncidents({ openOnly: true })).map((i) => i.id)).toEqual(['inc-b']);
    expect((await store.listIncidents({ openedFrom: T0 + 1 })).map((i) => i.id)).toEqual(['inc-b']);
    expect((await store.listIncidents({ openedBefore: T0 + 1 })).map((i) => i.id)).toEqual(['inc-a']);
    expect((await store.listIncidents({ limit: 1 })).map((i) => i.id)).toEqual(['inc-b']);
    expect(await store.getIncident('none')).toBeNull();
  });

  it('keeps workflows apart from detection, without delivery logs, and lists the open ones', async () => {
    const store = await h.open();
    const audit = [{ at: T0 + 9, actor: actor('staff'), action: 'incident:acknowledge', detail: 'on it' }];
    const acked = workflowRecord({ state: 'acknowledged', acknowledgedAt: T0 + 9, audit });
    const delivery: Delivery = {
      targetId: 'pd',
      targetKind: 'pagerduty',
      transition: 'opened',
      status: 'sent',
      attempts: 1,
      createdAt: T0,
      lastAttemptAt: T0,
      lastError: null,
    };
    await store.saveIncident(incident('inc-1'), workflowRecord());
    await store.saveWorkflows([
      { incidentId: 'inc-1', workflow: acked },
      { incidentId: 'inc-2', workflow: workflowRecord({ state: 'resolved', resolvedAt: T0 }) },
      { incidentId: 'inc-3', workflow: workflowRecord({ deliveries: [delivery] }) },
    ]);
    expect(await store.getWorkflow('inc-1')).toEqual(acked);
    expect((await store.getWorkflow('inc-3'))?.deliveries).toEqual([]);
    const many = await store.getWorkflows(['inc-1', 'inc-2', 'inc-1', 'missing']);
    expect([...many.keys()].sort()).toEqual(['inc-1', 'inc-2']);
    expect((await store.getWorkflows([])).size).toBe(0);
    expect((await store.openWorkflows()).map((w) => w.incidentId)).toEqual(['inc-1', 'inc-3']);
    expect(await store.getWorkflow('missing')).toBeNull();
  });

  it('reads many workflows at once, more than one query’s worth of ids', async () => {
    const store = await h.open();
    const entries = Array.from({ length: 1_200 }, (_, n) => ({ incidentId: `inc-${n}`, workflow: workflowRecord() }));
    await store.saveWorkflows(entries);
    expect((await store.getWorkflows(entries.map((e) => e.incidentId))).size).toBe(1_200);
  });

  it('keeps runtime state as JSON by key, replacing on write', async () => {
    const store = await h.open();
    expect(await store.getState('detector')).toBeNull();
    await store.setState('detector', { series: { a: [1, 2] }, at: T0 });
    await store.setState('detector', { series: {}, at: T0 + 1 });
    await store.setState('spend', 3);
    expect(await store.getState('detector')).toEqual({ series: {}, at: T0 + 1 });
    expect(await store.getState<number>('spend')).toBe(3);
  });
});
