import { describe, expect, it } from 'vitest';
import { newWorkflow } from '../../../electron/core/workflow/record';
import { DEFAULT_SLA } from '../../../electron/core/workflow/sla';
import { applyCommand, type WorkflowCommand } from '../../../electron/core/workflow/transitions';
import { mergeWorkflows } from '../../../electron/core/workflow/merge';
import { WORKFLOW_STATES, WorkflowSchema, type Workflow, type WorkflowState } from '../../../shared/workflow';
import { actor, incident, MINUTE, T0 } from './fixtures';

const NOW = T0 + 3 * MINUTE;
const sup = actor('supervisor', 'Dana');
const acting = { incidentId: 'inc_1', actor: sup, now: NOW };

function inState(state: WorkflowState): Workflow {
  const wf = newWorkflow(incident('inc_1'), DEFAULT_SLA);
  if (state === 'new') return wf;
  if (state === 'resolved')
    return { ...wf, state, resolvedAt: T0, resolution: { kind: 'fixed', by: 'Ana', note: '' }, owner: 'Ana' };
  return { ...wf, state, acknowledgedAt: T0, owner: 'Ana' };
}

const COMMANDS: ReadonlyArray<{ cmd: WorkflowCommand; allowed: ReadonlyArray<WorkflowState> }> = [
  { cmd: { kind: 'acknowledge' }, allowed: ['new'] },
  { cmd: { kind: 'escalate', note: 'paged identity on-call' }, allowed: ['new', 'acknowledged'] },
  {
    cmd: { kind: 'resolve', falseAlarm: false, note: 'fixed by a rollback' },
    allowed: ['new', 'acknowledged', 'escalated'],
  },
  { cmd: { kind: 'reopen', reason: 'it is back' }, allowed: ['resolved'] },
  {
    cmd: { kind: 'snooze', until: NOW + 30 * MINUTE, reason: 'vendor says 30 min' },
    allowed: ['new', 'acknowledged', 'escalated'],
  },
  { cmd: { kind: 'assign', owner: 'Ravi' }, allowed: ['new', 'acknowledged', 'escalated'] },
  { cmd: { kind: 'note', text: 'status page updated' }, allowed: ['new', 'acknowledged', 'escalated', 'resolved'] },
  {
    cmd: { kind: 'holding-reply', text: 'We know login is failing and are on it.' },
    allowed: ['new', 'acknowledged', 'escalated'],
  },
  { cmd: { kind: 'flag-post', mentionId: 'x:123' }, allowed: ['new', 'acknowledged', 'escalated'] },
];

