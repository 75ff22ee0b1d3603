import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmod, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VaultError } from '../../../electron/core/runtime/file-vault';
import { encryptionProblem, safeStorageVault, type SafeStorageLike } from '../../../electron/main/safe-storage-vault';

/**
 * A stand-in for Electron's safeStorage (which exists only inside Electron): real AES-256-GCM under a key held
 * in memory, the way safeStorage uses a key from the OS keychain. A different key cannot decrypt.
 */
function aesSafeStorage(options: { backend?: string; available?: boolean; key?: Buffer } = {}): SafeStorageLike {
  const key = options.key ?? randomBytes(32);
  return {
    isEncryptionAvailable: () => options.available ?? true,
    ...(options.backend ? { getSelectedStorageBackend: () => options.backend ?? 'unknown' } : {}),
    encryptString(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from('v10'), iv, cipher.getAuthTag(), body]);
    },
    decryptString(data) {
      if (data.subarray(0, 3).toString() !== 'v10') throw new Error('not encrypted by safeStorage');
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(3, 15));
      decipher.setAuthTag(data.subarray(15, 31));
      return Buffer.concat([decipher.update(data.subarray(31)), decipher.final()]).toString('utf8');
    },
  };
}

describe('safeStorageVault', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'earshot-safe-'));
    file = join(dir, 'credentials.json');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps values encrypted at rest (base64 in a 0600 file) and reads them back', async () => {
    const key = randomBytes(32);
    const vault = safeStorageVault(file, aesSafeStorage({ key, backend: 'gnome_libsecret' }));
    await vault.set('x-main', { bearerToken: 'AAAA-secret-token' });
    await vault.set('x-main', { apiKey: 'k-123' });
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain('AAAA-secret-token');
    expect(text).not.toContain('k-123');
    const onDisk = JSON.parse(text);
    expect(onDisk.encoding).toBe('safeStorage+base64');
    expect(Buffer.from(onDisk.sources['x-main'].bearerToken, 'base64').subarray(0, 3).toString()).toBe('v10');
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
    const reopened = safeStorageVault(file, aesSafeStorage({ key }));
    expect(await reopened.get('x-main')).toEqual({ bearerToken: 'AAAA-secret-token', apiKey: 'k-123' });
    expect(await reopened.get('reddit')).toBeNull();
  });

  it('refuses to store on Linux without a keyring (basic_text), saying what to do', async () => {
    const vault = safeStorageVault(file, aesSafeStorage({ backend: 'basic_text' }));
    const error = await vault.set('x-main', { bearerToken: 't' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VaultError);
    expect((error as Error).message).toMatch(/no OS keyring/);
    expect((error as Error).message).toMatch(/--password-store=gnome-libsecret/);
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses to store when OS encryption is unavailable', async () => {
    const vault = safeStorageVault(file, aesSafeStorage({ available: false }));
    await expect(vault.set('x-main', { bearerToken: 't' })).rejects.toThrow(/OS encryption is unavailable/);
    expect(encryptionProblem(aesSafeStorage({ backend: 'kwallet5' }))).toBeNull();
    expect(encryptionProblem(aesSafeStorage())).toBeNull();
  });

  it('reads values it cannot decrypt (keyring reset) as missing and reports them, without throwing', async () => {
    await safeStorageVault(file, aesSafeStorage()).set('x-main', { bearerToken: 't', apiKey: 'k' });
    const problems: string[] = [];
    const vault = safeStorageVault(file, aesSafeStorage(), { onProblem: (m) => problems.push(m) });
    expect(await vault.get('x-main')).toBeNull();
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(
      /Cannot decrypt the stored "bearerToken" of source "x-main".*Enter the credentials again/,
    );
  });

  it('removes a field set to the empty string', async () => {
    const vault = safeStorageVault(file, aesSafeStorage());
    await vault.set('x-main', { bearerToken: 't', apiKey: 'k' });
    await vault.set('x-main', { apiKey: '' });
    expect(await vault.get('x-main')).toEqual({ bearerToken: 't' });
  });

  it.runIf(process.platform !== 'win32')('refuses a credentials file others may read', async () => {
    const storage = aesSafeStorage();
    await safeStorageVault(file, storage).set('x-main', { bearerToken: 't' });
    await chmod(file, 0o604);
    await expect(safeStorageVault(file, storage).get('x-main')).rejects.toThrow(/chmod 600/);
  });
});
