import { z } from 'zod';
import { type CredentialVault, mergeFields, readPrivateJson, serialQueue, VaultError, writePrivateJson } from '../core';

/** The part of Electron's `safeStorage` the vault uses; injected so the logic is testable outside Electron. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: which secret store backs the encryption key ("basic_text" means none). */
  getSelectedStorageBackend?(): string;
}

/** On disk: each value encrypted with safeStorage, base64-encoded, in a 0600 JSON file. */
export const SafeVaultFileSchema = z
  .object({
    version: z.literal(1),
    encoding: z.literal('safeStorage+base64'),
    sources: z.record(z.string().max(100), z.record(z.string().max(64), z.string().max(16_384))),
  })
  .strict();
export type SafeVaultFile = z.infer<typeof SafeVaultFileSchema>;

const NO_KEYRING =
  'Earshot will not store credentials: no OS keyring is available, so Electron would encrypt them with a ' +
  'hard-coded key. Install and unlock a Secret Service keyring (GNOME Keyring or KWallet) and restart Earshot ' +
  '(or start it with --password-store=gnome-libsecret or --password-store=kwallet5), or run the headless hub ' +
  '(`earshot serve`) with EARSHOT_<SOURCE>_<FIELD> environment variables.';

const UNAVAILABLE =
  'Earshot will not store credentials: OS encryption is unavailable (no keychain, DPAPI or keyring could be ' +
  'reached). Unlock your OS keychain/keyring and restart Earshot, or run the headless hub with environment variables.';

/** Why safeStorage must not be used to store secrets right now, or null when it may. */
export function encryptionProblem(safeStorage: SafeStorageLike): string | null {
  if (safeStorage.getSelectedStorageBackend?.() === 'basic_text') return NO_KEYRING;
  if (!safeStorage.isEncryptionAvailable()) return UNAVAILABLE;
  return null;
}

async function readFile(path: string): Promise<SafeVaultFile> {
  const raw = await readPrivateJson(path);
  if (raw === null) return { version: 1, encoding: 'safeStorage+base64', sources: {} };
  const parsed = SafeVaultFileSchema.safeParse(raw);
  if (!parsed.success) {
    const where = parsed.error.issues[0]?.path.join('.') || '(root)';
    throw new VaultError(`The credentials file ${path} is malformed at ${where}.`);
  }
  return parsed.data;
}

function decrypt(safeStorage: SafeStorageLike, value: string): string | null {
  try {
    return safeStorage.decryptString(Buffer.from(value, 'base64'));
  } catch {
    return null;
  }
}

/** Decrypts what it can; reports (never throws) fields it cannot, so the hub still boots and asks again. */
function decryptAll(
  safeStorage: SafeStorageLike,
  sourceId: string,
  stored: Readonly<Record<string, string>>,
  onProblem: (message: string) => void,
): Record<string, string> | null {
  if (!safeStorage.isEncryptionAvailable()) {
    onProblem(`Cannot read the stored credentials of "${sourceId}": ${UNAVAILABLE}`);
    return null;
  }
  const values: Record<string, string> = {};
  for (const [field, value] of Object.entries(stored)) {
    const plain = decrypt(safeStorage, value);
    if (plain === null) {
      onProblem(
        `Cannot decrypt the stored "${field}" of source "${sourceId}" (the OS keyring may have been reset). ` +
          'Enter the credentials again in Settings.',
      );
    } else values[field] = plain;
  }
  return Object.keys(values).length > 0 ? values : null;
}

/** Options of the safeStorage vault. */
export interface SafeStorageVaultOptions {
  /** Told about stored values that cannot be decrypted (they read as missing). */
  readonly onProblem?: (message: string) => void;
}

/**
 * The desktop app's vault: values encrypted with Electron `safeStorage` (keychain, DPAPI, Secret Service) and
 * kept base64-encoded in a 0600 JSON file. Refuses to store anything when the only "encryption" available is
 * Linux's basic_text fallback, or none, with a message saying what to do. Values it cannot decrypt read as
 * missing (reported through `onProblem`), so a reset keyring asks for credentials again instead of failing boot.
 */
export function safeStorageVault(
  path: string,
  safeStorage: SafeStorageLike,
  options: SafeStorageVaultOptions = {},
): CredentialVault {
  const queue = serialQueue();
  const onProblem = options.onProblem ?? (() => undefined);
  return {
    async get(sourceId) {
      const stored = (await queue(() => readFile(path))).sources[sourceId];
      if (!stored || Object.keys(stored).length === 0) return null;
      return decryptAll(safeStorage, sourceId, stored, onProblem);
    },
    set: (sourceId, values) =>
      queue(async () => {
        const problem = encryptionProblem(safeStorage);
        if (problem) throw new VaultError(problem);
        const file = await readFile(path);
        const encrypted = Object.fromEntries(
          Object.entries(values).map(([field, value]) => [
            field,
            value === '' ? '' : safeStorage.encryptString(value).toString('base64'),
          ]),
        );
        const sources = { ...file.sources, [sourceId]: mergeFields(file.sources[sourceId], encrypted) };
        await writePrivateJson(path, { ...file, sources } satisfies SafeVaultFile);
      }),
  };
}
