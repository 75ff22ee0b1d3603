import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { runIncidents } from '../../electron/cli/commands/incidents';
import { ManualClock } from '../../electron/core/runtime/clock';
import { openSqliteStore } from '../../electron/core/store/sqlite/sqlite-store';
import { createTestCore } from '../helpers/core';
import { actor, incident, MINUTE, T0 } from '../unit/workflow/fixtures';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

function capture(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({ write: (chunk, _enc, done) => void (chunks.push(String(chunk)), done()) });
  return { stream, text: () => chunks.join('') };
}

/** A data dir with three incidents: one acknowledged by Ravi, one resolved as a false alarm, one new. */
async function dataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'earshot-cli-'));
  dirs.push(dir);
  const store = await openSqliteStore(join(dir, 'earshot.db'));
  const clock = new ManualClock(T0 + 3 * MINUTE);
  const core = createTestCore({ clock, store });
  await core.start();
  await store.saveIncident(incident('inc_a', { severity: 'P1', title: 'login failing' }));
  await store.saveIncident(incident('inc_b', { openedAt: T0 + MINUTE, title: 'card declines' }));
  await store.saveIncident(incident('inc_c', { severity: 'P3', openedAt: T0 + 2 * MINUTE, title: 'app slow' }));
  await core.api.dispatch('incident:acknowledge', { id: 'inc_a' }, actor('staff', 'Ravi'));
  await clock.advance(MINUTE);
  await core.api.dispatch('incident:resolve', { id: 'inc_b', falseAlarm: true }, actor('supervisor', 'Dana'));
  await core.stop();
  await store.close();
  return dir;
}

describe('earshot incidents', () => {
  it('lists stored incidents newest first with severity, state, owner, times and title', async () => {
    const dir = await dataDir();
    const out = capture();
    expect(await runIncidents(['--data-dir', dir], { stdout: out.stream })).toBe(0);
    expect(out.text().split('\n')).toEqual([
      'ID     SEV  STATE         OWNER  OPENED            ACKNOWLEDGED      RESOLVED          TITLE',
      'inc_c  P3   new           -      2026-01-05 09:02  -                 -                 app slow',
      'inc_b  P2   resolved      -      2026-01-05 09:01  -                 2026-01-05 09:04  card declines',
      'inc_a  P1   acknowledged  Ravi   2026-01-05 09:00  2026-01-05 09:03  -                 login failing',
      '',
    ]);
  });

  it('--open leaves out resolved incidents; --json prints ISO times for scripts', async () => {
    const dir = await dataDir();
    const out = capture();
    expect(await runIncidents(['--data-dir', dir, '--open', '--json'], { stdout: out.stream })).toBe(0);
    const rows = JSON.parse(out.text()) as Array<Record<string, unknown>>;
    expect(rows.map((r) => r.id)).toEqual(['inc_c', 'inc_a']);
    expect(rows[1]).toEqual({
      id: 'inc_a',
      severity: 'P1',
      state: 'acknowledged',
      owner: 'Ravi',
      openedAt: '2026-01-05T09:00:00.000Z',
      acknowledgedAt: '2026-01-05T09:03:00.000Z',
      resolvedAt: null,
      title: 'login failing',
      mergedInto: null,
      resolution: null,
    });
  });

  it('reads EARSHOT_DATA_DIR, and says so plainly when there is no database', async () => {
    const dir = await dataDir();
    const out = capture();
    expect(await runIncidents(['--open'], { stdout: out.stream, env: { EARSHOT_DATA_DIR: dir } })).toBe(0);
    expect(out.text()).toContain('inc_a');
    const err = capture();
    const empty = join(dir, 'nothing-here');
    expect(await runIncidents(['--data-dir', empty], { stderr: err.stream })).toBe(1);
    expect(err.text()).toBe(
      `earshot incidents: no hub database at ${join(empty, 'earshot.db')} (give --data-dir DIR)\n`,
    );
  });
});
