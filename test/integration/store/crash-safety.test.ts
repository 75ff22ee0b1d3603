import { describe, expect, it } from 'vitest';
import { mention, NEUTRAL_ENRICHMENT } from '../../helpers/mentions';
import { workflowRecord } from '../../helpers/workflow';
import { incident } from '../../unit/workflow/fixtures';
import { DIALECTS, storeHarness, type Dialect } from './harness';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

/** A trigger that fails every write to `table` inside the database itself, after the statements before it ran. */
function failingTrigger(dialect: Dialect, table: string): string {
  if (dialect === 'sqlite') {
    return `CREATE TRIGGER fail_${table} BEFORE INSERT ON ${table} BEGIN SELECT RAISE(ABORT, 'disk on fire'); END;`;
  }
  return `CREATE FUNCTION fail_write() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'disk on fire'; END $$;
          CREATE TRIGGER fail_${table} BEFORE INSERT ON ${table} FOR EACH ROW EXECUTE FUNCTION fail_write();`;
}

describe.each(DIALECTS)('the %s store after a failed write', (dialect) => {
  const h = storeHarness(dialect);

  it('rolls back mentions and cursor together when the batch fails before the database', async () => {
    const store = await h.open();
    const broken = { ...mention(2, T0), enrichment: { ...NEUTRAL_ENRICHMENT, sentiment: undefined } };
    await expect(store.commitBatch('src', [mention(1, T0), broken as never], 'c9')).rejects.toThrow();
    expect(await store.countMentions()).toBe(0);
    expect(await store.getCursor('src')).toBeNull();
  });

  it('leaves no mention behind when the cursor write fails inside the database, and works on after', async () => {
    const where = await h.location();
    const store = await h.open(where);
    await store.commitBatch('src', [mention(1, T0)], 'c1');
    await h.exec(where, failingTrigger(dialect, 'cursors'));
    await expect(store.commitBatch('src', [mention(2, T0), mention(3, T0)], 'c2')).rejects.toThrow(/disk on fire/);
    expect(await store.countMentions()).toBe(1);
    expect(await store.getCursor('src')).toBe('c1');
    await h.exec(where, 'DROP TRIGGER fail_cursors' + (dialect === 'postgres' ? ' ON cursors' : ''));
    const retried = await store.commitBatch('src', [mention(2, T0), mention(3, T0)], 'c2');
    expect(retried.inserted).toHaveLength(2);
    expect(await store.getCursor('src')).toBe('c2');
  });

  it('saves an incident and its workflow together or not at all', async () => {
    const where = await h.location();
    const store = await h.open(where);
    await h.exec(where, failingTrigger(dialect, 'incident_workflow'));
    await expect(store.saveIncident(incident('inc-1'), workflowRecord())).rejects.toThrow(/disk on fire/);
    expect(await store.getIncident('inc-1')).toBeNull();
    await expect(store.saveWorkflows([{ incidentId: 'inc-1', workflow: workflowRecord() }])).rejects.toThrow(
      /disk on fire/,
    );
    expect(await store.getWorkflow('inc-1')).toBeNull();
  });

  it('keeps every mention exactly once when two hubs commit the same posts at the same time', async () => {
    const where = await h.location();
    const [a, b] = [await h.open(where), await h.open(where)];
    const posts = Array.from({ length: 300 }, (_, n) => mention(n, T0 + n));
    const [fromA, fromB] = await Promise.all([
      a.commitBatch('src', posts, 'a'),
      b.commitBatch('src', [...posts].reverse(), 'b'),
    ]);
    const ids = [...fromA.inserted, ...fromB.inserted].map((m) => m.id);
    expect(new Set(ids).size).toBe(300);
    expect(ids).toHaveLength(300);
    expect(fromA.duplicates + fromB.duplicates).toBe(300);
    expect(await a.countMentions()).toBe(300);
  });
});

describe('the postgres store when its connection dies mid-transaction', () => {
  const h = storeHarness('postgres');

  it('leaves nothing half-written, and the pool serves the next batch on a fresh connection', async () => {
    const where = await h.location();
    const store = await h.open(where);
    await store.commitBatch('src', [mention(1, T0)], 'c1');
    // The server ends the session that writes the cursor: the batch's mentions were already inserted in it.
    await h.exec(
      where,
      `CREATE FUNCTION die() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN PERFORM pg_terminate_backend(pg_backend_pid()); RETURN NEW; END $$;
       CREATE TRIGGER die BEFORE INSERT OR UPDATE ON cursors FOR EACH ROW EXECUTE FUNCTION die();`,
    );
    await expect(store.commitBatch('src', [mention(2, T0), mention(3, T0)], 'c2')).rejects.toThrow();
    await h.exec(where, 'DROP TRIGGER die ON cursors');
    expect(await store.countMentions()).toBe(1);
    expect(await store.getCursor('src')).toBe('c1');
    const retried = await store.commitBatch('src', [mention(2, T0), mention(3, T0)], 'c2');
    expect(retried.inserted.map((m) => m.id)).toEqual(['src:ext-2', 'src:ext-3']);
    expect(await store.getCursor('src')).toBe('c2');
  });
});
