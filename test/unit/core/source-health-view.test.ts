import { describe, expect, it } from 'vitest';
import type { SourceHealth } from '../../../shared/source-health';
import { sourceHealthView } from '../../../electron/core/boot/source-health-view';

const health = (sourceId: string, state: SourceHealth['state']): SourceHealth => ({
  sourceId,
  kind: 'x',
  label: sourceId,
  state,
  lastSuccessAt: null,
  lastItemAt: null,
  rateLimitedUntil: null,
  itemsPerMinute: 0,
  rejected: 0,
  lastError: null,
});

describe("a hub's view of its sources' health", () => {
  it("shows the other hubs' sources beside its own, in the configured order, its own poller winning", () => {
    const view = sourceHealthView(['x1', 'rss', 'reddit']);
    expect(view.all([health('rss', 'ok')])).toEqual([health('rss', 'ok')]);
    view.remote([health('reddit', 'failing'), health('x1', 'ok'), health('rss', 'auth-error')]);
    // rss runs here: its own poller's health, not the remote one; the rest as their hubs saw them.
    expect(view.all([health('rss', 'ok')])).toEqual([
      health('x1', 'ok'),
      health('rss', 'ok'),
      health('reddit', 'failing'),
    ]);
    // A newer remote view replaces the older; a source this hub does not configure comes last.
    view.remote([health('x1', 'rate-limited'), health('extra', 'ok')]);
    expect(view.all([]).map((h) => `${h.sourceId}:${h.state}`)).toEqual([
      'x1:rate-limited',
      'rss:auth-error',
      'reddit:failing',
      'extra:ok',
    ]);
  });
});
