import { describe, expect, it } from 'vitest';
import { SeqTracker, type TeamEvent } from '../../../../electron/core/team/fanout/seq-tracker';

const row = (seq: number, hubId: string, kind: TeamEvent['kind'], ids: string[]): TeamEvent => ({
  seq,
  hubId,
  kind,
  ids,
});

describe('SeqTracker', () => {
  it('applies only rows after its seq, skips its own, and merges consecutive rows of one kind', () => {
    const t = new SeqTracker('me', 10);
    const runs = t.runs([
      row(12, 'other', 'mentions', ['b', 'c']),
      row(9, 'other', 'incidents', ['old']),
      row(11, 'other', 'mentions', ['a', 'b']),
      row(13, 'me', 'mentions', ['mine']),
      row(14, 'other', 'mentions', ['d']),
      row(15, 'third', 'incidents', ['i1']),
    ]);
    expect(runs).toEqual([
      { kind: 'mentions', ids: ['a', 'b', 'c', 'd'], throughSeq: 14 },
      { kind: 'incidents', ids: ['i1'], throughSeq: 15 },
    ]);
    expect(t.last).toBe(10);
  });

  it('passes its own rows (an empty run), moves only forward, and never yields a row twice once passed', () => {
    const t = new SeqTracker('me', 0);
    const rows = [row(1, 'me', 'incidents', ['x']), row(2, 'other', 'handled', ['m1'])];
    const [own, theirs] = t.runs(rows);
    expect(own).toEqual({ kind: 'incidents', ids: [], throughSeq: 1 });
    t.passed(own?.throughSeq ?? 0);
    t.passed(theirs?.throughSeq ?? 0);
    t.passed(1);
    expect(t.last).toBe(2);
    // A notification and the safety poll read the same rows: the second read applies nothing.
    expect(t.runs(rows)).toEqual([]);
  });

  it('keeps a run that was not applied (a failed load): it comes again on the next read', () => {
    const t = new SeqTracker('me', 5);
    const rows = [row(6, 'other', 'mentions', ['a']), row(7, 'other', 'incidents', ['i'])];
    const [first] = t.runs(rows);
    t.passed(first?.throughSeq ?? 0);
    expect(t.runs(rows)).toEqual([{ kind: 'incidents', ids: ['i'], throughSeq: 7 }]);
  });
});
