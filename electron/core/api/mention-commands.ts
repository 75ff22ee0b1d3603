import type { CommandRequest, CommandResponse, HubEvent } from '../../../shared/contract';
import { appError, err, ok, type Result } from '../../../shared/result';
import type { Actor } from '../../../shared/workflow';
import type { Logger } from '../runtime/logger';
import type { Store } from '../store/repository';
import { decodeCursor } from '../store/search-keys';

/** What the staff floor's commands need of the hub. */
export interface MentionCommandContext {
  readonly store: Store;
  readonly logger: Logger;
  readonly now: () => number;
  /** Sends an event to every client (the core's bus). */
  readonly emit: (event: HubEvent) => void;
}

/** `mentions:search`: one page of the store's search, with the handled marks of its posts. */
export async function searchMentions(
  ctx: MentionCommandContext,
  req: CommandRequest<'mentions:search'>,
): Promise<Result<CommandResponse<'mentions:search'>>> {
  if (req.cursor !== undefined) {
    const cursor = decodeCursor(req.cursor, req.sort ?? 'time');
    if (!cursor.ok) return cursor;
  }
  if (req.from !== undefined && req.to !== undefined && req.to <= req.from)
    return err(appError('invalid-request', 'mentions:search needs from before to.'));
  const page = await ctx.store.searchMentions(req);
  const handled = await ctx.store.handledMarks(page.items.map((m) => m.id));
  return ok({ ...page, handled });
}

/** `mention:handled`: stores the mark for `actor`, logs it for the audit, and tells every client. */
export async function markHandled(
  ctx: MentionCommandContext,
  req: CommandRequest<'mention:handled'>,
  actor: Actor,
): Promise<Result<CommandResponse<'mention:handled'>>> {
  const mark = await ctx.store.setHandled({ mentionId: req.mentionId, handled: req.handled, actor, at: ctx.now() });
  if (mark === null) return err(appError('not-found', `No stored post "${req.mentionId}".`));
  ctx.logger.info(
    { command: 'mention:handled', mentionId: mark.mentionId, handled: mark.handled, actor: actor.id, desk: actor.desk },
    'post marked',
  );
  ctx.emit({ name: 'mentions:handled', payload: { marks: [mark] } });
  return ok(mark);
}
