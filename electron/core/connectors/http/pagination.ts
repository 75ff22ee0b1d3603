import type { RejectedItem } from '../connector';

/**
 * Notices a pagination loop within one poll: an API that hands back a next-page cursor it already gave, or a
 * page holding only items already read. Following it would never end (or store duplicates), so the poll stops
 * there and reports the page (the runner counts it and shows the source degraded); the cursor has not moved past
 * anything unread, so the next poll resumes where this one stopped.
 */
export class PageLoopGuard {
  private readonly cursors = new Set<string>();
  private readonly ids = new Set<string>();

  constructor(private readonly source: string) {}

  /** Records a page (its next cursor, its item ids) and says whether it repeats one already seen this poll. */
  repeats(next: string | null | undefined, ids: ReadonlyArray<string>): boolean {
    const cursorAgain = next !== null && next !== undefined && next !== '' && this.cursors.has(next);
    const itemsAgain = ids.length > 0 && ids.every((id) => this.ids.has(id));
    if (next) this.cursors.add(next);
    for (const id of ids) this.ids.add(id);
    return cursorAgain || itemsAgain;
  }

  /** The page error a loop is reported as. */
  error(): RejectedItem {
    return { reason: `${this.source} pagination loop: the same page came twice in one poll; stopped paging` };
  }
}
