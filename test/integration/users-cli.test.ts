import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { runUsers } from '../../electron/cli/commands/users';
import { createUserDirectory } from '../../electron/core/users';
import { openSqliteStore } from '../../electron/core/store/sqlite/sqlite-store';
import { openPostgresStore } from '../../electron/core/store/postgres/postgres-store';
import { startTestPostgres } from '../helpers/postgres';

function capture(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({ write: (chunk, _enc, done) => void (chunks.push(String(chunk)), done()) });
  return { stream, text: () => chunks.join('') };
}

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

describe('earshot users', () => {
  it('adds a user with a password from stdin, lists, issues a token shown once, revokes it, and refuses bad input', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'earshot-users-'));
    dirs.push(dir);
    const run = async (args: string[], stdin = '') => {
      const out = capture();
      const err = capture();
      const code = await runUsers([...args, '--data-dir', dir], {
        stdout: out.stream,
        stderr: err.stream,
        stdin: Readable.from([stdin]),
      });
      return { code, out: out.text(), err: err.text() };
    };
    const added = await run(['add', 'Sam', '--role', 'supervisor', '--password-stdin'], 'a long enough password\n');
    expect(added).toMatchObject({ code: 0, out: 'Added sam (supervisor).\n' });
    expect((await run(['list'])).out).toMatch(/^sam\s+supervisor\s+active/);
    const token = await run(['token', 'sam', '--label', 'wall TV']);
    const [line, secret] = token.out.trim().split('\n');
    expect(line).toMatch(/^Token [0-9a-f-]{36} for sam/);
    expect(secret).toMatch(/^eat_[\w-]{43}$/);
    const creds = await run(['credentials', 'sam']);
    expect(creds.out).toContain('wall TV');
    expect(creds.out).not.toContain(secret);
    const id = line?.split(' ')[1] ?? '';
    expect((await run(['revoke', id])).out).toBe(`Revoked ${id}.\n`);
    expect(await run(['add', 'kim', '--role', 'boss'])).toMatchObject({ code: 1 });
    expect(await run(['add', 'kim', '--role', 'staff', '--password-stdin'], 'short\n')).toMatchObject({ code: 1 });
    expect(await run(['frobnicate', 'x'])).toMatchObject({ code: 2 });
    const store = await openSqliteStore(join(dir, 'earshot.db'));
    try {
      const users = createUserDirectory({ store });
      expect((await users.login('sam', 'a long enough password', '127.0.0.1', 'cli test')).ok).toBe(true);
      expect(await users.authenticate(secret ?? '')).toBeNull();
    } finally {
      await store.close();
    }
  });

  it('with DATABASE_URL manages the team hub’s people in PostgreSQL', async () => {
    const server = await startTestPostgres();
    try {
      const url = await server.createDatabase();
      const out = capture();
      const env = { DATABASE_URL: url };
      const args = ['add', 'ana', '--role', 'staff', '--password-stdin'];
      const stdin = Readable.from(['a long enough password\n']);
      expect(await runUsers(args, { stdout: out.stream, stdin, env })).toBe(0);
      const store = await openPostgresStore(url);
      try {
        expect((await store.getUserByName('ana'))?.role).toBe('staff');
      } finally {
        await store.close();
      }
    } finally {
      await server.stop();
    }
  }, 60_000);
});
