import { MAX_HANDLED_AUDIT, type HandledMark } from '../../../shared/handled';
import type { Actor } from '../../../shared/workflow';

/** A change to a post's handled mark, as every store applies it. */
export interface HandledChange {
  readonly mentionId: string;
  readonly handled: boolean;
  readonly actor: Actor;
  readonly at: number;
}

/** The mark after `change`, keeping the newest audit lines (the same shape as an incident's audit log). Pure. */
export function nextHandledMark(previous: HandledMark | null, change: HandledChange): HandledMark {
  const entry = {
    at: change.at,
    actor: change.actor,
    action: 'mention:handled',
    detail: change.handled ? 'marked handled' : 'marked not handled',
  };
  const audit = [...(previous?.audit ?? []), entry].slice(-MAX_HANDLED_AUDIT);
  return { mentionId: change.mentionId, handled: change.handled, at: change.at, by: change.actor, audit };
}
