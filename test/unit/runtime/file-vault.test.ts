import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Connector } from '../../../electron/core/connectors/connector';
import { ManualClock } from '../../../electron/core/runtime/clock';
import type { CredentialVault } from '../../../electron/core/runtime/credentials';
import { credentialEnvKey, fileVault, VaultError } from '../../../electron/core/runtime/file-vault';
import { createLogger } from '../../../electron/core/runtime/logger';
import { createSourceRunner } from '../../../electron/core/runtime/poller';

/** A connector that reads its credentials on every poll, as the real ones do. */
function vaultReader(vault: CredentialVault): Connector {
  return {
    id: 'x-main',
    kind: 'x',
    label: 'X',
    pollIntervalMs: 60_000,
    async poll() {
      await vault.get('x-main');
      return { kind: 'ok', items: [], rejected: [], cursor: null };
    },
  };
}

const posix = process.platform !== 'win32';

describe('fileVault', () => {
  let dir: string;
  let file: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'earshot-vault-'));
    file = join(dir, 'nested', 'credentials.json');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('returns null before anything is stored, and creates no file for a read', async () => {
    const vault = fileVault(file, {});
    expect(await vault.get('x-main')).toBeNull();
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('stores values in a 0600 JSON file and reads them back, merging later sets', async () => {
    const vault = fileVault(file, {});
    await vault.set('x-main', { bearerToken: 'tok-1' });
    await vault.set('x-main', { apiKey: 'key-1' });
    await vault.set('reddit', { clientId: 'id' });
    expect(await vault.get('x-main')).toEqual({ bearerToken: 'tok-1', apiKey: 'key-1' });
    expect(await fileVault(file, {}).get('reddit')).toEqual({ clientId: 'id' });
    const onDisk = JSON.parse(await readFile(file, 'utf8'));
    expect(onDisk).toEqual({
      version: 1,
      sources: { 'x-main': { bearerToken: 'tok-1', apiKey: 'key-1' }, reddit: { clientId: 'id' } },
    });
    if (posix) expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('removes a field set to the empty string', async () => {
    const vault = fileVault(file, {});
    await vault.set('x-main', { bearerToken: 'tok', apiKey: 'k' });
    await vault.set('x-main', { apiKey: '' });
    expect(await vault.get('x-main')).toEqual({ bearerToken: 'tok' });
  });

  it('writes atomically: no temp files are left and concurrent sets all land', async () => {
    const vault = fileVault(file, {});
    await Promise.all(Array.from({ length: 20 }, (_, i) => vault.set(`s${i}`, { token: `v${i}` })));
    for (let i = 0; i < 20; i++) expect(await vault.get(`s${i}`)).toEqual({ token: `v${i}` });
    expect(await readdir(join(dir, 'nested'))).toEqual(['credentials.json']);
  });

  it.runIf(posix)('refuses a group- or world-readable file with an actionable message', async () => {
    await fileVault(file, {}).set('x-main', { bearerToken: 'tok' });
    await chmod(file, 0o644);
    const error = await fileVault(file, {})
      .get('x-main')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VaultError);
    expect((error as Error).message).toContain('644');
    expect((error as Error).message).toContain(`chmod 600 ${file}`);
    await expect(fileVault(file, {}).set('x-main', { bearerToken: 'new' })).rejects.toBeInstanceOf(VaultError);
    await chmod(file, 0o640);
    await expect(fileVault(file, {}).get('x-main')).rejects.toThrow(/other users may read it/);
  });

  it('rejects a malformed file with a readable error', async () => {
    await fileVault(file, {}).set('a', { k: 'v' });
    await writeFile(file, '{"version":1,"sources":{"a":{"k":5}}}', { mode: 0o600 });
    await expect(fileVault(file, {}).get('a')).rejects.toThrow(/malformed at sources\.a\.k/);
    await writeFile(file, 'not json', { mode: 0o600 });
    await expect(fileVault(file, {}).get('a')).rejects.toThrow(/not valid JSON/);
  });

  it('never quotes a broken file: the error and the logs hold no piece of the secret in it', async () => {
    const secret = 'Zq9vW3tLm8KpR2xYb7';
    const broken = [
      `{"version":1,"sources":{"x-main":{"bearerToken":"${secret}" "apiKey":"k"}}}`,
      `{"version":1,"sources":{"x-main":{"bearerToken":"${secret}`,
      `${secret}"}`,
      `{"version":1,\n "sources":{"x-main":{"bearerToken":'${secret}'}}}`,
    ];
    const pieces = Array.from({ length: secret.length - 3 }, (_, i) => secret.slice(i, i + 4));
    await mkdir(dirname(file), { recursive: true });
    for (const text of broken) {
      await writeFile(file, text, { mode: 0o600 });
      const lines: string[] = [];
      const logger = createLogger('debug', { write: (line: string) => void lines.push(line) });
      const vault = fileVault(file, {});
      const runner = createSourceRunner({
        connector: vaultReader(vault),
        clock: new ManualClock(),
        logger,
        loadCursor: async () => null,
        commit: async () => undefined,
        onHealth: (h) => lines.push(JSON.stringify(h)),
      });
      const error = (await vault.get('x-main').catch((e: unknown) => e)) as Error;
      expect(error).toBeInstanceOf(VaultError);
      expect(error.message).toMatch(/credentials\.json is not valid JSON( \(line \d+, column \d+\))?\.$/);
      await runner.pollOnce();
      const seen = [error.message, String(error.stack), ...lines].join('\n');
      expect(lines.length).toBeGreaterThan(0);
      for (const piece of pieces) expect(seen).not.toContain(piece);
    }
  });

  it('says where a broken file breaks', async () => {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, '{\n  "version": 1,\n  "sources": {"a": {"k": "v"} x\n}', { mode: 0o600 });
    await expect(fileVault(file, {}).get('a')).rejects.toThrow(/not valid JSON \(line 3, column 31\)\.$/);
  });

  it('lets EARSHOT_<SOURCEID>_<FIELD> environment variables override stored fields', async () => {
    expect(credentialEnvKey('x-main', 'bearerToken')).toBe('EARSHOT_X_MAIN_BEARERTOKEN');
    expect(credentialEnvKey('app.store/1', 'api-key')).toBe('EARSHOT_APP_STORE_1_API_KEY');
    await fileVault(file, {}).set('x-main', { bearerToken: 'from-file', apiKey: 'file-key' });
    const env = { EARSHOT_X_MAIN_BEARERTOKEN: 'from-env', EARSHOT_X_MAIN_APIKEY: '' };
    expect(await fileVault(file, env).get('x-main')).toEqual({ bearerToken: 'from-env', apiKey: 'file-key' });
  });

  it('finds env-only values for the fields a source declares', async () => {
    const env = { EARSHOT_REDDIT_CLIENTSECRET: 's3cret' };
    expect(await fileVault(file, env).get('reddit')).toBeNull();
    const fields = (id: string) => (id === 'reddit' ? ['clientId', 'clientSecret'] : []);
    expect(await fileVault(file, env, fields).get('reddit')).toEqual({ clientSecret: 's3cret' });
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
