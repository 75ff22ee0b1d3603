import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef } from 'react';
import { useTransport, useWall, useWallStore } from '../../app/wall-context';
import { useWallDeferred } from '../../app/use-wall-deferred';
import { floorFeed } from '../../stores/floor-slice';
import { TEST_IDS } from '../../test-ids';
import { TriageBar } from '../triage/TriageBar';
import { FilterBar } from '../search/FilterBar';
import { feedKey, isPlainFeed } from '../search/floor-query';
import { loadOlder } from '../search/history-loader';
import { MentionRow } from './MentionRow';
import { rowHeight, usePrunedSizes } from './feed-virtualizer';

/** Rows from the end of the list at which the next history page is asked for. */
const LOAD_AHEAD = 8;
/** A changed search text waits this long for the next key before asking the hub (typing stays cheap). */
const TYPING_PAUSE_MS = 300;

/** Where the history of the current search stands, under the list. */
function HistoryStatus({ count }: { readonly count: number }) {
  const history = useWall((s) => s.history);
  const plain = useWall((s) => isPlainFeed(s.filters, s.searchQuery));
  const store = useWallStore();
  const transport = useTransport();
  const text =
    history.error !== null
      ? `Could not read older posts: ${history.error}`
      : history.loading
        ? 'Reading older posts from the hub…'
        : history.next === null
          ? count === 0
            ? plain
              ? 'No mentions yet. New posts appear here as they arrive.'
              : 'No stored post matches.'
            : 'End of stored history.'
          : 'Scroll on for older posts.';
  return (
    <p
      className="muted history-status"
      role="status"
      data-testid={TEST_IDS.historyStatus}
      data-state={history.loading ? 'loading' : history.next === null ? 'end' : 'more'}
    >
      {text}{' '}
      {history.error !== null && (
        <button type="button" onClick={() => void loadOlder(store, transport, true)}>
          Retry
        </button>
      )}
    </p>
  );
}

/** Asks for the next history page when the end of the list is in view (after a pause when the search changed). */
function useHistoryPaging(nearEnd: boolean): void {
  const key = useWall((s) => feedKey(s.filters, s.searchQuery));
  const history = useWall((s) => s.history);
  const store = useWallStore();
  const transport = useTransport();
  useEffect(() => {
    if (!nearEnd) return;
    const fresh = history.key !== key;
    const timer = setTimeout(() => void loadOlder(store, transport), fresh ? TYPING_PAUSE_MS : 0);
    return () => clearTimeout(timer);
  }, [nearEnd, key, history, store, transport]);
}

/**
 * The staff floor's feed: the live posts, then older ones read from the hub's store as it scrolls (so it reaches
 * back through all history), narrowed by the search and filters, by time or author weight. Virtualized: only
 * visible rows are in the DOM. On a charts-only public screen it shows no posts.
 */
export function LiveFeed() {
  // Posts and handled marks change with every delta flush: rendered in a transition (see useWallDeferred).
  const items = useWallDeferred(floorFeed);
  const selectedId = useWall((s) => s.selectedId);
  const largeType = useWall((s) => s.largeType);
  const handled = useWallDeferred((s) => s.handled);
  const hidden = useWall((s) => s.publicMode === 'charts');
  const selectMention = useWall((s) => s.selectMention);
  const scrollRef = useRef<HTMLDivElement>(null);

  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => (largeType ? 170 : 112),
    overscan: 6,
    getItemKey: (index) => items[index]?.id ?? index,
    measureElement: rowHeight,
    directDomUpdates: true,
  });
  usePrunedSizes(virtualizer, items);
  const lastVisible = virtualizer.getVirtualItems().at(-1)?.index ?? -1;
  useHistoryPaging(!hidden && lastVisible >= items.length - LOAD_AHEAD);

  useEffect(() => {
    if (selectedId === null) return;
    const index = items.findIndex((m) => m.id === selectedId);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
  }, [selectedId, items, virtualizer]);

  const onSelect = useCallback((id: string) => selectMention(id), [selectMention]);

  if (hidden)
    return (
      <section className="panel" aria-label="Live feed" data-testid={TEST_IDS.feed} data-mention-count={0}>
        <h2>Live feed</h2>
        <p className="muted" data-testid={TEST_IDS.postsHidden}>
          Posts are hidden on this public screen (charts only). Press p to change.
        </p>
      </section>
    );

  return (
    <section className="panel" aria-label="Live feed" data-testid={TEST_IDS.feed} data-mention-count={items.length}>
      <h2>
        Live feed <span className="muted">· {items.length} shown</span>
      </h2>
      <TriageBar />
      <FilterBar />
      <div className="feed-scroll" ref={scrollRef} role="list">
        <div ref={virtualizer.containerRef} className="feed-rows">
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
              >
                <MentionRow
                  mention={mention}
                  selected={mention.id === selectedId}
                  onSelect={onSelect}
                  handled={handled.get(mention.id)}
                />
              </div>
            );
          })}
        </div>
        <HistoryStatus count={items.length} />
      </div>
    </section>
  );
}
