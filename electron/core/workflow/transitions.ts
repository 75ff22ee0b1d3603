import { appError, err, ok, type Result } from '../../../shared/result';
import type { Actor, Workflow, WorkflowState } from '../../../shared/workflow';
import type { Transition } from '../escalation/port';
import { audited } from './record';

/** Most notes and flagged posts one incident keeps: bounds one record's size. */
export const MAX_NOTES = 500;
export const MAX_FLAGGED = 1000;
/** Furthest ahead a snooze may reach. */
export const MAX_SNOOZE_MS = 7 * 24 * 60 * 60_000;

/** One thing a person does to one incident (merge, which touches two, is in merge.ts). */
export type WorkflowCommand =
  | { readonly kind: 'acknowledge' }
  | { readonly kind: 'escalate'; readonly note?: string | undefined }
  | { readonly kind: 'resolve'; readonly falseAlarm: boolean; readonly note: string }
  | { readonly kind: 'reopen'; readonly reason: string }
  | { readonly kind: 'snooze'; readonly until: number; readonly reason: string }
  | { readonly kind: 'assign'; readonly owner: string }
  | { readonly kind: 'note'; readonly text: string }
  | { readonly kind: 'holding-reply'; readonly text: string }
  | { readonly kind: 'flag-post'; readonly mentionId: string };

/** Who acts, when, on which incident. */
export interface Acting {
  readonly incidentId: string;
  readonly actor: Actor;
  readonly now: number;
}

/** A command's outcome: the new record and the transition targets should hear of (if any). */
export interface Applied {
  readonly workflow: Workflow;
  readonly transition: Transition | null;
}

const refuse = (message: string): Result<never> => err(appError('invalid-transition', message));

/** Refuses acting on a merged incident, and (when `open` is asked) on a resolved one. */
function guard(wf: Workflow, a: Acting, verb: string, allowed: ReadonlyArray<WorkflowState>): Result<void> {
  if (wf.mergedInto !== null)
    return refuse(`Cannot ${verb} incident ${a.incidentId}: it was merged into ${wf.mergedInto}; act on that one.`);
  if (!allowed.includes(wf.state))
    return refuse(`Cannot ${verb} incident ${a.incidentId}: it is ${wf.state}${ownerSuffix(wf)}.`);
  return ok(undefined);
}

const ownerSuffix = (wf: Workflow): string => (wf.owner === null ? '' : ` (owner ${wf.owner})`);

const OPEN: ReadonlyArray<WorkflowState> = ['new', 'acknowledged', 'escalated'];

/** Applies one command to an incident's workflow: the new record, or a readable refusal. Pure. */
export function applyCommand(wf: Workflow, cmd: WorkflowCommand, a: Acting): Result<Applied> {
  const step = STEPS[cmd.kind] as (wf: Workflow, cmd: WorkflowCommand, a: Acting) => Result<Applied>;
  return step(wf, cmd, a);
}

type Steps = {
  readonly [K in WorkflowCommand['kind']]: (
    wf: Workflow,
    cmd: Extract<WorkflowCommand, { kind: K }>,
    a: Acting,
  ) => Result<Applied>;
};

const done = (workflow: Workflow, transition: Transition | null = null): Result<Applied> =>
  ok({ workflow, transition });
const log = (wf: Workflow, a: Acting, action: string, detail: string): Workflow =>
  audited(wf, a.now, a.actor, `incident:${action}`, detail);
const noteOf = (wf: Workflow, a: Acting, text: string): Workflow['notes'][number] => ({
  id: `${a.incidentId}-n${wf.notes.length + 1}`,
  at: a.now,
  author: a.actor.name,
  text,
});

