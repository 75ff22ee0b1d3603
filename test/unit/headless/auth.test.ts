import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AccessTokenError, loadOrCreateAccessToken } from '../../../electron/headless/access-token';
import { readCookies } from '../../../electron/headless/auth';
import { issueSession, SESSION_MAX_AGE_MS, tokenMatches, verifySession } from '../../../electron/headless/session';

const TOKEN = 'A'.repeat(43);
const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});
const tempDir = async (): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), 'earshot-token-'));
  dirs.push(dir);
  return dir;
};

describe('access token', () => {
  it('is created once (32 random bytes, base64url, file 0600 in a 0700 folder) and reused across restarts', async () => {
    const dataDir = join(await tempDir(), 'data');
    const first = await loadOrCreateAccessToken(dataDir);
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await stat(join(dataDir, 'access-token'))).mode & 0o777).toBe(0o600);
    expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
    expect(await loadOrCreateAccessToken(dataDir)).toBe(first);
    expect(await loadOrCreateAccessToken(join(await tempDir(), 'other'))).not.toBe(first);
  });

  it('refuses a malformed token file without quoting it, and tightens a readable one to 0600', async () => {
    const dataDir = await tempDir();
    await writeFile(join(dataDir, 'access-token'), 'hunter2-secret\n', { mode: 0o644 });
    const failure = await loadOrCreateAccessToken(dataDir).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AccessTokenError);
    expect((failure as Error).message).not.toContain('hunter2');
    await writeFile(join(dataDir, 'access-token'), `${TOKEN}\n`, { mode: 0o644 });
    expect(await loadOrCreateAccessToken(dataDir)).toBe(TOKEN);
    expect((await stat(join(dataDir, 'access-token'))).mode & 0o777).toBe(0o600);
  });
});

describe('sessions', () => {
  const now = Date.UTC(2026, 11, 1, 8);

  it('a session is valid only for the token that issued it, unaltered, and for SESSION_MAX_AGE_MS', () => {
    const session = issueSession(TOKEN, now);
    expect(verifySession(TOKEN, session, now)).toBe(true);
    expect(verifySession(TOKEN, session, now + SESSION_MAX_AGE_MS - 1)).toBe(true);
    expect(verifySession(TOKEN, session, now + SESSION_MAX_AGE_MS + 1)).toBe(false);
    expect(verifySession('B'.repeat(43), session, now)).toBe(false);
    const [v, issued, nonce, mac] = session.split('.');
    expect(verifySession(TOKEN, [v, issued, `${nonce}x`, mac].join('.'), now)).toBe(false);
    expect(verifySession(TOKEN, [v, (now + 5).toString(36), nonce, mac].join('.'), now)).toBe(false);
    expect(verifySession(TOKEN, `${session}.extra`, now)).toBe(false);
    expect(verifySession(TOKEN, '', now)).toBe(false);
    expect(issueSession(TOKEN, now)).not.toBe(session);
  });

  it('compares tokens whatever their length', () => {
    expect(tokenMatches(TOKEN, TOKEN)).toBe(true);
    expect(tokenMatches(TOKEN, `${TOKEN}A`)).toBe(false);
    expect(tokenMatches(TOKEN, '')).toBe(false);
  });

  it('reads a cookie among others, each value of a repeated name', () => {
    expect(readCookies('a=1; earshot_session_4870=x.y; earshot_session_4870=z', 'earshot_session_4870')).toEqual([
      'x.y',
      'z',
    ]);
    expect(readCookies('earshot_session_48700=q', 'earshot_session_4870')).toEqual([]);
    expect(readCookies(undefined, 'earshot_session_4870')).toEqual([]);
  });
});
