import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useWall } from '../../app/wall-context';
import { visibleMentions } from '../../stores/triage-slice';
import { TEST_IDS } from '../../test-ids';
import { TriageBar } from '../triage/TriageBar';
import { MentionRow } from './MentionRow';

/** The live feed: newest first, filtered by the search, virtualized so only visible rows are in the DOM. */
export function LiveFeed() {
  const all = useWall((s) => s.mentions.items);
  const query = useWall((s) => s.searchQuery);
  const items = useMemo(() => visibleMentions(all, query), [all, query]);
  const now = useWall((s) => s.hub.now);
  const selectedId = useWall((s) => s.selectedId);
  const largeType = useWall((s) => s.largeType);
  const selectMention = useWall((s) => s.selectMention);
  const scrollRef = useRef<HTMLDivElement>(null);

  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => (largeType ? 170 : 112),
    overscan: 6,
    getItemKey: (index) => items[index]?.id ?? index,
  });

  useEffect(() => {
    if (selectedId === null) return;
    const index = items.findIndex((m) => m.id === selectedId);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
  }, [selectedId, items, virtualizer]);

  const onSelect = useCallback((id: string) => selectMention(id), [selectMention]);

  return (
    <section className="panel" aria-label="Live feed" data-testid={TEST_IDS.feed} data-mention-count={items.length}>
      <h2>
        Live feed <span className="muted">· {items.length} shown</span>
      </h2>
      <TriageBar />
      {all.length === 0 && <p className="muted">No mentions yet. New posts appear here as they arrive.</p>}
      {all.length > 0 && items.length === 0 && <p className="muted">No post in the feed matches the search.</p>}
      <div className="feed-scroll" ref={scrollRef} role="list">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((row) => {
            const mention = items[row.index];
            if (mention === undefined) return null;
            return (
              <div
                key={row.key}
                role="listitem"
                className="mention"
                data-testid={TEST_IDS.mentionRow}
                data-index={row.index}
                aria-current={mention.id === selectedId ? 'true' : undefined}
                ref={virtualizer.measureElement}
                style={{ transform: `translateY(${row.start}px)` }}
              >
                <MentionRow mention={mention} now={now} selected={mention.id === selectedId} onSelect={onSelect} />
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}
