import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A wall session lasts this long after the token link was opened; then the link must be opened again. */
export const SESSION_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;

const VERSION = 'v1';

/**
 * True when `candidate` is the access token. Both sides are hashed first, so the comparison is constant-time
 * whatever the candidate's length.
 */
export function tokenMatches(token: string, candidate: string): boolean {
  const a = createHash('sha256').update(token, 'utf8').digest();
  const b = createHash('sha256').update(candidate, 'utf8').digest();
  return timingSafeEqual(a, b);
}

const mac = (token: string, issuedAt: string, nonce: string): Buffer =>
  createHmac('sha256', token).update(`earshot-session:${VERSION}.${issuedAt}.${nonce}`).digest();

/**
 * A new session value: `v1.<issued-at>.<nonce>.<HMAC(token)>`. Sessions are derived from the access token and hold
 * no state in the hub, so a wall keeps its session across hub restarts, and replacing the token ends every session.
 */
export function issueSession(token: string, now: number): string {
  const issuedAt = Math.floor(now).toString(36);
  const nonce = randomBytes(16).toString('base64url');
  return `${VERSION}.${issuedAt}.${nonce}.${mac(token, issuedAt, nonce).toString('base64url')}`;
}

/** True when `value` is a session this token issued less than SESSION_MAX_AGE_MS ago. */
export function verifySession(token: string, value: string, now: number): boolean {
  const [version, issuedAt, nonce, signature, ...rest] = value.split('.');
  if (version !== VERSION || !issuedAt || !nonce || !signature || rest.length > 0) return false;
  const issued = parseInt(issuedAt, 36);
  if (!Number.isSafeInteger(issued) || issued > now + 60_000 || now - issued > SESSION_MAX_AGE_MS) return false;
  const expected = mac(token, issuedAt, nonce);
  const given = Buffer.from(signature, 'base64url');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
