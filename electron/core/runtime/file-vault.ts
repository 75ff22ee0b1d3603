import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { CredentialVault } from './credentials';
import { errorMessage } from '../../../shared/result';

/** A vault file that cannot be used as it is; the message tells the user what to do. */
export class VaultError extends Error {
  override readonly name = 'VaultError';
}

const FieldsSchema = z.record(z.string().max(64), z.string().max(4096));

/** The file-vault JSON file: plain values, protected by the file's 0600 mode. */
export const VaultFileSchema = z
  .object({ version: z.literal(1), sources: z.record(z.string().max(100), FieldsSchema) })
  .strict();
export type VaultFile = z.infer<typeof VaultFileSchema>;

/** Names the credential fields a source may have, so env-only values can be found by name. */
export type FieldsFor = (sourceId: string) => ReadonlyArray<string>;

/** The environment variable that overrides one field: `EARSHOT_<SOURCEID>_<FIELD>`, upper-cased, non-alphanumerics as `_`. */
export function credentialEnvKey(sourceId: string, field: string): string {
  const part = (s: string) => s.toUpperCase().replace(/[^A-Z0-9]/g, '_');
  return `EARSHOT_${part(sourceId)}_${part(field)}`;
}

/**
 * Reads a private JSON file: null when it does not exist. Refuses (VaultError) a file that group or others
 * may access, since its secrets may already have leaked, and one that is not valid JSON.
 */
export async function readPrivateJson(path: string): Promise<unknown> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new VaultError(`Cannot read the credentials file ${path}: ${(error as Error).message}`);
  }
  try {
    const { mode } = await handle.stat();
    if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
      const octal = (mode & 0o777).toString(8).padStart(3, '0');
      throw new VaultError(
        `Refusing to use the credentials file ${path}: its mode is ${octal}, so other users may read it. ` +
          `Run \`chmod 600 ${path}\` and rotate any secret in it that may have been exposed.`,
      );
    }
    const text = await handle.readFile('utf8');
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new VaultError(`The credentials file ${path} is not valid JSON${jsonErrorLocation(text, error)}.`);
    }
  } finally {
    await handle.close();
  }
}

/**
 * Where a JSON.parse failure is, as " (line L, column C)", or "" when the engine did not say. Only the position
 * is taken from the parser's message: the message itself quotes the input, and this input holds secrets.
 */
export function jsonErrorLocation(text: string, error: unknown): string {
  const message = errorMessage(error, '');
  const lineCol = /\(line (\d+) column (\d+)\)/.exec(message);
  if (lineCol) return ` (line ${lineCol[1]}, column ${lineCol[2]})`;
  const position = /at position (\d+)/.exec(message);
  if (!position) return '';
  const offset = Math.min(Number(position[1]), text.length);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return ` (line ${line}, column ${column})`;
}

/** Writes JSON atomically (temp file created 0600, fsync, rename), creating the folder (0700) if needed. */
export async function writePrivateJson(path: string, value: unknown): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(tmp, 'wx', 0o600);
  try {
    await handle.writeFile(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
    await handle.sync();
    await handle.close();
    await rename(tmp, path);
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(tmp).catch(() => undefined);
    throw error;
  }
}

/** Runs async tasks one at a time, in order: read-modify-write of one file never interleaves. */
export function serialQueue(): <T>(task: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return (task) => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
}

/** Merges new values into stored ones; an empty string removes the field. */
export function mergeFields(
  current: Readonly<Record<string, string>> | undefined,
  values: Readonly<Record<string, string>>,
): Record<string, string> {
  const next: Record<string, string> = { ...(current ?? {}) };
  for (const [field, value] of Object.entries(values)) {
    if (value === '') delete next[field];
    else next[field] = value;
  }
  return next;
}

async function readVaultFile(path: string): Promise<VaultFile> {
  const raw = await readPrivateJson(path);
  if (raw === null) return { version: 1, sources: {} };
  const parsed = VaultFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new VaultError(
      `The credentials file ${path} is malformed at ${issue?.path.join('.') || '(root)'}: ${issue?.message}`,
    );
  }
  return parsed.data;
}

/**
 * The headless hub's vault: a 0600 JSON file (refused when group/world-accessible), written atomically,
 * with environment overrides `EARSHOT_<SOURCEID>_<FIELD>` that win over the file. Env-only values are found
 * for the fields the file already holds plus those `fieldsFor(sourceId)` names.
 */
export function fileVault(path: string, env: NodeJS.ProcessEnv = process.env, fieldsFor?: FieldsFor): CredentialVault {
  const queue = serialQueue();
  return {
    async get(sourceId) {
      const stored = (await queue(() => readVaultFile(path))).sources[sourceId] ?? {};
      const values: Record<string, string> = { ...stored };
      for (const field of new Set([...Object.keys(stored), ...(fieldsFor?.(sourceId) ?? [])])) {
        const override = env[credentialEnvKey(sourceId, field)];
        if (override !== undefined && override !== '') values[field] = override;
      }
      return Object.keys(values).length > 0 ? values : null;
    },
    set: (sourceId, values) =>
      queue(async () => {
        const file = await readVaultFile(path);
        const sources = { ...file.sources, [sourceId]: mergeFields(file.sources[sourceId], values) };
        await writePrivateJson(path, { version: 1, sources } satisfies VaultFile);
      }),
  };
}
