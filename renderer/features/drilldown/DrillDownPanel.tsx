import { useEffect, useState } from 'react';
import type { Mention } from '../../../shared/mention';
import { TEST_IDS } from '../../test-ids';
import { SENTIMENT_MARK } from '../../theme/palette';
import { channelBadge, sentimentBadge } from '../feed/mention-view';
import { drillSearch, type DrillTarget } from './drill-query';
import type { SearchMentions } from './search-port';

/** Props of the drill-down panel. */
export interface DrillDownPanelProps {
  readonly target: DrillTarget;
  readonly search: SearchMentions;
  readonly onClose: () => void;
}

interface Page {
  readonly items: ReadonlyArray<Mention>;
  readonly next: string | null;
  readonly loading: boolean;
  readonly error: string | null;
}

const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

function useDrillPages(target: DrillTarget, search: SearchMentions): [Page, () => void] {
  const [page, setPage] = useState<Page>({ items: [], next: null, loading: true, error: null });
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void search(drillSearch(target, cursor)).then((r) => {
      if (!live) return;
      setPage((p) =>
        r.ok
          ? { items: [...p.items, ...r.value.items], next: r.value.next, loading: false, error: null }
          : { ...p, loading: false, error: r.error.message },
      );
    });
    return () => {
      live = false;
    };
  }, [target, search, cursor]);
  const more = (): void => {
    if (page.next === null) return;
    setPage((p) => ({ ...p, loading: true }));
    setCursor(page.next);
  };
  return [page, more];
}

/** The posts behind a KPI, a bar, a chart point or a topic: a page at a time, post text as text. Key it by target. */
export function DrillDownPanel({ target, search, onClose }: DrillDownPanelProps) {
  const [page, more] = useDrillPages(target, search);
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  const status = page.loading
    ? 'Loading…'
    : page.error !== null
      ? page.error
      : `${page.items.length} posts${page.next ? ' (more older)' : ''}`;
  return (
    <aside
      className="drill-panel"
      role="dialog"
      aria-label={`Posts behind: ${target.title}`}
      data-testid={TEST_IDS.drillPanel}
    >
      <header className="drill-head">
        <h2>{target.title}</h2>
        <button type="button" onClick={onClose} aria-label="Close the posts">
          ✕ close
        </button>
      </header>
      <p className="drill-status" data-testid={TEST_IDS.drillStatus} role="status">
        {status}
      </p>
      <ol className="drill-list">
        {page.items.map((m) => {
          const badge = sentimentBadge(m.enrichment.sentiment);
          return (
            <li key={m.id} className="drill-row" data-testid={TEST_IDS.drillRow} data-mention-id={m.id}>
              <span className="drill-meta">
                {channelBadge(m.channel).short} · @{m.author.handle} · {time.format(m.createdAt)} ·{' '}
                <span className={`sentiment ${badge}`}>
                  {SENTIMENT_MARK[badge]} {badge}
                </span>
              </span>
              <span className="drill-text">{m.text}</span>
            </li>
          );
        })}
      </ol>
      {page.next !== null && !page.loading && (
        <button type="button" onClick={more}>
          Older posts
        </button>
      )}
    </aside>
  );
}
