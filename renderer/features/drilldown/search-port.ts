import { ok, type Result } from '../../../shared/result';
import type { MentionPage, MentionSearch } from '../../../shared/search';
import type { Transport } from '../../transport/transport';

/** Runs one mention search against the hub. */
export type SearchMentions = (search: MentionSearch) => Promise<Result<MentionPage>>;

/** The drill-down's search: the hub's `mentions:search` (the staff floor's search over all stored posts). */
export function transportSearch(transport: Transport): SearchMentions {
  return async (search) => {
    const result = await transport.invoke('mentions:search', search);
    return result.ok ? ok({ items: result.value.items, next: result.value.next }) : result;
  };
}