describe('workflow transitions', () => {
  for (const { cmd, allowed } of COMMANDS) {
    for (const state of WORKFLOW_STATES) {
      const yes = allowed.includes(state);
      it(`${cmd.kind} on a ${state} incident is ${yes ? 'allowed' : 'refused'}`, () => {
        const result = applyCommand(inState(state), cmd, acting);
        expect(result.ok).toBe(yes);
        if (result.ok) {
          WorkflowSchema.parse(result.value.workflow);
          expect(result.value.workflow.audit.at(-1)).toMatchObject({
            at: NOW,
            actor: sup,
            action: `incident:${cmd.kind}`,
          });
        } else {
          expect(result.error.code).toBe('invalid-transition');
          expect(result.error.message).toContain(`it is ${state}`);
        }
      });
    }
    it(`${cmd.kind} on a merged incident is refused, naming the survivor`, () => {
      const merged = { ...inState('resolved'), mergedInto: 'inc_9' };
      const result = applyCommand(merged, cmd, acting);
      expect(result.ok ? null : result.error.message).toContain('merged into inc_9');
    });
  }

  it('refuses to acknowledge a resolved incident with a readable reason', () => {
    const result = applyCommand(inState('resolved'), { kind: 'acknowledge' }, acting);
    expect(result).toEqual({
      ok: false,
      error: { code: 'invalid-transition', message: 'Cannot acknowledge incident inc_1: it is resolved (owner Ana).' },
    });
  });

  it('acknowledging takes ownership and tells targets; escalating a new incident acknowledges it too', () => {
    const acked = applyCommand(inState('new'), { kind: 'acknowledge' }, acting);
    expect(acked.ok && acked.value).toMatchObject({
      transition: 'acknowledged',
      workflow: { state: 'acknowledged', acknowledgedAt: NOW, owner: 'Dana' },
    });
    const escalated = applyCommand(inState('new'), { kind: 'escalate', note: 'paged' }, acting);
    expect(escalated.ok && escalated.value).toMatchObject({
      transition: 'escalated',
      workflow: {
        state: 'escalated',
        acknowledgedAt: NOW,
        escalatedAt: NOW,
        owner: 'Dana',
        notes: [{ text: 'paged' }],
      },
    });
  });

  it('resolves as a false alarm, keeping it with the incident; reopening goes back to acknowledged', () => {
    const resolved = applyCommand(
      inState('acknowledged'),
      { kind: 'resolve', falseAlarm: true, note: 'a meme' },
      acting,
    );
    expect(resolved.ok && resolved.value.workflow.resolution).toEqual({
      kind: 'false-alarm',
      by: 'Dana',
      note: 'a meme',
    });
    if (!resolved.ok) return;
    const reopened = applyCommand(resolved.value.workflow, { kind: 'reopen', reason: 'not a meme' }, acting);
    expect(reopened.ok && reopened.value.workflow).toMatchObject({
      state: 'acknowledged',
      resolvedAt: null,
      resolution: null,
    });
    expect(reopened.ok && reopened.value.workflow.audit.map((e) => e.action)).toEqual([
      'incident:resolve',
      'incident:reopen',
    ]);
  });

  it('refuses a snooze in the past or beyond a week, and a post flagged twice', () => {
    const past = applyCommand(inState('new'), { kind: 'snooze', until: NOW, reason: 'x' }, acting);
    expect(past.ok ? null : past.error.code).toBe('invalid-request');
    const far = applyCommand(
      inState('new'),
      { kind: 'snooze', until: NOW + 8 * 24 * 60 * MINUTE, reason: 'x' },
      acting,
    );
    expect(far.ok ? null : far.error.message).toBe('A snooze lasts at most 7 days.');
    const once = applyCommand(inState('new'), { kind: 'flag-post', mentionId: 'x:1' }, acting);
    const twice = once.ok ? applyCommand(once.value.workflow, { kind: 'flag-post', mentionId: 'x:1' }, acting) : once;
    expect(twice.ok ? null : twice.error.code).toBe('conflict');
  });

  it('an empty holding reply clears the pinned one', () => {
    const pinned = applyCommand(inState('new'), { kind: 'holding-reply', text: 'We are on it.' }, acting);
    expect(pinned.ok && pinned.value.workflow.holdingReply).toBe('We are on it.');
    const cleared = pinned.ok
      ? applyCommand(pinned.value.workflow, { kind: 'holding-reply', text: ' ' }, acting)
      : pinned;
    expect(cleared.ok && cleared.value.workflow.holdingReply).toBeNull();
  });
});

describe('merging workflows', () => {
  const request = { sourceId: 'inc_2', survivorId: 'inc_1', actor: sup, now: NOW };

  it('resolves the merged one pointing to the survivor, which gains its flagged posts and notes', () => {
    const source: Workflow = {
      ...inState('acknowledged'),
      flaggedPosts: ['x:1', 'x:2'],
      notes: [{ id: 'inc_2-n1', at: T0, author: 'Ana', text: 'same outage' }],
      holdingReply: 'We know.',
    };
    const survivor: Workflow = { ...inState('new'), owner: null, flaggedPosts: ['x:2', 'x:3'] };
    const merged = mergeWorkflows(source, survivor, request);
    expect(merged.ok && merged.value.source).toMatchObject({ state: 'resolved', mergedInto: 'inc_1', resolvedAt: NOW });
    expect(merged.ok && merged.value.survivor).toMatchObject({
      state: 'new',
      owner: 'Ana',
      holdingReply: 'We know.',
      flaggedPosts: ['x:2', 'x:3', 'x:1'],
      notes: [{ id: 'inc_2-n1', text: 'same outage' }],
    });
    expect(merged.ok && merged.value.survivor.audit.at(-1)?.detail).toBe('merged inc_2 into inc_1');
  });

  it('refuses merging into itself, into a resolved or merged incident, or an already merged one', () => {
    const open = inState('new');
    const cases: Array<[Workflow, Workflow, string, string]> = [
      [open, open, 'inc_1', 'into itself'],
      [open, inState('resolved'), 'inc_2', 'it is resolved; reopen it first'],
      [open, { ...open, mergedInto: 'inc_7' }, 'inc_2', 'merge into that one'],
      [{ ...open, mergedInto: 'inc_7' }, open, 'inc_2', 'already merged into inc_7'],
    ];
    for (const [source, survivor, sourceId, message] of cases) {
      const result = mergeWorkflows(source, survivor, { ...request, sourceId });
      expect(result.ok ? null : result.error.message).toContain(message);
    }
  });
});