const STEPS: Steps = {
  acknowledge(wf, _cmd, a) {
    const g = guard(wf, a, 'acknowledge', ['new']);
    if (!g.ok) return g;
    const next = { ...wf, state: 'acknowledged' as const, acknowledgedAt: a.now, owner: wf.owner ?? a.actor.name };
    return done(log(next, a, 'acknowledge', `acknowledged; owner ${next.owner}`), 'acknowledged');
  },
  escalate(wf, cmd, a) {
    const g = guard(wf, a, 'escalate', ['new', 'acknowledged']);
    if (!g.ok) return g;
    const note = cmd.note?.trim() ?? '';
    let next: Workflow = {
      ...wf,
      state: 'escalated',
      escalatedAt: a.now,
      acknowledgedAt: wf.acknowledgedAt ?? a.now,
      owner: wf.owner ?? a.actor.name,
    };
    if (note !== '') next = { ...next, notes: [...next.notes, noteOf(next, a, note)] };
    return done(log(next, a, 'escalate', note === '' ? 'escalated' : `escalated: ${note}`), 'escalated');
  },
  resolve(wf, cmd, a) {
    const g = guard(wf, a, 'resolve', OPEN);
    if (!g.ok) return g;
    const kind = cmd.falseAlarm ? ('false-alarm' as const) : ('fixed' as const);
    const next: Workflow = {
      ...wf,
      state: 'resolved',
      resolvedAt: a.now,
      snooze: null,
      resolution: { kind, by: a.actor.name, note: cmd.note },
    };
    const detail = `resolved (${kind})${cmd.note === '' ? '' : `: ${cmd.note}`}`;
    return done(log(next, a, 'resolve', detail), 'resolved');
  },
  reopen(wf, cmd, a) {
    const g = guard(wf, a, 'reopen', ['resolved']);
    if (!g.ok) return g;
    const next: Workflow = { ...wf, state: 'acknowledged', resolvedAt: null, resolution: null };
    return done(log(next, a, 'reopen', `reopened: ${cmd.reason}`));
  },
  snooze(wf, cmd, a) {
    const g = guard(wf, a, 'snooze', OPEN);
    if (!g.ok) return g;
    if (cmd.until <= a.now) return err(appError('invalid-request', 'A snooze must end in the future.'));
    if (cmd.until - a.now > MAX_SNOOZE_MS) return err(appError('invalid-request', 'A snooze lasts at most 7 days.'));
    const next: Workflow = { ...wf, snooze: { until: cmd.until, reason: cmd.reason } };
    return done(log(next, a, 'snooze', `snoozed until ${new Date(cmd.until).toISOString()}: ${cmd.reason}`));
  },
  assign(wf, cmd, a) {
    const g = guard(wf, a, 'assign', OPEN);
    if (!g.ok) return g;
    return done(log({ ...wf, owner: cmd.owner }, a, 'assign', `owner ${wf.owner ?? 'none'} → ${cmd.owner}`));
  },
  note(wf, cmd, a) {
    const g = guard(wf, a, 'add a note to', [...OPEN, 'resolved']);
    if (!g.ok) return g;
    if (wf.notes.length >= MAX_NOTES) return refuse(`Incident ${a.incidentId} has ${MAX_NOTES} notes, the most kept.`);
    const note = noteOf(wf, a, cmd.text);
    return done(log({ ...wf, notes: [...wf.notes, note] }, a, 'note', `note ${note.id}`));
  },
  'holding-reply'(wf, cmd, a) {
    const g = guard(wf, a, 'pin a holding reply on', OPEN);
    if (!g.ok) return g;
    const text = cmd.text.trim();
    const next: Workflow = { ...wf, holdingReply: text === '' ? null : text };
    return done(log(next, a, 'holding-reply', text === '' ? 'holding reply cleared' : `holding reply: ${text}`));
  },
  'flag-post'(wf, cmd, a) {
    const g = guard(wf, a, 'flag a post to', OPEN);
    if (!g.ok) return g;
    if (wf.flaggedPosts.includes(cmd.mentionId))
      return err(appError('conflict', `Post ${cmd.mentionId} is already flagged to incident ${a.incidentId}.`));
    if (wf.flaggedPosts.length >= MAX_FLAGGED)
      return refuse(`Incident ${a.incidentId} has ${MAX_FLAGGED} flagged posts, the most kept.`);
    const next: Workflow = { ...wf, flaggedPosts: [...wf.flaggedPosts, cmd.mentionId] };
    return done(log(next, a, 'flag-post', `flagged post ${cmd.mentionId}`));
  },
};
