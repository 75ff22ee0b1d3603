import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The file in the data dir that holds the hub's access token. */
export const ACCESS_TOKEN_FILE = 'access-token';

/** 32 random bytes, base64url: 43 characters. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43,256}$/;

/** The access token is unreadable or malformed; the message never quotes the file's content. */
export class AccessTokenError extends Error {
  override readonly name = 'AccessTokenError';
}

/** A fresh access token: 32 bytes from the OS CSPRNG, base64url. */
export const newAccessToken = (): string => randomBytes(32).toString('base64url');

/**
 * The hub's access token, kept in `DATA_DIR/access-token` (0600, folder 0700) and reused across restarts;
 * created on first use. Delete the file to rotate it (every wall session ends with it).
 */
export async function loadOrCreateAccessToken(dataDir: string): Promise<string> {
  const path = join(dataDir, ACCESS_TOKEN_FILE);
  const existing = await readToken(path);
  if (existing !== null) return existing;
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const token = newAccessToken();
  try {
    const handle = await open(path, 'wx', 0o600);
    try {
      await handle.writeFile(`${token}\n`, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    return token;
  } catch (error) {
    // Another hub on the same data dir created it first: use theirs.
    const theirs = (error as NodeJS.ErrnoException).code === 'EEXIST' ? await readToken(path) : null;
    if (theirs !== null) return theirs;
    throw new AccessTokenError(`Cannot create the access token file ${path}: ${(error as Error).message}`);
  }
}

async function readToken(path: string): Promise<string | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new AccessTokenError(`Cannot read the access token file ${path}: ${(error as Error).message}`);
  }
  const token = text.trim();
  if (!TOKEN_SHAPE.test(token)) {
    throw new AccessTokenError(
      `The access token file ${path} does not hold a token (43-256 characters A-Z a-z 0-9 _ -). ` +
        'Delete it and restart to get a new one.',
    );
  }
  await chmod(path, 0o600);
  return token;
}
