import { chmod, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../../electron/core/store/sqlite/sqlite-store';
import { mention } from '../../helpers/mentions';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

const mode = async (path: string): Promise<number> => (await stat(path)).mode & 0o777;

describe('SQLite store files', () => {
  it('creates the data folder 0700 and the database, -wal and -shm 0600', async () => {
    const root = await mkdtemp(join(tmpdir(), 'earshot-modes-'));
    dirs.push(root);
    const dataDir = join(root, 'data');
    const file = join(dataDir, 'earshot.db');
    const store = await openSqliteStore(file);
    await store.commitBatch('hook', [mention(1, Date.UTC(2026, 0, 5))], null);
    expect(await mode(dataDir)).toBe(0o700);
    expect(await mode(file)).toBe(0o600);
    expect(await mode(`${file}-wal`)).toBe(0o600);
    expect(await mode(`${file}-shm`)).toBe(0o600);
    await store.close();
  });

  it('tightens a database (and its sidecars) an older hub left readable', async () => {
    const root = await mkdtemp(join(tmpdir(), 'earshot-modes-'));
    dirs.push(root);
    const file = join(root, 'earshot.db');
    const first = await openSqliteStore(file);
    await first.close();
    await chmod(file, 0o644);
    await writeFile(`${file}-wal`, '', { mode: 0o644 });
    const store = await openSqliteStore(file);
    expect(await mode(file)).toBe(0o600);
    expect(await mode(`${file}-wal`)).toBe(0o600);
    await store.close();
  });
});
