import { emptyHistory } from '../../stores/floor-slice';
import { mayRun } from '../../stores/roles';
import type { WallStore } from '../../stores/wall-store';
import type { Transport } from '../../transport/transport';
import { feedKey, historyRequest } from './floor-query';

/**
 * Reads the next page of the feed's search from the hub (`mentions:search`) and appends it to the history. By
 * time, the first page asks for posts older than the live buffer's oldest (+1 ms; duplicates are dropped when
 * merged), so the buffer and the pages meet without a gap. Does nothing while a page is on its way, at the end of
 * history, or after an error unless `retry`. An answer for a search the user has since changed is dropped.
 */
export async function loadOlder(store: WallStore, transport: Transport, retry = false): Promise<void> {
  const s = store.getState();
  const key = feedKey(s.filters, s.searchQuery);
  const h = s.history.key === key ? s.history : emptyHistory(key);
  if (h.loading || h.next === null || (h.error !== null && !retry)) return;
  const oldest = s.mentions.items.at(-1)?.createdAt;
  const to = s.filters.sort === 'time' ? (h.to ?? (oldest === undefined ? undefined : oldest + 1)) : undefined;
  s.setHistory({ ...h, loading: true, error: null, to });
  const page = { ...(h.next ? { cursor: h.next } : {}), ...(to === undefined ? {} : { to }) };
  const result = await transport.invoke('mentions:search', historyRequest(s.filters, s.searchQuery, page));
  const after = store.getState();
  if (feedKey(after.filters, after.searchQuery) !== key || after.history.key !== key) return;
  if (!result.ok) {
    after.setHistory({ ...h, to, loading: false, error: result.error.message });
    return;
  }
  after.mergeHandled(result.value.handled);
  after.setHistory({
    key,
    items: [...after.history.items, ...result.value.items],
    next: result.value.next,
    to,
    loading: false,
    error: null,
  });
}

/** Marks the post handled (or back), as this desk's actor; says how it went in the triage notice. */
export async function toggleHandled(store: WallStore, transport: Transport, mentionId: string): Promise<void> {
  const s = store.getState();
  if (!mayRun(s.actor, 'mention:handled')) return s.setNotice('Your role may not mark posts handled.');
  const handled = !(s.handled.get(mentionId)?.handled ?? false);
  const result = await transport.invoke('mention:handled', { mentionId, handled });
  if (!result.ok) return store.getState().setNotice(`Marking failed: ${result.error.message}`);
  store.getState().mergeHandled([result.value]);
  store.getState().setNotice(handled ? 'Marked handled.' : 'Marked not handled.');
}
