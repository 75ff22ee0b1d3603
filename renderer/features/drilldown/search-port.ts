import { isCommandName, type CommandName } from '../../../shared/contract';
import { appError, err, ok, type Result } from '../../../shared/result';
import { MentionPageSchema, type MentionPage, type MentionSearch } from '../../../shared/search';
import type { Transport } from '../../transport/transport';

/** Runs one mention search against the hub. */
export type SearchMentions = (search: MentionSearch) => Promise<Result<MentionPage>>;

const SEARCH = 'mentions:search';

/**
 * The drill-down's search through the transport. `mentions:search` joins the contract with the staff floor's
 * search (shared/search.ts is its shape); until a hub serves it the panel says so instead of failing. Workaround:
 * the name is checked at run time because the contract map of this build may not name it yet, and the page is
 * validated here against the shared schema whatever the contract says.
 */
export function transportSearch(transport: Transport): SearchMentions {
  return async (search) => {
    if (!isCommandName(SEARCH)) return err(appError('unknown-command', 'Search is not available on this hub yet.'));
    const invoke = transport.invoke as (name: CommandName, request: unknown) => Promise<Result<unknown>>;
    const result = await invoke(SEARCH, search);
    if (!result.ok) return result;
    const page = MentionPageSchema.safeParse(result.value);
    return page.success
      ? ok(page.data)
      : err(appError('invalid-response', 'mentions:search returned a malformed page'));
  };
}
