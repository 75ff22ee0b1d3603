import { appError, err, ok, type Result } from '../../../shared/result';
import type { Actor, Workflow } from '../../../shared/workflow';
import { audited } from './record';
import { MAX_FLAGGED, MAX_NOTES } from './transitions';

/** Two incidents a supervisor says are one breakdown: `source` is folded into `survivor`. */
export interface MergeRequest {
  readonly sourceId: string;
  readonly survivorId: string;
  readonly actor: Actor;
  readonly now: number;
}

/** Both records after a merge. */
export interface Merged {
  readonly source: Workflow;
  readonly survivor: Workflow;
}

const refuse = (message: string): Result<never> => err(appError('invalid-transition', message));

function check(source: Workflow, survivor: Workflow, r: MergeRequest): Result<void> {
  if (r.sourceId === r.survivorId) return refuse(`Cannot merge incident ${r.sourceId} into itself.`);
  if (source.mergedInto !== null)
    return refuse(`Cannot merge incident ${r.sourceId}: it was already merged into ${source.mergedInto}.`);
  if (survivor.mergedInto !== null)
    return refuse(
      `Cannot merge into incident ${r.survivorId}: it was merged into ${survivor.mergedInto}; merge into that one.`,
    );
  if (survivor.state === 'resolved')
    return refuse(`Cannot merge into incident ${r.survivorId}: it is resolved; reopen it first.`);
  return ok(undefined);
}

/**
 * Folds `source` into `survivor`. The merged incident ends resolved and points to the survivor; the survivor
 * gains its flagged posts and notes (and its owner and holding reply when it had none). Pure.
 */
export function mergeWorkflows(source: Workflow, survivor: Workflow, r: MergeRequest): Result<Merged> {
  const checked = check(source, survivor, r);
  if (!checked.ok) return checked;
  const flagged = [...new Set([...survivor.flaggedPosts, ...source.flaggedPosts])].slice(0, MAX_FLAGGED);
  const noteIds = new Set(survivor.notes.map((n) => n.id));
  const notes = [...survivor.notes, ...source.notes.filter((n) => !noteIds.has(n.id))].slice(0, MAX_NOTES);
  const grown: Workflow = {
    ...survivor,
    flaggedPosts: flagged,
    notes,
    owner: survivor.owner ?? source.owner,
    holdingReply: survivor.holdingReply ?? source.holdingReply,
  };
  const detail = `merged ${r.sourceId} into ${r.survivorId}`;
  const folded: Workflow = {
    ...source,
    state: 'resolved',
    resolvedAt: source.resolvedAt ?? r.now,
    snooze: null,
    mergedInto: r.survivorId,
  };
  return ok({
    source: audited(folded, r.now, r.actor, 'incident:merge', detail),
    survivor: audited(grown, r.now, r.actor, 'incident:merge', detail),
  });
}
