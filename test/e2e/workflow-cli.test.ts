import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../electron/core/store/sqlite/sqlite-store';
import { newWorkflow } from '../../electron/core/workflow/record';
import { DEFAULT_SLA } from '../../electron/core/workflow/sla';
import { incident, T0 } from '../unit/workflow/fixtures';

/** The built `earshot incidents` as an operator runs it, over a database a hub left behind. */

const run = promisify(execFile);
const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

describe('earshot incidents (built)', () => {
  it('lists the stored incidents with their workflow, and only the open ones with --open', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'earshot-incidents-e2e-'));
    dirs.push(dir);
    const store = await openSqliteStore(join(dir, 'earshot.db'));
    const owned = { ...newWorkflow(incident('inc_a'), DEFAULT_SLA), state: 'acknowledged' as const, owner: 'Dana' };
    await store.saveIncident(incident('inc_a', { title: 'login failing' }), { ...owned, acknowledgedAt: T0 + 60_000 });
    const done = {
      ...newWorkflow(incident('inc_b'), DEFAULT_SLA),
      state: 'resolved' as const,
      resolvedAt: T0 + 120_000,
    };
    await store.saveIncident(incident('inc_b', { openedAt: T0 + 30_000, title: 'card declines' }), done);
    await store.close();
    const env = { ...process.env, EARSHOT_LOG_LEVEL: 'warn' };
    const all = await run(process.execPath, ['bin/earshot.mjs', 'incidents', '--data-dir', dir], { env });
    expect(all.stdout.split('\n').slice(1, 3)).toEqual([
      'inc_b  P2   resolved      -      2026-01-05 09:00  -                 2026-01-05 09:02  card declines',
      'inc_a  P2   acknowledged  Dana   2026-01-05 09:00  2026-01-05 09:01  -                 login failing',
    ]);
    const open = await run(process.execPath, ['bin/earshot.mjs', 'incidents', '--data-dir', dir, '--open', '--json'], {
      env,
    });
    expect((JSON.parse(open.stdout) as Array<{ id: string; owner: string }>).map((r) => [r.id, r.owner])).toEqual([
      ['inc_a', 'Dana'],
    ]);
    const help = await run(process.execPath, ['bin/earshot.mjs', '--help'], { env });
    expect(help.stdout).toContain('incidents   list stored incidents');
  });
});
